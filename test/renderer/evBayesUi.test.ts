/**
 * The pure parts of the EV / Bayesian workbench UI: generator preview
 * histograms against independent draws, distribution kind conversion,
 * prior normalisation and the prior-sensitivity sweep (run through the
 * what-if engine on a small fleet), k-double-auction prior shapes, and the
 * strategy-by-type figure.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { Distribution, EvFleet, ScenarioInput } from '../../solver/scenario/schema.ts';
import { draw, sampleFleet } from '../../solver/ev/fleet.ts';
import { EvGenerator } from '../../solver/scenario/schema.ts';
import { runStudy } from '../../solver/whatif/execute.ts';
import { localExecutor } from '../../solver/whatif/localExecutor.ts';
import { runJob } from '../../solver/jobs/run.ts';
import type { EvBayesianData } from '../../solver/contract.ts';
import { distributionHistogram, normalCdf } from '../../renderer/src/bayes/distributionHistogram.ts';
import { convertDistribution, describeDistribution, parseNumberList } from '../../renderer/src/bayes/distributionForm.ts';
import { previewGenerator } from '../../renderer/src/bayes/generatorPreview.ts';
import { checkSensitivityForm, mostResponsiveLevel, normalisedPrior, sensitivityFigure, sensitivityRows, sensitivityStudy, shareGrid, shareOfWeight, weightForShare } from '../../renderer/src/bayes/priorSensitivity.ts';
import { inferShape, kdaTypes, normalisedWeights, resampleWeights, triangularPrior } from '../../renderer/src/bayes/kdaPriors.ts';
import { evTypeFigure, levelsByResponsiveness } from '../../renderer/src/bayes/evFigures.ts';

const sample = JSON.parse(readFileSync(new URL('../../assets/scenarios/ev-parking-lot.ggs.json', import.meta.url), 'utf8')) as ScenarioInput;

/** n independent draws with the solver's own sampler. */
function draws(d: Distribution, n: number, seed = 7): number[] {
  const rng = xoroshiro128plus(seed);
  return Array.from({ length: n }, () => draw(d, rng));
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
};

describe('distributionHistogram (the generator preview: sample against distribution)', () => {
  const cases: [string, Distribution][] = [
    ['uniform', { kind: 'uniform', min: 0.2, max: 0.9 }],
    ['normal clipped both sides', { kind: 'normal', mean: 8.5, sd: 1.2, min: 7, max: 10 }],
    ['normal clipped below only', { kind: 'normal', mean: 0, sd: 1, min: -0.5 }],
    ['normal unclipped', { kind: 'normal', mean: 60, sd: 10 }],
    ['empirical with weights', { kind: 'empirical', values: [40, 60, 75], weights: [0.3, 0.45, 0.25] }],
    ['empirical with a repeated value', { kind: 'empirical', values: [7.4, 11, 7.4] }],
    ['fixed', { kind: 'fixed', value: 7.4 }],
  ];
  it.each(cases)('%s: expected counts match 200 000 independent draws within 0.5 % of n per bin, and sum to n', (_, d) => {
    const xs = draws(d, 200_000);
    const h = distributionHistogram(d, xs, 10);
    expect(h.expected.reduce((a, b) => a + b, 0)).toBeCloseTo(xs.length, 6);
    expect(h.observed.reduce((a, b) => a + b, 0) + h.outside).toBe(xs.length);
    h.expected.forEach((e, k) => expect(Math.abs(e - h.observed[k]!) / xs.length).toBeLessThan(0.005));
    expect(Math.abs(h.distributionMean - mean(xs))).toBeLessThan(0.01 * Math.max(1, sd(xs)));
  });

  it('a clipped normal puts its tails on the clip bounds: the edge bins carry Φ at the bounds', () => {
    const h = distributionHistogram({ kind: 'normal', mean: 0, sd: 1, min: -1, max: 1 }, [], 4);
    expect(h.x).toEqual([-0.75, -0.25, 0.25, 0.75]);
    expect(h.expected).toEqual([0, 0, 0, 0]); // n = 0
    const h40 = distributionHistogram({ kind: 'normal', mean: 0, sd: 1, min: -1, max: 1 }, new Array(40).fill(0), 4);
    expect(h40.expected[0]).toBeCloseTo(40 * normalCdf(-0.5), 5);
    expect(h40.expected[1]).toBeCloseTo(40 * (0.5 - normalCdf(-0.5)), 5);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 5);
  });

  it('discrete kinds get one bin per value; a value the fleet moved counts as outside', () => {
    const h = distributionHistogram({ kind: 'empirical', values: [75, 40, 60], weights: [1, 1, 2] }, [40, 40, 60, 75, 1]);
    expect(h.discrete).toBe(true);
    expect(h.x).toEqual([40, 60, 75]);
    expect(h.observed).toEqual([2, 1, 1]);
    expect(h.expected).toEqual([1.25, 2.5, 1.25]);
    expect(h.outside).toBe(1);
  });
});

