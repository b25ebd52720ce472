/**
 * Re-solving a convex QP with a diagonal Hessian from the working set of its
 * last optimum, exactly, with the KKT conditions as the proof.
 *
 *   min ½xᵀHx + cᵀx   s.t.  l ≤ Ax ≤ u,  lb ≤ x ≤ ub,    H = diag(h) ⪰ 0
 *
 * A working set W says which variables sit at which bound and which rows
 * hold at which bound (equality rows always). For W the optimum of the
 * equality-constrained QP solves the KKT system
 *
 *   [H_FF   A_WFᵀ] [ x_F]   [ −c_F                ]
 *   [A_WF   0    ] [−y_W] = [ b_W − A_WN·x_N      ]     (F: free variables, N: fixed at their bounds)
 *
 * factorised as the quasi-definite [H_FF + δI, A_WFᵀ; A_WF, −δI] (sparseLdl.ts)
 * with iterative refinement against δ = 0. The point is the QP's optimum
 * exactly when it is primal feasible (free variables and rows outside W
 * within their bounds) and dual feasible (the reduced costs Hx + c − Aᵀy of
 * fixed variables and the duals of rows in W have the sign of their bound);
 * both are checked on the returned point, so an answer is certified by its
 * own KKT residuals whatever path led to it. When the check fails, W changes
 * as in the primal–dual active-set method (Hintermüller, Ito & Kunisch, "The
 * primal-dual active set strategy as a semismooth Newton method", SIAM J.
 * Optim. 13(3), 2002): every violated bound joins W, every held bound whose
 * multiplier has the wrong sign leaves it, and the KKT system is solved
 * again. After `maxRounds` rounds without a certified point (the method can
 * cycle on degenerate problems) the caller falls back to its QP solver
 * (HiGHS), whose optimum seeds W again.
 *
 * What this buys: an ADMM agent's QP changes only in its linear costs from
 * one round to the next, and near convergence its working set stops moving.
 * HiGHS's QP solver rebuilds its dense reduced Hessian on every hot start
 * (≈ 16 ms for a microgrid's 96 quarter-hours, even when the working set
 * does not change); here a round costs one sparse factorisation in the
 * model's minimum-degree order.
 */
import type { CscMatrix, CsrMatrix, LpModel } from '../lp/model.ts';
import { LdlWorkspace, ldlFactor, ldlSolve, minimumDegreeOrder, type LdlFactor } from './sparseLdl.ts';

const FREE = 0, AT_LOWER = 1, AT_UPPER = 2;

export interface WorkingSetQpOptions {
  /** working sets tried after the held one before giving up (the caller then solves with its QP solver); default 15 */
  maxRounds?: number;
  /** δ of the quasi-definite regularisation; default 1e-8 */
  regularization?: number;
  /** iterative-refinement steps against the unregularised system; default 3 */
  refinement?: number;
  /** bound violation accepted, × max(1, |bound|); default 1e-7 */
  primalTolerance?: number;
  /** stationarity residual and wrong-signed dual accepted; default 1e-9 */
  dualTolerance?: number;
}

export interface WorkingSetSolution {
  x: Float64Array;
  /** row duals in the LP layer's convention (> 0 at a lower bound of a minimisation) */
  rowDuals: Float64Array;
  reducedCosts: Float64Array;
  rowActivity: Float64Array;
  objective: number;
  /** working-set changes on the way (0: the last optimum's held was right) */
  rounds: number;
  /** the KKT residuals of the returned point: its certificate */
  maxPrimalViolation: number;
  maxDualViolation: number;
}

const samePositions = (a: Int32Array, b: Int32Array) => {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return a.length === b.length;
};

/** the same curvature on every kept variable (the first `pos.length − h.length` entries of pos are the variables) */
const sameCurvature = (a: Float64Array, b: Float64Array, pos: Int32Array) => {
  for (let j = 0; j < b.length; j++) if (pos[j]! >= 0 && a[j] !== b[j]) return false;
  return true;
};

export class WorkingSetQp {
  private readonly n: number;
  private readonly m: number;
  private readonly csc: CscMatrix;
  private readonly csr: CsrMatrix;
  /** the minimum-degree order of the whole KKT graph (variables 0…n−1, rows n…n+m−1) */
  private readonly order: Int32Array;
  private readonly colStatus: Int8Array;
  private readonly rowStatus: Int8Array;
  private ready = false;
  private readonly ws = new LdlWorkspace();
  /** the last factorisation and what it was built from */
  private factor: { pos: Int32Array; h: Float64Array; factor: LdlFactor } | null = null;
  private readonly opts: Required<WorkingSetQpOptions>;

