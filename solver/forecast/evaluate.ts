/**
 * Rolling-origin evaluation of the forecasting models on held-out data.
 *
 * The last `testDays` days are the test period, cut into `folds` blocks of
 * consecutive daily origins (at local midnight). For each block every model
 * is trained again on everything before the block (an expanding window): the
 * window's last `validationShare` of origins is its validation split (ridge's
 * λ, the MLP's early stopping, the residuals the prediction intervals come
 * from), then the model is refitted on the whole window with what the split
 * chose (`refit`; the ELM family adds the validation rows to its normal
 * equations instead of starting again, see `refitted`). Feature selection and the ELM's tuning are redone in
 * every fold, on that fold's fit/validation split only, so no test period
 * influences a choice (a later fold's selection sees the earlier folds' test
 * days as training data, as it would in use); each fold records the largest
 * target index its training, selection and tuning read, so the certificate
 * can check them. Feature rows are built once per frame (design.ts cache)
 * and cut per window, not rebuilt per fold and split.
 */
import { aggregate, type MeterData } from './meterData.ts';
import { design, designCache, featureRow, frameOf, originsIn, type ForecastFrame } from './features.ts';
import { MODELS, type ModelId } from './models/index.ts';
import type { FittedModel, TrainSet } from './models/model.ts';
import { errorMetrics, quantile, type ErrorMetrics } from './metrics.ts';
import { selectFeatures, tuneElm, type SearchEffort, type SelectionResult, type TuningResult } from './selection.ts';
import { ELM_DEFAULTS } from './models/elm.ts';
import { isoUtc } from './time.ts';

export interface EvaluationOptions {
  target: string;
  horizon: number;
  stepMinutes?: number;
  testDays: number;
  folds: number;
  models: ModelId[];
  selection: SelectionResult['method'];
  tuning: TuningResult['method'];
  search: SearchEffort;
  validationShare: number;
  refit: boolean;
  intervalLevel: number;
  mapeFloor: number;
  seed: number;
  /** also forecast the horizon after the data with the best model (default true; the bench times evaluation alone) */
  forecastNext?: boolean;
}

export interface ModelRow extends ErrorMetrics {
  id: ModelId;
  label: string;
  baseline: boolean;
  /** 1 − MAE / MAE of the seasonal naive (positive: better than the baseline) */
  skillVsNaive: number | null;
  /** share of test actuals inside the prediction interval */
  coverage: number;
  /** what was fitted in the last fold */
  info: Record<string, number | string>;
}

export interface Fold {
  /** first and one-past-last test origin index */
  start: number;
  end: number;
  startIso: string;
  /** the largest target index any training row of this fold read (must be < start) */
  lastTrainTarget: number;
  /** the largest target index this fold's feature selection and tuning read (must be < start) */
  tuningLastTarget: number;
  /** the features this fold's selection chose, and the ELM's tuned size */
  selected: string[];
  hidden: number;
  lambda: number;
}

export interface ForecastSeries {
  forecast: number[];
  lo: number[];
  hi: number[];
}

export interface Evaluation {
  target: string;
  stepMinutes: number;
  horizon: number;
  intervals: number;
  startIso: string;
  testStart: number;
  testStartIso: string;
  folds: Fold[];
  /** the largest target index the first fold's selection and tuning read (must be < testStart; every fold's own is in `folds`, checked against its start) */
  tuningLastTarget: number;
  /** the last fold's selection (its `selected` flags, Pareto front and convergence are what the views show); every fold's is in `folds` */
  features: { name: string; label: string; kind: string; selected: boolean }[];
  selection: SelectionResult;
  tuning: TuningResult;
  models: ModelRow[];
  /** MAE per model by local hour of day of the target */
  byHour: Record<string, number[]>;
  /** every test forecast: target index, origin, actual, and per model forecast and interval */
  predictions: { t: number[]; origin: number[]; actual: number[]; models: Record<string, ForecastSeries> };
  intervalLevel: number;
  mapeFloor: number;
  best: ModelId;
  /** the best model (lowest test MAE) refitted on all data, forecasting the horizon after the data's end */
  next: { model: ModelId; startIso: string; values: number[]; lo: number[]; hi: number[] } | null;
  notes: string[];
}

export interface EvaluationProgress {
  fraction: number;
  stage: string;
}

/** The first origin at local midnight with two weeks of history behind it (the longest lag). */
function anchorOf(f: ForecastFrame): number {
  let a = 14 * f.day;
  while (a < f.y.length && Math.round(f.calendar.dayFrac[a]! * 1440) % 1440 !== 0) a++;
  return a;
}

