/**
 * HiGHS (npm `highs`, MIT) backend through its persistent model API: the
 * model goes over as typed arrays (`LpModel.toArrays()`: costs, bounds, the
 * matrix by columns, the Hessian's diagonal) — no LP text on this path; text
 * (`toCplexLp`) is for export and diagnosis only.
 *
 * Presolve policy: a cold solve lets HiGHS decide (its default `choose`); on
 * case141 × 96 that is ≈10× faster than without (docs/lp.md). A re-solve from
 * a valid basis skips presolve by HiGHS's own rule. When a presolved solve
 * ends without an optimum, presolve may have hidden whether the model is
 * infeasible or unbounded, so the model is solved once more without presolve
 * and that outcome is reported: classification is worth one extra solve on
 * the failure path only.
 *
 * Sign convention: HiGHS's row duals and column duals are already
 * ∂objective/∂(active bound) for min and max problems (backend.ts), so they
 * are returned as they come.
 */
import loadHighs, { type Basis, type Highs, type ModelData, type Model, type ModelStatusCode } from 'highs';
import { crossedBoundSolution, emptySolution, type LpBackend, type LpRuntimeConfig, type LpSession, type LpSolution, type LpSolveOptions, type LpStatus } from './backendInterface.ts';
import { forgetLpBackend } from './loadedBackends.ts';
import type { LpArrays, LpModel } from './model.ts';

export async function createHighsBackend(config: LpRuntimeConfig = {}): Promise<LpBackend> {
  const highs = await loadHighs(config.highsLocateFile ? { locateFile: config.highsLocateFile } : {});
  return {
    name: 'highs',
    solve(model, options) {
      const session = new HighsSession(highs, model);
      try {
        return session.solve(options);
      } finally {
        session.dispose();
      }
    },
    session: (model) => new HighsSession(highs, model),
  };
}

/** HiGHS's words for its model status codes (the legacy API's `Status` strings). */
const STATUS_WORDS: Record<number, string> = {
  0: 'Not Set', 1: 'Load error', 2: 'Model error', 3: 'Presolve error', 4: 'Solve error', 5: 'Postsolve error', 6: 'Empty',
  7: 'Optimal', 8: 'Infeasible', 9: 'Primal infeasible or unbounded', 10: 'Unbounded', 11: 'Bound on objective reached',
  12: 'Target for objective reached', 13: 'Time limit reached', 14: 'Iteration limit reached', 15: 'Unknown', 16: 'Solution limit reached', 17: 'Interrupted',
};

/** HiGHS's "no limit" for integer options (kHighsIInf) */
const HIGHS_INT_MAX = 2_147_483_647;

function statusOf(code: ModelStatusCode): LpStatus {
  if (code === 7) return 'optimal';
  if (code === 8) return 'infeasible';
  if (code === 10) return 'unbounded';
  return 'error';
}

const NO_TIME_LIMIT = 1e30;

/** Outcomes that a presolved solve may have classified for the reduced model only. */
const UNCLASSIFIED = new Set<number>([8, 9, 10, 15]);

function modelData(highs: Highs, model: LpModel, a: LpArrays): ModelData {
  const n = model.varCount, m = model.rowCount;
  return {
    numCols: n,
    numRows: m,
    sense: model.sense === 'min' ? highs.constants.objectiveSense.minimize : highs.constants.objectiveSense.maximize,
    offset: a.offset,
    colCost: a.colCost,
    colLower: a.colLower,
    colUpper: a.colUpper,
    rowLower: a.rowLower,
    rowUpper: a.rowUpper,
    matrix: { format: 'csc', numRows: m, numCols: n, starts: a.matrix.start, indices: a.matrix.index, values: a.matrix.value },
    ...(a.hessianDiagonal ? { hessian: diagonalHessian(a.hessianDiagonal) } : {}),
    ...(a.integrality ? { integrality: a.integrality } : {}),
  };
}

/** ½·Σ hⱼ xⱼ² as HiGHS's triangular Hessian (objective cᵀx + ½ xᵀQx): one entry per column with hⱼ ≠ 0. */
function diagonalHessian(h: Float64Array) {
  const starts = new Int32Array(h.length + 1);
  const indices: number[] = [], values: number[] = [];
  for (let j = 0; j < h.length; j++) {
    if (h[j] !== 0) indices.push(j), values.push(h[j]!);
    starts[j + 1] = indices.length;
  }
  return { format: 'triangular' as const, dimension: h.length, starts, indices: Int32Array.from(indices), values: Float64Array.from(values) };
}

