/**
 * The `forecast` job kind: short-term load forecasting on the scenario's
 * metered series, every model against the seasonal-naive and ridge
 * baselines by rolling-origin evaluation (docs/models/forecasting.md;
 * solver: solver/forecast/forecastJob.ts). Options, result data and
 * certificate, what-if outputs, CLI summary and CSV tables; registered in
 * solver/jobs/kindRegistry.ts.
 */
import { z } from 'zod';
import type { Table } from '../../results/table.ts';
import { MODEL_IDS, SELECTION_METHODS, TUNING_METHODS } from '../../forecast/modelIds.ts';
import type { Evaluation } from '../../forecast/evaluate.ts';
import { defineJobKind } from '../kindModule.ts';
import type { OutputSpecOf } from '../outputSpec.ts';

export const ForecastOptions = z
  .object({
    /** the series to forecast: a role (load, pv, net) or a series id */
    target: z.string().min(1).default('load'),
    /** intervals ahead (at most one day) */
    horizon: z.number().int().min(1).max(96).default(24),
    /** aggregate to this step first (a whole multiple of the data's step) */
    stepMinutes: z.number().int().min(1).max(1440).optional(),
    /** the held-out test period: the last days of the data */
    testDays: z.number().int().min(1).max(366).default(28),
    /** rolling-origin blocks of the test period; each retrains on everything before it */
    folds: z.number().int().min(1).max(52).default(2),
    models: z.preprocess((v) => (typeof v === 'string' ? v.split(',').map((x) => x.trim()) : v), z.array(z.enum(MODEL_IDS)).min(1)).default([...MODEL_IDS]),
    selection: z.enum(SELECTION_METHODS).default('grasshopper'),
    tuning: z.enum(TUNING_METHODS).default('chicken'),
    /** population and iterations of each metaheuristic */
    population: z.number().int().min(4).max(200).default(10),
    iterations: z.number().int().min(1).max(500).default(10),
    /** share of the training window's origins kept for validation (selection, tuning, λ, early stopping, interval residuals) */
    validationShare: z.number().min(0.05).max(0.5).default(0.2),
    /** refit on the whole training window after the validation split chose */
    refit: z.boolean().default(true),
    /** coverage the prediction intervals aim at */
    intervalLevel: z.number().min(0.5).max(0.99).default(0.9),
    /** MAPE counts only actuals at least this large (kWh per interval) */
    mapeFloor: z.number().min(0).default(0.05),
    /** default: the request's seed */
    seed: z.number().int().optional(),
    /** the certificate's tolerance on the recomputed metrics (relative) */
    tolerance: z.number().positive().max(1e-3).default(1e-9),
  })
  .strict();
export type ForecastOptions = z.output<typeof ForecastOptions>;

export interface ForecastData extends Evaluation {
  source: { name: string; licence?: string; citation?: string } | null;
}

export interface ForecastCertificate {
  /** largest relative difference between a reported metric and its recomputation from the stored predictions */
  metricsMaxDeviation: number;
  recomputed: Record<string, { mae: number; rmse: number; mape: number | null; coverage: number }>;
  /** steps that read data at or after the first index they must not see (must be 0) */
  leakageViolations: number;
  /** test feature rows rebuilt with every value from their origin on blanked, and how many changed (must be 0) */
  lookAheadRows: number;
  lookAheadDiffering: number;
  scope: string;
}

const best = (d: ForecastData) => d.models.find((m) => m.id === d.best)!;

export const forecastOutputs: OutputSpecOf<ForecastData>[] = [
  { id: 'bestMae', label: 'Test MAE of the best model', unit: 'kWh', shape: 'scalar', extract: (d) => best(d).mae, at: (d) => d.best },
  { id: 'naiveMae', label: 'Test MAE of the seasonal naive', unit: 'kWh', shape: 'scalar', extract: (d) => d.models.find((m) => m.id === 'naive')?.mae ?? null },
  { id: 'bestSkill', label: 'Skill of the best model over the seasonal naive (1 − MAE ratio)', unit: 'ratio', shape: 'scalar', extract: (d) => best(d).skillVsNaive },
  { id: 'bestCoverage', label: 'Prediction-interval coverage of the best model', unit: 'share', shape: 'scalar', extract: (d) => best(d).coverage },
  { id: 'next', label: 'Forecast after the data (best model)', unit: 'kWh', shape: 'series', extract: (d) => d.next?.values ?? [] },
];

