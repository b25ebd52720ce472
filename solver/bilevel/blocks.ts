/**
 * The followers on their own: the joint response at given leader decisions
 * (the evaluate path and the grid-search oracle), and each follower re-solved
 * alone at the reported answer (the certificate).
 *
 * Alone, follower k minimises ½xₖᵀHxₖ + (c₀ + Gu − Σ_{coupling rows i} yᵢ·Aᵢ)ₖᵀ xₖ
 * over its own rows and bounds: the coupling rows (trade pairing) priced by
 * the multipliers of the reported answer. At a KKT point of the joint program
 * the reported xₖ satisfies this program's KKT conditions, so — the program
 * being convex — it is optimal: the re-solve must reach the same cost, and
 * the same decisions wherever they are unique.
 */
import { LpModel, type LpVar } from '../lp/model.ts';
import type { LpBackend } from '../lp/backendInterface.ts';
import { solveConvexExactly, type ExactSolution } from './exact.ts';
import { costsAt, type FollowerProblem } from './follower.ts';

/** The followers' joint program at leader decision u (a copy of the model with the fees in the costs). */
export function followersAt(f: FollowerProblem, u: ArrayLike<number>): LpModel {
  const m = f.model;
  const c = costsAt(f, u);
  const out = new LpModel(`${m.name} at fees`);
  for (let j = 0; j < m.varCount; j++) {
    const v = out.addVar(m.varName(j), { lb: m.varLb(j), ub: m.varUb(j), cost: c[j]!, origin: m.varOrigin(j) });
    const h = m.quadraticCost(j);
    if (h !== 0) out.setQuadraticCost(v, h);
  }
  for (let i = 0; i < m.rowCount; i++) out.addRow(m.rowName(i), m.rowTerms(i), { lb: m.rowLb(i), ub: m.rowUb(i) }, m.rowOrigin(i));
  out.setObjective('min', m.objectiveConstant);
  return out;
}

/**
 * Solves the followers' joint program at u to simplex precision (exact.ts). Where the
 * followers have several optimal responses, `prefer` (a linear function of x, maximised)
 * picks one: the leader's objective gives the optimistic response a bilevel optimum assumes.
 */
export function solveFollowers(f: FollowerProblem, u: ArrayLike<number>, backend: LpBackend, prefer?: ReadonlyMap<number, number>): ExactSolution {
  return solveConvexExactly(followersAt(f, u), backend, prefer);
}

export interface BlockCheck {
  id: string;
  /** the block's cost (with fees and coupling prices) at the reported decisions and at its own optimum */
  reportedCost: number;
  aloneCost: number;
  /** largest |x_alone − x_reported| over the block's variables (a follower indifferent between equal prices may differ here) */
  maxDecisionDiff: number;
  /** the same over its strictly convex (quadratic-cost) variables, which are unique at given prices */
  maxStrictDiff: number;
  /** largest violation of the block's own rows and bounds by the reported decisions */
  primalViolation: number;
  status: ExactSolution['status'];
}

