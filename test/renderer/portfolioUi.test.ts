import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { PortfolioMetrics } from '../../solver/contract.ts';
import type { ScenarioInput } from '../../solver/scenario/schema.ts';
import { validateScenario } from '../../solver/scenario/validate.ts';
import { preparePortfolio } from '../../solver/portfolio/problem.ts';
import { runJob } from '../../solver/jobs/run.ts';
import { runStudy } from '../../solver/whatif/execute.ts';
import { toyScenario } from '../solver/portfolio/fixtures.ts';
import { capsFromFrontier, frontierBase, frontierPoints, frontierStudy } from '../../renderer/src/portfolio/frontierStudy.ts';
import { scenarioPreview, PREVIEW_CELLS } from '../../renderer/src/portfolio/simulationPreview.ts';
import { withPortfolioField } from '../../renderer/src/portfolio/portfolioEdits.ts';
import { comparisonRows, costDifferences, sharedCostRange } from '../../renderer/src/portfolio/portfolioComparison.ts';
import { readUserVolumes } from '../../renderer/src/portfolio/userVolumes.ts';

const sample: ScenarioInput = JSON.parse(readFileSync(new URL('../../assets/scenarios/retailer-portfolio.ggs.json', import.meta.url), 'utf8'));
const withCount = (s: ScenarioInput, count: number): ScenarioInput => ({ ...s, portfolio: { ...s.portfolio!, scenarios: { kind: 'simulated', count, seed: 2026 } } });

describe('frontierStudy (the frontier as a what-if sweep)', () => {
  it('sweeps portfolio.risk.lambda on a base that carries only the weight, with the chosen LP backend and the portfolio outputs', () => {
    const capped = toyScenario({ cvarLimit: 26 });
    expect(frontierBase(capped, 'lambda', 0).portfolio!.risk).toEqual({ alpha: 0.5, lambda: 0 });
    const prepared = frontierStudy(capped, 'lambda', '0,0.2', 'highs');
    expect(prepared.ok && prepared.study).toMatchObject({
      base: { kind: 'portfolio', backend: 'highs', scenario: { portfolio: { risk: { alpha: 0.5, lambda: 0 } } } },
      design: { kind: 'sweep', param: { path: 'portfolio.risk.lambda', values: { kind: 'list', values: [0, 0.2] } } },
      outputs: ['expectedCost', 'cvar', 'var', 'stdCost', 'volumeKw'],
    });
  });

  it('refuses a negative weight and an unreadable list before anything runs, naming the path', () => {
    const bad = frontierStudy(toyScenario({ lambda: 1 }), 'lambda', '-1,1', 'glpk');
    expect(!bad.ok && bad.issues).toEqual([expect.stringMatching(/^portfolio\.risk\.lambda: portfolio\.risk\.lambda = -1 makes the scenario invalid: /)]);
    const unreadable = frontierStudy(toyScenario({ lambda: 1 }), 'cvarLimit', '26,x', 'glpk');
    expect(!unreadable.ok && unreadable.issues[0]).toMatch(/^parameter values: cannot read values "26,x"/);
  });

  it('on the two-scenario toy (worked by hand in test/solver/portfolio/toy.test.ts): x = 0 below λ = 1/9, 100 above; a cap of 21 is infeasible, 26 buys 500/9 kW', async () => {
    const run = async (mode: 'lambda' | 'cvarLimit', values: string) => {
      const prepared = frontierStudy(toyScenario({ lambda: 1 }), mode, values, 'glpk');
      if (!prepared.ok) throw new Error(prepared.issues.join('\n'));
      return frontierPoints(await runStudy(prepared.study, (request) => runJob(request)), mode);
    };
    const lambdas = await run('lambda', '0.2,0');
    expect(lambdas.map((p) => [p.value, p.status])).toEqual([[0, 'ok'], [0.2, 'ok']]);
    expect(lambdas[0]!.volumes.base).toBeCloseTo(0, 6);
    expect(lambdas[1]!.volumes.base).toBeCloseTo(100, 6);
    expect(lambdas[0]!.expectedCost).toBeCloseTo(21, 6);
    expect(lambdas[0]!.cvar).toBeCloseTo(31, 6);
    const caps = await run('cvarLimit', '21,26');
    expect(caps.map((p) => p.status)).toEqual(['infeasible', 'ok']);
    expect(Number.isNaN(caps[0]!.cvar)).toBe(true);
    expect(caps[1]!.volumes.base).toBeCloseTo(500 / 9, 5);
    expect(caps[1]!.cvar).toBeLessThanOrEqual(26 + 1e-6);
  });

  it('capsFromFrontier spreads caps over the solved CVaR range, rounded up so the tightest stays reachable', () => {
    const point = (cvar: number, status: 'ok' | 'infeasible' = 'ok') => ({ value: 0, status, message: '', expectedCost: 0, cvar, var: 0, stdCost: 0, volumes: {} });
    expect(capsFromFrontier([point(6400.2), point(6100.4), point(1, 'infeasible')], 4)).toBe('6101,6201,6301,6401');
    expect(capsFromFrontier([point(6400)])).toBeNull();
  });
});

