/**
 * The microgrids' local ADMM steps, behind one small interface so that the
 * coordinator (admm.ts) does not care where they run.
 *
 * Each microgrid's step is its own QP whose only changes from round to round
 * are the linear costs (λ − ρ·z, μ − ρ·w) and the ρ/2 penalty of its
 * coupling variables — its trades by partner and, with the network, its
 * injection. Each step is first re-solved from the working set of the
 * agent's last optimum (solver/qp/workingSetQp.ts: one sparse factorisation,
 * checked by its KKT residuals; late in a run the working set stops moving
 * and the factor is reused), and by its warm HiGHS session when that fails.
 * The model, its working set and its session live wherever the steps run:
 * `serialSteps` keeps them in this thread and solves the microgrids one
 * after the other (the default, and what the web build uses);
 * main/microgrid/parallelSteps.ts holds them in worker threads, each solving
 * its share of a round while the others solve theirs (the steps of a round
 * are independent). Both build the same model with `stepModel`, so a
 * variable's index means the same on either side, and both answer the same
 * requests with the same arithmetic: a run is deterministic whatever runs it.
 */
import type { LpBackend, LpSession } from '../lp/backend.ts';
import { LpModel, type LpVar } from '../lp/model.ts';
import { openLpSession } from '../lp/session.ts';
import { solveOptimal } from '../lp/solveOptimal.ts';
import type { MicrogridInputs } from './inputs.ts';
import { addMicrogrid, type MicrogridVars } from './model.ts';
import { describeMicrogridSuspect } from './dispatch.ts';
import { WorkingSetQp } from '../qp/workingSetQp.ts';

/** One agent's QP may take at most this long: HiGHS's active-set QP solver can cycle (outerApproximation.ts), and a time limit turns a hang into an error. */
export const QP_TIME_LIMIT_SECONDS = 60;

/** A round's request to microgrid `index`: the linear cost of each coupling variable (`couplingVars` order) and ρ. */
export interface StepRequest {
  index: number;
  linear: Float64Array;
  rho: number;
}

export interface StepAnswer {
  /** the step's optimum, every variable of `stepModel` */
  x: Float64Array;
  /** the duals of the balance rows (marginal cost × Δt per period); only from `alone` */
  balanceDuals?: Float64Array;
  /** the QP's own time, ms (in the thread that solved it) */
  solveMs: number;
  /** who solved it: the held working set re-solved (solver/qp/workingSetQp.ts), or HiGHS */
  via: 'working-set' | 'highs';
}

/** Where the microgrids' steps are solved; `step` and `alone` answer in the order asked. */
export interface MicrogridSteps {
  /** threads solving the steps side by side (1: one after the other in this thread) */
  readonly threads: number;
  /** each microgrid listed solved on its own (trades fixed at 0), from its ADMM session: round 0 of the 'alone' start */
  alone(indices: readonly number[]): StepAnswer[];
  /** one ADMM round's local steps */
  step(requests: readonly StepRequest[]): StepAnswer[];
  dispose(): void;
}

/** Opens the steps of `inputs` (`network`: the injection is a coupling variable too). */
export type MicrogridStepsFactory = (lp: LpBackend, inputs: readonly MicrogridInputs[], network: boolean) => MicrogridSteps;

/** A microgrid's ADMM model: its own operation and cost, the trades free of cost (the coordinator prices them). */
export function stepModel(mg: MicrogridInputs): { model: LpModel; vars: MicrogridVars } {
  const model = new LpModel(`admm ${mg.id}`);
  const vars = addMicrogrid(model, mg);
  model.setObjective('min');
  return { model, vars };
}

/** The variables a step's request prices: the trades, partner by partner in the microgrid's order, then (with the network) the injection. */
export function couplingVars(vars: MicrogridVars, network: boolean): LpVar[] {
  return [...[...vars.trades.values()].flat(), ...(network ? vars.injection : [])];
}

interface LocalAgent {
  model: LpModel;
  vars: MicrogridVars;
  coupling: LpVar[];
  session: LpSession;
  /** the ρ the model's penalties hold (NaN: none yet) */
  rho: number;
  /** the last optimum's working set, re-solved first in the next round (built on the first HiGHS answer) */
  workingSet: WorkingSetQp | null;
}

/** The steps of the microgrids `indices` of `inputs` (all by default), in this thread: the part of the work either host does. */
export function localAgents(lp: LpBackend, inputs: readonly MicrogridInputs[], network: boolean, indices: readonly number[] = inputs.map((_, i) => i)): MicrogridSteps {
  const agents = new Map<number, LocalAgent>();
  try {
    for (const i of indices) {
      const { model, vars } = stepModel(inputs[i]!);
      agents.set(i, { model, vars, coupling: couplingVars(vars, network), session: openLpSession(lp, model), rho: NaN, workingSet: null });
    }
  } catch (e) {
    for (const a of agents.values()) a.session.dispose();
    throw e;
  }
  const agent = (i: number) => {
    const a = agents.get(i);
    if (!a) throw new RangeError(`no local step for microgrid ${i}`);
    return a;
  };
  const solve = (a: LocalAgent) => solveOptimal(a.model, lp, { session: a.session, describe: describeMicrogridSuspect, timeLimitSeconds: QP_TIME_LIMIT_SECONDS });
  return {
    threads: 1,
    alone(list) {
      return list.map((i) => {
        const a = agent(i), m = a.model;
        const bounds = [...a.vars.trades.values()].flat().map((v) => [v, m.varLb(v), m.varUb(v)] as const);
        for (const [v] of bounds) m.setVarBounds(v, 0, 0);
        const sol = solve(a);
        for (const [v, lb, ub] of bounds) m.setVarBounds(v, lb, ub);
        // the trades were held at 0 for this solve: the first step goes to HiGHS, warm from this vertex (measured on
        // case141: seeding the working set here instead costs as much in the rounds after, which then fall back)
        a.workingSet?.reset();
        return { x: sol.x, balanceDuals: Float64Array.from(a.vars.balance, (r) => sol.rowDuals[r]!), solveMs: sol.solveMs, via: 'highs' as const };
      });
    },
    step(requests) {
      return requests.map(({ index, linear, rho }) => {
        const a = agent(index), m = a.model;
        if (linear.length !== a.coupling.length) throw new RangeError(`microgrid ${index}: ${linear.length} costs for ${a.coupling.length} coupling variables`);
        const setRho = a.rho !== rho;
        a.coupling.forEach((v, k) => {
          m.setCost(v, linear[k]!);
          if (setRho) m.setQuadraticCost(v, rho);
        });
        a.rho = rho;
        const t0 = performance.now();
        const fast = a.workingSet?.solve();
        if (fast) return { x: fast.x, solveMs: performance.now() - t0, via: 'working-set' as const };
        const sol = solve(a);
        (a.workingSet ??= new WorkingSetQp(m)).startFrom(sol);
        return { x: sol.x, solveMs: performance.now() - t0, via: 'highs' as const };
      });
    },
    dispose() {
      for (const a of agents.values()) a.session.dispose();
    },
  };
}

/** Every microgrid's step in this thread, one after the other (the default). */
export const serialSteps: MicrogridStepsFactory = (lp, inputs, network) => localAgents(lp, inputs, network);
