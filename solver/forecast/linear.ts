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

export const dense = (rows: number, cols: number, data: Float64Array = new Float64Array(rows * cols)): Dense => ({ rows, cols, data });

/**
 * A·Btᵀ + bias: Bt holds one output column per row (a layer's units, or the
 * transposed right factor), so every output entry is a dot product over two
 * contiguous rows. Four rows of A times two rows of Bt at a time: each loaded
 * entry feeds two or four products and the eight sums stay in registers —
 * 3–4× faster than the row-times-matrix loop it replaced. Each sum starts at
 * the bias (or 0) and adds the products in k order, exactly as that loop did,
 * so the results are bit for bit the same.
 */
export function affine(A: Dense, Bt: Dense, bias: Float64Array | null = null): Dense {
  const L = Bt.rows, d = A.cols, n = A.rows, out = dense(n, L), a = A.data, w = Bt.data, o = out.data;
  if (Bt.cols !== d) throw new RangeError(`affine: ${A.rows}×${d} times (${Bt.rows}×${Bt.cols})ᵀ`);
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const a0 = i * d, a1 = a0 + d, a2 = a1 + d, a3 = a2 + d, o0 = i * L, o1 = o0 + L, o2 = o1 + L, o3 = o2 + L;
    let j = 0;
    for (; j + 1 < L; j += 2) {
      const w0 = j * d, w1 = w0 + d, b = bias ? bias[j]! : 0, c = bias ? bias[j + 1]! : 0;
      let s0 = b, s1 = b, s2 = b, s3 = b, t0 = c, t1 = c, t2 = c, t3 = c;
      for (let k = 0; k < d; k++) {
        const x = w[w0 + k]!, y = w[w1 + k]!, e0 = a[a0 + k]!, e1 = a[a1 + k]!, e2 = a[a2 + k]!, e3 = a[a3 + k]!;
        s0 += e0 * x; s1 += e1 * x; s2 += e2 * x; s3 += e3 * x;
        t0 += e0 * y; t1 += e1 * y; t2 += e2 * y; t3 += e3 * y;
      }
      o[o0 + j] = s0; o[o1 + j] = s1; o[o2 + j] = s2; o[o3 + j] = s3;
      o[o0 + j + 1] = t0; o[o1 + j + 1] = t1; o[o2 + j + 1] = t2; o[o3 + j + 1] = t3;
    }
    for (; j < L; j++) {
      const w0 = j * d, b = bias ? bias[j]! : 0;
      let s0 = b, s1 = b, s2 = b, s3 = b;
      for (let k = 0; k < d; k++) {
        const x = w[w0 + k]!;
        s0 += a[a0 + k]! * x; s1 += a[a1 + k]! * x; s2 += a[a2 + k]! * x; s3 += a[a3 + k]! * x;
      }
      o[o0 + j] = s0; o[o1 + j] = s1; o[o2 + j] = s2; o[o3 + j] = s3;
    }
  }
  for (; i < n; i++)
    for (let j = 0; j < L; j++) {
      const w0 = j * d;
      let s = bias ? bias[j]! : 0;
      for (let k = 0; k < d; k++) s += a[i * d + k]! * w[w0 + k]!;
      o[i * L + j] = s;
    }
  return out;
}

/** A random-feature layer: `weights` has one row of input weights per unit, `bias` one entry per unit. */
export interface Layer {
  weights: Dense;
  bias: Float64Array;
}

/** The hidden activations g(A Wᵀ + b), g logistic. */
export const hiddenLayer = (A: Dense, layer: Layer): Dense => sigmoidInPlace(affine(A, layer.weights, layer.bias));

/** Rows of A then rows of B. */
export function stack(A: Dense, B: Dense): Dense {
  if (A.cols !== B.cols) throw new RangeError('stack: different widths');
  const out = dense(A.rows + B.rows, A.cols);
  out.data.set(A.data);
  out.data.set(B.data, A.data.length);
  return out;
}

/**
 * The normal equations of min ‖A B − Y‖² + λ‖B‖²: AᵀA (upper triangle) and
 * AᵀY, accumulated over rows, so that more rows can be added later (the
 * refit on the whole training window adds the validation rows to the fit
 * rows' sums instead of recomputing them) — the sums are over rows, so
 * adding the rest gives the sums of all rows up to rounding.
 */
