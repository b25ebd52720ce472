/**
 * Regularised least squares and standardisation for ridge regression, the
 * ELM's output weights and the ELM autoencoders, which all solve
 * (AᵀA + λI) B = AᵀY. The factorisation and solve are ml-matrix's Cholesky
 * (a maintained library, docs/dependencies.md); the products that feed it
 * (AᵀA over thousands of rows, the random hidden layer) are plain loops over
 * row-major Float64Arrays, which measured 5–10× faster than ml-matrix's
 * generic mmul/gram on these shapes and dominate an ELM's training time.
 */
import { CholeskyDecomposition, Matrix } from 'ml-matrix';

/** A row-major dense matrix. */
export interface Dense {
  rows: number;
  cols: number;
  data: Float64Array;
}

export const dense = (rows: number, cols: number, data = new Float64Array(rows * cols)): Dense => ({ rows, cols, data });

export function fromRows(X: readonly number[][]): Dense {
  const rows = X.length, cols = X[0]?.length ?? 0, out = dense(rows, cols);
  for (let i = 0; i < rows; i++) out.data.set(X[i]!, i * cols);
  return out;
}

/** A·B. */
export function mul(A: Dense, B: Dense): Dense {
  const out = dense(A.rows, B.cols), a = A.data, b = B.data, o = out.data, n = B.cols;
  for (let i = 0; i < A.rows; i++)
    for (let k = 0; k < A.cols; k++) {
      const v = a[i * A.cols + k]!;
      if (v === 0) continue;
      for (let j = 0, bo = k * n, oo = i * n; j < n; j++) o[oo + j]! += v * b[bo + j]!;
    }
  return out;
}

/** A·Bᵀ-free helper: g([A | 1] W) with W of (A.cols + 1) rows, the last being the bias; g logistic. */
export function hiddenLayer(A: Dense, W: Dense): Dense {
  const L = W.cols, d = A.cols, out = dense(A.rows, L), a = A.data, w = W.data, o = out.data;
  for (let i = 0; i < A.rows; i++) {
    const oo = i * L;
    for (let j = 0; j < L; j++) o[oo + j] = w[d * L + j]!;
    for (let k = 0; k < d; k++) {
      const v = a[i * d + k]!;
      for (let j = 0, wo = k * L; j < L; j++) o[oo + j]! += v * w[wo + j]!;
    }
    for (let j = 0; j < L; j++) o[oo + j] = 1 / (1 + Math.exp(-o[oo + j]!));
  }
  return out;
}

/**
 * AᵀA (upper triangle mirrored) and AᵀY from the row-major A itself, four
 * rows at a time: each pass over the p × p Gram matrix (small enough to stay
 * in cache) adds four rank-one terms, so neither A nor Y is transposed or
 * copied, and the Gram entries are loaded and stored a quarter as often as
 * with one row at a time.
 */
function normalEquations(A: Dense, Y: Dense): { G: Float64Array; R: Float64Array } {
  const p = A.cols, q = Y.cols, n = A.rows, a = A.data, y = Y.data;
  const G = new Float64Array(p * p), R = new Float64Array(p * q);
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const o0 = i * p, o1 = o0 + p, o2 = o1 + p, o3 = o2 + p;
    for (let r = 0; r < p; r++) {
      const x0 = a[o0 + r]!, x1 = a[o1 + r]!, x2 = a[o2 + r]!, x3 = a[o3 + r]!, gr = r * p;
      for (let c = r; c < p; c++) G[gr + c]! += x0 * a[o0 + c]! + x1 * a[o1 + c]! + x2 * a[o2 + c]! + x3 * a[o3 + c]!;
      for (let c = 0; c < q; c++) R[r * q + c]! += x0 * y[i * q + c]! + x1 * y[(i + 1) * q + c]! + x2 * y[(i + 2) * q + c]! + x3 * y[(i + 3) * q + c]!;
    }
  }
  for (; i < n; i++)
    for (let r = 0; r < p; r++) {
      const x = a[i * p + r]!;
      for (let c = r; c < p; c++) G[r * p + c]! += x * a[i * p + c]!;
      for (let c = 0; c < q; c++) R[r * q + c]! += x * y[i * q + c]!;
    }
  for (let r = 0; r < p; r++) for (let c = 0; c < r; c++) G[r * p + c] = G[c * p + r]!;
  return { G, R };
}

/** B minimising ‖A B − Y‖² + λ‖B‖² (λ > 0 keeps the system positive definite). */
export function ridgeSolve(A: Dense, Y: Dense, lambda: number): Dense {
  const p = A.cols, q = Y.cols;
  const { G, R } = normalEquations(A, Y);
  for (let r = 0; r < p; r++) G[r * p + r]! += lambda;
  const g = new Matrix(p, p), rhs = new Matrix(p, q);
  for (let r = 0; r < p; r++) {
    for (let c = 0; c < p; c++) g.set(r, c, G[r * p + c]!);
    for (let c = 0; c < q; c++) rhs.set(r, c, R[r * q + c]!);
  }
  const chol = new CholeskyDecomposition(g);
  if (!chol.isPositiveDefinite()) throw new RangeError('the regularised normal equations are not positive definite (λ too small for the data)');
  return dense(p, q, Float64Array.from(chol.solve(rhs).to1DArray()));
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

export function scaleRows(X: readonly number[][], s: Scaler): Dense {
  const out = dense(X.length, s.mean.length);
  X.forEach((r, i) => r.forEach((v, j) => (out.data[i * s.mean.length + j] = (v - s.mean[j]!) / s.std[j]!)));
  return out;
}

/** Target scaling: mean and standard deviation of y. */
export function fitTarget(y: readonly number[]): { mean: number; std: number } {
  const mean = y.reduce((a, b) => a + b, 0) / Math.max(1, y.length);
  const v = y.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, y.length);
  return { mean, std: v > 1e-12 ? Math.sqrt(v) : 1 };
}

/** A column (n × 1). */
export const column = (v: readonly number[]): Dense => dense(v.length, 1, Float64Array.from(v));

/** Aᵀ. */
export function transpose(A: Dense): Dense {
  const out = dense(A.cols, A.rows);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.cols; j++) out.data[j * A.rows + i] = A.data[i * A.cols + j]!;
  return out;
}

/** The logistic function, in place. */
export function sigmoidInPlace(A: Dense): Dense {
  for (let i = 0; i < A.data.length; i++) A.data[i] = 1 / (1 + Math.exp(-A.data[i]!));
  return A;
}
