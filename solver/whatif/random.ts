/**
 * Seeded random numbers for Monte Carlo studies (the solver never touches
 * Math.random, so a study replays from its seed on any machine).
 *
 * Generator: xoshiro128** 1.1 of D. Blackman and S. Vigna, "Scrambled linear
 * pseudorandom number generators", ACM TOMS 47(4), 2021
 * (https://prng.di.unimi.it/xoshiro128starstar.c), 128-bit state, period
 * 2^128 − 1, seeded from one 32-bit integer by splitmix32 so that nearby
 * seeds give unrelated streams. Only 32-bit integer arithmetic (Math.imul,
 * >>> 0), so results are bit-identical across JavaScript engines.
 */

export interface Rng {
  /** uniform on [0, 1) with 53 random bits */
  next(): number;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed)) throw new Error(`the seed must be a whole number, not ${seed}`);
  const init = splitmix32(seed);
  const next32 = xoshiro128ss([init(), init(), init(), init()]);
  return { next: () => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992 };
}

/** The raw generator from a given 128-bit state (exported for the reference-vector test). */
export function xoshiro128ss(state: readonly [number, number, number, number]): () => number {
  let [a, b, c, d] = state.map((x) => x >>> 0) as [number, number, number, number];
  const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;
  const nextU32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c = (c ^ a) >>> 0;
    d = (d ^ b) >>> 0;
    b = (b ^ c) >>> 0;
    a = (a ^ d) >>> 0;
    c = (c ^ t) >>> 0;
    d = rotl(d, 11);
    return result;
  };
  return nextU32;
}

/** A parameter's distribution; `clip` bounds the draw (clipped, not redrawn, so each sample costs the same draws). */
export type Distribution = (
  | { kind: 'normal'; mean: number; std: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'triangular'; min: number; mode: number; max: number }
  /** exp(N(mu, sigma²)): mu and sigma of the logarithm */
  | { kind: 'lognormal'; mu: number; sigma: number }
) & { clip?: { min?: number; max?: number } };

/** A standard normal by the Box–Muller transform (one of the pair; 1 − u keeps the log finite). */
function standardNormal(rng: Rng): number {
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function sample(d: Distribution, rng: Rng): number {
  let x: number;
  switch (d.kind) {
    case 'normal':
      x = d.mean + d.std * standardNormal(rng);
      break;
    case 'uniform':
      x = d.min + (d.max - d.min) * rng.next();
      break;
    case 'triangular': {
      // inverse CDF of the triangular distribution
      const u = rng.next();
      const span = d.max - d.min;
      const f = span === 0 ? 0 : (d.mode - d.min) / span;
      x = u < f ? d.min + Math.sqrt(u * span * (d.mode - d.min)) : d.max - Math.sqrt((1 - u) * span * (d.max - d.mode));
      break;
    }
    case 'lognormal':
      x = Math.exp(d.mu + d.sigma * standardNormal(rng));
      break;
  }
  if (d.clip?.min !== undefined) x = Math.max(x, d.clip.min);
  if (d.clip?.max !== undefined) x = Math.min(x, d.clip.max);
  return x;
}

/** Why a distribution cannot be sampled, or null. */
export function checkDistribution(d: Distribution): string | null {
  const finite = (...xs: number[]) => xs.every(Number.isFinite);
  switch (d.kind) {
    case 'normal':
      if (!finite(d.mean, d.std) || d.std < 0) return 'a normal distribution needs a finite mean and std ≥ 0';
      break;
    case 'uniform':
      if (!finite(d.min, d.max) || d.min > d.max) return 'a uniform distribution needs finite min ≤ max';
      break;
    case 'triangular':
      if (!finite(d.min, d.mode, d.max) || !(d.min <= d.mode && d.mode <= d.max)) return 'a triangular distribution needs finite min ≤ mode ≤ max';
      break;
    case 'lognormal':
      if (!finite(d.mu, d.sigma) || d.sigma < 0) return 'a lognormal distribution needs a finite mu and sigma ≥ 0';
      break;
    default:
      return `unknown distribution "${(d as { kind: unknown }).kind}" (normal, uniform, triangular or lognormal)`;
  }
  if (d.clip?.min !== undefined && d.clip.max !== undefined && d.clip.min > d.clip.max) return 'clip.min must not exceed clip.max';
  return null;
}