const f3 = (x: number | null) => (x === null || !Number.isFinite(x) ? '—' : x.toFixed(3));
const f1 = (x: number | null) => (x === null || !Number.isFinite(x) ? '—' : x.toFixed(1));

export function forecastSummary(d: ForecastData, c: ForecastCertificate | null): string[] {
  const lines = [
    `target         ${d.target}, ${d.horizon} × ${d.stepMinutes} min ahead, ${d.intervals} intervals from ${d.startIso}`,
    `test           from ${d.testStartIso} (${d.predictions.actual.length} forecasts, ${d.folds.length} rolling-origin folds)`,
    `features       ${d.selection.method}: ${d.features.filter((f) => f.selected).map((f) => f.name).join(', ')}`,
    `model            MAE     RMSE    MAPE %  accuracy (100−MAPE)  skill vs naive  coverage`,
    ...d.models.map((m) => `${(m.id + (m.baseline ? ' (baseline)' : '')).padEnd(17)}${f3(m.mae).padEnd(8)}${f3(m.rmse).padEnd(8)}${f1(m.mape).padEnd(8)}${f1(m.accuracy).padEnd(21)}${f3(m.skillVsNaive).padEnd(16)}${f3(m.coverage)}`),
    `best           ${d.best}${d.next ? `; next ${d.horizon} intervals from ${d.next.startIso}` : ''}`,
  ];
  if (c) lines.push(`certificate    metrics recomputed to ${c.metricsMaxDeviation.toExponential(1)}; ${c.leakageViolations} leakage violations; ${c.lookAheadDiffering}/${c.lookAheadRows} feature rows changed by blanking the future`);
  return lines;
}

const timeOf = (d: ForecastData, t: number) => new Date(Date.parse(d.startIso) + t * d.stepMinutes * 60_000).toISOString().replace('.000Z', 'Z');

export function forecastTables(d: ForecastData): Record<'models' | 'predictions' | 'next' | 'front' | 'byHour' | 'folds', Table> {
  const ids = Object.keys(d.predictions.models);
  return {
    models: {
      columns: ['model', 'baseline', 'mae', 'rmse', 'mape', 'accuracy', 'mapePoints', 'n', 'skillVsNaive', 'coverage'],
      rows: d.models.map((m) => [m.id, m.baseline ? 1 : 0, m.mae, m.rmse, m.mape, m.accuracy, m.mapePoints, m.n, m.skillVsNaive, m.coverage]),
    },
    predictions: {
      columns: ['time', 't', 'origin', 'actual', ...ids.flatMap((id) => [id, `${id}_lo`, `${id}_hi`])],
      rows: d.predictions.t.map((t, i) => [timeOf(d, t), t, d.predictions.origin[i]!, d.predictions.actual[i]!, ...ids.flatMap((id) => {
        const s = d.predictions.models[id]!;
        return [s.forecast[i]!, s.lo[i]!, s.hi[i]!];
      })]),
    },
    next: {
      columns: ['time', 'forecast', 'lo', 'hi', 'model'],
      rows: d.next ? d.next.values.map((v, h) => [timeOf(d, d.intervals + h), v, d.next!.lo[h]!, d.next!.hi[h]!, d.next!.model]) : [],
    },
    front: {
      columns: ['features', 'validationMae', 'selected'],
      rows: d.selection.front.map((p) => [p.features, p.error, d.features.filter((_, j) => p.mask[j]).map((f) => f.name).join(' ')]),
    },
    folds: {
      columns: ['start', 'end', 'startIso', 'lastTrainTarget', 'tuningLastTarget', 'selected', 'elmHidden', 'elmLambda'],
      rows: d.folds.map((f) => [f.start, f.end, f.startIso, f.lastTrainTarget, f.tuningLastTarget, f.selected.join(' '), f.hidden, f.lambda]),
    },
    byHour: {
      columns: ['hour', ...ids],
      rows: Array.from({ length: 24 }, (_, h) => [h, ...ids.map((id) => d.byHour[id]?.[h] ?? null)]),
    },
  };
}

export const forecastKind = defineJobKind<'forecast', ForecastOptions, ForecastData, ForecastCertificate>({
  kind: 'forecast',
  label: 'Short-term load forecast (ELM, deep ELM, MLP vs baselines)',
  options: ForecastOptions,
  outputs: forecastOutputs,
  summary: forecastSummary,
  tables: forecastTables,
  warmStart: false,
});
