/**
 * The KDE priors: Silverman's bandwidth, unit mass on the bounded support
 * (reflection), sampling that matches the density, and convergence to a known
 * density as the history grows.
 */
import { describe, expect, it } from 'vitest';
import { fitKde, kdeCdf, kdeDensity, kdeQuantile, kdeSample, priorsFromHistory, silvermanBandwidth } from '../../../solver/market/index.ts';
import { createRng } from '../../../solver/whatif/random.ts';

/** Composite Simpson on [a, b] with n (even) intervals. */
function simpson(f: (x: number) => number, a: number, b: number, n = 4000): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

const draws = (n: number, seed: number, f: (u: number) => number) => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => f(rng.next()));
};

describe('Silverman bandwidth', () => {
  it('is 0.9·min(σ, IQR/1.34)·n^(−1/5)', () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const sd = Math.sqrt(82.5 / 9); // sample std of 1..10
    const iqr = 7.75 - 3.25;
    expect(silvermanBandwidth(xs, 10)).toBeCloseTo(0.9 * Math.min(sd, iqr / 1.34) * 10 ** -0.2, 12);
  });
});

describe('reflected Gaussian KDE on [0, 1]', () => {
  const history = draws(50, 1, (u) => u ** 2); // mass piled against the lower bound
  const kde = fitKde(history, 0, 1);
  it('integrates to 1 on the support', () => {
    expect(simpson((x) => kdeDensity(kde, x), 0, 1)).toBeCloseTo(1, 6);
  });
  it('CDF and quantile are inverse and agree with the density', () => {
    expect(kdeCdf(kde, 0.3)).toBeCloseTo(simpson((x) => kdeDensity(kde, x), 0, 0.3), 6);
    for (const u of [0.05, 0.5, 0.95]) expect(kdeCdf(kde, kdeQuantile(kde, u))).toBeCloseTo(u, 6);
  });
  it('samples stay in the support and follow the CDF (Kolmogorov–Smirnov distance < 0.02 on 20 000 draws)', () => {
    const rng = createRng(2);
    const xs = Array.from({ length: 20000 }, () => kdeSample(kde, rng)).sort((a, b) => a - b);
    expect(xs[0]!).toBeGreaterThanOrEqual(0);
    expect(xs.at(-1)!).toBeLessThanOrEqual(1);
    let d = 0;
    xs.forEach((x, i) => (d = Math.max(d, Math.abs(kdeCdf(kde, x) - (i + 1) / xs.length))));
    expect(d).toBeLessThan(0.02);
  });
  it('approaches the true density as the history grows (triangular density 2x on [0, 1])', () => {
    const err = (n: number) => {
      const k = fitKde(draws(n, 3, (u) => Math.sqrt(u)), 0, 1); // inverse CDF of f(x) = 2x
      return simpson((x) => Math.abs(kdeDensity(k, x) - 2 * x), 0, 1, 400);
    };
    const e100 = err(100), e5000 = err(5000);
    expect(e5000).toBeLessThan(e100);
    expect(e5000).toBeLessThan(0.08);
  });
});

describe('priors from a bid history', () => {
  it('fits a KDE per agent with history and falls back to uniform otherwise, saying so', () => {
    const { priors, uniformFallback } = priorsFromHistory([{ agent: 'a', side: 'buy', price: 0.2 }, { agent: 'a', side: 'buy', price: 0.25 }], ['a', 'b'], 0, 1);
    expect(priors.a!.kind).toBe('kde');
    expect(priors.b).toEqual({ kind: 'uniform', min: 0, max: 1 });
    expect(uniformFallback).toEqual(['b']);
  });
});
