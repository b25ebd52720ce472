/** Action grids: uniform grids, their refinement for the certificate, snapping values onto a grid. */

/** n equally spaced points from lo to hi inclusive; the end points are exact. */
export function uniformGrid(lo: number, hi: number, n: number): Float64Array {
  if (n === 1) return Float64Array.of(lo);
  const g = new Float64Array(n);
  for (let j = 0; j < n; j++) g[j] = lo + ((hi - lo) * j) / (n - 1);
  g[n - 1] = hi;
  return g;
}

/**
 * Inserts factor − 1 equally spaced points between neighbours. The original
 * points are copied bit for bit, so a strategy on the coarse grid compares
 * equal (===) to fine-grid points: ties such as bid = ask stay ties.
 */
export function refineGrid(grid: Float64Array, factor: number): Float64Array {
  if (factor <= 1 || grid.length < 2) return Float64Array.from(grid);
  const out = new Float64Array((grid.length - 1) * factor + 1);
  for (let j = 0; j < grid.length - 1; j++) {
    const a = grid[j]!;
    const b = grid[j + 1]!;
    out[j * factor] = a;
    for (let r = 1; r < factor; r++) out[j * factor + r] = a + ((b - a) * r) / factor;
  }
  out[out.length - 1] = grid[grid.length - 1]!;
  return out;
}

/** Index of the grid point nearest to x (the lower one on an exact tie). */
export function nearestIndex(grid: Float64Array, x: number): number {
  let lo = 0;
  let hi = grid.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (grid[mid]! <= x) lo = mid;
    else hi = mid;
  }
  return Math.abs(x - grid[lo]!) <= Math.abs(grid[hi]! - x) ? lo : hi;
}

/** The grid point nearest to x. */
export function snapToGrid(grid: Float64Array, x: number): number {
  return grid[nearestIndex(grid, x)]!;
}
