/**
 * Error measures of a forecast. MAPE is taken over the points whose actual
 * is at least `mapeFloor` in magnitude (a household's load can be ~0 in an
 * hour, where a percentage error is meaningless) and says how many it used;
 * "accuracy" = 100 − MAPE is the seed papers' measure, named as such.
 */
export interface ErrorMetrics {
  n: number;
  mae: number;
  rmse: number;
  /** percent; null when no actual reaches the floor */
  mape: number | null;
  mapePoints: number;
  /** 100 − MAPE (the seed papers' "accuracy"), percent */
  accuracy: number | null;
}

export function errorMetrics(actual: readonly number[], forecast: readonly number[], mapeFloor: number): ErrorMetrics {
  let abs = 0, sq = 0, pct = 0, k = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = forecast[i]! - actual[i]!;
    abs += Math.abs(e);
    sq += e * e;
    if (Math.abs(actual[i]!) >= mapeFloor && actual[i] !== 0) (pct += Math.abs(e / actual[i]!)), k++;
  }
  const n = actual.length;
  const mape = k > 0 ? (100 * pct) / k : null;
  return { n, mae: n ? abs / n : NaN, rmse: n ? Math.sqrt(sq / n) : NaN, mape, mapePoints: k, accuracy: mape === null ? null : 100 - mape };
}

/** The q-quantile of xs (linear interpolation between order statistics). */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = q * (s.length - 1), lo = Math.floor(pos), hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}
