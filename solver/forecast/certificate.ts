/**
 * The forecast job's certificate, computed apart from the evaluation:
 *
 * - every reported MAE, RMSE, MAPE and coverage recomputed from the stored
 *   predictions (its own loops, not metrics.ts), the largest relative
 *   difference reported;
 * - leakage: the first fold's selection and tuning read no target at or
 *   after the test start, and no fold's training, selection or tuning read a
 *   target at or after the fold's first origin;
 * - look-ahead: every test feature row rebuilt from a copy of the series
 *   with every value from its origin on replaced by NaN — a row that reads
 *   the future would change (or turn NaN).
 *
 * What it proves: the table is what the stored forecasts score, and the
 * forecasts did not see what they forecast. What it does not: that a model
 * is good — the baselines' rows say that.
 */
import type { ForecastCertificate, ForecastData } from '../jobs/kinds/forecast.ts';
import { featureRow, type ForecastFrame } from './features.ts';

function recompute(actual: readonly number[], forecast: readonly number[], lo: readonly number[], hi: readonly number[], floor: number) {
  const n = actual.length;
  let a = 0, s = 0, p = 0, k = 0, inside = 0;
  for (let i = 0; i < n; i++) {
    const err = Math.abs(actual[i]! - forecast[i]!);
    a += err;
    s += err * err;
    if (actual[i] !== 0 && Math.abs(actual[i]!) >= floor) {
      p += err / Math.abs(actual[i]!);
      k++;
    }
    if (lo[i]! <= actual[i]! && actual[i]! <= hi[i]!) inside++;
  }
  return { mae: a / n, rmse: Math.sqrt(s / n), mape: k ? (p / k) * 100 : null, coverage: inside / n };
}

const rel = (x: number | null, y: number | null) => (x === null || y === null ? (x === y ? 0 : Infinity) : Math.abs(x - y) / Math.max(1e-12, Math.abs(y)));

export function forecastCertificate(d: ForecastData, frame: ForecastFrame): ForecastCertificate {
  const recomputed: ForecastCertificate['recomputed'] = {};
  let dev = 0;
  for (const m of d.models) {
    const s = d.predictions.models[m.id]!;
    const r = recompute(d.predictions.actual, s.forecast, s.lo, s.hi, d.mapeFloor);
    recomputed[m.id] = r;
    dev = Math.max(dev, rel(m.mae, r.mae), rel(m.rmse, r.rmse), rel(m.mape, r.mape), rel(m.coverage, r.coverage));
  }
  let leakageViolations = d.tuningLastTarget >= d.testStart ? 1 : 0;
  for (const f of d.folds) leakageViolations += (f.lastTrainTarget >= f.start ? 1 : 0) + (f.tuningLastTarget >= f.start ? 1 : 0);
  // every test row rebuilt with the future blanked, origin by origin
  let rows = 0, differing = 0;
  const origins = [...new Set(d.predictions.origin)];
  for (const o of origins) {
    const blanked: ForecastFrame = { ...frame, y: frame.y.map((v, i) => (i >= o ? NaN : v)) };
    for (let h = 0; h < d.horizon; h++) {
      const a = featureRow(frame, o, h), b = featureRow(blanked, o, h);
      if (a === null) continue;
      rows++;
      if (!b || a.some((v, j) => !Object.is(v, b[j]))) differing++;
    }
  }
  return {
    metricsMaxDeviation: dev,
    recomputed,
    leakageViolations,
    lookAheadRows: rows,
    lookAheadDiffering: differing,
    scope: 'proves: every reported MAE, RMSE, MAPE and coverage is what the stored forecasts score (recomputed apart), the training, feature selection and tuning of every fold read only targets before the test data it was scored on, and no test feature row reads a value at or after its origin; does not prove: that any model is good (compare with the baselines\' rows) nor that the weather columns, used as observed, would be known in advance',
  };
}
