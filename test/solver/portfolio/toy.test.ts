/** The two-scenario, one-hour toy of fixtures.ts, worked by hand, through the portfolio job on both backends. */
import { describe, expect, it } from 'vitest';
import { toyScenario } from './fixtures.ts';
import { optimise } from './support.ts';

describe.each(['glpk', 'highs'] as const)('portfolio job on the hand-worked toy (%s)', (backend) => {
  it('λ = 0.1 < 1/9 stays on the spot market: x = 0, E = 21, CVaR = 31, objective 24.1', async () => {
    const { data, certificate } = await optimise(toyScenario({ lambda: 0.1 }), backend);
    expect(data.volumes.base).toBeCloseTo(0, 9);
    expect(data.costs[0]).toBeCloseTo(11, 9);
    expect(data.costs[1]).toBeCloseTo(31, 9);
    expect(data.expectedCost).toBeCloseTo(21, 9);
    expect(data.cvar).toBeCloseTo(31, 9);
    expect(data.var).toBeCloseTo(11, 9); // ⌈0.5·2⌉ = 1st smallest cost
    expect(certificate.lp.objective).toBeCloseTo(24.1, 9);
  });

  it('λ = 0.2 > 1/9 hedges fully: x = 100 kW, both scenarios cost 22, objective 22 + 0.2·22', async () => {
    const { data, certificate } = await optimise(toyScenario({ lambda: 0.2 }), backend);
    expect(data.volumes.base).toBeCloseTo(100, 7);
    expect(data.costs[0]).toBeCloseTo(22, 7);
    expect(data.costs[1]).toBeCloseTo(22, 7);
    expect(certificate.lp.objective).toBeCloseTo(26.4, 9);
    expect(data.stdCost).toBeCloseTo(0, 6);
  });

  it('CVaR ≤ 26 needs 31 − 0.09x ≤ 26: x = 500/9 kW, E = 21 + 5/9', async () => {
    const { data, certificate } = await optimise(toyScenario({ cvarLimit: 26 }), backend);
    expect(data.volumes.base).toBeCloseTo(500 / 9, 7);
    expect(data.expectedCost).toBeCloseTo(21 + 5 / 9, 9);
    expect(data.cvar).toBeCloseTo(26, 9);
    expect(certificate.cvarLimitSlack).toBeCloseTo(0, 9);
    expect(data.lambda).toBeNull();
  });

  it('a CVaR limit below the least reachable (22) is infeasible and names the limit', async () => {
    await expect(optimise(toyScenario({ cvarLimit: 21 }), backend)).rejects.toMatchObject({
      error: { code: 'infeasible', path: 'portfolio.risk.cvarLimit', message: expect.stringContaining('CVaR limit of 21') },
    });
  });
});

describe('portfolio jobs through the job runner', () => {
  it('are registered: portfolio solves the toy, portfolio-evaluate takes volumes from its options', async () => {
    const { runJob } = await import('../../../solver/jobs/run.ts');
    const solved = await runJob({ kind: 'portfolio', scenario: toyScenario({ lambda: 0.2 }), backend: 'highs' });
    expect(solved.status).toBe('ok');
    expect(solved.data!.volumes.base).toBeCloseTo(100, 7);
    const evaluated = await runJob({ kind: 'portfolio-evaluate', scenario: toyScenario({}), options: { volumesKw: { base: 50 } } });
    expect(evaluated.status).toBe('ok');
    expect(evaluated.data!.costs).toEqual([expect.closeTo(16.5, 9), expect.closeTo(26.5, 9)]); // 11 + 0.11·50, 31 − 0.09·50
    const unknown = await runJob({ kind: 'portfolio-evaluate', scenario: toyScenario({}), options: { volumesKw: { nope: 1 } } });
    expect(unknown).toMatchObject({ status: 'invalid', error: { path: 'options.volumesKw.nope' } });
  });

  it('explain a scenario without a portfolio section', async () => {
    const { runJob } = await import('../../../solver/jobs/run.ts');
    const { portfolio: _, ...withoutPortfolio } = toyScenario({});
    expect(await runJob({ kind: 'portfolio', scenario: withoutPortfolio })).toMatchObject({ status: 'invalid', error: { path: 'portfolio' } });
  });
});