export class NormalEquations {
  private constructor(
    readonly p: number,
    readonly q: number,
    private readonly G: Float64Array,
    private readonly R: Float64Array,
  ) {}

  static of(A: Dense, Y: Dense): NormalEquations {
    const ne = new NormalEquations(A.cols, Y.cols, new Float64Array(A.cols * A.cols), new Float64Array(A.cols * Y.cols));
    ne.accumulate(A, Y);
    return ne;
  }

  /** These equations with the rows of A and Y added (a new object; this one is unchanged). */
  plus(A: Dense, Y: Dense): NormalEquations {
    if (A.cols !== this.p || Y.cols !== this.q) throw new RangeError('NormalEquations.plus: different widths');
    const ne = new NormalEquations(this.p, this.q, this.G.slice(), this.R.slice());
    ne.accumulate(A, Y);
    return ne;
  }

  /**
   * Adds AᵀA and AᵀY from the row-major A itself, four rows at a time and
   * two Gram rows per pass: each A entry loaded feeds two products, the
   * p × p Gram matrix (small enough to stay in cache) is loaded and stored a
   * quarter as often as with one row at a time, and neither A nor Y is
   * transposed or copied.
   */
  private accumulate(A: Dense, Y: Dense): void {
    const p = this.p, q = this.q, n = A.rows, a = A.data, y = Y.data, G = this.G, R = this.R;
    if (Y.rows !== n) throw new RangeError(`normal equations: ${n} rows of A, ${Y.rows} of Y`);
    let i = 0;
    for (; i + 3 < n; i += 4) {
      const o0 = i * p, o1 = o0 + p, o2 = o1 + p, o3 = o2 + p, y0 = i * q, y1 = y0 + q, y2 = y1 + q, y3 = y2 + q;
      let r = 0;
      for (; r + 1 < p; r += 2) {
        const x0 = a[o0 + r]!, x1 = a[o1 + r]!, x2 = a[o2 + r]!, x3 = a[o3 + r]!, gr = r * p;
        const z0 = a[o0 + r + 1]!, z1 = a[o1 + r + 1]!, z2 = a[o2 + r + 1]!, z3 = a[o3 + r + 1]!, gs = gr + p;
        G[gr + r]! += x0 * x0 + x1 * x1 + x2 * x2 + x3 * x3;
        for (let c = r + 1; c < p; c++) {
          const e0 = a[o0 + c]!, e1 = a[o1 + c]!, e2 = a[o2 + c]!, e3 = a[o3 + c]!;
          G[gr + c]! += x0 * e0 + x1 * e1 + x2 * e2 + x3 * e3;
          G[gs + c]! += z0 * e0 + z1 * e1 + z2 * e2 + z3 * e3;
        }
        const rr = r * q, rs = rr + q;
        for (let c = 0; c < q; c++) {
          const e0 = y[y0 + c]!, e1 = y[y1 + c]!, e2 = y[y2 + c]!, e3 = y[y3 + c]!;
          R[rr + c]! += x0 * e0 + x1 * e1 + x2 * e2 + x3 * e3;
          R[rs + c]! += z0 * e0 + z1 * e1 + z2 * e2 + z3 * e3;
        }
      }
      for (; r < p; r++) {
        const x0 = a[o0 + r]!, x1 = a[o1 + r]!, x2 = a[o2 + r]!, x3 = a[o3 + r]!, gr = r * p;
        for (let c = r; c < p; c++) G[gr + c]! += x0 * a[o0 + c]! + x1 * a[o1 + c]! + x2 * a[o2 + c]! + x3 * a[o3 + c]!;
        for (let c = 0; c < q; c++) R[r * q + c]! += x0 * y[y0 + c]! + x1 * y[y1 + c]! + x2 * y[y2 + c]! + x3 * y[y3 + c]!;
      }
    }
    for (; i < n; i++)
      for (let r = 0; r < p; r++) {
        const x = a[i * p + r]!;
        for (let c = r; c < p; c++) G[r * p + c]! += x * a[i * p + c]!;
        for (let c = 0; c < q; c++) R[r * q + c]! += x * y[i * q + c]!;
      }
  }

