import { describe, expect, it } from 'vitest';
import { runStudy } from '../../../solver/whatif/execute.ts';
import { tornadoSummary, monteCarloSummary, summarizeSamples, type SampleSummary } from '../../../solver/whatif/summary.ts';
import { baseRequest, countingExecutor } from './fixtures.ts';

describe('tornadoSummary', () => {
  it('sorts bars by swing, largest first, with deltas from the base point', async () => {
    // the fake's losses depend on the load scale only, so bus 3's load has no swing
    const result = await runStudy(
      { base: baseRequest, design: { kind: 'tornado', params: ['network.buses[id=3].pdKw', 'network.loadScale'], deltaPct: 10 } },
      countingExecutor(),
    );
    const t = tornadoSummary(result, 'energyLossesKwh');
    expect(t.baseOutput).toBe(30);
    expect(t.bars.map((b) => b.path)).toEqual(['network.loadScale', 'network.buses[id=3].pdKw']);
    const [scale, load] = t.bars;
    expect(scale).toMatchObject({ baseValue: 1, lowValue: 0.9, highValue: 1.1 });
    expect(scale!.lowDelta).toBeCloseTo(30 * 0.81 - 30, 12);
    expect(scale!.highDelta).toBeCloseTo(30 * 1.21 - 30, 12);
    expect(scale!.swing).toBeCloseTo(30 * (1.21 - 0.81), 12);
    expect(load).toMatchObject({ lowValue: 180, highValue: 220, lowDelta: 0, highDelta: 0, swing: 0 });
  });

  it('puts a bar whose points failed last and refuses a non-scalar output or another study kind', async () => {
    const result = await runStudy(
      // −150 % drives the load scale below zero: an invalid scenario
      { base: baseRequest, design: { kind: 'tornado', params: ['network.loadScale', 'network.buses[id=3].pdKw'], deltaPct: 150 } },
      countingExecutor(),
    );
    const t = tornadoSummary(result, 'peakLossesKw');
    expect(t.bars.map((b) => [b.path, b.swing])).toEqual([['network.buses[id=3].pdKw', 0], ['network.loadScale', null]]);
    expect(() => tornadoSummary(result, 'lossesKw')).toThrow('output "lossesKw" is a series; this summary needs a scalar output');
    const sweep = await runStudy({ base: baseRequest, design: { kind: 'sweep', param: { path: 'network.loadScale', values: { kind: 'list', values: [1] } } } }, countingExecutor());
    expect(() => tornadoSummary(sweep, 'peakLossesKw')).toThrow('a tornado summary needs a tornado study, not a sweep');
  });
});

describe('summarizeSamples', () => {
  it('gives mean, sample std and type-7 quantiles', () => {
    const s = summarizeSamples([4, 1, 3, 2], [0, 0.25, 0.5, 1]);
    expect(s).toMatchObject({ n: 4, mean: 2.5, min: 1, max: 4 });
    expect(s.std).toBeCloseTo(Math.sqrt(5 / 3), 14);
    expect(s.quantiles).toEqual({ '0': 1, '0.25': 1.75, '0.5': 2.5, '1': 4 });
  });

  it('stays accurate for values far from zero (Welford)', () => {
    const s = summarizeSamples([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]);
    expect(s.std).toBeCloseTo(Math.sqrt(30), 9);
  });

  it('returns NaN statistics for no samples and std 0 for one', () => {
    expect(summarizeSamples([]).mean).toBeNaN();
    expect(summarizeSamples([3]).std).toBe(0);
  });
});

describe('monteCarloSummary', () => {
  it('summarises the ok points and counts the others as failed', async () => {
    const result = await runStudy(
      {
        base: baseRequest,
        // no clipping: some draws are negative, which the schema refuses
        design: { kind: 'monte-carlo', samples: 200, seed: 3, params: [{ path: 'network.loadScale', distribution: { kind: 'normal', mean: 0.3, std: 0.4 } }] },
      },
      countingExecutor(),
      { concurrency: 4 },
    );
    const ok = result.points.filter((p) => p.status === 'ok');
    expect(ok.length).toBeGreaterThan(0);
    expect(ok.length).toBeLessThan(200);

    const mc = monteCarloSummary(result, 'energyLossesKwh');
    const summary = mc.summary as SampleSummary;
    expect(mc.samples).toBe(200);
    expect(mc.failed).toBe(200 - ok.length);
    expect(summary.n).toBe(ok.length);
    const expected = ok.map((p) => 30 * p.values['network.loadScale']! ** 2);
    expect(summary.mean).toBeCloseTo(expected.reduce((a, b) => a + b, 0) / expected.length, 9);

    const bands = monteCarloSummary(result, 'lossesKw').summary as SampleSummary[];
    expect(bands).toHaveLength(2);
    expect(bands[1]!.quantiles['0.5']).toBeCloseTo(2 * bands[0]!.quantiles['0.5']!, 9);
    const perBus = monteCarloSummary(result, 'busVoltagePu').summary as Record<string, SampleSummary>;
    expect(Object.keys(perBus)).toEqual(['1', '2', '3']);
    expect(perBus['1']!.std).toBe(0);
  });
});
