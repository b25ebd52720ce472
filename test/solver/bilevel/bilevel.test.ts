/**
 * The exact bilevel method on small markets (test/solver/bilevel/fixtures.ts):
 * grid-search oracles over one and two fees (followers re-solved at every
 * point), the certificate pieces (KKT residuals, every follower alone), and
 * big-M bounds: derived ones are valid, shrunken ones are caught.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLpBackend, type LpBackend } from '../../../solver/lp/backend.ts';
import { deriveBigM, type BigMBounds } from '../../../solver/bilevel/bounds.ts';
import { checkBlocksAlone, kktResiduals, solveFollowers } from '../../../solver/bilevel/blocks.ts';
import { feePayments, type FollowerProblem, type LeaderVars } from '../../../solver/bilevel/follower.ts';
import { solveBilevel } from '../../../solver/bilevel/solve.ts';
import { oneFee, twoFees } from './fixtures.ts';

let highs: LpBackend;
beforeAll(async () => {
  highs = await loadLpBackend('highs');
});

/** The leader's revenue when the followers answer fees u on their own. */
function revenueAt(f: FollowerProblem, u: number[]): number {
  const s = solveFollowers(f, u, highs);
  expect(s.status).toBe('optimal');
  return feePayments(f, u, s.x);
}

function gridBest(f: FollowerProblem, leader: LeaderVars, steps: number): { value: number; u: number[] } {
  const axes = Array.from(leader.names, (_, l) => Array.from({ length: steps + 1 }, (_, k) => leader.lb[l]! + ((leader.ub[l]! - leader.lb[l]!) * k) / steps));
  let best = { value: -Infinity, u: [] as number[] };
  const visit = (u: number[]) => {
    const v = revenueAt(f, u);
    if (v > best.value) best = { value: v, u };
  };
  if (axes.length === 1) axes[0]!.forEach((a) => visit([a]));
  else for (const a of axes[0]!) for (const b of axes[1]!) visit([a, b]);
  return best;
}

describe('bilevel fees: grid-search oracle', () => {
  it('one fee: no point of a 401-point grid beats the bilevel optimum, which the grid approaches', () => {
    const { f, leader } = oneFee();
    const M = deriveBigM(f, leader, highs);
    const sol = solveBilevel(f, leader, {}, M, highs);
    expect(sol.status).toBe('optimal');
    expect(sol.absGap).toBeLessThan(1e-5);
    const grid = gridBest(f, leader, 400);
    expect(grid.value).toBeLessThanOrEqual(sol.objective + 1e-6);
    expect(sol.objective - grid.value).toBeLessThan(1e-3 * sol.objective);
    // interior fee: neither bound, trades happen
    expect(sol.u[0]).toBeGreaterThan(0.01);
    expect(sol.u[0]).toBeLessThan(0.29);
    // the followers on their own at the reported fee give the same revenue
    expect(revenueAt(f, [sol.u[0]!])).toBeCloseTo(sol.objective, 6);
  });

  it('two fees: no point of a 41×41 grid beats the bilevel optimum', () => {
    const { f, leader } = twoFees();
    const M = deriveBigM(f, leader, highs);
    const sol = solveBilevel(f, leader, {}, M, highs);
    expect(sol.status).toBe('optimal');
    const grid = gridBest(f, leader, 40);
    expect(grid.value).toBeLessThanOrEqual(sol.objective + 1e-6);
    // the grid step is 0.0075: near the kinked optimum it gets within half a percent
    expect(sol.objective - grid.value).toBeLessThan(5e-3 * sol.objective);
    expect(revenueAt(f, Array.from(sol.u))).toBeCloseTo(sol.objective, 6);
  });
});

describe('bilevel fees: certificate pieces', () => {
  it('the answer satisfies the followers\' KKT conditions and each follower alone reproduces its cost and its generation', () => {
    const { f, leader } = twoFees();
    const sol = solveBilevel(f, leader, {}, deriveBigM(f, leader, highs), highs);
    const r = kktResiduals(f, sol.u, sol.x, sol.y, sol.d);
    expect(r.primal).toBeLessThan(1e-7);
    expect(r.stationarity).toBeLessThan(1e-7);
    expect(r.sign).toBeLessThan(1e-9);
    expect(r.complementarity).toBeLessThan(1e-6);
    const alone = checkBlocksAlone(f, sol.u, sol.x, sol.y, highs);
    expect(alone.map((b) => b.id)).toEqual(['A', 'B', 'C']);
    for (const b of alone) {
      expect(b.status).toBe('optimal');
      expect(Math.abs(b.aloneCost - b.reportedCost)).toBeLessThan(1e-6);
      expect(b.primalViolation).toBeLessThan(1e-9);
      expect(b.maxStrictDiff).toBeLessThan(1e-6);
    }
    // the sellers have one optimum; the buyer pays 0.3 for grid and both P2P sources alike, so it is indifferent among them
    expect(alone[1]!.maxDecisionDiff).toBeLessThan(1e-6);
    expect(alone[2]!.maxDecisionDiff).toBeLessThan(1e-6);
    // the revenue by strong duality equals the bilinear payments
    expect(feePayments(f, sol.u, sol.x)).toBeCloseTo(sol.objective, 7);
  });
});

describe('bilevel fees: big-M bounds', () => {
  it('derived bounds hold the multipliers of followers solved at many fees', () => {
    const { f, leader } = twoFees();
    const M = deriveBigM(f, leader, highs);
    for (const u of [[0, 0], [0.3, 0.3], [0.1, 0.25], [0.05, 0]]) {
      const s = solveFollowers(f, u, highs);
      for (let i = 0; i < f.model.rowCount; i++) {
        expect(s.rowDuals[i]).toBeLessThanOrEqual(M.yHi[i]! + 1e-9);
        expect(s.rowDuals[i]).toBeGreaterThanOrEqual(M.yLo[i]! - 1e-9);
      }
      for (let j = 0; j < f.model.varCount; j++) {
        expect(s.reducedCosts[j]).toBeLessThanOrEqual(M.dHi[j]! + 1e-9);
        expect(s.reducedCosts[j]).toBeGreaterThanOrEqual(M.dLo[j]! - 1e-9);
      }
    }
  });

  it('a too small big-M cuts off the optimum and is caught: a multiplier sits at its bound', () => {
    const { f, leader } = oneFee();
    const M = deriveBigM(f, leader, highs);
    const exact = solveBilevel(f, leader, {}, M, highs);
    const shrink = (a: Float64Array, k: number) => Float64Array.from(a, (v) => v * k);
    const small: BigMBounds = { ...M, yLo: shrink(M.yLo, 0.01), yHi: shrink(M.yHi, 0.01), dLo: shrink(M.dLo, 0.01), dHi: shrink(M.dHi, 0.01) };
    const cut = solveBilevel(f, leader, {}, small, highs);
    // silently wrong would be: a worse (or no) answer reported as optimal with nothing flagged
    const worse = cut.status === 'infeasible' || cut.objective < exact.objective - 1e-6;
    expect(worse).toBe(true);
    expect(cut.status === 'infeasible' || cut.bindingBigM.length > 0).toBe(true);
  });
});
