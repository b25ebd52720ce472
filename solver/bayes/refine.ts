/**
 * Search between grid points, for utilities continuous in the own action
 * (`game.continuousUtility`): golden-section maximisation of a type's interim
 * utility on the bracket around a grid point. Exact for a unimodal utility
 * (concave, or concave between the pool price's kinks when the bracket holds
 * none); otherwise it still returns a point it evaluated, so the value is
 * always attained — never an overstatement.
 */

const INV_PHI = (Math.sqrt(5) - 1) / 2;

export interface Maximum {
  x: number;
  value: number;
}

/**
 * Golden-section search for the largest f on [lo, hi], until the bracket is
 * narrower than `xTolerance`. Returns the best point evaluated.
 */
export function goldenSectionMax(f: (x: number) => number, lo: number, hi: number, xTolerance: number): Maximum {
  let a = lo;
  let b = hi;
  let c = b - INV_PHI * (b - a);
  let d = a + INV_PHI * (b - a);
  let fc = f(c);
  let fd = f(d);
  let best: Maximum = fc >= fd ? { x: c, value: fc } : { x: d, value: fd };
  for (let k = 0; k < 200 && b - a > xTolerance; k++) {
    if (fc >= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - INV_PHI * (b - a);
      fc = f(c);
      if (fc > best.value) best = { x: c, value: fc };
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + INV_PHI * (b - a);
      fd = f(d);
      if (fd > best.value) best = { x: d, value: fd };
    }
  }
  return best;
}

/**
 * The best of grid point k (value `atK`) and a golden-section search over
 * the bracket between its neighbours, to `relativeTolerance` of the grid's
 * span in x (near a smooth maximum the utility is off by ~ curvature·δ²/2).
 */
export function refineAround(f: (x: number) => number, grid: Float64Array, k: number, atK: number, relativeTolerance: number): Maximum {
  const last = grid.length - 1;
  if (last < 1) return { x: grid[k]!, value: atK };
  const found = goldenSectionMax(f, grid[Math.max(0, k - 1)]!, grid[Math.min(last, k + 1)]!, relativeTolerance * (grid[last]! - grid[0]!));
  return found.value > atK ? found : { x: grid[k]!, value: atK };
}

/** Indices of the local maxima of values (ends included; a plateau counts once), best first, at most `limit`. */
export function localMaxima(values: ArrayLike<number>, limit: number): number[] {
  const n = values.length;
  const peaks: number[] = [];
  for (let k = 0; k < n; k++) {
    const v = values[k]!;
    if ((k === 0 || v > values[k - 1]!) && (k === n - 1 || v >= values[k + 1]!)) peaks.push(k);
  }
  return peaks.sort((a, b) => values[b]! - values[a]! || a - b).slice(0, limit);
}
