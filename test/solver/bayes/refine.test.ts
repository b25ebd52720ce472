import { describe, expect, it } from 'vitest';
import { brentMax, localMaxima, refineAround } from '../../../solver/bayes/refine.ts';
import { uniformGrid } from '../../../solver/bayes/grid.ts';

describe('brentMax(f, lo, hi, xTolerance)', () => {
  it('needs few evaluations on a smooth function (parabolic steps)', () => {
    let calls = 0;
    const m = brentMax((x) => (calls++, Math.log(x) - x / 2), 0.5, 4, 1e-12);
    expect(m.x).toBeCloseTo(2, 7);
    expect(calls).toBeLessThan(25);
  });

  it('finds the maximum of a concave function to the tolerance', () => {
    const m = brentMax((x) => -((x - Math.PI / 3) ** 2) + 2, 0, 2, 1e-12);
    expect(m.x).toBeCloseTo(Math.PI / 3, 7); // f is flat to rounding within ~1e-8 of its peak
    expect(m.value).toBeCloseTo(2, 15);
  });

  it('returns a point it evaluated, with its value, even when f is not unimodal', () => {
    const f = (x: number) => Math.sin(12 * x) + x;
    const m = brentMax(f, 0, 2, 1e-9);
    expect(m.value).toBe(f(m.x));
  });
});

describe('refineAround(f, grid, k, atK, tolerance)', () => {
  it('searches between the neighbours of grid point k and keeps the grid point when nothing beats it', () => {
    const grid = uniformGrid(0, 1, 5);
    const f = (x: number) => -Math.abs(x - 0.3);
    expect(refineAround(f, grid, 1, f(0.25), 1e-12).x).toBeCloseTo(0.3, 8);
    const peak = (x: number) => -Math.abs(x - 0.5);
    expect(refineAround(peak, grid, 2, 0, 1e-12)).toEqual({ x: 0.5, value: 0 });
    expect(refineAround(peak, Float64Array.of(0.4), 0, -0.1, 1e-12)).toEqual({ x: 0.4, value: -0.1 });
  });
});

describe('localMaxima(values, limit)', () => {
  it('lists peaks best first, ends included, a plateau once', () => {
    expect(localMaxima([3, 1, 2, 2, 0, 5], 10)).toEqual([5, 0, 2]);
    expect(localMaxima([3, 1, 2, 2, 0, 5], 2)).toEqual([5, 0]);
    expect(localMaxima([1, 1, 1], 10)).toEqual([0]);
  });
});