describe('scenarioPreview', () => {
  it('shows every scenario of the sample and the model values its parameters imply', () => {
    const p = scenarioPreview(sample);
    if (!p.ok) throw new Error(p.message);
    expect(p.preview).toMatchObject({ source: 'simulated', shown: 200, total: 200, T: 48, seed: 2026 });
    const model = Object.fromEntries(p.preview.statistics.map((s) => [s.name, s.model]));
    expect(model['price jumps']).toBe(0.4);
    expect(model['std of the OU part of log-price']).toBeCloseTo(0.07 / Math.sqrt(2 * 0.08), 12);
    expect(model['lag-1 autocorrelation of the OU part']).toBeCloseTo(Math.exp(-0.08), 12);
    expect(model['correlation of log demand factor and OU log-price']).toBe(0.4);
    expect(p.preview.quantiles.pricePerKwh).toHaveLength(5);
    expect(p.preview.quantiles.demandKw[2]).toHaveLength(48);
  });

  it('caps a large set at PREVIEW_CELLS, and its scenarios are the first ones the job simulates', () => {
    const big = withCount(sample, 600);
    const p = scenarioPreview(big);
    if (!p.ok) throw new Error(p.message);
    const shown = Math.floor(PREVIEW_CELLS / 48);
    expect(p.preview).toMatchObject({ shown, total: 600 });
    const full = preparePortfolio(validScenario(big), 1).problem.scenarios;
    const head = preparePortfolio(validScenario(withCount(sample, shown)), 1).problem.scenarios;
    expect(Array.from(head.pricePerKwh)).toEqual(Array.from(full.pricePerKwh.subarray(0, shown * 48)));
    expect(Array.from(head.demandKw)).toEqual(Array.from(full.demandKw.subarray(0, shown * 48)));
  });

  it('has no statistics for imported scenarios, and no preview for an invalid document (saying where)', () => {
    const imported = scenarioPreview(toyScenario({ lambda: 0 }));
    expect(imported.ok && imported.preview).toMatchObject({ source: 'imported', shown: 2, total: 2, statistics: [] });
    const invalid = scenarioPreview(withPortfolioField(sample, 'portfolio.demand.priceCorrelation', 1.5));
    expect(!invalid.ok && invalid.message).toMatch(/portfolio\.demand\.priceCorrelation: /);
  });
});

function validScenario(s: ScenarioInput) {
  const v = validateScenario(s);
  if (!v.ok) throw new Error(v.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return v.value;
}

describe('withPortfolioField', () => {
  it('fills an absent optional parent with the schema defaults before setting the field, leaving the input alone', () => {
    const bare = toyScenario({ lambda: 0 });
    const next = withPortfolioField(bare, 'portfolio.spotPrice.jumps.perDay', 3);
    expect(next.portfolio!.spotPrice.jumps).toEqual({ perDay: 3, meanLog: 0.5, stdLog: 0.2, decayPerHour: 0.5 });
    expect(bare.portfolio!.spotPrice.jumps).toBeUndefined();
    const hour = withPortfolioField(bare, 'portfolio.spotPrice.hourShape[7]', 1.4);
    expect(hour.portfolio!.spotPrice.hourShape).toEqual([...Array(7).fill(1), 1.4, ...Array(16).fill(1)]);
    expect(withPortfolioField(bare, 'portfolio.peakHours.toHour', 18).portfolio!.peakHours).toEqual({ fromHour: 8, toHour: 18, weekdaysOnly: true });
  });
});

describe('comparison of two portfolios', () => {
  const metrics = (costs: number[], volumes: Record<string, number>, seed: number | null = 1): PortfolioMetrics => ({
    volumes,
    contracts: [],
    expectedCost: costs.reduce((a, b) => a + b, 0) / costs.length,
    stdCost: 1,
    var: Math.max(...costs),
    cvar: Math.max(...costs),
    alpha: 0.95,
    contractCost: 10,
    expectedSpotCost: 5,
    costs,
    scenarios: { count: costs.length, T: 1, dtHours: 1, source: 'simulated', seed },
  });
  const a = metrics([10, 20, 30], { base: 100 });
  const b = metrics([12, 18, 25], { base: 150, peak: 20 });

  it('lists the metrics and each contract volume with B − A', () => {
    const rows = comparisonRows(a, b, [{ id: 'base', name: 'Baseload' }, { id: 'peak' }]);
    expect(rows.map((r) => [r.label, r.diff])).toEqual([
      ['Expected cost', 55 / 3 - 20],
      ['Std of cost', 0],
      ['VaR 95 %', -5],
      ['CVaR 95 %', -5],
      ['Contract cost', 0],
      ['Expected spot cost', 0],
      ['Volume Baseload', 50],
      ['Volume peak', 20],
    ]);
  });

  it('subtracts costs scenario by scenario only on the same scenario set', () => {
    expect(costDifferences(a, b)).toEqual([2, -2, -5]);
    expect(costDifferences(a, metrics([12, 18, 25], {}, 2))).toBeNull();
    expect(costDifferences(a, metrics([1, 2], {}))).toBeNull();
    expect(sharedCostRange(a, b)).toEqual([10 - 0.4, 30 + 0.4]);
  });
});

describe('readUserVolumes', () => {
  it('reads kW per contract, leaves empty ones to heldKw, and names every contract whose text is not a volume', () => {
    expect(readUserVolumes({ base: '1200', peak: ' ', solar: '0' }, ['base', 'peak', 'solar'])).toEqual({ ok: true, volumesKw: { base: 1200, solar: 0 } });
    expect(readUserVolumes({ base: '9x', peak: '-5' }, ['base', 'peak'])).toEqual({ ok: false, bad: { base: 'must be a volume in kW (a number ≥ 0), not "9x"', peak: 'must be a volume in kW (a number ≥ 0), not "-5"' } });
  });
});