/** Indices where a and b differ, and b's values there. */
function changed(a: Float64Array, b: Float64Array): { indices: Int32Array; values: Float64Array } | null {
  let count = 0;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) count++;
  if (count === 0) return null;
  const indices = new Int32Array(count), values = new Float64Array(count);
  for (let k = 0, p = 0; k < a.length; k++) if (a[k] !== b[k]) (indices[p] = k), (values[p++] = b[k]!);
  return { indices, values };
}

/** Indices where either bound differs, with both new bounds there. */
function changedBounds(lo: Float64Array, up: Float64Array, newLo: Float64Array, newUp: Float64Array) {
  const idx: number[] = [];
  for (let k = 0; k < lo.length; k++) if (lo[k] !== newLo[k] || up[k] !== newUp[k]) idx.push(k);
  if (idx.length === 0) return null;
  const indices = Int32Array.from(idx);
  return { indices, lower: Float64Array.from(idx, (k) => newLo[k]!), upper: Float64Array.from(idx, (k) => newUp[k]!) };
}

const sameIntegrality = (a: Int32Array | null, b: Int32Array | null) => (a === null || b === null ? a === b : a.length === b.length && a.every((x, k) => x === b[k]));

/** A MILP's outcome from HiGHS's info: proven bound, incumbent, gap, nodes, whether an incumbent exists (primal_solution_status 2 = feasible). */
function mipInfo(native: Model): NonNullable<LpSolution['mip']> {
  const num = (name: string) => Number(native.info.get(name));
  return { dualBound: num('mip_dual_bound'), primalBound: num('objective_function_value'), gap: num('mip_gap'), nodes: num('mip_node_count'), primalFeasible: num('primal_solution_status') === 2 };
}

const sameArray = (a: Float64Array | null, b: Float64Array | null) => (a === null || b === null ? a === b : a.length === b.length && a.every((x, k) => x === b[k]));

/**
 * Native models a session forgot to dispose are freed when the session is
 * garbage-collected; `dispose()` remains the rule (GC may come late or never).
 */
const leaked = new FinalizationRegistry<Model>((native) => {
  if (!native.disposed) native.dispose();
});

class HighsSession implements LpSession {
  readonly backend = 'highs' as const;
  private native: Model | null = null;
  /** what the native model holds: the vectors last passed and the shape */
  private held: (Omit<LpArrays, 'matrix'> & { cols: number; rows: number; nonzeros: number }) | null = null;
  private solved = false;
  /** the last QP optimum and its active set: HiGHS's QP solver starts there when handed both (see solve) */
  private qpStart: { colValue: Float64Array; rowValue: Float64Array; basis: Basis } | null = null;
  private isDisposed = false;

  constructor(private readonly highs: Highs, readonly model: LpModel) {}

  get disposed(): boolean {
    return this.isDisposed;
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    if (this.native) {
      leaked.unregister(this);
      if (!this.native.disposed) this.native.dispose();
      this.native = null;
    }
  }

