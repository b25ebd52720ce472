/**
 * One microgrid's best response to pool prices in the `dual-ascent` job
 * (dualAscent.ts): given λ_t (currency/kWh),
 *
 *   x(λ) = argmin C_i(x) + Σ_t (λ_t·Δt·q_t + β/2·q_t²)
 *
 * over the microgrid's own model (model.ts) with its pool trade q. A small
 * convex QP with a diagonal Hessian (the generator's a·gen² and β on q); the
 * battery and the ramps couple the periods, so it does not split per period.
 *
 * Between two prices only the linear costs of q change, so a response is
 * first re-solved from the working set of the last optimum
 * (solver/qp/workingSetQp.ts: one sparse KKT solve, checked by its KKT
 * residuals), and otherwise solved exactly by HiGHS's QP solver in one
 * persistent session per microgrid, which hot-starts from the last optimum
 * and its active set (docs/lp.md, "QP hot start") — 0–3 QP iterations per response once the prices settle,
 * where Kelley's cutting planes (outerApproximation.ts) needed several LPs and
 * a model that grew by a cut per round (16 s for the classroom sample's 400
 * iterations; now ≈ 0.5 s).
 *
 * HiGHS's active-set QP can cycle on degenerate models (outerApproximation.ts
 * says where it was seen), so each QP solve has an iteration cap; a response
 * that hits it, or fails otherwise, is solved by cutting planes instead, on a
 * second copy of the model built on first need (same variable indices: both
 * are built by addMicrogrid on an empty model, the epigraphs come after). A
 * truly infeasible microgrid is reported by that path as the typed
 * SolverError of solveOptimal. `test/solver/microgrid/poolResponse.test.ts`
 * compares both paths on random microgrids and prices.
 */
import type { LpBackend, LpSession } from '../lp/backend.ts';
import { LpModel, type LpVar } from '../lp/model.ts';
import { openLpSession } from '../lp/session.ts';
import type { ExplainOptions } from '../lp/solveOptimal.ts';
import type { MicrogridInputs } from './inputs.ts';
import { addMicrogrid, type MicrogridVars } from './model.ts';
import { cuttingPlaneSession, type CuttingPlaneSession } from './outerApproximation.ts';
import { WorkingSetQp } from '../qp/workingSetQp.ts';

/**
 * QP iterations allowed per response, per variable and row of the model: a cold solve of these
 * models takes well under one per variable, a hot start a handful; a run past this is cycling.
 */
const QP_ITERATIONS_PER_ENTITY = 10;

/**
 * HiGHS's Hessian regularisation, against its default 1e-7: that default pulls the barely penalised pool
 * trade (β = 1e-3) off its optimum by up to 0.1 kW beside a large battery (1e-5 in objective). Found by
 * poolResponse.test.ts; the iteration cap and the fallback cover what regularisation would have smoothed.
 */
const QP_REGULARIZATION = 1e-12;

export interface PoolResponder {
  /** the microgrid's handles: the response's values are x[handle] */
  vars: MicrogridVars;
  /** the best response to pool prices (currency/kWh, one per period), by variable index of `vars` */
  respond(pricePerKwh: ArrayLike<number>): Float64Array;
  /** responses solved by cutting planes because the QP stalled (0 unless HiGHS cycled) */
  readonly fallbacks: number;
  /** responses answered from the last optimum's working set, without HiGHS */
  readonly workingSetSolves: number;
  dispose(): void;
}

export interface PoolResponderOptions {
  /** the pool partner's id in `mg.partners` */
  pool: string;
  /** β of β/2·q², currency per kW² per period */
  beta: number;
  /** 'qp' (default): HiGHS QP with the cutting-plane fallback; 'cuts': cutting planes only (the reference) */
  method?: 'qp' | 'cuts';
  /** QP iterations allowed per response before the cutting-plane fallback; default 10 × (variables + rows) */
  qpIterationLimit?: number;
  /** how failures are explained (solveOptimal) */
  explain?: ExplainOptions;
}

/** The microgrid's model with β/2·q² on its pool trade; objective min. */
function poolModel(mg: MicrogridInputs, pool: string, beta: number): { model: LpModel; vars: MicrogridVars; q: LpVar[] } {
  const model = new LpModel(`dual-ascent ${mg.id}`);
  const vars = addMicrogrid(model, mg);
  const q = vars.trades.get(pool);
  if (!q) throw new Error(`microgrid ${mg.id} has no partner ${pool}`);
  for (const v of q) model.setQuadraticCost(v, beta);
  model.setObjective('min');
  return { model, vars, q };
}

export function poolResponder(mg: MicrogridInputs, lp: LpBackend, options: PoolResponderOptions): PoolResponder {
  const { pool, beta, method = 'qp', explain = {} } = options;
  const dt = mg.dtHours;
  const qp = method === 'qp' ? poolModel(mg, pool, beta) : null;
  const session: LpSession | null = qp ? openLpSession(lp, qp.model) : null;
  const iterationLimit = options.qpIterationLimit ?? (qp ? QP_ITERATIONS_PER_ENTITY * (qp.model.varCount + qp.model.rowCount) : 0);
  let cuts: { model: LpModel; vars: MicrogridVars; q: LpVar[]; session: CuttingPlaneSession; varCount: number } | null = null;
  const cutModel = () => {
    if (!cuts) {
      const built = poolModel(mg, pool, beta);
      // counted before cuttingPlaneSession appends the epigraph variables
      const varCount = built.model.varCount;
      cuts = { ...built, varCount, session: cuttingPlaneSession(built.model, lp, 1e-9, explain) };
    }
    return cuts;
  };
  let fallbacks = 0, workingSetSolves = 0;
  let workingSet: WorkingSetQp | null = null;

  const byCuts = (price: ArrayLike<number>): Float64Array => {
    const c = cutModel();
    c.q.forEach((v, t) => c.model.setCost(v, price[t]! * dt));
    return c.session.solve().solution.x.slice(0, c.varCount);
  };

  return {
    vars: qp ? qp.vars : cutModel().vars,
    respond(price) {
      if (!qp || !session) return byCuts(price);
      qp.q.forEach((v, t) => qp.model.setCost(v, price[t]! * dt));
      const fast = workingSet?.solve();
      if (fast) return workingSetSolves++, fast.x;
      const solution = session.solve({ qpIterationLimit: iterationLimit, qpRegularization: QP_REGULARIZATION });
      if (solution.status === 'optimal') {
        (workingSet ??= new WorkingSetQp(qp.model)).startFrom(solution);
        return solution.x;
      }
      fallbacks++;
      return byCuts(price);
    },
    get fallbacks() {
      return fallbacks;
    },
    get workingSetSolves() {
      return workingSetSolves;
    },
    dispose() {
      session?.dispose();
      cuts?.session.dispose();
    },
  };
}
