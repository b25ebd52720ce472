/**
 * The cutting-plane solve (solveLp.ts, master.ts) against the full LP of toLp.ts solved in one go, on seeded
 * random instances with a bid–ask spread; its progress, cancellation and infeasibility explanation.
 */
import { describe, expect, it } from 'vitest';
import { emptySolution, loadLpBackend, type LpBackend, type LpBackendName } from '../../../solver/lp/backend.ts';
import { preparePortfolio, type PreparedPortfolio, type RiskTarget } from '../../../solver/portfolio/problem.ts';
import { toLp } from '../../../solver/portfolio/toLp.ts';
import { solvePortfolio, solvePortfolioSteps } from '../../../solver/portfolio/solveLp.ts';
import { scenarioCosts } from '../../../solver/portfolio/scenarioCosts.ts';
import { riskMetrics } from '../../../solver/portfolio/risk.ts';
import { ExpectedSpread } from '../../../solver/portfolio/expectedSpread.ts';
import { createRng } from '../../../solver/portfolio/rng.ts';
import type { JobProgress } from '../../../solver/contract.ts';
import { portfolioScenario, toyScenario, validScenario } from './fixtures.ts';
import { relDiff } from './support.ts';

/** The full LP in one solve, and the ex-post metrics of its volumes. */
async function fullOptimum(prepared: PreparedPortfolio, risk: RiskTarget, backend: LpBackendName = 'highs') {
  const lp = toLp(prepared.problem, risk);
  const solution = (await loadLpBackend(backend)).solve(lp.model);
  expect(solution.status).toBe('optimal');
  const volumes = lp.volumes.map((v) => solution.x[v]!);
  return { objective: solution.objective, ...riskMetrics(scenarioCosts(prepared.problem, volumes).costs, prepared.problem.alpha), rows: lp.model.rowCount };
}

function instance(seed: number, S: number, T = 24) {
  const rng = createRng(seed);
  const pick = (lo: number, hi: number) => lo + (hi - lo) * rng.next();
  const C = 3 + Math.floor(rng.next() * 8);
  const input = portfolioScenario({ S, T, C, seed, spreadPerKwh: pick(0.004, 0.03), risk: { alpha: pick(0.8, 0.97) } });
  return { prepared: preparePortfolio(validScenario(input), 1), lambda: pick(0.2, 3), describe: `seed ${seed}: S = ${S}, C = ${C}` };
}

describe('cutting planes reach the full LP optimum', () => {
  it.each([11, 12, 13, 14])('with a risk weight λ (instance %i): objective and ex-post CVaR to 1e-7, certified gap ≤ 1e-9', async (seed) => {
    const { prepared, lambda } = instance(seed, 150);
    const risk = { lambda };
    for (const backend of ['highs', 'glpk'] as const) {
      const solved = solvePortfolio(prepared.problem, risk, await loadLpBackend(backend));
      const full = await fullOptimum(prepared, risk);
      const ex = riskMetrics(scenarioCosts(prepared.problem, solved.volumes).costs, prepared.problem.alpha);
      expect(solved.method).toBe('cutting-plane');
      expect(solved.relativeGap).toBeLessThanOrEqual(1e-9);
      expect(solved.lowerBound).toBeLessThanOrEqual(full.objective * (1 + 1e-9));
      expect(relDiff(solved.upperBound, full.objective)).toBeLessThan(1e-7);
      expect(relDiff(ex.expected + lambda * ex.cvar, full.objective)).toBeLessThan(1e-7);
      expect(relDiff(ex.cvar, full.cvar)).toBeLessThan(1e-7);
      expect(relDiff(solved.lpCvar!, ex.cvar)).toBeLessThan(1e-7);
      expect(solved.model.rowCount).toBeLessThan(full.rows / 2);
    }
  });

  it.each([21, 22, 23])('under a CVaR limit (instance %i): E[cost] and CVaR to 1e-7, the limit kept', async (seed) => {
    const { prepared } = instance(seed, 150);
    const highs = await loadLpBackend('highs');
    const neutral = solvePortfolio(prepared.problem, { lambda: 0 }, highs);
    const averse = solvePortfolio(prepared.problem, { lambda: 20 }, highs);
    const cvarOf = (x: ArrayLike<number>) => riskMetrics(scenarioCosts(prepared.problem, x).costs, prepared.problem.alpha).cvar;
    const risk = { cvarLimit: (cvarOf(neutral.volumes) + cvarOf(averse.volumes)) / 2 };
    const full = await fullOptimum(prepared, risk);
    for (const backend of ['highs', 'glpk'] as const) {
      const solved = solvePortfolio(prepared.problem, risk, await loadLpBackend(backend));
      const ex = riskMetrics(scenarioCosts(prepared.problem, solved.volumes).costs, prepared.problem.alpha);
      expect(solved.relativeGap).toBeLessThanOrEqual(1e-9);
      expect(relDiff(ex.expected, full.objective)).toBeLessThan(1e-7);
      expect(relDiff(ex.cvar, full.cvar)).toBeLessThan(1e-7);
      expect(ex.cvar).toBeLessThanOrEqual(risk.cvarLimit * (1 + 1e-9));
    }
  });

  it('from the optimum over every fourth scenario when there are many (1 000 scenarios, 12 hours)', async () => {
    const { prepared, lambda } = instance(31, 1000, 12);
    const solved = solvePortfolio(prepared.problem, { lambda }, await loadLpBackend('highs'));
    const full = await fullOptimum(prepared, { lambda });
    expect(solved.method).toBe('cutting-plane');
    expect(relDiff(solved.upperBound, full.objective)).toBeLessThan(1e-7);
    expect(solved.relativeGap).toBeLessThanOrEqual(1e-9);
    expect(solved.tailScenarios).toBeLessThan(500); // of 1 000 scenario rows in the full LP
  });

  it('falls back to the full LP when a master fails, with the same answer', async () => {
    const { prepared, lambda } = instance(15, 150);
    const highs = await loadLpBackend('highs');
    let solves = 0;
    const failing: LpBackend = { name: 'highs', solve: (m, o) => (++solves === 3 ? emptySolution(m, 'highs', 'error', 0, 'injected failure') : highs.solve(m, o)) };
    const solved = solvePortfolio(prepared.problem, { lambda }, failing);
    expect(solved.method).toBe('full');
    expect(solved.rounds).toBe(4); // three masters (the third failed), then the full LP
    expect(relDiff(solved.upperBound, (await fullOptimum(prepared, { lambda })).objective)).toBeLessThan(1e-9);
    expect(solved.relativeGap).toBeLessThan(1e-9);
  });

  it('the hand-worked toy: λ = 0.2 hedges fully at x = 100 kW, certified exactly', async () => {
    const prepared = preparePortfolio(validScenario(toyScenario({ lambda: 0.2 })), 1);
    const solved = solvePortfolio(prepared.problem, prepared.risk, await loadLpBackend('glpk'));
    expect(solved.volumes[0]).toBeCloseTo(100, 7);
    expect(solved.upperBound).toBeCloseTo(26.4, 9);
    expect(solved.lowerBound).toBeCloseTo(26.4, 9);
  });
});

