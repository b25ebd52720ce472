/**
 * The forecasting models' linear algebra: the blocked A·Bᵀ kernel gives
 * exactly what the textbook loop gives (same sums in the same order), and
 * normal equations that gain rows solve to what one pass over all the rows
 * gives, which in turn solves the regularised least squares (checked against
 * ml-matrix's general solver).
 */
import { describe, expect, it } from 'vitest';
import { Matrix, solve } from 'ml-matrix';
import { affine, dense, NormalEquations, stack, type Dense } from '../../../solver/forecast/linear.ts';
import { rngOf } from '../../../solver/forecast/random.ts';

const random = (rows: number, cols: number, seed: number): Dense => {
  const rng = rngOf(seed);
  return dense(rows, cols, Float64Array.from({ length: rows * cols }, () => 2 * rng.next() - 1));
};
const maxDiff = (a: Dense, b: Dense) => a.data.reduce((m, v, i) => Math.max(m, Math.abs(v - b.data[i]!)), 0);

describe('forecast linear algebra', () => {
  // row and column counts that are and are not multiples of the 4 × 2 blocks
  it.each([[9, 5, 7], [8, 16, 6], [3, 4, 1], [13, 1, 3]])('affine(A, Bt, b) is b + Σ_k A[i][k] Bt[j][k] bit for bit (%i × %i, %i outputs)', (n, d, L) => {
    const A = random(n, d, 1), Bt = random(L, d, 2), bias = random(1, L, 3).data;
    const reference = (b: Float64Array | null) => {
      const out = dense(n, L);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < L; j++) {
          let s = b ? b[j]! : 0;
          for (let k = 0; k < d; k++) s += A.data[i * d + k]! * Bt.data[j * d + k]!;
          out.data[i * L + j] = s;
        }
      return Array.from(out.data);
    };
    expect(Array.from(affine(A, Bt, bias).data)).toEqual(reference(bias));
    expect(Array.from(affine(A, Bt).data)).toEqual(reference(null));
  });

  it('normal equations solve the regularised least squares; adding rows later equals one pass over all rows', () => {
    const A = random(403, 12, 4), Y = random(403, 3, 5), B = random(97, 12, 6), Z = random(97, 3, 7), lambda = 0.7;
    const all = stack(A, B), ally = stack(Y, Z);
    // reference: ml-matrix's general solve of (XᵀX + λI) W = XᵀY
    const X = new Matrix(Array.from({ length: all.rows }, (_, i) => Array.from(all.data.subarray(i * 12, i * 12 + 12))));
    const T = new Matrix(Array.from({ length: ally.rows }, (_, i) => Array.from(ally.data.subarray(i * 3, i * 3 + 3))));
    const ref = solve(X.transpose().mmul(X).add(Matrix.eye(12).mul(lambda)), X.transpose().mmul(T));
    const once = NormalEquations.of(all, ally).solve(lambda);
    expect(maxDiff(once, dense(12, 3, Float64Array.from(ref.to1DArray())))).toBeLessThan(1e-10);
    const first = NormalEquations.of(A, Y);
    const before = first.solve(lambda);
    const later = first.plus(B, Z).solve(lambda);
    expect(maxDiff(later, once)).toBeLessThan(1e-12);
    // plus() leaves the equations it started from alone, and the rows did matter
    expect(first.solve(lambda).data).toEqual(before.data);
    expect(maxDiff(later, before)).toBeGreaterThan(1e-3);
  });
});