  solve(options: LpSolveOptions = {}): LpSolution {
    if (this.isDisposed) throw new Error(`the HiGHS session of ${this.model.name} was disposed`);
    const model = this.model;
    const crossed = crossedBoundSolution(model, 'highs');
    if (crossed) return crossed;
    const t0 = performance.now();
    try {
      // the model became a QP after an LP optimum of the same shape (quadratic terms set since): that vertex and its basis are a QP start too
      if (model.isQuadratic && !this.qpStart && this.solved && this.native && !this.model.isMip) this.qpStart = this.startHere();
      let warm = this.sync();
      const native = this.native!;
      if (model.isQuadratic) {
        // The simplex keeps its basis through cost and bound changes; the QP solver does not: it starts
        // from its own phase-1 vertex unless given a feasible point and its active set (qp_allow_hot_start).
        // They are handed over while the point is within every bound; a constraint the active set holds at
        // a bound that has moved away is dropped from the set (HiGHS itself checks the point is feasible);
        // otherwise the QP starts cold.
        const start = warm ? this.qpStart : null;
        const basis = start && hotStartBasis(start, this.held!);
        warm = basis !== null;
        if (warm) {
          native.setSolution({ colValue: start!.colValue, rowValue: start!.rowValue });
          native.setBasis(basis!); // after setSolution, which would otherwise invalidate it
        }
      }
      // the option takes finite values only; HiGHS's own default (no limit) is +∞, so "none" is a huge number
      native.options.set('time_limit', options.timeLimitSeconds ?? NO_TIME_LIMIT);
      native.options.set('presolve', options.presolve ?? 'choose');
      if (model.isQuadratic) native.options.set('qp_iteration_limit', options.qpIterationLimit ?? HIGHS_INT_MAX);
      if (model.isQuadratic) native.options.set('qp_regularization_value', options.qpRegularization ?? 1e-7);
      if (model.isMip) native.options.set('mip_rel_gap', options.mipRelGap ?? 1e-4);
      if (model.isMip) native.options.set('mip_feasibility_tolerance', options.mipFeasibilityTolerance ?? 1e-6);
      if (model.isMip && options.mipStart) native.setSolution({ colValue: Float64Array.from(options.mipStart) });
      native.zeroAllClocks();
      // presolve is HiGHS's choice on a cold solve; from a valid basis HiGHS goes straight to the simplex
      native.run();
      let code = native.getModelStatus();
      if (UNCLASSIFIED.has(code) && !warm && options.presolve !== 'off') {
        native.options.set('presolve', 'off');
        native.clearSolver();
        native.run();
        code = native.getModelStatus();
      }
      this.solved = code === 7;
      const solveMs = performance.now() - t0;
      const status = statusOf(code);
      const mip = model.isMip ? mipInfo(native) : undefined;
      if (status !== 'optimal') {
        const message = `HiGHS: ${STATUS_WORDS[code] ?? `status ${code}`}`;
        // a MILP stopped early keeps its incumbent: the caller reports it with the gap HiGHS proved
        const incumbent = mip?.primalFeasible ? native.getSolution().colValue : null;
        // a failed solve leaves no basis worth starting from
        native.clearSolver();
        this.qpStart = null;
        const empty = emptySolution(model, 'highs', status, solveMs, message);
        if (!mip) return empty;
        return incumbent ? { ...empty, x: incumbent, objective: model.objectiveValue(incumbent), rowActivity: model.rowActivity(incumbent), mip } : { ...empty, mip };
      }
      if (mip) {
        // MILP: the column values of the best solution; HiGHS's dual vectors are not meaningful for it
        const { colValue } = native.getSolution();
        return {
          status, objective: native.getObjectiveValue(), x: colValue,
          rowDuals: new Float64Array(model.rowCount).fill(NaN), reducedCosts: new Float64Array(model.varCount).fill(NaN),
          rowActivity: model.rowActivity(colValue), solveMs, backend: 'highs', mip,
          iterations: Number(native.info.get('simplex_iteration_count')),
        };
      }
      const { colValue, colDual, rowDual, rowValue } = native.getSolution();
      // copies: the caller owns the returned x and may change it
      this.qpStart = model.isQuadratic ? { colValue: colValue.slice(), rowValue, basis: native.getBasis() } : null;
      return {
        status,
        objective: native.getObjectiveValue(),
        x: colValue,
        rowDuals: rowDual,
        reducedCosts: colDual,
        rowActivity: model.rowActivity(colValue),
        iterations: Number(native.info.get('simplex_iteration_count')) + Number(native.info.get('qp_iteration_count')),
        warm,
        solveMs,
        backend: 'highs',
      };
    } catch (e) {
      // a wasm abort leaves the instance unusable: drop this model and load a fresh runtime next time
      this.dropNative();
      forgetLpBackend('highs');
      return emptySolution(model, 'highs', 'error', performance.now() - t0, `HiGHS: ${(e as Error).message}`);
    }
  }

  /** The native model's current optimum and basis, as a QP start. */
  private startHere(): { colValue: Float64Array; rowValue: Float64Array; basis: Basis } {
    const { colValue, rowValue } = this.native!.getSolution();
    return { colValue: colValue.slice(), rowValue: rowValue.slice(), basis: this.native!.getBasis() };
  }

  private dropNative(): void {
    if (!this.native) return;
    leaked.unregister(this);
    try {
      this.native.dispose();
    } catch {
      // already unusable
    }
    this.native = null;
    this.held = null;
    this.qpStart = null;
  }