  constructor(
    private readonly model: LpModel,
    options: WorkingSetQpOptions = {},
  ) {
    if (model.sense !== 'min') throw new RangeError(`WorkingSetQp: ${model.name} is not a minimisation`);
    if (model.isMip) throw new RangeError(`WorkingSetQp: ${model.name} has integer variables`);
    this.n = model.varCount;
    this.m = model.rowCount;
    this.csc = model.cscMatrix();
    this.csr = model.matrix();
    const neighbours: number[][] = Array.from({ length: this.n + this.m }, () => []);
    for (let j = 0; j < this.n; j++) for (let p = this.csc.start[j]!; p < this.csc.start[j + 1]!; p++) neighbours[j]!.push(this.n + this.csc.index[p]!);
    this.order = minimumDegreeOrder(this.n + this.m, neighbours);
    this.colStatus = new Int8Array(this.n);
    this.rowStatus = new Int8Array(this.m);
    this.opts = { maxRounds: 15, regularization: 1e-8, refinement: 3, primalTolerance: 1e-7, dualTolerance: 1e-9, ...options };
  }

  /** Whether a working set is held (after `startFrom`, or a solve that succeeded). */
  get hasWorkingSet(): boolean {
    return this.ready;
  }

  /**
   * Holds an optimum of this model (from any backend) and, as its working set, the bounds it holds with a
   * multiplier of strict sign (≥ 0 at a lower bound, ≤ 0 at an upper, beyond the dual tolerance) and every
   * equality row. Bounds held with a zero multiplier (a degenerate vertex, e.g. a battery idle at its minimum
   * state of charge) stay out: taken in, they make the set linearly dependent and its multipliers ambiguous, and
   * the method then cycled on case141's batteries (measured); a bound left out joins W when it is violated.
   */
  startFrom(solution: { x: ArrayLike<number>; reducedCosts: ArrayLike<number>; rowDuals: ArrayLike<number> }): void {
    const { x, reducedCosts: d, rowDuals: y } = solution;
    if (x.length !== this.n || d.length !== this.n || y.length !== this.m) throw new RangeError(`WorkingSetQp: a solution of ${x.length} columns and ${y.length} rows for ${this.n} and ${this.m}`);
    const { colLower: lb, colUpper: ub, rowLower: rl, rowUpper: ru } = this.model.vectors();
    const tolP = this.opts.primalTolerance, tolD = this.opts.dualTolerance;
    const status = (value: number, lower: number, upper: number, dual: number) => {
      const near = (bound: number) => Math.abs(value - bound) <= tolP * Math.max(1, Math.abs(bound));
      return dual > tolD && near(lower) ? AT_LOWER : dual < -tolD && near(upper) ? AT_UPPER : FREE;
    };
    for (let j = 0; j < this.n; j++) this.colStatus[j] = status(x[j]!, lb[j]!, ub[j]!, d[j]!);
    const activity = this.model.rowActivity(x);
    for (let i = 0; i < this.m; i++) this.rowStatus[i] = rl[i] === ru[i] ? AT_LOWER : status(activity[i]!, rl[i]!, ru[i]!, y[i]!);
    this.ready = true;
  }

  /** Forgets the working set (the next solve must come from the QP solver). */
  reset(): void {
    this.ready = false;
  }

  /**
   * The model's optimum for its costs and bounds now, from the held working set; null when none is held, the
   * structure changed, or `maxRounds` changes did not reach a certified optimum (the working set is then forgotten).
   */
  solve(): WorkingSetSolution | null {
    const model = this.model;
    if (!this.ready || model.varCount !== this.n || model.rowCount !== this.m || model.nonzeroCount !== this.csc.index.length) return null;
    this.ready = false;
    const { colCost: c, colLower: lb, colUpper: ub, rowLower: rl, rowUpper: ru, hessianDiagonal } = model.vectors();
    const h = hessianDiagonal ?? new Float64Array(this.n);
    let costScale = 1;
    for (let j = 0; j < this.n; j++) costScale = Math.max(costScale, Math.abs(c[j]!));
    const garbage = (1e-2 / this.opts.regularization) * costScale;
    for (let round = 0; round <= this.opts.maxRounds; round++) {
      const point = this.solveWorkingSet(c, h, lb, ub, rl, ru);
      if (!point) return null;
      const kkt = this.check(point, lb, ub, rl, ru, true);
      // multipliers of order 1/δ: the working set's KKT matrix is numerically singular (a direction without
      // curvature that nothing held pins), and no change built on them can be trusted
      if (kkt.maxDual > garbage) return null;
      if (kkt.changed === 0) {
        if (kkt.maxPrimal > 1 || kkt.maxDual > this.opts.dualTolerance) return null;
        let objective = model.objectiveConstant;
        for (let j = 0; j < this.n; j++) objective += c[j]! * point.x[j]! + 0.5 * h[j]! * point.x[j]! * point.x[j]!;
        this.ready = true;
        return { ...point, objective, rounds: round, maxPrimalViolation: kkt.primalViolation, maxDualViolation: kkt.maxDual };
      }
    }
    return null;
  }

