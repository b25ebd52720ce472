/**
 * Priors for the Bayesian mechanisms (AGV) from a bid history: a Gaussian
 * kernel density estimate with Silverman's rule-of-thumb bandwidth
 * h = 0.9·min(σ, IQR/1.34)·n^(−1/5) (B. W. Silverman, "Density estimation
 * for statistics and data analysis", 1986, eq. 3.31), on a bounded support
 * [lower, upper] handled by reflection: the density is the kernel sum over
 * every mirror image of each sample in the two bounds (images farther than
 * 10 h are dropped, below 1e-22 of a kernel), so it integrates to one on the
 * support, and sampling draws x_i + h·Z folded back into the interval —
 * the same distribution.
 */
import { sample } from '../whatif/random.ts';
import type { Rng } from '../whatif/random.ts';

export interface Kde {
  samples: number[];
  bandwidth: number;
  lower: number;
  upper: number;
}

const SQRT2PI = Math.sqrt(2 * Math.PI);

function quantileOfSorted(xs: number[], q: number): number {
  const pos = (xs.length - 1) * q;
  const i = Math.floor(pos);
  return xs[i]! + (pos - i) * ((xs[Math.min(i + 1, xs.length - 1)] ?? xs[i]!) - xs[i]!);
}

/** Silverman's rule; a positive fallback (1% of the support) when the history has no spread. */
export function silvermanBandwidth(samples: readonly number[], support: number): number {
  const n = samples.length;
  const mean = samples.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(samples.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1)) : 0;
  const sorted = [...samples].sort((a, b) => a - b);
  const iqr = quantileOfSorted(sorted, 0.75) - quantileOfSorted(sorted, 0.25);
  const spread = iqr > 0 ? Math.min(sd, iqr / 1.34) : sd;
  const h = 0.9 * spread * n ** -0.2;
  return h > 0 ? h : 0.01 * support;
}

export function fitKde(samples: readonly number[], lower: number, upper: number, bandwidth?: number): Kde {
  if (samples.length === 0) throw new Error('a KDE needs at least one sample');
  if (!(upper > lower)) throw new Error(`a KDE support needs lower < upper, got [${lower}, ${upper}]`);
  const bad = samples.find((x) => !(x >= lower && x <= upper));
  if (bad !== undefined) throw new Error(`history value ${bad} lies outside the support [${lower}, ${upper}]`);
  return { samples: [...samples], bandwidth: bandwidth ?? silvermanBandwidth(samples, upper - lower), lower, upper };
}

/** Mirror images of x in the bounds that lie within `reach` of the support. */
function images(k: Kde, x: number, reach: number): number[] {
  const w = k.upper - k.lower;
  const out: number[] = [];
  // images: x + 2jw and 2·lower − x + 2jw for integer j
  const base = [x, 2 * k.lower - x];
  const jMax = Math.ceil(reach / (2 * w)) + 1;
  for (const b of base)
    for (let j = -jMax; j <= jMax; j++) {
      const y = b + 2 * j * w;
      if (y >= k.lower - reach && y <= k.upper + reach) out.push(y);
    }
  return out;
}

export function kdeDensity(k: Kde, x: number): number {
  if (x < k.lower || x > k.upper) return 0;
  const h = k.bandwidth;
  let s = 0;
  for (const xi of k.samples) for (const y of images(k, xi, 10 * h)) s += Math.exp(-0.5 * ((x - y) / h) ** 2);
  return s / (k.samples.length * h * SQRT2PI);
}

const erf = (x: number): number => {
  // Numerical Recipes' Chebyshev fit of erfc (fractional error < 1.2e-7 everywhere)
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const y = 1 - t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? y : -y;
};
const normalCdf = (z: number) => 0.5 * (1 + erf(z / Math.SQRT2));

/** P(X ≤ x) for the reflected KDE (the normal CDF from the erfc fit above, error < 1.2e-7). */
export function kdeCdf(k: Kde, x: number): number {
  if (x <= k.lower) return 0;
  if (x >= k.upper) return 1;
  const h = k.bandwidth;
  let s = 0;
  for (const xi of k.samples) for (const y of images(k, xi, 10 * h)) s += normalCdf((x - y) / h) - normalCdf((k.lower - y) / h);
  return Math.min(1, Math.max(0, s / k.samples.length));
}

/** The inverse CDF by bisection on the monotone kdeCdf (to 1e-12 of the support). */
export function kdeQuantile(k: Kde, u: number): number {
  let a = k.lower, b = k.upper;
  for (let i = 0; i < 60 && b - a > 1e-12 * (k.upper - k.lower); i++) {
    const m = (a + b) / 2;
    if (kdeCdf(k, m) < u) a = m;
    else b = m;
  }
  return (a + b) / 2;
}

/** One draw: a random sample point plus a kernel step, folded back into the support. */
export function kdeSample(k: Kde, rng: Rng): number {
  const xi = k.samples[Math.min(k.samples.length - 1, Math.floor(rng.next() * k.samples.length))]!;
  let y = xi + sample({ kind: 'normal', mean: 0, std: k.bandwidth }, rng);
  const w = k.upper - k.lower;
  y = (((y - k.lower) % (2 * w)) + 2 * w) % (2 * w); // fold with period 2w
  return k.lower + (y > w ? 2 * w - y : y);
}
