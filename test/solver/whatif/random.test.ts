import { describe, expect, it } from 'vitest';
import { createRng, xoshiro128ss, sample, checkDistribution, type Distribution } from '../../../solver/whatif/random.ts';
import { summarizeSamples } from '../../../solver/whatif/summary.ts';

const draw = (d: Distribution, n: number, seed = 7) => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => sample(d, rng));
};

describe('xoshiro128**', () => {
  it('matches the reference implementation from state {1, 2, 3, 4}', () => {
    // hand-checked against xoshiro128starstar.c: rotl(s1·5, 7)·9 then the state update
    const next = xoshiro128ss([1, 2, 3, 4]);
    expect([next(), next(), next()]).toEqual([11520, 0, 5927040]);
  });

  it('gives the same stream for the same seed and another for another seed', () => {
    const a = createRng(42), b = createRng(42), c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });
});

describe('sample', () => {
  it('draws each distribution with its textbook mean and spread', () => {
    const n = 20_000;
    const normal = summarizeSamples(draw({ kind: 'normal', mean: 5, std: 2 }, n));
    expect(normal.mean).toBeCloseTo(5, 1);
    expect(normal.std).toBeCloseTo(2, 1);
    const uniform = summarizeSamples(draw({ kind: 'uniform', min: 1, max: 3 }, n));
    expect(uniform.mean).toBeCloseTo(2, 1);
    expect(uniform.min).toBeGreaterThanOrEqual(1);
    expect(uniform.max).toBeLessThan(3);
    // triangular mean (a + c + b) / 3
    const tri = summarizeSamples(draw({ kind: 'triangular', min: 0, mode: 3, max: 6 }, n));
    expect(tri.mean).toBeCloseTo(3, 1);
    expect(tri.min).toBeGreaterThanOrEqual(0);
    expect(tri.max).toBeLessThanOrEqual(6);
    // lognormal median exp(mu)
    const logn = summarizeSamples(draw({ kind: 'lognormal', mu: Math.log(2), sigma: 0.3 }, n));
    expect(logn.quantiles['0.5']).toBeCloseTo(2, 1);
    expect(logn.min).toBeGreaterThan(0);
  });

  it('clips draws to the given bounds', () => {
    const xs = draw({ kind: 'normal', mean: 1, std: 1, clip: { min: 0.8, max: 1.2 } }, 2000);
    expect(Math.min(...xs)).toBe(0.8);
    expect(Math.max(...xs)).toBe(1.2);
  });
});

describe('checkDistribution', () => {
  it.each<[Distribution, RegExp]>([
    [{ kind: 'normal', mean: 0, std: -1 }, /std ≥ 0/],
    [{ kind: 'uniform', min: 2, max: 1 }, /min ≤ max/],
    [{ kind: 'triangular', min: 0, mode: 5, max: 4 }, /min ≤ mode ≤ max/],
    [{ kind: 'lognormal', mu: 0, sigma: NaN }, /sigma ≥ 0/],
    [{ kind: 'uniform', min: 0, max: 1, clip: { min: 1, max: 0 } }, /clip\.min must not exceed clip\.max/],
  ])('explains why %j cannot be sampled', (d, why) => {
    expect(checkDistribution(d)).toMatch(why);
  });

  it('accepts a well-formed distribution', () => {
    expect(checkDistribution({ kind: 'triangular', min: 0, mode: 0, max: 1 })).toBeNull();
  });
});
