/** Cross-check of the exported CPLEX-LP file against native GLPK (`glpsol`, Debian package glpk-utils). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LP_BACKENDS, loadLpBackend, type LpBackend, type LpBackendName } from '../../../solver/lp/backend.ts';
import { toCplexLp } from '../../../solver/lp/lpFormat.ts';
import { LpModel } from '../../../solver/lp/model.ts';
import { glpsol as GLPSOL, requireTool } from '../../support/nativeTool.ts';
import { randomFeasibleLp, relDiff, wyndor } from './fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'ggs-lp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const backends = {} as Record<LpBackendName, LpBackend>;
beforeAll(async () => {
  for (const name of LP_BACKENDS) backends[name] = await loadLpBackend(name);
});

/**
 * Solves an LP file with glpsol and reads its plain-text solution (`-w`), whose
 * `s bas rows cols pstat dstat obj` line carries the objective at full precision
 * (the `-o` report rounds it) and whose `i row stat primal dual` lines the row duals.
 */
function glpsol(text: string, name: string): { optimal: boolean; objective: number; rowDuals: number[] } {
  const lp = join(dir, `${name}.lp`), sol = join(dir, `${name}.sol`);
  writeFileSync(lp, text);
  execFileSync(GLPSOL.path!, ['--lp', lp, '-w', sol], { stdio: 'pipe' });
  const lines = readFileSync(sol, 'utf8').split('\n');
  const [, , , , pstat, dstat, objective] = lines.find((l) => l.startsWith('s bas'))!.split(' ');
  const rowDuals = lines.filter((l) => l.startsWith('i ')).map((l) => Number(l.split(' ')[4]));
  return { optimal: pstat === 'f' && dstat === 'f', objective: Number(objective), rowDuals };
}

/** A feasible, bounded model using every writer special case: ranged, free and empty rows, constant, free and fixed variables. */
function everyFeature(): LpModel {
  const m = new LpModel('every_feature');
  const a = m.addVar('a', { lb: -Infinity, ub: Infinity, cost: 1 });
  const b = m.addVar('b', { lb: -Infinity, ub: 4, cost: -2 });
  const c = m.addVar('c', { lb: 1.5, ub: 1.5, cost: 3 });
  m.addVar('unused', { lb: -1, ub: 1 });
  m.addRow('ranged', [[a, 1], [b, 1]], { lb: -3, ub: 2 });
  m.addRow('floor', [[a, 1], [b, -1]], { lb: -6 });
  m.addRow('free', [[a, 1], [c, 1]], {});
  m.addRow('empty', [], { ub: 1 });
  m.setObjective('min', 7.25);
  return m;
}

describe('exported LP solved by native glpsol', () => {
  beforeEach(requireTool(GLPSOL));
  const cases: [string, () => LpModel][] = [
    ['wyndor', wyndor],
    ['every_feature', everyFeature],
    ...[11, 12, 13, 14, 15].map((seed): [string, () => LpModel] => [`random_${seed}`, () => randomFeasibleLp({ n: 12, m: 10, max: seed % 2 === 0, seed })]),
  ];

  it.each(cases)('%s: glpsol, glpk.js and HiGHS give the same objective (1e-7 relative)', (name, build) => {
    const model = build();
    const native = glpsol(toCplexLp(model), name);
    expect(native.optimal).toBe(true);
    for (const backend of LP_BACKENDS) expect(relDiff(native.objective, backends[backend].solve(model).objective)).toBeLessThan(1e-7);
  });

  it('glpsol reports the hand-worked Wyndor shadow prices (0, 1.5, 1), as both backends do', () => {
    expect(glpsol(toCplexLp(wyndor()), 'wyndor_duals').rowDuals).toEqual([0, 1.5, 1]);
  });
});
