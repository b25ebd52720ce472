/**
 * Integer variables in the LP layer (a MILP, HiGHS only): a knapsack whose
 * optimum is known by enumeration, the proven gap and node count reported,
 * the LP-file round trip with a General section, HiGHS's text reader agreeing
 * with the array path, and glpk refusing rather than dropping integrality.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLpBackend, type LpBackend } from '../../../solver/lp/backend.ts';
import { parseCplexLp, toCplexLp } from '../../../solver/lp/lpFormat.ts';
import { LpModel, type LpVar } from '../../../solver/lp/model.ts';

let highs: LpBackend, glpk: LpBackend;
beforeAll(async () => {
  highs = await loadLpBackend('highs');
  glpk = await loadLpBackend('glpk');
});

const values = [10, 13, 7, 8, 9, 4], weights = [5, 7, 4, 5, 6, 3], capacity = 14;

function knapsack(): { m: LpModel; z: LpVar[] } {
  const m = new LpModel('knapsack');
  const z = values.map((v, k) => m.addVar(`z${k}`, { lb: 0, ub: 1, cost: v, integer: true }));
  m.addRow('cap', z.map((v, k) => [v, weights[k]!] as const), { ub: capacity });
  m.setObjective('max');
  return { m, z };
}

function bestByEnumeration(): number {
  let best = 0;
  for (let mask = 0; mask < 1 << values.length; mask++) {
    let w = 0, v = 0;
    for (let k = 0; k < values.length; k++) if (mask & (1 << k)) (w += weights[k]!), (v += values[k]!);
    if (w <= capacity) best = Math.max(best, v);
  }
  return best;
}

describe('MILP through the LP layer', () => {
  it('HiGHS finds the enumerated knapsack optimum and reports a proven bound; the LP relaxation is higher', () => {
    const { m, z } = knapsack();
    const s = highs.solve(m, { mipRelGap: 0 });
    expect(s.status).toBe('optimal');
    expect(s.objective).toBeCloseTo(bestByEnumeration(), 9);
    for (const v of z) expect(Math.abs(s.x[v]! - Math.round(s.x[v]!))).toBeLessThan(1e-9);
    expect(s.mip!.dualBound).toBeCloseTo(s.objective, 6);
    expect(s.mip!.gap).toBeLessThan(1e-9);
    expect(Number.isNaN(s.rowDuals[0]!)).toBe(true);
    const relaxed = new LpModel('relaxed');
    values.forEach((v, k) => relaxed.addVar(`z${k}`, { lb: 0, ub: 1, cost: v }));
    relaxed.addRow('cap', values.map((_, k) => [k as LpVar, weights[k]!] as const), { ub: capacity });
    relaxed.setObjective('max');
    expect(highs.solve(relaxed).objective).toBeGreaterThan(s.objective + 0.5);
  });

  it('round-trips through LP text with a General section, and HiGHS reads that text to the same optimum', async () => {
    const { m } = knapsack();
    const text = toCplexLp(m);
    expect(text).toMatch(/\nGeneral\n z0 z1 z2 z3 z4 z5\n/);
    const back = parseCplexLp(text);
    expect(back.isMip).toBe(true);
    expect(toCplexLp(back)).toBe(text);
    const { default: loadHighs } = await import('highs');
    const reader = await loadHighs();
    expect(reader.solve(text, { output_flag: false }).ObjectiveValue).toBeCloseTo(bestByEnumeration(), 9);
  });

  it('glpk answers error for integer variables instead of solving the relaxation', () => {
    const s = glpk.solve(knapsack().m);
    expect(s.status).toBe('error');
    expect(s.message).toMatch(/integer/);
  });
});
