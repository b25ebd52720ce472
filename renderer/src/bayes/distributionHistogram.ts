/**
 * A sample against the distribution it was drawn from, as histogram bins:
 * observed counts and the counts the distribution expects (n · P(bin)).
 * This is what lets a user check that a fleet generator does what it says.
 *
 * Discrete distributions (fixed, empirical) get one bin per value; continuous
 * ones (uniform, normal clipped to [min, max]) equal-width bins over the
 * support — a clipped normal puts its clipped tails as point masses on the
 * clip bounds, so they land in the edge bins, as they do in the sample.
 */
import type { Distribution } from '../../../solver/scenario/schema.ts';

export interface DistributionHistogram {
  discrete: boolean;
  /** bin centres (continuous) or the values (discrete) */
  x: number[];
  /** bin width (continuous); 0 for discrete */
  width: number;
  observed: number[];
  expected: number[];
  /** sample values that fall in no bin (discrete: not one of the values, e.g. moved by the fleet's own limits) */
  outside: number;
  sampleMean: number;
  distributionMean: number;
}

/** Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): plenty for expected bin counts. */
function erf(x: number): number {
  const s = Math.sign(x);
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  return s * (1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a));
}
export const normalCdf = (z: number) => 0.5 * (1 + erf(z / Math.SQRT2));
const normalPdf = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);

/** Mean of the distribution as the generator draws it (a normal is censored at its clip bounds, not truncated). */
export function distributionMean(d: Distribution): number {
  switch (d.kind) {
    case 'fixed':
      return d.value;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'empirical': {
      const w = d.weights ?? d.values.map(() => 1);
      const total = w.reduce((a, b) => a + b, 0);
      return d.values.reduce((s, v, k) => s + v * (w[k] ?? 0), 0) / total;
    }
    case 'normal': {
      const lo = d.min ?? -Infinity;
      const hi = d.max ?? Infinity;
      if (d.sd === 0) return Math.min(hi, Math.max(lo, d.mean));
      const a = (lo - d.mean) / d.sd;
      const b = (hi - d.mean) / d.sd;
      const Fa = Number.isFinite(a) ? normalCdf(a) : 0;
      const Fb = Number.isFinite(b) ? normalCdf(b) : 1;
      const pa = Number.isFinite(a) ? normalPdf(a) : 0;
      const pb = Number.isFinite(b) ? normalPdf(b) : 0;
      return (Number.isFinite(lo) ? lo * Fa : 0) + (Number.isFinite(hi) ? hi * (1 - Fb) : 0) + d.mean * (Fb - Fa) + d.sd * (pa - pb);
    }
  }
}

/** P(X < x) for the continuous kinds (the clip bounds carry point masses). */
function cdfBelow(d: Extract<Distribution, { kind: 'uniform' | 'normal' }>, x: number): number {
  if (d.kind === 'uniform') return d.max === d.min ? (x > d.min ? 1 : 0) : Math.min(1, Math.max(0, (x - d.min) / (d.max - d.min)));
  if (d.min !== undefined && x <= d.min) return 0;
  if (d.max !== undefined && x > d.max) return 1;
  return d.sd === 0 ? (x > d.mean ? 1 : 0) : normalCdf((x - d.mean) / d.sd);
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

export function distributionHistogram(d: Distribution, sample: readonly number[], bins?: number): DistributionHistogram {
  const n = sample.length;
  const sampleMean = n ? sum(sample) / n : NaN;
  const mean = distributionMean(d);
  if (d.kind === 'fixed' || d.kind === 'empirical') {
    const pairs = d.kind === 'fixed' ? [[d.value, 1] as const] : d.values.map((v, k) => [v, d.weights?.[k] ?? 1] as const);
    const x = [...new Set(pairs.map(([v]) => v))].sort((a, b) => a - b);
    const total = sum(pairs.map(([, w]) => w));
    const expected = x.map((v) => (n * sum(pairs.filter(([u]) => u === v).map(([, w]) => w))) / (total || 1));
    const observed = x.map(() => 0);
    for (const s of sample) {
      const k = x.findIndex((v) => Math.abs(s - v) <= 1e-9 * Math.max(1, Math.abs(v)));
      if (k >= 0) observed[k]!++;
    }
    return { discrete: true, x, width: 0, observed, expected, outside: n - sum(observed), sampleMean, distributionMean: mean };
  }
  // the support, widened to every sampled value (the fleet's own limits may move a value outside)
  const lo0 = d.kind === 'uniform' ? Math.min(d.min, d.max) : (d.min ?? d.mean - 4 * d.sd);
  const hi0 = d.kind === 'uniform' ? Math.max(d.min, d.max) : (d.max ?? d.mean + 4 * d.sd);
  // a loop, not Math.min(...sample): a 5000-EV fleet would overflow the argument list
  let lo = lo0;
  let hi = hi0;
  for (const s of sample) {
    if (s < lo) lo = s;
    if (s > hi) hi = s;
  }
  if (!(hi > lo)) hi = lo + Math.max(1e-6, Math.abs(lo) * 1e-3);
  const k = bins ?? Math.min(24, Math.max(6, Math.round(2 * Math.cbrt(Math.max(n, 1)))));
  const width = (hi - lo) / k;
  const edges = Array.from({ length: k + 1 }, (_, i) => (i === k ? hi : lo + i * width));
  // the first and last bins are closed at their outer edge and take any tail beyond the range
  const below = edges.map((e, i) => (i === 0 ? 0 : i === k ? 1 : cdfBelow(d, e)));
  const expected = Array.from({ length: k }, (_, i) => n * (below[i + 1]! - below[i]!));
  const observed = new Array<number>(k).fill(0);
  for (const s of sample) observed[Math.min(k - 1, Math.max(0, Math.floor((s - lo) / width)))]!++;
  return { discrete: false, x: edges.slice(0, k).map((e) => e + width / 2), width, observed, expected, outside: 0, sampleMean, distributionMean: mean };
}

