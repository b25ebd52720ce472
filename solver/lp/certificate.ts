/**
 * The LP certificate: evidence, computed from the model and the returned
 * x, row duals y and reduced costs d alone, that a solution is optimal.
 *
 * For min cᵀx + c₀ s.t. l ≤ Ax ≤ u, lb ≤ x ≤ ub the Lagrangian dual is
 *   max c₀ + Σᵢ (yᵢ>0 ? yᵢlᵢ : yᵢuᵢ) + Σⱼ (dⱼ>0 ? dⱼlbⱼ : dⱼubⱼ)   s.t.  Aᵀy + d = c
 * (Bertsimas & Tsitsiklis, Introduction to Linear Optimization, §4.2). A max
 * problem is checked as min −cᵀx, whose duals are −y, −d. At an optimum the
 * duality gap, the stationarity residual |c − Aᵀy − d|, every wrong-signed
 * dual and every complementarity product |dual|·|distance to its bound| are
 * zero up to the solver's tolerances.
 */
import type { LpBackendName, LpSolution, LpStatus } from './backend.ts';
import type { LpModel } from './model.ts';

export interface LpCertificate {
  status: LpStatus;
  /** the objective the backend reported */
  objective: number;
  backend: LpBackendName;
  /** largest violation of a row or variable bound by x */
  maxPrimalViolation: number;
  /** largest |c − Aᵀy − d| or dual of the wrong sign for its bound */
  maxDualViolation: number;
  /** largest |dual| × distance of the row activity or variable from the bound the dual belongs to */
  maxComplementarity: number;
  /** c₀ + Σ dual × bound */
  dualObjective: number;
  /** |cᵀx + c₀ − dual objective| */
  dualityGap: number;
}

/** One row or column's share of the dual objective, its wrong-sign violation and complementarity product. */
function boundTerm(dual: number, value: number, lb: number, ub: number): { objective: number; violation: number; complementarity: number } {
  if (dual === 0) return { objective: 0, violation: 0, complementarity: 0 };
  const bound = dual > 0 ? lb : ub;
  if (!Number.isFinite(bound)) return { objective: 0, violation: Math.abs(dual), complementarity: 0 };
  return { objective: dual * bound, violation: 0, complementarity: Math.abs(dual * (value - bound)) };
}

const violation = (value: number, lb: number, ub: number) => Math.max(lb - value, value - ub, 0);

export function lpCertificate(model: LpModel, solution: LpSolution): LpCertificate {
  const base = { status: solution.status, objective: solution.objective, backend: solution.backend };
  if (solution.status !== 'optimal') return { ...base, maxPrimalViolation: NaN, maxDualViolation: NaN, maxComplementarity: NaN, dualObjective: NaN, dualityGap: NaN };
  const { x, rowDuals: y, reducedCosts: d } = solution;
  const sigma = model.sense === 'min' ? 1 : -1;
  const activity = model.rowActivity(x);
  const implied = model.reducedCosts(y);

  let maxPrimalViolation = 0, maxDualViolation = 0, maxComplementarity = 0;
  let dualObjective = sigma * model.objectiveConstant;
  const account = (dual: number, value: number, lb: number, ub: number) => {
    maxPrimalViolation = Math.max(maxPrimalViolation, violation(value, lb, ub));
    const t = boundTerm(sigma * dual, value, lb, ub);
    dualObjective += t.objective;
    maxDualViolation = Math.max(maxDualViolation, t.violation);
    maxComplementarity = Math.max(maxComplementarity, t.complementarity);
  };
  for (let i = 0; i < model.rowCount; i++) account(y[i]!, activity[i]!, model.rowLb(i), model.rowUb(i));
  for (let j = 0; j < model.varCount; j++) {
    account(d[j]!, x[j]!, model.varLb(j), model.varUb(j));
    maxDualViolation = Math.max(maxDualViolation, Math.abs(implied[j]! - d[j]!));
  }
  dualObjective *= sigma;
  return { ...base, maxPrimalViolation, maxDualViolation, maxComplementarity, dualObjective, dualityGap: Math.abs(model.objectiveValue(x) - dualObjective) };
}