describe('distribution kinds in the editor', () => {
  const normal: Distribution = { kind: 'normal', mean: 8.5, sd: 1.2 };
  it.each(['uniform', 'empirical', 'normal'] as const)('normal → %s keeps the mean and the standard deviation (to 3 significant digits)', (kind) => {
    const d = convertDistribution(normal, kind);
    expect(d.kind).toBe(kind);
    const xs = draws(d, 100_000);
    expect(mean(xs)).toBeCloseTo(8.5, 1);
    expect(sd(xs)).toBeCloseTo(1.2, 1);
  });
  it('a uniform becomes a normal clipped to its bounds (a 0..1 quantity stays in 0..1), and back', () => {
    const n = convertDistribution({ kind: 'uniform', min: 0.2, max: 0.9 }, 'normal');
    expect(n).toEqual({ kind: 'normal', mean: 0.55, sd: 0.202, min: 0.2, max: 0.9 });
    expect(convertDistribution(n, 'uniform')).toEqual({ kind: 'uniform', min: 0.2, max: 0.9 });
    expect(convertDistribution({ kind: 'fixed', value: 7.4 }, 'uniform')).toEqual({ kind: 'uniform', min: 6.12, max: 8.68 });
  });
  it('lists keep a token that is not a number as typed, so validation can point at it', () => {
    expect(parseNumberList('40, 60 75')).toEqual([40, 60, 75]);
    expect(parseNumberList('40, 6x0')).toEqual([40, '6x0']);
    expect(parseNumberList('  ')).toBeUndefined();
    expect(describeDistribution({ kind: 'normal', mean: 8.5, sd: 1.2, min: 6 })).toBe('normal mean 8.5, sd 1.2, clipped to [6, ∞]');
  });
});

