/**
 * GLPK (glpk.js, GPL-3.0) backend: converts the model to glpk.js's object
 * format and runs the primal simplex with presolve off — with presolve on,
 * GLPK reports an infeasible model as "undefined" and returns no duals.
 *
 * `glpk.js/node` is the synchronous build: its factory is async (it
 * instantiates the wasm), its `solve` is not. The same entry runs in a
 * browser Web Worker bundled by Vite: it finds `glpk.wasm` through
 * `new URL('glpk.wasm', import.meta.url)` (which Vite emits as an asset) and
 * fetches it with a synchronous XHR, which only workers allow; the factory
 * ignores its arguments, so there is nothing to inject.
 */
import GLPK, { type LP } from 'glpk.js/node';
import { crossedBoundSolution, emptySolution, type LpBackend, type LpSolution, type LpSolveOptions, type LpStatus } from './backendInterface.ts';
import { forgetLpBackend } from './loadedBackends.ts';
import type { LpModel } from './model.ts';

type Glpk = Awaited<ReturnType<typeof GLPK>>;

export async function createGlpkBackend(): Promise<LpBackend> {
  const glpk = await GLPK();
  return { name: 'glpk', solve: (model, options) => solveWithGlpk(glpk, model, options) };
}

function boundType(glpk: Glpk, lb: number, ub: number): number {
  if (lb === ub) return glpk.GLP_FX;
  if (lb === -Infinity) return ub === Infinity ? glpk.GLP_FR : glpk.GLP_UP;
  return ub === Infinity ? glpk.GLP_LO : glpk.GLP_DB;
}

/** glpk.js re-derives column types from the values, with ±Number.MAX_VALUE meaning infinite. */
const finiteOrMax = (v: number) => (v === Infinity ? Number.MAX_VALUE : v === -Infinity ? -Number.MAX_VALUE : v);

export function toGlpkLp(glpk: Glpk, model: LpModel): LP {
  const objective: LP['objective']['vars'] = [];
  const bounds: NonNullable<LP['bounds']> = [];
  for (let j = 0; j < model.varCount; j++) {
    const name = model.varName(j), lb = model.varLb(j), ub = model.varUb(j);
    // every column is listed in the objective, so unused variables still exist
    objective.push({ name, coef: model.cost(j) });
    bounds.push({ name, type: boundType(glpk, lb, ub), lb: finiteOrMax(lb), ub: finiteOrMax(ub) });
  }
  const subjectTo: LP['subjectTo'] = [];
  for (let i = 0; i < model.rowCount; i++) {
    const { vars, coefs } = model.rowTerms(i);
    const terms = new Array<{ name: string; coef: number }>(vars.length);
    for (let k = 0; k < vars.length; k++) terms[k] = { name: model.varName(vars[k]!), coef: coefs[k]! };
    const lb = model.rowLb(i), ub = model.rowUb(i);
    subjectTo.push({ name: model.rowName(i), vars: terms, bnds: { type: boundType(glpk, lb, ub), lb: Number.isFinite(lb) ? lb : 0, ub: Number.isFinite(ub) ? ub : 0 } });
  }
  return { name: model.name, objective: { direction: model.sense === 'min' ? glpk.GLP_MIN : glpk.GLP_MAX, name: 'obj', vars: objective }, subjectTo, bounds };
}

function statusOf(glpk: Glpk, code: number): LpStatus {
  if (code === glpk.GLP_OPT) return 'optimal';
  if (code === glpk.GLP_NOFEAS) return 'infeasible';
  if (code === glpk.GLP_UNBND) return 'unbounded';
  return 'error';
}

const STATUS_WORDS: Record<number, string> = { 1: 'undefined', 2: 'feasible, not proven optimal', 3: 'infeasible (not proven)', 4: 'no feasible solution', 5: 'optimal', 6: 'unbounded' };

function solveWithGlpk(glpk: Glpk, model: LpModel, options: LpSolveOptions = {}): LpSolution {
  // GLPK has no quadratic objectives; answering `error` beats silently dropping ½xᵀHx
  if (model.isQuadratic) return emptySolution(model, 'glpk', 'error', 0, 'GLPK solves linear programs only; this model has a quadratic objective (use HiGHS)');
  // integer variables go to HiGHS: the glpk backend stays the LP reference
  if (model.isMip) return emptySolution(model, 'glpk', 'error', 0, 'the glpk backend solves LPs only; this model has integer variables (use HiGHS)');
  const crossed = crossedBoundSolution(model, 'glpk');
  if (crossed) return crossed;
  const t0 = performance.now();
  let result: ReturnType<Glpk['solve']>['result'];
  try {
    ({ result } = glpk.solve(toGlpkLp(glpk, model), {
      msglev: glpk.GLP_MSG_OFF,
      presol: false,
      ...(options.timeLimitSeconds === undefined ? {} : { tmlim: options.timeLimitSeconds }),
    }));
  } catch (e) {
    // a GLPK fatal error aborts the wasm instance: load a fresh one next time
    forgetLpBackend('glpk');
    return emptySolution(model, 'glpk', 'error', performance.now() - t0, `GLPK: ${(e as Error).message}`);
  }
  const solveMs = performance.now() - t0;
  const status = statusOf(glpk, result.status);
  if (status !== 'optimal') return emptySolution(model, 'glpk', status, solveMs, `GLPK: ${STATUS_WORDS[result.status] ?? `status ${result.status}`}`);

  const x = new Float64Array(model.varCount);
  for (let j = 0; j < model.varCount; j++) x[j] = result.vars[model.varName(j)]!;
  const rowDuals = new Float64Array(model.rowCount);
  const duals = result.dual ?? {};
  for (let i = 0; i < model.rowCount; i++) rowDuals[i] = duals[model.rowName(i)]!;
  return {
    status,
    objective: result.z + model.objectiveConstant,
    x,
    rowDuals,
    // glpk.js returns no column duals; c − Aᵀy is what GLPK itself would report
    reducedCosts: model.reducedCosts(rowDuals),
    rowActivity: model.rowActivity(x),
    solveMs,
    backend: 'glpk',
  };
}
