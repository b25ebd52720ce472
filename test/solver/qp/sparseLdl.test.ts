import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Matrix, solve } from 'ml-matrix';
import { ldlFactor, ldlSolve, minimumDegreeOrder, type UpperCsc } from '../../../solver/qp/sparseLdl.ts';

/** The upper triangle by columns of a dense symmetric matrix, in the order `perm` (perm[k] = original index). */
function upper(dense: number[][], perm: ArrayLike<number> = dense.map((_, i) => i)): UpperCsc {
  const n = dense.length;
  const start = new Int32Array(n + 1), index: number[] = [], value: number[] = [];
  for (let k = 0; k < n; k++) {
    for (let i = 0; i <= k; i++) {
      const v = dense[perm[i]!]![perm[k]!]!;
      if (v !== 0 || i === k) index.push(i), value.push(v);
    }
    start[k + 1] = index.length;
  }
  return { n, start, index: Int32Array.from(index), value: Float64Array.from(value) };
}

/** A random quasi-definite KKT matrix [H + δI, Aᵀ; A, −δI] with sparse A (seeded by fast-check). */
const kkt = (delta: number, hMin: number) => fc
  .record({
    nx: fc.integer({ min: 1, max: 12 }),
    nr: fc.integer({ min: 1, max: 8 }),
    seed: fc.integer({ min: 1, max: 1e9 }),
  })
  .map(({ nx, nr, seed }) => {
    let s = seed;
    const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0), s / 4294967296);
    const n = nx + nr;
    const m = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (let j = 0; j < nx; j++) m[j]![j] = (rand() < 0.5 ? hMin : hMin + rand() * 3) + delta;
    for (let i = 0; i < nr; i++) {
      m[nx + i]![nx + i] = -delta;
      for (let j = 0; j < nx; j++) if (rand() < 0.35) m[nx + i]![j] = m[j]![nx + i] = rand() * 4 - 2;
    }
    const b = Array.from({ length: n }, () => rand() * 10 - 5);
    return { m, b };
  });

describe('sparse LDLᵀ of quasi-definite matrices', () => {
  it('solves as a dense LU does, in the natural and in the minimum-degree order', () => {
    fc.assert(
      fc.property(kkt(1e-2, 0.5), ({ m, b }) => {
        const dense = solve(new Matrix(m), Matrix.columnVector(b)).getColumn(0);
        const n = m.length;
        const neighbours = m.map((row, i) => row.flatMap((v, j) => (v !== 0 && j !== i ? [j] : [])));
        for (const perm of [Int32Array.from(m.keys()), minimumDegreeOrder(n, neighbours)]) {
          const f = ldlFactor(upper(m, perm));
          expect(f).not.toBeNull();
          const x = Float64Array.from(perm, (p) => b[p]!);
          ldlSolve(f!, x);
          perm.forEach((p, k) => expect(x[k]).toBeCloseTo(dense[p]!, 8));
        }
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it('finds no fill on a path, eliminates the centre of a star last, and gives a permutation', () => {
    const n = 9;
    // a path 0–1–…–8 listed in a scrambled order: minimum degree starts at an end and never fills
    const path = Array.from({ length: n }, (_, i) => [i - 1, i + 1].filter((j) => j >= 0 && j < n));
    const order = minimumDegreeOrder(n, path);
    expect([...order].sort((a, b) => a - b)).toEqual([...Array(n).keys()]);
    const tri = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 4 : Math.abs(i - j) === 1 ? 1 : 0)));
    const f = ldlFactor(upper(tri, order))!;
    expect(f.lStart[n]).toBe(n - 1); // L has exactly the path's n − 1 edges
    const star = Array.from({ length: n }, (_, i) => (i === 0 ? [...Array(n).keys()].slice(1) : [0]));
    // the centre waits until only one leaf is left (a tie at degree 1, broken by the lower index)
    expect(minimumDegreeOrder(n, star).indexOf(0)).toBe(n - 2);
  });

  it('reports a zero pivot instead of dividing by it', () => {
    expect(ldlFactor(upper([[0]]))).toBeNull();
    expect(ldlFactor(upper([[1, 1], [1, 1]]))).toBeNull();
  });
});
