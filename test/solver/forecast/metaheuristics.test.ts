/**
 * The metaheuristics on standard test functions with known optima: sphere
 * and Rastrigin (minimum 0 at the origin) for the coyote and chicken-swarm
 * minimisers; for MOGOA a bi-objective problem whose Pareto set is known
 * (f1 = |x|², f2 = |x − a|²: the segment from 0 to a, front √f1 + √f2 = |a|).
 * Seeded, so each run is one deterministic case; the tolerances fail if an
 * algorithm is broken (a random search of the same budget does not reach them).
 */
import { describe, expect, it } from 'vitest';
import { coyoteMinimize } from '../../../solver/forecast/metaheuristics/coyote.ts';
import { chickenMinimize } from '../../../solver/forecast/metaheuristics/chickenSwarm.ts';
import { mogoa, dominates } from '../../../solver/forecast/metaheuristics/grasshopper.ts';
import { cube, rastrigin, sphere, maskOf } from '../../../solver/forecast/metaheuristics/problem.ts';
import { rngOf } from '../../../solver/forecast/random.ts';

const BOX = cube(5, -5.12, 5.12);
const randomSearch = (f: (x: number[]) => number, evaluations: number) => {
  const rng = rngOf(1);
  let best = Infinity;
  for (let i = 0; i < evaluations; i++) best = Math.min(best, f(BOX.lower.map((lo, j) => lo + rng.next() * (BOX.upper[j]! - lo))));
  return best;
};

describe.each([
  ['opposition-based coyote', coyoteMinimize],
  ['chicken swarm', chickenMinimize],
] as const)('%s', (_, minimize) => {
  it.each([1, 2, 3])('finds the sphere minimum (seed %i) to 1e-3', (seed) => {
    const r = minimize(sphere, BOX, { population: 30, iterations: 200, seed });
    expect(r.value).toBeLessThan(1e-3);
    expect(Math.max(...r.best.map(Math.abs))).toBeLessThan(0.05);
    // a random search with the same budget is nowhere near
    expect(randomSearch(sphere, r.evaluations)).toBeGreaterThan(0.1);
  });

  it.each([1, 2, 3])('finds the global minimum of 5-d Rastrigin (seed %i) to 1e-2, not a local one (≥ 0.99)', (seed) => {
    const r = minimize(rastrigin, BOX, { population: 30, iterations: 200, seed });
    expect(r.value).toBeLessThan(1e-2);
    expect(randomSearch(rastrigin, r.evaluations)).toBeGreaterThan(5);
  });

  it('improves monotonically and is deterministic for a seed', () => {
    const a = minimize(rastrigin, BOX, { population: 20, iterations: 30, seed: 7 });
    const b = minimize(rastrigin, BOX, { population: 20, iterations: 30, seed: 7 });
    expect(a).toEqual(b);
    expect(a.history).toHaveLength(30);
    for (let i = 1; i < a.history.length; i++) expect(a.history[i]!).toBeLessThanOrEqual(a.history[i - 1]!);
  });
});

describe('multi-objective grasshopper', () => {
  const a = [2, 2];
  const f = (x: number[]): [number, number] => [sphere(x), sphere(x.map((v, j) => v - a[j]!))];
  it.each([1, 2, 3])('spreads a non-dominated archive along the known front (seed %i)', (seed) => {
    const { archive } = mogoa(f, cube(2, -5, 5), { population: 30, iterations: 100, seed });
    expect(archive.length).toBeGreaterThanOrEqual(10);
    for (const p of archive) {
      expect(archive.some((q) => dominates(q.f, p.f))).toBe(false);
      // on or near the front √f1 + √f2 = |a| = 2√2
      expect(Math.sqrt(p.f[0]) + Math.sqrt(p.f[1])).toBeLessThan(2 * Math.SQRT2 + 0.3);
    }
    // both ends reached
    expect(Math.min(...archive.map((p) => p.f[0]))).toBeLessThan(0.05);
    expect(Math.min(...archive.map((p) => p.f[1]))).toBeLessThan(0.05);
  });

  // Measured, and stated in docs/models/forecasting.md: on multimodal Rastrigin MOGOA's archive end
  // gets into the first ring of local minima (best f1 0.2–2.0 over seeds 1–5), not to the global
  // minimum — a random search of the same budget does better in 2-d. The test pins what it does
  // reach: the two innermost rings (f ≤ 1.99 at x = (±1, ±1)), below the next (f ≈ 3.98 at (2, 0)),
  // far below a random start (≈ 40).
  it.each([1, 2, 3, 4, 5])('gets the Rastrigin end of a Rastrigin/sphere front into the innermost rings of local minima (seed %i)', (seed) => {
    const { archive } = mogoa((x) => [rastrigin(x), sphere(x.map((v) => v - 3))], cube(2, -5.12, 5.12), { population: 40, iterations: 150, seed });
    expect(Math.min(...archive.map((p) => p.f[0]))).toBeLessThan(3);
  });
});

describe('masks', () => {
  it('reads coordinates above ½ as chosen features and never returns an empty mask', () => {
    expect(maskOf([0.7, 0.2, 0.51])).toEqual([true, false, true]);
    expect(maskOf([0.1, 0.3, 0.2])).toEqual([false, true, false]);
  });
});
