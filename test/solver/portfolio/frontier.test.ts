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
    // each point certified: the LP bound meets the objective evaluated at its volumes
    for (const p of ok) expect(p!.certificate.relativeGap).toBeLessThanOrEqual(1e-9);
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

describe('the frontier as a what-if sweep (what the app runs, point by point over workers)', () => {
  it('a sweep of portfolio.risk.cvarLimit through runStudy gives the same points as efficientFrontier, with volumes per contract', async () => {
    const { runStudy } = await import('../../../solver/whatif/execute.ts');
    const { localExecutor } = await import('../../../solver/whatif/localExecutor.ts');
    const highs = await loadLpBackend('highs');
    const [neutral, averse] = efficientFrontier(prepared, highs, { lambdas: [0, 50] });
    if (neutral?.status !== 'ok' || averse?.status !== 'ok') throw new Error('the end points must solve');
    const limits = [averse.cvar * 0.95, ...[0, 0.5, 1].map((k) => averse.cvar + (neutral.cvar - averse.cvar) * k)];
    const base = portfolioScenario({ S: 60, C: 4, risk: { alpha: 0.9, cvarLimit: neutral.cvar } });
    const study = await runStudy(
      { base: { kind: 'portfolio', scenario: base, backend: 'highs' }, design: { kind: 'sweep', param: { path: 'portfolio.risk.cvarLimit', values: { kind: 'list', values: limits } } } },
      localExecutor,
      { concurrency: 2 },
    );
    expect(study.outputs.map((o) => o.id)).toEqual(expect.arrayContaining(['expectedCost', 'cvar', 'var', 'stdCost', 'volumeKw']));
    const direct = efficientFrontier(prepared, highs, { cvarLimits: limits });
    expect(study.points.map((p) => p.status)).toEqual(['infeasible', 'ok', 'ok', 'ok']);
    study.points.slice(1).forEach((p, k) => {
      const d = direct[k + 1]!;
      if (d.status !== 'ok') throw new Error('feasible caps solve');
      expect(p.outputs.expectedCost as number).toBeCloseTo(d.expectedCost, 6);
      expect(p.outputs.cvar as number).toBeLessThanOrEqual(limits[k + 1]! * (1 + tol));
      expect(Object.keys(p.outputs.volumeKw as Record<string, number>)).toEqual(['base', 'peak', 'offpeak', 'evening']);
      if (k > 0) expect(p.outputs.expectedCost as number).toBeLessThanOrEqual((study.points[k]!.outputs.expectedCost as number) * (1 + tol));
    });
  });
});
