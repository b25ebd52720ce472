/** The efficient frontier: more CVaR allowed never raises the expected cost. */
import { describe, expect, it } from 'vitest';
import { loadLpBackend } from '../../../solver/lp/backend.ts';
import { preparePortfolio } from '../../../solver/portfolio/problem.ts';
import { efficientFrontier } from '../../../solver/portfolio/frontier.ts';
import { portfolioScenario, validScenario } from './fixtures.ts';

const prepared = preparePortfolio(validScenario(portfolioScenario({ S: 60, C: 4, risk: { alpha: 0.9 } })), 1);
const tol = 1e-7;

describe('efficientFrontier', () => {
  it('over CVaR limits: E[cost] never rises as the limit loosens, each CVaR within its limit; too tight a limit is infeasible', async () => {
    const highs = await loadLpBackend('highs');
    const [neutral] = efficientFrontier(prepared, highs, { lambdas: [0] });
    const [averse] = efficientFrontier(prepared, highs, { lambdas: [50] });
    if (neutral?.status !== 'ok' || averse?.status !== 'ok') throw new Error('the end points must solve');
    const limits = Array.from({ length: 6 }, (_, k) => averse.cvar + ((neutral.cvar - averse.cvar) * k) / 5);
    const points = efficientFrontier(prepared, highs, { cvarLimits: [averse.cvar * 0.9, ...limits] });
    expect(points[0]!.status).toBe('infeasible');
    const ok = points.slice(1).map((p) => (p.status === 'ok' ? p : null));
    expect(ok.every((p) => p !== null)).toBe(true);
    for (let k = 0; k < ok.length; k++) {
      expect(ok[k]!.cvar).toBeLessThanOrEqual(limits[k]! * (1 + tol));
      if (k > 0) expect(ok[k]!.expectedCost).toBeLessThanOrEqual(ok[k - 1]!.expectedCost * (1 + tol));
    }
    // the loosest limit is the risk-neutral CVaR: the risk-neutral expected cost again
    expect(ok.at(-1)!.expectedCost).toBeCloseTo(neutral.expectedCost, 6);
  });

  it('over risk weights: E[cost] rises and CVaR falls (weakly) as λ grows', async () => {
    const glpk = await loadLpBackend('glpk');
    const points = efficientFrontier(prepared, glpk, { lambdas: [0, 0.25, 1, 4] });
    for (let k = 1; k < points.length; k++) {
      const [a, b] = [points[k - 1]!, points[k]!];
      if (a.status !== 'ok' || b.status !== 'ok') throw new Error('λ points always solve');
      expect(b.expectedCost).toBeGreaterThanOrEqual(a.expectedCost * (1 - tol));
      expect(b.cvar).toBeLessThanOrEqual(a.cvar * (1 + tol));
    }
  });
});