/** Re-solves every block alone at (u, coupling multipliers y) and compares with the reported x. */
export function checkBlocksAlone(f: FollowerProblem, u: ArrayLike<number>, x: ArrayLike<number>, y: ArrayLike<number>, backend: LpBackend): BlockCheck[] {
  const m = f.model;
  const c = costsAt(f, u);
  const coupling = new Set<number>(f.couplingRows);
  for (const i of f.couplingRows) {
    const { vars, coefs } = m.rowTerms(i);
    for (let k = 0; k < vars.length; k++) c[vars[k]!] = c[vars[k]!]! - y[i]! * coefs[k]!;
  }
  const owner = new Int32Array(m.varCount).fill(-1);
  f.blocks.forEach((b, k) => b.vars.forEach((v) => (owner[v] = k)));
  const rowsOf: number[][] = f.blocks.map(() => []);
  for (let i = 0; i < m.rowCount; i++) {
    if (coupling.has(i)) continue;
    const { vars } = m.rowTerms(i);
    const k = owner[vars[0]!]!;
    for (const v of vars) if (owner[v] !== k) throw new RangeError(`follower row ${m.rowName(i)} joins two blocks but is not a coupling row`);
    if (k >= 0) rowsOf[k]!.push(i);
  }
  return f.blocks.map((b, k) => {
    const alone = new LpModel(`follower ${b.id} alone`);
    const local = new Map<number, LpVar>();
    let reported = 0;
    for (const j of b.vars) {
      const v = alone.addVar(m.varName(j), { lb: m.varLb(j), ub: m.varUb(j), cost: c[j]! });
      const h = m.quadraticCost(j);
      if (h !== 0) alone.setQuadraticCost(v, h);
      local.set(j, v);
      reported += c[j]! * x[j]! + 0.5 * h * x[j]! * x[j]!;
    }
    for (const i of rowsOf[k]!) {
      const { vars, coefs } = m.rowTerms(i);
      alone.addRow(m.rowName(i), { vars: Array.from(vars, (v) => local.get(v)!), coefs }, { lb: m.rowLb(i), ub: m.rowUb(i) });
    }
    alone.setObjective('min');
    const s = solveConvexExactly(alone, backend);
    let diff = 0, strict = 0, violation = 0;
    const xr = new Float64Array(alone.varCount);
    for (const [j, v] of local) {
      xr[v] = x[j]!;
      violation = Math.max(violation, alone.varLb(v) - x[j]!, x[j]! - alone.varUb(v));
      if (s.status !== 'optimal') continue;
      diff = Math.max(diff, Math.abs(s.x[v]! - x[j]!));
      if (alone.quadraticCost(v) > 0) strict = Math.max(strict, Math.abs(s.x[v]! - x[j]!));
    }
    const act = alone.rowActivity(xr);
    for (let i = 0; i < alone.rowCount; i++) violation = Math.max(violation, alone.rowLb(i) - act[i]!, act[i]! - alone.rowUb(i));
    const ok = s.status === 'optimal';
    return { id: b.id, reportedCost: reported, aloneCost: s.objective, maxDecisionDiff: ok ? diff : NaN, maxStrictDiff: ok ? strict : NaN, primalViolation: Math.max(0, violation), status: s.status };
  });
}

/** Largest violation of the followers' KKT conditions at (u, x, y, d): primal feasibility, stationarity, signs, complementarity. */
export function kktResiduals(f: FollowerProblem, u: ArrayLike<number>, x: ArrayLike<number>, y: ArrayLike<number>, d: ArrayLike<number>): { primal: number; stationarity: number; sign: number; complementarity: number } {
  const m = f.model;
  const c = costsAt(f, u);
  const grad = Float64Array.from(c, (cj, j) => cj + m.quadraticCost(j) * x[j]! - d[j]!);
  let primal = 0, sign = 0, comp = 0;
  const act = m.rowActivity(x);
  for (let i = 0; i < m.rowCount; i++) {
    const lb = m.rowLb(i), ub = m.rowUb(i), a = act[i]!, yi = y[i]!;
    primal = Math.max(primal, lb - a, a - ub);
    const { vars, coefs } = m.rowTerms(i);
    for (let k = 0; k < vars.length; k++) grad[vars[k]!] = grad[vars[k]!]! - coefs[k]! * yi;
    if (lb === ub) continue;
    if (yi > 0) (sign = Math.max(sign, Number.isFinite(lb) ? 0 : yi)), (comp = Math.max(comp, Number.isFinite(lb) ? yi * (a - lb) : 0));
    if (yi < 0) (sign = Math.max(sign, Number.isFinite(ub) ? 0 : -yi)), (comp = Math.max(comp, Number.isFinite(ub) ? -yi * (ub - a) : 0));
  }
  for (let j = 0; j < m.varCount; j++) {
    const lb = m.varLb(j), ub = m.varUb(j), xj = x[j]!, dj = d[j]!;
    primal = Math.max(primal, lb - xj, xj - ub);
    if (lb === ub) continue;
    if (dj > 0) (sign = Math.max(sign, Number.isFinite(lb) ? 0 : dj)), (comp = Math.max(comp, Number.isFinite(lb) ? dj * (xj - lb) : 0));
    if (dj < 0) (sign = Math.max(sign, Number.isFinite(ub) ? 0 : -dj)), (comp = Math.max(comp, Number.isFinite(ub) ? -dj * (ub - xj) : 0));
  }
  const stationarity = grad.reduce((s, g) => Math.max(s, Math.abs(g)), 0);
  return { primal: Math.max(0, primal), stationarity, sign, complementarity: comp };
}