describe('the expected spread cost g_t', () => {
  it('equals (2hΔt/S)·Σ max(D − Y, 0) and every piece lies below it, touching at its own Y', () => {
    const { prepared } = instance(41, 60);
    const { problem } = prepared;
    const g = new ExpectedSpread(problem);
    const { S, T, demandKw, dtHours } = problem.scenarios;
    const direct = (t: number, y: number) => {
      let sum = 0;
      for (let s = 0; s < S; s++) sum += Math.max(demandKw[s * T + t]! - y, 0);
      return ((2 * problem.halfSpread * dtHours) / S) * sum;
    };
    for (const t of [0, 9, 19]) {
      for (const y of [0, demandKw[t]!, 900, 1500, 2500, 1e5]) {
        expect(g.value(t, y)).toBeCloseTo(direct(t, y), 9);
        const p = g.piece(t, y);
        for (const z of [y - 200, y - 1, y, y + 1, y + 200]) expect(g.scale * (p.sumAbove - p.count * z)).toBeLessThanOrEqual(direct(t, z) + 1e-9);
      }
    }
  });
});

describe('progress and cancellation', () => {
  it('yields after every LP solve with the bounds closing in', async () => {
    const { prepared, lambda } = instance(51, 300);
    const steps = solvePortfolioSteps(prepared.problem, { lambda }, await loadLpBackend('glpk'));
    const seen: JobProgress[] = [];
    let step = steps.next();
    for (; !step.done; step = steps.next()) seen.push(step.value);
    const rounds = seen.filter((p) => p.metrics?.upperBound !== undefined);
    expect(rounds.length).toBeGreaterThan(1);
    expect(rounds.at(-1)!.metrics!.relativeGap).toBeLessThanOrEqual(1e-9);
    for (const p of rounds) expect(p.metrics!.lowerBound).toBeLessThanOrEqual(p.metrics!.upperBound! * (1 + 1e-9));
    expect(seen.map((p) => p.fraction)).toEqual([...seen.map((p) => p.fraction)].sort((a, b) => a - b));
    expect(step.value.rounds).toBe(seen.at(-1)!.metrics!.round);
  });

  it('the job runner stops a portfolio job between rounds when cancelled', async () => {
    const { runJob } = await import('../../../solver/jobs/run.ts');
    const scenario = portfolioScenario({ S: 300, C: 6, risk: { alpha: 0.9, lambda: 1 } });
    const stages: string[] = [];
    let cancel = false;
    const result = await runJob(
      { kind: 'portfolio', scenario, backend: 'glpk' },
      {
        onProgress: (p) => {
          stages.push(p.stage);
          // cancel at the first cutting-plane round
          if (p.stage.startsWith('cutting planes')) cancel = true;
        },
        isCancelled: () => cancel,
      },
    );
    expect(result.status).toBe('cancelled');
    expect(stages.filter((s) => s.startsWith('cutting planes'))).toHaveLength(1);
  });
});

describe('a CVaR limit no portfolio reaches', () => {
  it('names the limit and the least CVaR the contracts reach, found by the same method', async () => {
    const { prepared } = instance(61, 150);
    const highs = await loadLpBackend('highs');
    const least = solvePortfolio(prepared.problem, { lambda: 1e4 }, highs);
    const leastCvar = riskMetrics(scenarioCosts(prepared.problem, least.volumes).costs, prepared.problem.alpha).cvar;
    const limit = Math.round(leastCvar * 0.98);
    let error: unknown;
    try {
      solvePortfolio(prepared.problem, { cvarLimit: limit }, highs);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ error: { code: 'infeasible', message: expect.stringContaining(`kind=cvar-limit cannot be kept below ${limit}`) } });
    const reached = Number((error as { error: { details: { leastCvar: number } } }).error.details.leastCvar);
    expect(relDiff(reached, leastCvar)).toBeLessThan(1e-4); // λ = 1e4 is nearly pure CVaR
    expect(reached).toBeLessThanOrEqual(leastCvar * (1 + 1e-9));
  });
});