  /** LDLᵀ of the working set's quasi-definite KKT matrix, its nodes at `pos` (−1: not kept). */
  private factorise(pos: Int32Array, size: number, h: Float64Array): LdlFactor | null {
    const { n, m, csc } = this;
    const delta = this.opts.regularization;
    // the upper triangle by columns: each variable–row entry in the column of whichever comes later
    const count = new Int32Array(size + 1);
    for (let j = 0; j < n; j++) {
      const pj = pos[j]!;
      if (pj < 0) continue;
      count[pj + 1]!++;
      for (let p = csc.start[j]!; p < csc.start[j + 1]!; p++) {
        const pi = pos[n + csc.index[p]!]!;
        if (pi >= 0) count[Math.max(pi, pj) + 1]!++;
      }
    }
    for (let i = 0; i < m; i++) if (pos[n + i]! >= 0) count[pos[n + i]! + 1]!++;
    for (let k = 0; k < size; k++) count[k + 1]! += count[k]!;
    const start = count.slice(), next = count.slice(0, size);
    const index = new Int32Array(start[size]!), value = new Float64Array(start[size]!);
    const put = (col: number, row: number, v: number) => {
      const q = next[col]!++;
      index[q] = row;
      value[q] = v;
    };
    for (let j = 0; j < n; j++) {
      const pj = pos[j]!;
      if (pj < 0) continue;
      put(pj, pj, h[j]! + delta);
      for (let p = csc.start[j]!; p < csc.start[j + 1]!; p++) {
        const pi = pos[n + csc.index[p]!]!;
        if (pi >= 0) put(Math.max(pi, pj), Math.min(pi, pj), csc.value[p]!);
      }
    }
    for (let i = 0; i < m; i++) if (pos[n + i]! >= 0) put(pos[n + i]!, pos[n + i]!, -delta);
    return ldlFactor({ n: size, start, index, value }, this.ws);
  }

