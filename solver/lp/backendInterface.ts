/**
 * The LP backend interface: what every backend (glpkBackend.ts,
 * highsBackend.ts) implements and returns. The loader that instantiates them
 * is backend.ts; this module imports neither, so the backends can import it
 * without an import cycle.
 *
 * Sign convention (both backends, min and max): `rowDuals[i]` is
 * ∂objective/∂rhsᵢ — the change of the reported objective per unit increase
 * of row i's active bound (its right-hand side for an equality) — and
 * `reducedCosts[j] = cⱼ − Σᵢ aᵢⱼ·rowDuals[i]` is ∂objective/∂(active bound of xⱼ).
 * For a min problem a binding `≥` row has a dual ≥ 0 and a binding `≤` row a
 * dual ≤ 0; so the dual of a nodal balance row `generation − flows = load` is
 * the marginal cost of load at that node (a DLMP).
 */
import type { LpModel } from './model.ts';

export type LpBackendName = 'glpk' | 'highs';
export const LP_BACKENDS: readonly LpBackendName[] = ['glpk', 'highs'];

export type LpStatus = 'optimal' | 'infeasible' | 'unbounded' | 'error';

export interface LpSolution {
  status: LpStatus;
  /** cᵀx + c₀ as the solver reports it; NaN unless optimal */
  objective: number;
  /** primal values by variable index */
  x: Float64Array;
  /** ∂objective/∂rhs by row index (see the sign convention above) */
  rowDuals: Float64Array;
  /** ∂objective/∂(active bound) by variable index */
  reducedCosts: Float64Array;
  /** A x by row index */
  rowActivity: Float64Array;
  /** simplex (and QP) iterations, when the backend reports them (HiGHS does, glpk.js does not) */
  iterations?: number;
  /** true when the solve started from an earlier solve's basis (a session's re-solve) */
  warm?: boolean;
  solveMs: number;
  backend: LpBackendName;
  /** the solver's own words when status is not optimal */
  message?: string;
  /**
   * A MILP's search (HiGHS): the bound it proved, the best objective found, their relative gap and the
   * branch-and-bound nodes. A MILP has no duals (rowDuals and reducedCosts are NaN). When the search
   * stops early (time limit, status `error`) with an incumbent, `x` holds it and `primalFeasible` is true.
   */
  mip?: { dualBound: number; primalBound: number; gap: number; nodes: number; primalFeasible: boolean };
}

export interface LpSolveOptions {
  /** wall-clock limit in seconds; reaching it gives status `error` */
  timeLimitSeconds?: number;
  /**
   * HiGHS presolve on a cold solve: `choose` (default) lets HiGHS decide; `off` for models
   * it only slows down (storage-dispatch chains: 3–4× slower with it, docs/lp.md). Warm
   * re-solves start from a basis and skip presolve either way; glpk.js never presolves.
   */
  presolve?: 'choose' | 'off';
  /**
   * QP only (HiGHS): stop the active-set QP solver after this many iterations with status `error`
   * (HiGHS's qp_iteration_limit; default none). A guard against its cycling on degenerate models
   * (outerApproximation.ts): the caller falls back to another method.
   */
  qpIterationLimit?: number;
  /**
   * QP only (HiGHS): the ε·I HiGHS adds to the Hessian (qp_regularization_value, HiGHS default 1e-7).
   * The default biases answers whose variables are large and barely penalised (a microgrid's pool
   * trade under β = 1e-3 beside a 130 kWh state of charge: 1e-5 off in objective, 0.1 kW in trade);
   * poolResponse.ts sets 1e-12.
   */
  qpRegularization?: number;
  /** MILP only: integrality tolerance (HiGHS's mip_feasibility_tolerance, default 1e-6); big-M models need it tighter */
  mipFeasibilityTolerance?: number;
  /** MILP only: a feasible point to start the branch and bound from (its incumbent), by variable index */
  mipStart?: ArrayLike<number>;
  /** MILP only: stop when the relative gap between the incumbent and the proven bound is below this (HiGHS default 1e-4) */
  mipRelGap?: number;
}

/**
 * One model solved again and again as its costs and bounds change (session.ts):
 * change the model through its setters, then `solve()` again.
 */
export interface LpSession {
  readonly backend: LpBackendName;
  readonly model: LpModel;
  /** Solves the model as it is now, warm from the last solve's basis where the backend can. */
  solve(options?: LpSolveOptions): LpSolution;
  /** Frees the solver's copy of the model; idempotent. Solving afterwards throws. */
  dispose(): void;
  readonly disposed: boolean;
}

export interface LpBackend {
  readonly name: LpBackendName;
  /** Synchronous: call it from a worker, never from a UI thread. A cold solve; nothing is kept. */
  solve(model: LpModel, options?: LpSolveOptions): LpSolution;
  /**
   * A persistent solver copy of `model`, re-solved warm after changes (session.ts).
   * Absent on backends without one; `openLpSession` then rebuilds per solve.
   */
  session?(model: LpModel): LpSession;
}

export interface LpRuntimeConfig {
  /**
   * Where `highs.wasm` lives, for bundled workers:
   * `import url from 'highs/runtime?url'; configureLpRuntime({ highsLocateFile: () => url })`.
   * Node resolves it next to the module without help.
   */
  highsLocateFile?: (file: string) => string;
}

/** A solution with no numbers in it, for outcomes that have none. */
export function emptySolution(model: LpModel, backend: LpBackendName, status: LpStatus, solveMs: number, message?: string): LpSolution {
  return {
    status,
    objective: NaN,
    x: new Float64Array(model.varCount).fill(NaN),
    rowDuals: new Float64Array(model.rowCount).fill(NaN),
    reducedCosts: new Float64Array(model.varCount).fill(NaN),
    rowActivity: new Float64Array(model.rowCount).fill(NaN),
    solveMs,
    backend,
    ...(message === undefined ? {} : { message }),
  };
}

/** Crossed bounds make a model infeasible before any solve; some solvers abort on them instead of saying so. */
export function crossedBoundSolution(model: LpModel, backend: LpBackendName): LpSolution | null {
  const crossed = model.crossedBound();
  if (!crossed) return null;
  const [name, lb, ub] = crossed.kind === 'var' ? [model.varName(crossed.index), model.varLb(crossed.index), model.varUb(crossed.index)] : [model.rowName(crossed.index), model.rowLb(crossed.index), model.rowUb(crossed.index)];
  return emptySolution(model, backend, 'infeasible', 0, `${crossed.kind === 'var' ? 'variable' : 'row'} ${name} has lower bound ${lb} above upper bound ${ub}`);
}
