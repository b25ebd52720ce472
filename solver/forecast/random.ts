/** The seeded random numbers of the forecasting code (pure-rand, as elsewhere in solver/). */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';

export interface Rng {
  /** uniform on [0, 1) */
  next(): number;
  /** standard normal (Box–Muller) */
  normal(): number;
  /** uniform integer on [0, n) */
  int(n: number): number;
}

export function rngOf(seed: number): Rng {
  const g = xoroshiro128plus(seed | 0);
  const next = () => uniformFloat64(g);
  return {
    next,
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    int: (n) => Math.min(n - 1, Math.floor(next() * n)),
  };
}

/** A Fisher–Yates permutation of 0..n−1. */
export function permutation(n: number, rng: Rng): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [p[i], p[j]] = [p[j]!, p[i]!];
  }
  return p;
}
