/**
 * Rolling-origin evaluation and the forecast job: no tuning on the test
 * period, no look-ahead (the future shuffled, the forecast unchanged), the
 * metrics recomputed by the certificate (and a tampered table caught), and
 * the job seeded and certified end to end.
 */
import { describe, expect, it } from 'vitest';
import { evaluateForecast, type Evaluation, type EvaluationOptions } from '../../../solver/forecast/evaluate.ts';
import { forecastCertificate } from '../../../solver/forecast/certificate.ts';
import { frameOf } from '../../../solver/forecast/features.ts';
import { forecastScenario } from '../../../solver/forecast/scenarioOf.ts';
import { permutation, rngOf } from '../../../solver/forecast/random.ts';
import { runJob } from '../../../solver/jobs/run.ts';
import type { MeterData } from '../../../solver/forecast/meterData.ts';
import { syntheticLoad } from './synthetic.ts';

const OPTIONS: EvaluationOptions = {
  target: 'load', horizon: 24, testDays: 7, folds: 1, models: ['naive', 'ridge', 'elm', 'delm', 'mlp'], selection: 'grasshopper', tuning: 'chicken',
  search: { population: 4, iterations: 2 }, validationShare: 0.2, refit: true, intervalLevel: 0.9, mapeFloor: 0.05, seed: 1,
};
const run = (data: MeterData, o: Partial<EvaluationOptions> = {}): Evaluation => {
  const g = evaluateForecast(data, { ...OPTIONS, ...o });
  for (;;) {
    const s = g.next();
    if (s.done) return s.value;
  }
};
const withValues = (d: MeterData, f: (v: (number | null)[]) => (number | null)[]): MeterData => ({ ...d, series: d.series.map((s) => ({ ...s, values: f(s.values) })) });

describe('rolling-origin evaluation', () => {
  const data = syntheticLoad(70);
  const e = run(data);

  it('holds out the last days, trains each fold only on what came before', () => {
    expect(e.predictions.actual).toHaveLength(7 * 24);
    expect(e.testStart).toBe(e.intervals - 7 * 24);
    expect(e.tuningLastTarget).toBeLessThan(e.testStart);
    for (const f of e.folds) expect(f.lastTrainTarget).toBeLessThan(f.start);
    expect(Math.min(...e.predictions.t)).toBe(e.testStart);
  });

  it('never tunes on the test period: changing the test data changes neither the selected features nor the tuning', () => {
    const scaled = run(withValues(data, (v) => v.map((x, i) => (i >= e.testStart && x !== null ? 3 * x : x))));
    expect(scaled.selection).toEqual(e.selection);
    expect(scaled.tuning).toEqual(e.tuning);
    expect(scaled.models.find((m) => m.id === 'elm')!.mae).not.toBe(e.models.find((m) => m.id === 'elm')!.mae);
  });

  it('has no look-ahead: shuffling everything from the first test origin on leaves that origin\'s forecasts unchanged', () => {
    const rng = rngOf(99);
    const shuffled = withValues(data, (v) => {
      const tail = v.slice(e.testStart), p = permutation(tail.length, rng);
      return [...v.slice(0, e.testStart), ...p.map((i) => tail[i]!)];
    });
    const s = run(shuffled);
    const first = e.predictions.origin.map((o, i) => (o === e.testStart ? i : -1)).filter((i) => i >= 0);
    expect(first).toHaveLength(24);
    for (const id of OPTIONS.models) {
      const a = first.map((i) => e.predictions.models[id]!.forecast[i]), b = first.map((i) => s.predictions.models[id]!.forecast[i]);
      expect(b, id).toEqual(a);
    }
    // and the shuffle did change later forecasts (the check is not vacuous)
    expect(s.predictions.models.ridge!.forecast.slice(24)).not.toEqual(e.predictions.models.ridge!.forecast.slice(24));
  }, 60_000);

  it('selects and tunes inside every fold on its training part only: shuffling from the second fold on changes neither the first fold nor the second fold\'s choices or first forecasts', () => {
    const o = { folds: 2, models: ['naive', 'ridge', 'elm'] as EvaluationOptions['models'], testDays: 6 };
    const two = run(data, o);
    expect(two.folds).toHaveLength(2);
    const [f1, f2] = two.folds as [Evaluation['folds'][0], Evaluation['folds'][0]];
    for (const f of two.folds) {
      expect(f.tuningLastTarget).toBeLessThan(f.start);
      expect(f.lastTrainTarget).toBeLessThan(f.start);
      expect(f.selected.length).toBeGreaterThan(0);
    }
    // the second fold's window holds the first fold's test days: its search saw more data than the first's
    expect(f2.tuningLastTarget).toBeGreaterThanOrEqual(f1.start);
    const rng = rngOf(7);
    const shuffled = run(withValues(data, (v) => {
      const tail = v.slice(f2.start), p = permutation(tail.length, rng);
      return [...v.slice(0, f2.start), ...p.map((i) => tail[i]!)];
    }), o);
    expect(shuffled.folds.map((f) => ({ selected: f.selected, hidden: f.hidden, lambda: f.lambda }))).toEqual(two.folds.map((f) => ({ selected: f.selected, hidden: f.hidden, lambda: f.lambda })));
    const unchanged = two.predictions.origin.map((x, i) => (x <= f2.start ? i : -1)).filter((i) => i >= 0);
    expect(unchanged.length).toBe(4 * 24);
    for (const id of o.models) expect(unchanged.map((i) => shuffled.predictions.models[id]!.forecast[i]), id).toEqual(unchanged.map((i) => two.predictions.models[id]!.forecast[i]));
    expect(shuffled.predictions.models.ridge!.forecast.slice(4 * 24)).not.toEqual(two.predictions.models.ridge!.forecast.slice(4 * 24));
    const c = forecastCertificate({ ...two, source: null }, frameOf(data, 'load', 24, 24));
    expect(c.leakageViolations).toBe(0);
    const leaky = { ...two, source: null, folds: two.folds.map((f, k) => (k === 1 ? { ...f, tuningLastTarget: f.start } : f)) };
    expect(forecastCertificate(leaky, frameOf(data, 'load', 24, 24)).leakageViolations).toBe(1);
  }, 60_000);

  it('beats the seasonal naive on a clean daily pattern and reports 100 − MAPE as accuracy', () => {
    const naive = e.models.find((m) => m.id === 'naive')!;
    for (const m of e.models) {
      expect(m.accuracy).toBeCloseTo(100 - m.mape!, 12);
      if (m.id !== 'naive') expect(m.mae).toBeLessThan(naive.mae);
    }
    expect(e.next?.values).toHaveLength(24);
  });

  it('gives prediction intervals whose coverage is reported and plausible', () => {
    for (const m of e.models) {
      expect(m.coverage).toBeGreaterThan(0.6);
      const s = e.predictions.models[m.id]!;
      s.forecast.forEach((f, i) => expect(s.lo[i]! <= f && f <= s.hi[i]!).toBe(true));
    }
  });

  it('the certificate recomputes every metric and catches a tampered table', () => {
    const frame = frameOf(data, 'load', 24, 24);
    const c = forecastCertificate({ ...e, source: null }, frame);
    expect(c.metricsMaxDeviation).toBeLessThan(1e-12);
    expect(c.leakageViolations).toBe(0);
    expect(c.lookAheadRows).toBe(7 * 24);
    expect(c.lookAheadDiffering).toBe(0);
    const tampered = { ...e, source: null, models: e.models.map((m) => (m.id === 'elm' ? { ...m, mae: m.mae * 0.9 } : m)) };
    expect(forecastCertificate(tampered, frame).metricsMaxDeviation).toBeGreaterThan(0.05);
    const leaky = { ...e, source: null, tuningLastTarget: e.testStart };
    expect(forecastCertificate(leaky, frame).leakageViolations).toBe(1);
  });
});

