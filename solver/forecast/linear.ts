/**
 * Regularised least squares and standardisation, on ml-matrix (a maintained
 * linear-algebra library: Cholesky, Gram products; docs/dependencies.md).
 * Ridge regression, the ELM's output weights and the ELM autoencoders all
 * solve (AᵀA + λI) B = AᵀY.
 */
import { CholeskyDecomposition, Matrix } from 'ml-matrix';

/** B minimising ‖A B − Y‖² + λ‖B‖² (λ > 0 keeps the system positive definite). */
export function ridgeSolve(A: Matrix, Y: Matrix, lambda: number): Matrix {
  const G = A.gram();
  for (let i = 0; i < G.rows; i++) G.set(i, i, G.get(i, i) + lambda);
  const chol = new CholeskyDecomposition(G);
  if (!chol.isPositiveDefinite()) throw new RangeError('the regularised normal equations are not positive definite (λ too small for the data)');
  return chol.solve(A.transposeMultiply(Y));
}

/** Column means and standard deviations of the training rows (a constant column keeps scale 1). */
export interface Scaler {
  mean: number[];
  std: number[];
}

export function fitScaler(X: readonly number[][]): Scaler {
  const d = X[0]?.length ?? 0, n = X.length;
  const mean = new Array<number>(d).fill(0), std = new Array<number>(d).fill(0);
  for (const r of X) for (let j = 0; j < d; j++) mean[j]! += r[j]! / n;
  for (const r of X) for (let j = 0; j < d; j++) std[j]! += (r[j]! - mean[j]!) ** 2 / n;
  return { mean, std: std.map((s) => (s > 1e-12 ? Math.sqrt(s) : 1)) };
}

export const scaleRows = (X: readonly number[][], s: Scaler): Matrix => new Matrix(X.map((r) => r.map((v, j) => (v - s.mean[j]!) / s.std[j]!)));

/** Target scaling: mean and standard deviation of y. */
export function fitTarget(y: readonly number[]): { mean: number; std: number } {
  const mean = y.reduce((a, b) => a + b, 0) / Math.max(1, y.length);
  const v = y.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, y.length);
  return { mean, std: v > 1e-12 ? Math.sqrt(v) : 1 };
}

/** A column vector. */
export const column = (v: readonly number[]): Matrix => Matrix.columnVector(v as number[]);

/** [A | 1]: a bias column appended. */
export function withBias(A: Matrix): Matrix {
  return A.clone().addColumn(new Array(A.rows).fill(1));
}
