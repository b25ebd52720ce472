/** The esbuild bundles the desktop app runs from (scripts/build-electron.mjs). */
import { builtinModules } from 'node:module';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildElectron } from '../../scripts/build-electron.mjs';
import { WorkerPool } from '../../main/workers/pool.ts';
import { classroomCopies } from '../solver/microgrid/classroomAdmm.ts';
import type { MgBargainingData } from '../../solver/jobs/kinds/mgBargaining.ts';

describe('buildElectron', () => {
  it('bundles main, preload, worker and step worker, leaving only electron external', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ggs-electron-'));
    await buildElectron({ dir });
    const read = (f: string) => readFileSync(path.join(dir, f), 'utf8');
    const required = (code: string) => new Set([...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]!));
    for (const f of ['main.cjs', 'preload.cjs', 'worker.cjs', 'stepWorker.cjs']) expect(existsSync(path.join(dir, f)), f).toBe(true);
    // A sandboxed preload can require only `electron`: no Node built-ins may be left in it.
    expect(required(read('preload.cjs'))).toEqual(new Set(['electron']));
    // Main and worker may use Node built-ins, but no package outside the bundle.
    for (const f of ['main.cjs', 'worker.cjs', 'stepWorker.cjs']) {
      const packages = [...required(read(f))].filter((m) => !m.startsWith('node:') && m !== 'electron' && !builtinModules.includes(m));
      expect(packages, f).toEqual([]);
    }
    // The bundled worker really runs jobs, as the packaged app will.
    const pool = new WorkerPool({ entry: path.join(dir, 'worker.cjs'), size: 1, microgridStepThreads: 2 });
    try {
      const scenario = JSON.parse(readFileSync('assets/scenarios/ieee33.ggs.json', 'utf8'));
      const result = await pool.run({ kind: 'powerflow', scenario }).promise;
      expect(result.status).toBe('ok');
      // and a microgrid job's ADMM steps on the bundled step worker beside it
      const microgrids = classroomCopies(3);
      const bargained = await pool.run({ kind: 'mg-bargaining', scenario: microgrids }).promise;
      expect(bargained.status).toBe('ok');
      expect((bargained.data as MgBargainingData).admm!.stepThreads).toBe(2);
    } finally {
      await pool.close();
    }
  }, 60_000);
});