describe('the forecast job', () => {
  const scenario = forecastScenario(syntheticLoad(50), 'synthetic');
  const request = (seed: number) => ({ kind: 'forecast' as const, scenario, seed, options: { testDays: 5, folds: 1, population: 4, iterations: 2, models: ['naive', 'ridge', 'elm'] as ('naive' | 'ridge' | 'elm')[] } });

  it('is certified, and repeats itself for a seed', async () => {
    const a = await runJob(request(3)), b = await runJob(request(3));
    expect(a.status, a.message).toBe('ok');
    expect(a.verdict?.certified).toBe(true);
    expect(a.data!.predictions).toEqual(b.data!.predictions);
    const c = await runJob(request(4));
    expect(c.data!.predictions.models.elm!.forecast).not.toEqual(a.data!.predictions.models.elm!.forecast);
  }, 60_000);

  it('reports progress by stage and stops when cancelled', async () => {
    const stages: string[] = [];
    let fraction = -1, monotone = true;
    const done = await runJob(request(1), { onProgress: (p) => { stages.push(p.stage); monotone &&= p.fraction >= fraction; fraction = p.fraction; } });
    expect(done.status).toBe('ok');
    expect(monotone).toBe(true);
    expect(stages[0]).toMatch(/^\d{4}-\d\d-\d\d: feature selection \(grasshopper\)/);
    expect(stages.some((s) => s.endsWith(': tuning the ELM (chicken)'))).toBe(true);
    expect(stages.some((s) => /Extreme learning machine$/.test(s))).toBe(true);
    let seen = 0;
    const cancelled = await runJob(request(1), { onProgress: () => void seen++, isCancelled: () => seen >= 3 });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.data).toBeFalsy();
  }, 60_000);

  it('names the field when the data cannot be evaluated', async () => {
    const r = await runJob({ ...request(1), options: { testDays: 60 } });
    expect(r.status).toBe('invalid');
    expect(r.error?.path).toBe('options');
    expect(r.error?.message).toMatch(/too little data/);
    const t = await runJob({ ...request(1), options: { target: 'pv' } });
    expect(t.error?.path).toBe('options.target');
  });
});
