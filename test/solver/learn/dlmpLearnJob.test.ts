import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runJob } from '../../../solver/jobs/run.ts';
import type { JobProgress } from '../../../solver/contract.ts';
import type { DlmpLearnCertificate, DlmpLearnData } from '../../../solver/jobs/kinds/dlmpLearn.ts';
import { loadLpBackend } from '../../../solver/lp/backend.ts';
import { parseScenarioText } from '../../../solver/scenario/validate.ts';
import { ExactOpfPricer, profitOf } from '../../../solver/learn/dlmpMarket.ts';
import { DlmpSurrogate, fitSurrogate, surrogateError } from '../../../solver/learn/surrogate.ts';
import { samplePrices } from '../../../solver/learn/dlmpLearn.ts';

const der = () => JSON.parse(readFileSync('assets/scenarios/ieee33-der.ggs.json', 'utf8'));
/** Night and evening peak of the DER sample, tiny networks, few samples and episodes: CI stays cheap. */
const tiny = {
  periods: [3, 18], samples: 60, surrogateHidden: [16], surrogateEpochs: 40, surrogateTolerance: 0.05,
  episodes: 4, stepsPerEpisode: 2, hidden: [8], batch: 8, warmup: 8, evalLoads: 1, bestResponseGrid: 8,
};

describe('the DLMP surrogate', () => {
  const opened: ExactOpfPricer[] = [];
  afterAll(() => opened.forEach((p) => p.dispose()));
  const market = { agents: [{ busId: '18', qMaxKw: 400, costPerKwh: 0.05, quadPerKw: 0.001 }, { busId: '33', qMaxKw: 400, costPerKwh: 0.05, quadPerKw: 0.001 }], periods: [3, 18], loadLow: 0.7, loadHigh: 0.8, carbonPricePerKg: 0.1, polygonSides: 12, stepsPerEpisode: 2 };

  it('learns the exact OPF\'s DLMPs (loss falls, held-out error well below the price spread), replays from its seed and loads back from JSON', async () => {
    const v = parseScenarioText(readFileSync('assets/scenarios/ieee33-der.ggs.json', 'utf8'));
    if (!v.ok) throw new Error('sample invalid');
    const p = new ExactOpfPricer(v.value, market, await loadLpBackend('glpk'));
    opened.push(p);
    const samples = samplePrices(p, market, 80, 1);
    const train = samples.slice(0, 60), held = samples.slice(60);
    const config = { hidden: [16], epochs: 60, batch: 16, lr: 3e-3 };
    const a = fitSurrogate(market, p.busIds, train, config, 7);
    expect(a.loss.at(-1)!).toBeLessThan(0.1 * a.loss[0]!);
    const err = surrogateError(a.surrogate, held, p.agentBus);
    // the prices span 0.145 (night) to 0.39 (congested peak): the held-out error must be far below that spread
    expect(err.agentMae).toBeLessThan(0.03);
    const b = fitSurrogate(market, p.busIds, train, config, 7);
    expect(b.surrogate.saved).toEqual(a.surrogate.saved);
    const loaded = new DlmpSurrogate(market, JSON.parse(JSON.stringify(a.surrogate.saved)));
    expect(loaded.prices(held[0]!.state, held[0]!.q)).toEqual(a.surrogate.prices(held[0]!.state, held[0]!.q));
    expect(() => new DlmpSurrogate({ ...market, periods: [3] }, a.surrogate.saved)).toThrow(/inputs/);
    [a, b].forEach((x) => x.surrogate.dispose());
    loaded.dispose();
  }, 60_000);
});

describe('the dlmp-learn job on the IEEE 33 DER sample (tiny configuration)', () => {
  it('trains on surrogate and exact prices, re-prices both on the exact OPF and checks the Nash equilibria', async () => {
    const progress: JobProgress[] = [];
    const r = await runJob({ kind: 'dlmp-learn', scenario: der(), options: tiny, seed: 3 }, { onProgress: (p) => progress.push(p) });
    expect(r.status, r.error?.message).toBe('ok');
    const d = r.data as DlmpLearnData, c = r.certificate as DlmpLearnCertificate;
    expect(progress.filter((p) => p.stage.startsWith('MATD3 on exact')).map((p) => p.metrics!.episode)).toEqual([1, 2, 3, 4]);
    expect(d.curves.exact).toHaveLength(4);
    expect(d.surrogate.trainSamples).toBe(48);
    expect(d.surrogate.heldOut.samples).toBe(12);
    expect(c.heldOutAgentMae).toBe(d.surrogate.heldOut.agentMae);
    expect(c.heldOutAgentMae).toBeLessThanOrEqual(tiny.surrogateTolerance);
    expect(d.evaluation.map((p) => p.period)).toEqual([3, 18]);
    // the exact re-pricing: profits recomputed from the reported injections and prices
    for (const p of d.evaluation) {
      for (const o of [p.surrogateTrained, p.exactTrained, p.nash]) o.profits.forEach((x, i) => expect(x).toBeCloseTo(profitOf(d.agents[i]!, o.q[i]!, o.prices[i]!, 1), 9));
      expect(p.nash.converged).toBe(true);
      expect(p.nash.exploitability).toBeLessThanOrEqual(1e-9);
      // nobody can do better against the equilibrium than the equilibrium profit, and the traders are at best as good
      expect(p.exactTrained.exploitability).toBeGreaterThanOrEqual(0);
    }
    expect(c.profitGap).toBeCloseTo(d.summary.surrogateTrained.profit - d.summary.exactTrained.profit, 12);
    expect(c.repriceMax).toBeGreaterThanOrEqual(c.repriceMeanAbs);
    // a saved surrogate goes back in through the options (JSON) and is used as it is
    const again = await runJob({ kind: 'dlmp-learn', scenario: der(), options: { ...tiny, episodes: 0, surrogate: JSON.parse(JSON.stringify(d.surrogate.weights)) }, seed: 3 });
    expect(again.status, again.error?.message).toBe('ok');
    const d2 = again.data as DlmpLearnData;
    expect(d2.surrogate.fitted).toBe(false);
    expect(d2.surrogate.weights).toEqual(d.surrogate.weights);
  }, 120_000);

  it('names the field of bad input', async () => {
    const r = await runJob({ kind: 'dlmp-learn', scenario: der(), options: { ...tiny, agents: [{ busId: 'nowhere', qMaxKw: 100, costPerKwh: 0.05, quadPerKw: 0.001 }] }, seed: 1 });
    expect(r.status).toBe('invalid');
    expect(r.error).toMatchObject({ code: 'invalid-options', path: 'options.agents.0.busId' });
    const late = await runJob({ kind: 'dlmp-learn', scenario: der(), options: { ...tiny, periods: [30] }, seed: 1 });
    expect(late.error).toMatchObject({ code: 'invalid-options', path: 'options.periods.0' });
  });
});
