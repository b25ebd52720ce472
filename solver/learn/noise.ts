/**
 * Exploration and smoothing noise from the seeded generator (never
 * Math.random): Gaussian noise on a deterministic policy's action, and the
 * clipped Gaussian of TD3's target-policy smoothing, which keeps the
 * smoothed target action near the target policy's own.
 */
import type { Rng } from '../forecast/random.ts';

export const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** N(0, σ²) */
export function gaussian(rng: Rng, sigma: number): number {
  return sigma * rng.normal();
}

/** clip(N(0, σ²), −c, c) — TD3's target smoothing noise. */
export function clippedGaussian(rng: Rng, sigma: number, clip: number): number {
  return clamp(sigma * rng.normal(), -clip, clip);
}

/** An action in [−1, 1] with exploration noise added and the result clipped back into range. */
export function explore(action: number, rng: Rng, sigma: number): number {
  return clamp(action + gaussian(rng, sigma), -1, 1);
}

/** Linear decay of the exploration scale from `from` to `to` over `steps`, then flat. */
export function linearDecay(from: number, to: number, steps: number): (step: number) => number {
  return (step) => (step >= steps ? to : from + ((to - from) * step) / Math.max(1, steps));
}
