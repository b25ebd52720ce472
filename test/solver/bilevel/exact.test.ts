/**
 * solveConvexExactly (solver/bilevel/exact.ts): a separable QP solved to
 * simplex precision, including the degenerate QP on which HiGHS's QP solver
 * cycles until its time limit (kept here as the reason the method exists).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLpBackend, type LpBackend } from '../../../solver/lp/backend.ts';
import { LpModel } from '../../../solver/lp/model.ts';
import { solveConvexExactly } from '../../../solver/bilevel/exact.ts';

let highs: LpBackend;
beforeAll(async () => {
  highs = await loadLpBackend('highs');
});

/** A buyer with a quadratic generator and three sources at the same price 0.3: a degenerate QP. */
function tiedBuyer(): LpModel {
  const m = new LpModel('tied');
  const buy = m.addVar('buy', { ub: 500, cost: 0.3 });
  const gen = m.addVar('gen', { ub: 20, cost: 0.22 });
  m.setQuadraticCost(gen, 0.004);
  const r1 = m.addVar('r1', { ub: 70, cost: 0.3 });
  const r2 = m.addVar('r2', { ub: 70, cost: 0.3 });
  m.addRow('bal', [[buy, 1], [gen, 1], [r1, 1], [r2, 1]], { eq: 90 });
  m.setObjective('min');
  return m;
}

describe('solveConvexExactly', () => {
  it('solves the degenerate QP HiGHS\'s QP solver cycles on, to its closed form', () => {
    expect(highs.solve(tiedBuyer(), { timeLimitSeconds: 0.5 }).status).toBe('error');
    const s = solveConvexExactly(tiedBuyer(), highs);
    expect(s.status).toBe('optimal');
    expect(s.polished).toBe(true);
    // marginal cost 0.22 + 0.004·g stays below 0.3 up to the 20 kW limit: g = 20, the other 70 kW at 0.3
    expect(s.x[1]).toBeCloseTo(20, 12);
    expect(s.objective).toBeCloseTo(0.22 * 20 + 0.002 * 400 + 0.3 * 70, 12);
    expect(s.rowDuals[0]).toBeCloseTo(0.3, 12);
  });

  it('meets the closed form of an interior quadratic optimum to 1e-9, where HiGHS\'s QP answer is off by more', () => {
    // two generators share a 100 kW load: 0.1 + 0.002·a = 0.15 + 0.004·b, a + b = 100 → b = 25
    const m = new LpModel('two gens');
    const a = m.addVar('a', { ub: 200, cost: 0.1 });
    const b = m.addVar('b', { ub: 200, cost: 0.15 });
    m.setQuadraticCost(a, 0.002);
    m.setQuadraticCost(b, 0.004);
    m.addRow('bal', [[a, 1], [b, 1]], { eq: 100 });
    m.setObjective('min');
    const s = solveConvexExactly(m, highs);
    expect(Math.abs(s.x[b]! - 25)).toBeLessThan(1e-9);
    expect(Math.abs(s.rowDuals[0]! - 0.25)).toBeLessThan(1e-12);
  });

  it('with a preference, returns the preferred optimum of the whole optimal set, still a KKT point', () => {
    const plain = solveConvexExactly(tiedBuyer(), highs);
    // the 70 kW not generated may come from any of buy, r1, r2 (all at 0.3): each preference takes it all
    for (const target of [0, 2, 3]) {
      const s = solveConvexExactly(tiedBuyer(), highs, new Map([[target, 1]]));
      expect(s.status).toBe('optimal');
      expect(s.x[target]).toBeCloseTo(70, 9);
      expect(s.x[1]).toBeCloseTo(20, 12);
      expect(s.objective).toBeCloseTo(plain.objective, 9);
      // stationarity with the returned multipliers: c + h·x − a·y − d = 0 for every column of the balance row
      const m = tiedBuyer();
      for (let j = 0; j < 4; j++) expect(Math.abs(m.cost(j) + m.quadraticCost(j) * s.x[j]! - s.rowDuals[0]! - s.reducedCosts[j]!)).toBeLessThan(1e-9);
    }
  });
});
