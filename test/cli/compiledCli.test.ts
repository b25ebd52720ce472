/**
 * The compiled CLI (scripts/build-cli.mjs): what the bundle is built from, and
 * when the launcher must rebuild it. Built into a scratch folder, so the
 * repository's dist-cli/ (which other tests run) is never touched.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, staleReason } from '../../scripts/build-cli.mjs';
import { repoRoot } from './support/ggs.ts';

const dir = mkdtempSync(join(tmpdir(), 'ggs-cli-build-'));
const manifestFile = join(dir, 'manifest.json');
const manifest = () => JSON.parse(readFileSync(manifestFile, 'utf8')) as { startedAt: number; inputs: string[]; outputs: string[] };
const rewrite = (change: (m: ReturnType<typeof manifest>) => void) => {
  const m = manifest();
  change(m);
  writeFileSync(manifestFile, JSON.stringify(m));
};

beforeAll(() => buildCli(dir), 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scripts/build-cli.mjs', () => {
  it('bundles the CLI and its worker, with every source and the lock file recorded', () => {
    const { inputs, outputs } = manifest();
    expect(outputs).toEqual(expect.arrayContaining(['ggs.mjs', 'worker.mjs', 'stepWorker.mjs', 'tsxBootstrap.mjs']));
    expect(inputs).toEqual(expect.arrayContaining(['main/cli/index.ts', 'main/workers/nodeWorker.ts', 'solver/scenario/schema.ts', 'scripts/build-cli.mjs', 'package-lock.json']));
    expect(staleReason(dir)).toBeNull();
  });

  it('needs no tsx at run time: only the bootstrap for TypeScript worker entries (test fixtures) imports it', () => {
    const importsTsx = readdirSync(dir).filter((f) => f.endsWith('.mjs') && /["']tsx(\/[^"']*)?["']/.test(readFileSync(join(dir, f), 'utf8')));
    expect(importsTsx).toEqual(['tsxBootstrap.mjs']);
  });

  it('leaves the WebAssembly solvers to be loaded lazily: the worker entry does not import them', () => {
    const worker = readFileSync(join(dir, 'worker.mjs'), 'utf8');
    expect(worker).not.toMatch(/from\s*"(glpk\.js\/node|highs)"/);
    const lazy = readdirSync(dir).filter((f) => f.endsWith('.mjs') && /from\s*"(glpk\.js\/node|highs)"/.test(readFileSync(join(dir, f), 'utf8')));
    expect(lazy.sort()).toEqual([expect.stringMatching(/^glpkBackend-/), expect.stringMatching(/^highsBackend-/)]);
  });

  it('is stale when a source was saved after the build started', () => {
    const source = 'solver/scenario/schema.ts';
    rewrite((m) => (m.startedAt = statSync(join(repoRoot, source)).mtimeMs - 1));
    expect(staleReason(dir)).toMatch(/ changed$/);
  });

  it('is stale when a source it was built from is gone, or an output is missing, or it was never built', () => {
    rewrite((m) => {
      m.startedAt = Date.now();
      m.inputs.push('solver/noSuchModule.ts');
    });
    expect(staleReason(dir)).toBe('solver/noSuchModule.ts was removed');
    rewrite((m) => (m.inputs = m.inputs.filter((i) => i !== 'solver/noSuchModule.ts')));
    expect(staleReason(dir)).toBeNull();
    rmSync(join(dir, 'worker.mjs'));
    expect(staleReason(dir)).toMatch(/worker\.mjs is missing$/);
    rmSync(manifestFile);
    expect(staleReason(dir)).toBe('not built yet');
  });
});