  /** B (p × q) of (AᵀA + λI) B = AᵀY by Cholesky (λ > 0 keeps the system positive definite). */
  solve(lambda: number): Dense {
    const p = this.p, q = this.q, G = this.G, R = this.R;
    const g = new Matrix(p, p), rhs = new Matrix(p, q);
    for (let r = 0; r < p; r++) {
      for (let c = r; c < p; c++) g.set(r, c, G[r * p + c]! + (r === c ? lambda : 0)), g.set(c, r, G[r * p + c]! + (r === c ? lambda : 0));
      for (let c = 0; c < q; c++) rhs.set(r, c, R[r * q + c]!);
    }
    const chol = new CholeskyDecomposition(g);
    if (!chol.isPositiveDefinite()) throw new RangeError('the regularised normal equations are not positive definite (λ too small for the data)');
    return dense(p, q, Float64Array.from(chol.solve(rhs).to1DArray()));
  }
}

/** B minimising ‖A B − Y‖² + λ‖B‖² (λ > 0 keeps the system positive definite). */
export const ridgeSolve = (A: Dense, Y: Dense, lambda: number): Dense => NormalEquations.of(A, Y).solve(lambda);

/** Column means and standard deviations of the training rows (a constant column keeps scale 1). */
export interface Scaler {
  mean: number[];
  std: number[];
  /** the columns of the full feature rows it scales (a model's mask), in order */
  cols: number[];
}

/** The indices of a mask's true entries. */
export const columnsOf = (mask: readonly boolean[]): number[] => mask.flatMap((m, j) => (m ? [j] : []));

/**
 * The scaler of columns `cols` of the rows (all columns by default), read
 * straight from the full feature rows: no masked copy of them is made.
 */
export function fitScaler(X: readonly number[][], cols: readonly number[] = Array.from({ length: X[0]?.length ?? 0 }, (_, j) => j)): Scaler {
  const d = cols.length, n = X.length;
  const mean = new Array<number>(d).fill(0), std = new Array<number>(d).fill(0);
  for (const r of X) for (let j = 0; j < d; j++) mean[j]! += r[cols[j]!]! / n;
  for (const r of X) for (let j = 0; j < d; j++) std[j]! += (r[cols[j]!]! - mean[j]!) ** 2 / n;
  return { mean, std: std.map((s) => (s > 1e-12 ? Math.sqrt(s) : 1)), cols: [...cols] };
}

/** The scaler's columns of the rows, standardised, as one dense matrix. */
export function scaleRows(X: readonly number[][], s: Scaler): Dense {
  const d = s.cols.length, out = dense(X.length, d), o = out.data, cols = s.cols, mean = s.mean, std = s.std;
  for (let i = 0; i < X.length; i++) {
    const r = X[i]!;
    for (let j = 0; j < d; j++) o[i * d + j] = (r[cols[j]!]! - mean[j]!) / std[j]!;
  }
  return out;
}

/** Target scaling: mean and standard deviation of y. */
export interface TargetScale {
  mean: number;
  std: number;
}

export function fitTarget(y: readonly number[]): TargetScale {
  const mean = y.reduce((a, b) => a + b, 0) / Math.max(1, y.length);
  const v = y.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, y.length);
  return { mean, std: v > 1e-12 ? Math.sqrt(v) : 1 };
}

/** The standardised target as a column. */
export const targetColumn = (y: readonly number[], s: TargetScale): Dense => column(y.map((v) => (v - s.mean) / s.std));

/** A β (a column of A's width), back in the target's units. */
export const outputOf = (A: Dense, beta: Dense, s: TargetScale): number[] => Array.from(affine(A, dense(1, beta.rows, beta.data)).data, (v) => v * s.std + s.mean);

/** A column (n × 1). */
export const column = (v: readonly number[]): Dense => dense(v.length, 1, Float64Array.from(v));

/** The logistic function, in place. */
export function sigmoidInPlace(A: Dense): Dense {
  for (let i = 0; i < A.data.length; i++) A.data[i] = 1 / (1 + Math.exp(-A.data[i]!));
  return A;
}
