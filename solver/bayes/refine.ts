/**
 * Search between grid points, for utilities continuous in the own action
 * (`game.continuousUtility`): one-dimensional maximisation (Brent) of a
 * type's interim utility on the bracket around a grid point. Exact for a unimodal utility
 * (concave, or concave between the pool price's kinks when the bracket holds
 * none); otherwise it still returns a point it evaluated, so the value is
 * always attained — never an overstatement.
 */

/** (3 − √5)/2: the golden-section step */
const GOLDEN = 0.3819660112501051;

export interface Maximum {
  x: number;
  value: number;
}

/**
 * Brent's method (R. P. Brent, "Algorithms for Minimization without
 * Derivatives", 1973, ch. 5: golden-section steps, parabolic steps where the
 * function allows) for the largest f on [lo, hi]. Stops when the bracket
 * around the best point is within √ε·|x| + xTolerance. Returns the best
 * point evaluated.
 */
export function brentMax(f: (x: number) => number, lo: number, hi: number, xTolerance: number): Maximum {
  const sqrtEps = 1.4901161193847656e-8;
  let a = lo;
  let b = hi;
  let x = a + GOLDEN * (b - a);
  let w = x;
  let v = x;
  // minimise g = −f
  let gx = -f(x);
  let gw = gx;
  let gv = gx;
  let d = 0;
  let e = 0;
  for (let k = 0; k < 200; k++) {
    const m = 0.5 * (a + b);
    const tol = sqrtEps * Math.abs(x) + xTolerance / 3;
    if (Math.abs(x - m) <= 2 * tol - 0.5 * (b - a)) break;
    let parabolic = false;
    if (Math.abs(e) > tol) {
      let r = (x - w) * (gx - gv);
      let q = (x - v) * (gx - gw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      else q = -q;
      r = e;
      e = d;
      if (Math.abs(p) < Math.abs(0.5 * q * r) && p > q * (a - x) && p < q * (b - x)) {
        d = p / q;
        const u = x + d;
        if (u - a < 2 * tol || b - u < 2 * tol) d = x < m ? tol : -tol;
        parabolic = true;
      }
    }
    if (!parabolic) {
      e = (x < m ? b : a) - x;
      d = GOLDEN * e;
    }
    const u = x + (Math.abs(d) >= tol ? d : d > 0 ? tol : -tol);
    const gu = -f(u);
    if (gu <= gx) {
      if (u < x) b = x;
      else a = x;
      [v, gv, w, gw, x, gx] = [w, gw, x, gx, u, gu];
    } else {
      if (u < x) a = u;
      else b = u;
      if (gu <= gw || w === x) [v, gv, w, gw] = [w, gw, u, gu];
      else if (gu <= gv || v === x || v === w) [v, gv] = [u, gu];
    }
  }
  return { x, value: -gx };
}

/**
 * The best of grid point k (value `atK`) and a Brent search over
 * the bracket between its neighbours, to `relativeTolerance` of the grid's
 * span in x (near a smooth maximum the utility is off by ~ curvature·δ²/2).
 */
export function refineAround(f: (x: number) => number, grid: Float64Array, k: number, atK: number, relativeTolerance: number): Maximum {
  const last = grid.length - 1;
  if (last < 1) return { x: grid[k]!, value: atK };
  const found = brentMax(f, grid[Math.max(0, k - 1)]!, grid[Math.min(last, k + 1)]!, relativeTolerance * (grid[last]! - grid[0]!));
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