function split(origins: number[], share: number): { fit: number[]; val: number[] } {
  const cut = Math.max(1, Math.min(origins.length - 1, Math.round(origins.length * (1 - share))));
  return { fit: origins.slice(0, cut), val: origins.slice(cut) };
}

/**
 * The model refitted on the whole training window (its fit rows followed by
 * the validation rows, as `sets` cuts them): by adding the validation rows to
 * what the first fit computed when the model can (the ELM family keeps its
 * random layers and standardisation and adds the rows' normal equations,
 * models/elm.ts), else by fitting again from scratch.
 */
const refitted = (first: FittedModel, val: TrainSet, scratch: () => FittedModel): FittedModel => (first.refit ? first.refit(val) : scratch());

const lastTarget = (at: { origin: number; h: number }[]) => at.reduce((m, a) => Math.max(m, a.origin + a.h), -1);

export function* evaluateForecast(raw: MeterData, o: EvaluationOptions): Generator<EvaluationProgress, Evaluation, void> {
  const data = o.stepMinutes ? aggregate(raw, o.stepMinutes) : raw;
  const f = frameOf(data, o.target, o.horizon, o.horizon);
  const n = f.y.length, day = f.day;
  const anchor = anchorOf(f);
  const lastOrigin = n - o.horizon;
  const testStart = anchor + Math.floor((lastOrigin - anchor) / day - o.testDays + 1) * day;
  if (testStart - anchor < 28 * day)
    throw new RangeError(`too little data: ${Math.floor(n / day)} days, need at least ${14 + 28 + o.testDays} (two weeks of lags, four weeks of training, ${o.testDays} test days)`);
  const testOrigins = originsIn(testStart, lastOrigin + 1, anchor, day);
  const folds: Fold[] = [];
  const per = Math.ceil(testOrigins.length / o.folds);
  for (let k = 0; k < testOrigins.length; k += per) {
    const chunk = testOrigins.slice(k, k + per);
    folds.push({ start: chunk[0]!, end: chunk[chunk.length - 1]! + day, startIso: isoUtc(data.startMs + chunk[0]! * data.stepMinutes * 60_000), lastTrainTarget: -1, tuningLastTarget: -1, selected: [], hidden: 0, lambda: 0 });
  }
  const trainingOrigins = (end: number) => originsIn(anchor, end, anchor, day);
  const rowsOf = designCache(f);
  const sets = (origins: number[], end: number) => rowsOf(origins, end);

  const d = f.features.length;
  const searchSteps = o.search.iterations * ((o.selection !== 'none' ? 1 : 0) + (o.tuning !== 'none' ? 1 : 0)) || 1;
  const totalSteps = folds.length * (searchSteps + o.models.length) + 1;
  let done = 0;
  const progress = (stage: string): EvaluationProgress => ({ fraction: Math.min(1, done / totalSteps), stage });
  const all = new Array<boolean>(d).fill(true);
  let selection!: SelectionResult, tuning!: TuningResult;
  const maskFor = (id: ModelId) => (id === 'ridge' || id === 'naive' ? all : selection.mask);
  const paramsFor = (id: ModelId) => (id === 'elm' ? { hidden: tuning.hidden, lambda: tuning.lambda } : {});

  // ── rolling origin
  const t: number[] = [], origin: number[] = [], actual: number[] = [];
  const series: Record<string, ForecastSeries> = Object.fromEntries(o.models.map((id) => [id, { forecast: [], lo: [], hi: [] }]));
  const info: Record<string, Record<string, number | string>> = {};
  const alpha = (1 - o.intervalLevel) / 2;
  for (const fold of folds) {
    const w = split(trainingOrigins(fold.start), o.validationShare);
    const fit = sets(w.fit, fold.start), val = sets(w.val, fold.start), whole = sets([...w.fit, ...w.val], fold.start);
    fold.lastTrainTarget = lastTarget(whole.at);
    // selection and tuning of this fold: its own fit/validation split, nothing at or after its start
    fold.tuningLastTarget = Math.max(lastTarget(fit.at), lastTarget(val.at));
    const day0 = fold.startIso.slice(0, 10);
    // the searches report per iteration; the generator yields between them only, so count here and yield after
    yield progress(`${day0}: feature selection (${o.selection})`);
    selection = selectFeatures(o.selection, fit, val, d, o.search, o.seed, () => done++);
    yield progress(`${day0}: tuning the ELM (${o.tuning})`);
    tuning = tuneElm(o.tuning, fit, val, selection.mask, ELM_DEFAULTS, o.search, o.seed + 1, () => done++);
    fold.selected = f.features.filter((_, j) => selection.mask[j]).map((x) => x.name);
    fold.hidden = tuning.hidden;
    fold.lambda = tuning.lambda;
    const test = design(f, testOrigins.filter((x) => x >= fold.start && x < fold.end));
    for (const a of test.at) t.push(a.origin + a.h), origin.push(a.origin);
    actual.push(...test.y);
    for (const id of o.models) {
      yield progress(`${day0}: ${MODELS[id].label}`);
      const m = MODELS[id];
      const first = m.fit(fit, val, maskFor(id), paramsFor(id), o.seed);
      const residuals = first.predict(val.X).map((p, i) => val.y[i]! - p);
      const band: [number, number] = [quantile(residuals, alpha), quantile(residuals, 1 - alpha)];
      const model: FittedModel = o.refit && id !== 'naive' ? refitted(first, val, () => m.fit(whole, null, maskFor(id), { ...paramsFor(id), ...first.chosen }, o.seed)) : first;
      const p = model.predict(test.X);
      const s = series[id]!;
      s.forecast.push(...p);
      s.lo.push(...p.map((v) => v + band[0]));
      s.hi.push(...p.map((v) => v + band[1]));
      info[id] = { ...model.info, ...(o.refit && id !== 'naive' ? { refitted: 'on the whole window' } : {}) };
      done++;
    }
  }

  const rows: ModelRow[] = o.models.map((id) => {
    const s = series[id]!;
    const m = errorMetrics(actual, s.forecast, o.mapeFloor);
    const inside = actual.filter((a, i) => a >= s.lo[i]! && a <= s.hi[i]!).length;
    return { id, label: MODELS[id].label, baseline: MODELS[id].baseline, ...m, skillVsNaive: null, coverage: actual.length ? inside / actual.length : NaN, info: info[id] ?? {} };
  });
  const naive = rows.find((r) => r.id === 'naive');
  for (const r of rows) r.skillVsNaive = naive && naive.mae > 0 ? 1 - r.mae / naive.mae : null;
  const byHour: Record<string, number[]> = {};
  for (const id of o.models) {
    const sum = new Array<number>(24).fill(0), cnt = new Array<number>(24).fill(0);
    t.forEach((ti, i) => {
      const h = Math.floor(f.calendar.dayFrac[ti]! * 24);
      sum[h]! += Math.abs(series[id]!.forecast[i]! - actual[i]!);
      cnt[h]!++;
    });
    byHour[id] = sum.map((s, h) => (cnt[h] ? s / cnt[h]! : NaN));
  }
  const best = rows.reduce((a, b) => (b.mae < a.mae ? b : a)).id;

  // ── the forecast after the data: the best model on all data
  yield progress(`forecasting the next ${o.horizon} intervals with ${MODELS[best].label}`);
  const notes: string[] = [...data.report.notes];
  let next: Evaluation['next'] = null;
  const rows0 = Array.from({ length: o.horizon }, (_, h) => featureRow(f, n, h));
  if (o.forecastNext === false) notes.push('no forecast after the data: not asked for');
  else if (rows0.every((r) => r !== null)) {
    const w = split(trainingOrigins(n), o.validationShare);
    const fit = sets(w.fit, n), val = sets(w.val, n);
    const m = MODELS[best];
    const first = m.fit(fit, val, maskFor(best), paramsFor(best), o.seed);
    const res = first.predict(val.X).map((p, i) => val.y[i]! - p);
    const band = [quantile(res, alpha), quantile(res, 1 - alpha)] as const;
    const model = o.refit && best !== 'naive' ? refitted(first, val, () => m.fit(sets([...w.fit, ...w.val], n), null, maskFor(best), { ...paramsFor(best), ...first.chosen }, o.seed)) : first;
    const values = model.predict(rows0 as number[][]);
    next = { model: best, startIso: isoUtc(data.startMs + n * data.stepMinutes * 60_000), values, lo: values.map((v) => v + band[0]), hi: values.map((v) => v + band[1]) };
  } else notes.push('no forecast after the data: a feature is missing at its end (weather columns end with the data; the last two weeks need values)');
  done++;

  return {
    target: o.target,
    stepMinutes: data.stepMinutes,
    horizon: o.horizon,
    intervals: n,
    startIso: isoUtc(data.startMs),
    testStart,
    testStartIso: isoUtc(data.startMs + testStart * data.stepMinutes * 60_000),
    folds,
    tuningLastTarget: folds[0]!.tuningLastTarget,
    features: f.features.map((x, j) => ({ ...x, selected: selection.mask[j]! })),
    selection,
    tuning,
    models: rows,
    byHour,
    predictions: { t, origin, actual, models: series },
    intervalLevel: o.intervalLevel,
    mapeFloor: o.mapeFloor,
    best,
    next,
    notes,
  };
}