describe('previewGenerator', () => {
  const fleet = sample.evFleets![0]! as EvFleet;
  it('samples the same fleet as the solver and the freeze button, with roles for every EV', () => {
    const r = previewGenerator(fleet, fleet.generator, { T: 24, dtHours: 1 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.preview.evs).toEqual(sampleFleet(fleet.id, EvGenerator.parse(fleet.generator), 24));
    const { seller, buyer, idle } = r.preview.roles;
    expect(seller + buyer + idle).toBe(40);
    expect(r.preview.quantities.map((q) => q.key)).toEqual(['capacityKwh', 'arrivalH', 'stayH', 'arrivalSoc', 'requiredSoc', 'maxChargeKw', 'maxDischargeKw', 'chargeEfficiency', 'dischargeEfficiency', 'degradationCostPerKwh']);
    // the schema default of an absent quantity is what is previewed
    expect(r.preview.quantities.find((q) => q.key === 'chargeEfficiency')!.distribution).toEqual({ kind: 'fixed', value: 0.95 });
    for (const q of r.preview.quantities) expect(q.histogram.observed.reduce((a, b) => a + b, 0) + q.histogram.outside).toBe(40);
  });
  it('an unusable generator gives the path of the first problem instead of a preview', () => {
    const bad = { ...fleet.generator!, arrivalSoc: { kind: 'uniform', min: 0.2 } };
    expect(previewGenerator(fleet, bad, { T: 24, dtHours: 1 })).toMatchObject({ ok: false, path: 'arrivalSoc.max' });
  });
});

describe('prior sensitivity (issue 5 item 5)', () => {
  const levels = [
    { id: 'low', dissatisfactionPerKwh2: 0.02, prior: 0.3 },
    { id: 'medium', dissatisfactionPerKwh2: 0.006, prior: 0.4 },
    { id: 'high', dissatisfactionPerKwh2: 0.002, prior: 0.3 },
  ];
  it('writes the weight that gives the requested normalised share, the others unchanged', () => {
    expect(mostResponsiveLevel(levels)).toBe(2);
    for (const s of [0.05, 0.3, 0.8]) {
      const w = weightForShare(levels, 2, s);
      const moved = levels.map((l, k) => ({ ...l, prior: k === 2 ? w : l.prior }));
      expect(normalisedPrior(moved)[2]).toBeCloseTo(s, 12);
      expect(shareOfWeight(levels, 2, w)).toBeCloseTo(s, 12);
    }
    expect(normalisedPrior(levels)).toEqual([0.3, 0.4, 0.3]);
    expect(normalisedPrior([{ prior: 0 }, { prior: 'x' }])).toEqual([0, 0]);
    expect(shareGrid(0.1, 0.7, 4).map((x) => +x.toFixed(12))).toEqual([0.1, 0.3, 0.5, 0.7]);
  });
  it('says why a form cannot run', () => {
    const form = { fleet: 0, level: 2, from: 0.05, to: 0.8, points: 3 };
    expect(checkSensitivityForm(sample, form)).toBeNull();
    expect(checkSensitivityForm(sample, { ...form, to: 1 })).toMatch(/0 < from < to < 1/);
    expect(checkSensitivityForm(sample, { ...form, points: 1 })).toMatch(/points/);
    expect(checkSensitivityForm({ ...sample, evFleets: [] }, form)).toMatch(/no EV fleet/);
  });

  it('a sweep through runStudy on a small fleet: V2V and green utilisation do not fall, emissions do not rise, as the responsive share grows', async () => {
    const small: ScenarioInput = structuredClone(sample);
    small.evFleets![0]!.generator!.count = 6; // 3^5 opponent profiles: exact enumeration, under a second a point
    const form = { fleet: 0, level: 2, from: 0.1, to: 0.8, points: 3 };
    // a 6-EV fleet's interim utilities have near-equal peaks: like the small fleets of evBayesian.test.ts it states ε = 1e-3
    const study = { ...sensitivityStudy(small, form), base: { ...sensitivityStudy(small, form).base, options: { epsilon: 1e-3 } } };
    expect(study.design).toMatchObject({ kind: 'sweep', param: { path: 'evFleets[0].responsiveness[2].prior' } });
    const result = await runStudy(study, localExecutor);
    const run = { levels: small.evFleets![0]!.responsiveness.map((l) => ({ ...l, name: l.name ?? '' })), fleetId: 'lot', form, result };
    const rows = sensitivityRows(run);
    expect(rows.map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
    expect(rows.map((r) => +r.share.toFixed(12))).toEqual([0.1, 0.45, 0.8]);
    for (let k = 1; k < rows.length; k++) {
      expect(rows[k]!.v2vKwh!).toBeGreaterThanOrEqual(rows[k - 1]!.v2vKwh! - 1e-9);
      expect(rows[k]!.greenPct!).toBeGreaterThanOrEqual(rows[k - 1]!.greenPct! - 1e-9);
      expect(rows[k]!.emissionsKg!).toBeLessThanOrEqual(rows[k - 1]!.emissionsKg! + 1e-9);
    }
    expect(rows[2]!.v2vKwh!).toBeGreaterThan(rows[0]!.v2vKwh!);
    // each point equals a direct run of the job at that prior
    const direct = structuredClone(small);
    direct.evFleets![0]!.responsiveness[2]!.prior = rows[1]!.weight;
    const job = await runJob({ kind: 'ev-bayesian', scenario: direct, options: { epsilon: 1e-3 } });
    expect((job.data as EvBayesianData).summary.v2vKwh).toBeCloseTo(rows[1]!.v2vKwh!, 9);
    const fig = sensitivityFigure(run, 0.3);
    expect((fig.data[0] as { x: number[] }).x.map((x) => +x.toFixed(9))).toEqual([10, 45, 80]);
    expect((fig.layout.xaxis as { title: { text: string } }).title.text).toBe('share of users "High responsiveness", % (normalised prior)');
  });
});

describe('k-double auction prior shapes', () => {
  const types = kdaTypes(0, 1, 5);
  it('triangular weights peak at the mode and fall to 0 at the ends', () => {
    expect(types).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(triangularPrior(types, 0.5)).toEqual([0, 0.5, 1, 0.5, 0]);
    expect(triangularPrior(types, 0)).toEqual([1, 0.75, 0.5, 0.25, 0]);
    expect(triangularPrior(types, 0.25)).toEqual([0, 1, 2 / 3, 1 / 3, 0].map((x) => +x.toPrecision(6)));
  });
  it('normalises, infers the shape, resamples to another grid', () => {
    expect(normalisedWeights(undefined, 4)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(normalisedWeights([0, 1, 3], 3)).toEqual([0, 0.25, 0.75]);
    expect(inferShape(undefined)).toBe('uniform');
    expect(inferShape([2, 2, 2])).toBe('uniform');
    expect(inferShape([0, 1, 2])).toBe('custom');
    expect(resampleWeights([0, 1, 0], 5)).toEqual([0, 0.5, 1, 0.5, 0]);
    expect(resampleWeights([1, 3], 3)).toEqual([1, 2, 3]);
  });
});

describe('strategy by type (the Bayesian equilibrium for a class)', () => {
  it('orders levels least to most responsive and draws each role’s mean over its EVs', async () => {
    const result = await runJob({ kind: 'ev-bayesian', scenario: sample, options: { sampleSize: 16 } });
    const d = result.data as EvBayesianData;
    expect(levelsByResponsiveness(d).map((l) => l.id)).toEqual(['low', 'medium', 'high']);
    const fig = evTypeFigure(d, 'v2vKwh');
    const sellers = d.evs.filter((e) => e.role === 'seller');
    const meanSeller = fig.data.find((t) => (t as { name?: string }).name?.startsWith('mean seller')) as { y: number[] };
    const byHand = ['low', 'medium', 'high'].map((lv) => mean(sellers.map((e) => e.byType.find((b) => b.level === lv)!.v2vKwh)));
    meanSeller.y.forEach((y, j) => expect(y).toBeCloseTo(byHand[j]!, 12));
    // one thin line per trading EV plus two means
    expect(fig.data.length).toBe(d.evs.filter((e) => e.role !== 'idle').length + 2);
  });
});
