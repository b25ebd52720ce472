/**
 * Which part of a model is at fault when it has no optimum.
 *
 * Infeasible: an elastic phase-1 LP (Chinneck, Feasibility and Infeasibility
 * in Optimization, 2008, ch. 6; CPLEX calls it FeasOpt). Every row and every
 * variable bound that carries an `origin` tag gets a non-negative slack on
 * each finite side, untagged ones stay hard, and the total slack is minimised
 * with the same backend. The tagged rows and bounds left with slack are a
 * small set whose relaxation by those amounts makes the model feasible —
 * not necessarily a minimal conflict, but each is named in scenario terms.
 *
 * Unbounded: every infinite variable bound is boxed at ±UNBOUNDED_BOX and the
 * model re-solved; the variables that end on the box are the ones the
 * objective can push without limit.
 */
import type { LpBackend, LpStatus } from './backend.ts';
import { LpModel, type LpOrigin, type LpVar } from './model.ts';

export interface LpSuspect {
  kind: 'row' | 'bound';
  /** row name, or variable name for a bound */
  name: string;
  origin?: LpOrigin;
  /** `lower`: the row (variable) cannot be raised to its lower bound; `upper`: cannot be kept below its upper bound */
  side: 'lower' | 'upper';
  bound: number;
  /** how far the bound had to be relaxed, in the row's (variable's) own units; Infinity for crossed bounds */
  shortfall: number;
}

export interface InfeasibilityDiagnosis {
  /** largest shortfall first */
  suspects: LpSuspect[];
  /** status of the elastic LP; `infeasible` means the conflict lies among untagged rows and bounds */
  elasticStatus: LpStatus | 'skipped';
  totalShortfall: number;
}

/** Slacks below this are solver noise, not relaxation. */
const SLACK_TOLERANCE = 1e-7;
export const UNBOUNDED_BOX = 1e7;

function crossedSuspects(model: LpModel): LpSuspect[] {
  const out: LpSuspect[] = [];
  const push = (kind: LpSuspect['kind'], name: string, origin: LpOrigin | undefined, lb: number) =>
    out.push({ kind, name, ...(origin ? { origin } : {}), side: 'lower', bound: lb, shortfall: Infinity });
  for (let j = 0; j < model.varCount; j++) if (model.varLb(j) > model.varUb(j)) push('bound', model.varName(j), model.varOrigin(j), model.varLb(j));
  for (let i = 0; i < model.rowCount; i++) if (model.rowLb(i) > model.rowUb(i)) push('row', model.rowName(i), model.rowOrigin(i), model.rowLb(i));
  return out;
}

interface Slack {
  variable: LpVar;
  suspect: Omit<LpSuspect, 'shortfall'>;
}

/** The elastic phase-1 model of `model` and the slack that belongs to each tagged row or bound side. */
export function elasticModel(model: LpModel): { elastic: LpModel; slacks: Slack[] } {
  const elastic = new LpModel(`${model.name}.elastic`);
  const slacks: Slack[] = [];
  const addSlack = (suspect: Slack['suspect']) => {
    const variable = elastic.addVar(`elastic.${suspect.side}.${suspect.name}`, { cost: 1 });
    slacks.push({ variable, suspect });
    return variable;
  };
  // the model's variables first, so that they keep their indices and the rows copy over unchanged
  for (let j = 0; j < model.varCount; j++)
    elastic.addVar(model.varName(j), model.varOrigin(j) ? { lb: -Infinity, ub: Infinity } : { lb: model.varLb(j), ub: model.varUb(j) });
  for (let j = 0; j < model.varCount; j++) {
    const origin = model.varOrigin(j), lb = model.varLb(j), ub = model.varUb(j), name = model.varName(j), v = j as LpVar;
    if (!origin) continue;
    // a tagged bound becomes a row with its own slack: x + s ≥ lb, x − s ≤ ub
    if (lb > -Infinity) elastic.addRow(`elastic.lb.${name}`, [[v, 1], [addSlack({ kind: 'bound', name, origin, side: 'lower', bound: lb }), 1]], { lb });
    if (ub < Infinity) elastic.addRow(`elastic.ub.${name}`, [[v, 1], [addSlack({ kind: 'bound', name, origin, side: 'upper', bound: ub }), -1]], { ub });
  }
  for (let i = 0; i < model.rowCount; i++) {
    const { vars, coefs } = model.rowTerms(i);
    const origin = model.rowOrigin(i), lb = model.rowLb(i), ub = model.rowUb(i), name = model.rowName(i);
    const v = Array.from(vars), c = Array.from(coefs);
    if (origin && lb > -Infinity) v.push(addSlack({ kind: 'row', name, origin, side: 'lower', bound: lb })), c.push(1);
    if (origin && ub < Infinity) v.push(addSlack({ kind: 'row', name, origin, side: 'upper', bound: ub })), c.push(-1);
    elastic.addRow(name, { vars: v, coefs: c }, { lb, ub });
  }
  elastic.setObjective('min');
  return { elastic, slacks };
}

export function diagnoseInfeasibility(model: LpModel, backend: LpBackend): InfeasibilityDiagnosis {
  const crossed = crossedSuspects(model);
  if (crossed.length > 0) return { suspects: crossed, elasticStatus: 'skipped', totalShortfall: Infinity };
  const { elastic, slacks } = elasticModel(model);
  const solution = backend.solve(elastic);
  if (solution.status !== 'optimal') return { suspects: [], elasticStatus: solution.status, totalShortfall: NaN };
  const suspects = slacks
    .map(({ variable, suspect }) => ({ ...suspect, shortfall: solution.x[variable]! }))
    .filter((s) => s.shortfall > SLACK_TOLERANCE)
    .sort((a, b) => b.shortfall - a.shortfall);
  return { suspects, elasticStatus: 'optimal', totalShortfall: solution.objective };
}

export interface UnboundedDirection {
  name: string;
  origin?: LpOrigin;
  /** the direction the objective pushes the variable */
  direction: 'up' | 'down';
}

export function diagnoseUnboundedness(model: LpModel, backend: LpBackend): UnboundedDirection[] {
  const boxed = new LpModel(`${model.name}.boxed`);
  for (let j = 0; j < model.varCount; j++)
    boxed.addVar(model.varName(j), { lb: Math.max(model.varLb(j), -UNBOUNDED_BOX), ub: Math.min(model.varUb(j), UNBOUNDED_BOX), cost: model.cost(j) });
  for (let i = 0; i < model.rowCount; i++) boxed.addRow(model.rowName(i), model.rowTerms(i), { lb: model.rowLb(i), ub: model.rowUb(i) });
  boxed.setObjective(model.sense, model.objectiveConstant);
  const solution = backend.solve(boxed);
  if (solution.status !== 'optimal') return [];
  const out: UnboundedDirection[] = [];
  for (let j = 0; j < model.varCount; j++) {
    const x = solution.x[j]!, origin = model.varOrigin(j);
    const onBox = (x >= UNBOUNDED_BOX * (1 - 1e-9) && model.varUb(j) === Infinity) || (x <= -UNBOUNDED_BOX * (1 - 1e-9) && model.varLb(j) === -Infinity);
    if (onBox) out.push({ name: model.varName(j), ...(origin ? { origin } : {}), direction: x > 0 ? 'up' : 'down' });
  }
  return out;
}
