/**
 * What the population metaheuristics share: a box to search, a seeded run,
 * the best found and its convergence, and the standard test functions
 * (sphere, Rastrigin) they are checked on. Feature selection reads a point
 * of [0, 1]^d as a mask (coordinate > 0.5 = feature used).
 */
export interface Box {
  lower: number[];
  upper: number[];
}

export const cube = (dim: number, lo: number, hi: number): Box => ({ lower: new Array(dim).fill(lo), upper: new Array(dim).fill(hi) });

export const clip = (x: number[], box: Box): number[] => x.map((v, j) => Math.min(box.upper[j]!, Math.max(box.lower[j]!, v)));

export interface RunOptions {
  population: number;
  iterations: number;
  seed: number;
  /** after each iteration: its index and the best value so far (progress, convergence) */
  onIteration?: (iteration: number, best: number) => void;
}

export interface MinimizeResult {
  best: number[];
  value: number;
  /** best value after each iteration */
  history: number[];
  evaluations: number;
}

/** f(x) = Σ x², minimum 0 at the origin. */
export const sphere = (x: readonly number[]): number => x.reduce((s, v) => s + v * v, 0);

/** f(x) = 10 d + Σ (x² − 10 cos 2πx), minimum 0 at the origin, a local minimum near every integer point. */
export const rastrigin = (x: readonly number[]): number => 10 * x.length + x.reduce((s, v) => s + v * v - 10 * Math.cos(2 * Math.PI * v), 0);

/** A point of [0, 1]^d as a feature mask; never empty (the largest coordinate's feature is kept). */
export function maskOf(x: readonly number[]): boolean[] {
  const m = x.map((v) => v > 0.5);
  if (!m.some(Boolean)) m[x.indexOf(Math.max(...x))] = true;
  return m;
}