  /** Brings the native model up to date with `this.model`; true when the next run starts from a basis. */
  private sync(): boolean {
    const model = this.model;
    const vectors = model.vectors();
    const held = this.held;
    const shape = { cols: model.varCount, rows: model.rowCount, nonzeros: model.nonzeroCount };
    if (!this.native || !held || held.cols !== shape.cols || shape.rows < held.rows) {
      this.passAll(vectors, shape);
      return false;
    }
    const native = this.native;
    if (shape.rows > held.rows) {
      // appended rows (cutting planes, cuts): add them and keep the basis, extended with their slacks
      const first = held.rows;
      const csr = model.matrix();
      const base = csr.start[first]!;
      native.addRows({
        lower: vectors.rowLower.subarray(first),
        upper: vectors.rowUpper.subarray(first),
        matrix: {
          format: 'csr',
          numRows: shape.rows - first,
          numCols: shape.cols,
          starts: Int32Array.from(csr.start.subarray(first), (s) => s - base),
          indices: csr.index.subarray(base),
          values: csr.value.subarray(base),
        },
      });
      held.rowLower = concat(held.rowLower, vectors.rowLower.subarray(first));
      held.rowUpper = concat(held.rowUpper, vectors.rowUpper.subarray(first));
      held.rows = shape.rows;
      held.nonzeros = shape.nonzeros;
    } else if (held.nonzeros !== shape.nonzeros) {
      this.passAll(vectors, shape);
      return false;
    }
    if (held.sense !== vectors.sense) native.changeObjectiveSense(vectors.sense === 'min' ? this.highs.constants.objectiveSense.minimize : this.highs.constants.objectiveSense.maximize);
    if (held.offset !== vectors.offset) native.changeObjectiveOffset(vectors.offset);
    const cost = changed(held.colCost, vectors.colCost);
    if (cost) native.changeColsCost({ kind: 'set', indices: cost.indices }, cost.values);
    const cols = changedBounds(held.colLower, held.colUpper, vectors.colLower, vectors.colUpper);
    if (cols) native.changeColsBounds({ kind: 'set', indices: cols.indices }, cols.lower, cols.upper);
    const rows = changedBounds(held.rowLower, held.rowUpper, vectors.rowLower, vectors.rowUpper);
    if (rows) native.changeRowsBounds({ kind: 'set', indices: rows.indices }, rows.lower, rows.upper);
    if (!sameIntegrality(held.integrality, vectors.integrality)) {
      this.passAll(vectors, shape);
      return false;
    }
    if (!sameArray(held.hessianDiagonal, vectors.hessianDiagonal)) {
      if (vectors.hessianDiagonal) native.passHessian(diagonalHessian(vectors.hessianDiagonal));
      else {
        // dropping every quadratic term makes an LP again: pass it afresh rather than an empty Hessian
        this.passAll(vectors, shape);
        return false;
      }
    }
    this.held = { ...vectors, ...shape };
    return this.solved;
  }

  private passAll(vectors: Omit<LpArrays, 'matrix'>, shape: { cols: number; rows: number; nonzeros: number }): void {
    const data = modelData(this.highs, this.model, { ...vectors, matrix: this.model.cscMatrix() });
    if (this.native) this.native.passModel(data);
    else {
      this.native = this.highs.createModel(data);
      leaked.register(this, this.native, this);
      this.native.options.set({ output_flag: false, qp_allow_hot_start: true });
    }
    this.held = { ...vectors, ...shape };
    this.solved = false;
    this.qpStart = null;
  }
}

/** Basis statuses (HiGHS): 0 at lower bound, 1 basic, 2 at upper bound, 3 free at zero, 4 nonbasic inside (QP). */
const AT_LOWER = 0, AT_UPPER = 2, NONBASIC_INSIDE = 4;

/**
 * The active set to hot-start the QP from `start` under the bounds now held: the start's, except that a column or row
 * it holds at a bound that has moved away is released (status 4, nonbasic inside: out of the working set — a subset
 * of an independent active set stays independent). Null when the start breaks a bound now (the QP starts cold).
 */
function hotStartBasis(start: { colValue: Float64Array; rowValue: Float64Array; basis: Basis }, held: Omit<LpArrays, 'matrix'>): Basis | null {
  const at = (value: number, bound: number) => Math.abs(value - bound) <= 1e-9 * Math.max(1, Math.abs(bound));
  const within = (value: number, lower: number, upper: number) => value >= lower - 1e-9 * Math.max(1, Math.abs(lower)) && value <= upper + 1e-9 * Math.max(1, Math.abs(upper));
  const repair = (status: Int32Array, value: Float64Array, lower: Float64Array, upper: Float64Array): Int32Array | null => {
    let out = status;
    for (let k = 0; k < status.length; k++) {
      const held = status[k] === AT_LOWER ? at(value[k]!, lower[k]!) : status[k] === AT_UPPER ? at(value[k]!, upper[k]!) : true;
      if (held) continue;
      if (!within(value[k]!, lower[k]!, upper[k]!)) return null;
      if (out === status) out = status.slice();
      out[k] = NONBASIC_INSIDE;
    }
    return out;
  };
  if (start.colValue.length !== held.colCost.length || start.rowValue.length !== held.rowLower.length) return null;
  const colStatus = repair(start.basis.colStatus, start.colValue, held.colLower, held.colUpper);
  const rowStatus = colStatus && repair(start.basis.rowStatus, start.rowValue, held.rowLower, held.rowUpper);
  return colStatus && rowStatus ? (colStatus === start.basis.colStatus && rowStatus === start.basis.rowStatus ? start.basis : { ...start.basis, colStatus, rowStatus }) : null;
}

function concat(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
