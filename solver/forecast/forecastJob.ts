/**
 * The `forecast` job: the scenario's `forecast` section (metered series on a
 * regular grid) evaluated by rolling origin (evaluate.ts), every model
 * against the seasonal-naive and ridge baselines, with a certificate that
 * recomputes the metrics and checks for leakage and look-ahead
 * (certificate.ts). Seeded: the same scenario, options and seed give the
 * same result.
 */
import type { JobDefinition } from '../jobs/types.ts';
import type { ForecastData } from '../jobs/kinds/forecast.ts';
import type { Scenario } from '../scenario/schema.ts';
import { SolverError } from '../jobs/errors.ts';
import { atMost } from '../jobs/certification.ts';
import { evaluateForecast } from './evaluate.ts';
import { aggregate, type MeterData } from './meterData.ts';
import { frameOf } from './features.ts';
import { forecastCertificate } from './certificate.ts';
import { isTimeZone } from './time.ts';

/** The section as meter data; a typed error names the field when it is inconsistent. */
export function meterDataOf(scenario: Scenario): MeterData {
  const s = scenario.forecast;
  if (!s) throw new SolverError({ code: 'invalid-scenario', message: 'the scenario has no "forecast" section', path: 'forecast', hint: 'make one from meter data: ggs forecast DATA.csv --out DIR --scenario-out FILE' });
  const n = s.series[0]!.values.length;
  s.series.forEach((x, i) => {
    if (x.values.length !== n) throw new SolverError({ code: 'invalid-scenario', message: `series ${x.id} has ${x.values.length} values, the first has ${n}`, path: `forecast.series.${i}.values`, hint: 'every series of the section covers the same intervals' });
  });
  if (!isTimeZone(s.timeZone)) throw new SolverError({ code: 'invalid-scenario', message: `unknown time zone "${s.timeZone}"`, path: 'forecast.timeZone', hint: 'an IANA name such as Europe/Berlin' });
  return {
    startMs: Date.parse(s.start),
    stepMinutes: s.stepMinutes,
    timeZone: s.timeZone,
    series: s.series.map((x) => ({ ...x })),
    report: { rows: n, stepMinutes: s.stepMinutes, intervals: n, columns: [], derived: [], notes: [...s.notes] },
  };
}

export const forecastJob: JobDefinition<'forecast'> = {
  kind: 'forecast',
  *run(scenario, options, ctx) {
    const raw = meterDataOf(scenario);
    const target = raw.series.find((x) => x.id === options.target || x.role === options.target);
    if (!target) throw new SolverError({ code: 'invalid-options', message: `no series "${options.target}" to forecast`, path: 'options.target', hint: `series: ${raw.series.map((x) => `${x.id} (${x.role})`).join(', ')}` });
    const seed = options.seed ?? ctx.seed;
    let data: MeterData;
    try {
      data = options.stepMinutes ? aggregate(raw, options.stepMinutes) : raw;
    } catch (e) {
      throw new SolverError({ code: 'invalid-options', message: (e as Error).message, path: 'options.stepMinutes', hint: `the data's step is ${raw.stepMinutes} minutes` });
    }
    let evaluation;
    try {
      evaluation = yield* evaluateForecast(data, {
        target: target.id,
        horizon: options.horizon,
        testDays: options.testDays,
        folds: options.folds,
        models: options.models,
        selection: options.selection,
        tuning: options.tuning,
        search: { population: options.population, iterations: options.iterations },
        validationShare: options.validationShare,
        refit: options.refit,
        intervalLevel: options.intervalLevel,
        mapeFloor: options.mapeFloor,
        seed,
      });
    } catch (e) {
      if (e instanceof RangeError) throw new SolverError({ code: 'invalid-options', message: e.message, path: 'options', hint: 'fewer test days, a shorter horizon, or more data' });
      throw e;
    }
    const result: ForecastData = { ...evaluation, source: scenario.forecast!.source ?? null };
    const certificate = forecastCertificate(result, frameOf(data, target.id, options.horizon, options.horizon));
    const warnings = evaluation.notes.filter((n) => n.startsWith('no forecast after'));
    return { data: result, certificate, ...(warnings.length ? { warnings } : {}) };
  },
  verdict(c, options) {
    const value = Math.max(c.metricsMaxDeviation, c.leakageViolations, c.lookAheadDiffering);
    return atMost('metric recomputation deviation, leakage violations or look-ahead rows', value, options.tolerance, () =>
      [c.metricsMaxDeviation > options.tolerance ? `a reported metric differs from its recomputation by ${c.metricsMaxDeviation.toExponential(2)}` : '', c.leakageViolations ? `${c.leakageViolations} steps read data they must not see` : '', c.lookAheadDiffering ? `${c.lookAheadDiffering} test feature rows change when the future is blanked` : ''].filter(Boolean).join('; '),
    );
  },
};