  /** The KKT point of the held working set (no feasibility check), or null when its matrix cannot be factorised. */
  private solveWorkingSet(c: Float64Array, h: Float64Array, lb: Float64Array, ub: Float64Array, rl: Float64Array, ru: Float64Array) {
    const { n, m, csc, csr } = this;
    // positions of the kept nodes (free variables, rows in W) in the inherited order
    const pos = new Int32Array(n + m).fill(-1);
    let size = 0;
    // a status at an infinite bound (none from HiGHS, none from `check`) would be meaningless: such a bound is free
    for (let j = 0; j < n; j++) if (this.colStatus[j] !== FREE && !Number.isFinite(this.colStatus[j] === AT_LOWER ? lb[j]! : ub[j]!)) this.colStatus[j] = FREE;
    for (let i = 0; i < m; i++) if (this.rowStatus[i] !== FREE && !Number.isFinite(this.rowStatus[i] === AT_LOWER ? rl[i]! : ru[i]!)) this.rowStatus[i] = FREE;
    const colFixed = (j: number) => lb[j] === ub[j] || this.colStatus[j] !== FREE;
    const rowHeld = (i: number) => rl[i] === ru[i] || this.rowStatus[i] !== FREE;
    for (const v of this.order) if (v < n ? !colFixed(v) : rowHeld(v - n)) pos[v] = size++;
    const x = new Float64Array(n);
    for (let j = 0; j < n; j++) if (colFixed(j)) x[j] = lb[j] === ub[j] || this.colStatus[j] === AT_LOWER ? lb[j]! : ub[j]!;
    // the matrix depends only on which nodes are kept and the curvature of the free variables: near an ADMM run's end
    // the working set stops moving, and its factor serves round after round
    const cached = this.factor;
    let factor = cached && samePositions(cached.pos, pos) && sameCurvature(cached.h, h, pos) ? cached.factor : null;
    if (!factor) {
      factor = this.factorise(pos, size, h);
      if (!factor) return null;
      this.factor = { pos, h: Float64Array.from(h), factor };
    }

    // right-hand side: −c on free variables; the held bound less the fixed variables' share on rows in W
    const rhs = new Float64Array(size);
    for (let j = 0; j < n; j++) if (pos[j]! >= 0) rhs[pos[j]!] = -c[j]!;
    for (let i = 0; i < m; i++) {
      const pi = pos[n + i]!;
      if (pi < 0) continue;
      let b = rl[i] === ru[i] || this.rowStatus[i] === AT_LOWER ? rl[i]! : ru[i]!;
      for (let p = csr.start[i]!; p < csr.start[i + 1]!; p++) if (pos[csr.index[p]!]! < 0) b -= csr.value[p]! * x[csr.index[p]!]!;
      rhs[pi] = b;
    }
    const z = rhs.slice();
    ldlSolve(factor, z);
    // refinement against δ = 0: z += K_δ⁻¹ (rhs − K₀ z)
    const residual = new Float64Array(size);
    for (let step = 0; step < this.opts.refinement; step++) {
      residual.set(rhs);
      for (let j = 0; j < n; j++) {
        const pj = pos[j]!;
        if (pj < 0) continue;
        residual[pj]! -= h[j]! * z[pj]!;
        for (let p = csc.start[j]!; p < csc.start[j + 1]!; p++) {
          const pi = pos[n + csc.index[p]!]!;
          if (pi < 0) continue;
          residual[pj]! -= csc.value[p]! * z[pi]!;
          residual[pi]! -= csc.value[p]! * z[pj]!;
        }
      }
      ldlSolve(factor, residual);
      for (let k = 0; k < size; k++) z[k]! += residual[k]!;
    }

    const rowDuals = new Float64Array(m);
    for (let j = 0; j < n; j++) if (pos[j]! >= 0) x[j] = z[pos[j]!]!;
    for (let i = 0; i < m; i++) if (pos[n + i]! >= 0) rowDuals[i] = -z[pos[n + i]!]!;
    const rowActivity = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let p = csr.start[i]!; p < csr.start[i + 1]!; p++) s += csr.value[p]! * x[csr.index[p]!]!;
      rowActivity[i] = s;
    }
    const reducedCosts = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      let s = c[j]! + h[j]! * x[j]!;
      for (let p = csc.start[j]!; p < csc.start[j + 1]!; p++) s -= csc.value[p]! * rowDuals[csc.index[p]!]!;
      reducedCosts[j] = s;
    }
    return { x, rowDuals, reducedCosts, rowActivity };
  }

  /**
   * The point's KKT residuals (its certificate), and with `update` the primal–dual active-set change they call
   * for: a free variable or a row outside W past a bound joins W at it, a held bound whose multiplier has the
   * wrong sign leaves. maxPrimal is the largest bound violation in units of the tolerance (≤ 1 passes),
   * primalViolation the same unscaled; maxDual the largest stationarity residual or wrong-signed multiplier.
   */
  private check(point: { x: Float64Array; rowDuals: Float64Array; reducedCosts: Float64Array; rowActivity: Float64Array }, lb: Float64Array, ub: Float64Array, rl: Float64Array, ru: Float64Array, update: boolean) {
    const tolP = this.opts.primalTolerance, tolD = this.opts.dualTolerance;
    let changed = 0, maxPrimal = 0, maxDual = 0, primalViolation = 0;
    const off = (over: number, bound: number) => {
      if (over <= 0) return 0;
      primalViolation = Math.max(primalViolation, over);
      const scaled = over / (tolP * Math.max(1, Math.abs(bound)));
      maxPrimal = Math.max(maxPrimal, scaled);
      return scaled;
    };
    /** one variable or row; `dual`: its reduced cost or row dual; returns its status after the change */
    const judge = (status: number, value: number, lower: number, upper: number, dual: number, free: boolean): number => {
      if (status === FREE) {
        if (free) maxDual = Math.max(maxDual, Math.abs(dual)); // a free variable's reduced cost is its stationarity residual
        if (off(lower - value, lower) > 1) return AT_LOWER;
        if (off(value - upper, upper) > 1) return AT_UPPER;
        return FREE;
      }
      const bound = status === AT_LOWER ? lower : upper;
      off(Math.abs(value - bound), bound);
      // held at a bound: the multiplier must push against it (≥ 0 at the lower, ≤ 0 at the upper)
      const wrong = status === AT_LOWER ? -dual : dual;
      maxDual = Math.max(maxDual, wrong);
      return wrong > tolD ? FREE : status;
    };
    for (let j = 0; j < this.n; j++) {
      if (lb[j] === ub[j]) {
        off(Math.abs(point.x[j]! - lb[j]!), lb[j]!); // fixed by its bounds: any reduced cost
        continue;
      }
      const now = judge(this.colStatus[j]!, point.x[j]!, lb[j]!, ub[j]!, point.reducedCosts[j]!, true);
      if (now !== this.colStatus[j]) (changed++, update && (this.colStatus[j] = now));
    }
    for (let i = 0; i < this.m; i++) {
      if (rl[i] === ru[i]) {
        off(Math.abs(point.rowActivity[i]! - rl[i]!), rl[i]!);
        continue;
      }
      // a row outside W has multiplier 0 by construction: only its bounds can fail
      const now = judge(this.rowStatus[i]!, point.rowActivity[i]!, rl[i]!, ru[i]!, point.rowDuals[i]!, false);
      if (now !== this.rowStatus[i]) (changed++, update && (this.rowStatus[i] = now));
    }
    return { changed, maxPrimal, maxDual, primalViolation };
  }
}
