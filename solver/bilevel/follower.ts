/**
 * The lower level of a bilevel program in the LP layer's standard form, and
 * what every part of the exact method (bounds.ts, singleLevel.ts, solve.ts,
 * blocks.ts) reads off it.
 *
 *   followers:  min_x  ½ xᵀHx + (c₀ + G u)ᵀ x
 *               s.t.   rowLb ≤ A x ≤ rowUb,   lb ≤ x ≤ ub            (H diagonal ≥ 0)
 *
 * The leader's variables u enter the followers' costs only (fees), linearly:
 * each `FeeTerm` adds coef·u_l to the cost of one follower variable, so the
 * followers' feasible set does not depend on u (bounds.ts uses that). The
 * model's own costs are c₀ (no fee in them). Several followers that meet in
 * a market are one convex program whose `couplingRows` (trade pairing) are
 * priced by their multipliers when a follower (`block`) is re-solved alone.
 */
import type { LpModel, LpRow, LpVar } from '../lp/model.ts';

/** The cost of follower variable `v` gains `coef · u[leader]`. */
export interface FeeTerm {
  v: LpVar;
  leader: number;
  coef: number;
}

/** One follower: its variables (every row not in `couplingRows` must lie within one block). */
export interface FollowerBlock {
  id: string;
  vars: LpVar[];
}

export interface FollowerProblem {
  /** sense 'min', costs c₀, diagonal H ≥ 0 */
  model: LpModel;
  feeTerms: FeeTerm[];
  blocks: FollowerBlock[];
  /** rows joining blocks (market clearing); their multipliers are the prices a block sees alone */
  couplingRows: LpRow[];
}

/** The leader's variables: bounds and names. */
export interface LeaderVars {
  names: string[];
  lb: Float64Array;
  ub: Float64Array;
}

/** c₀ + G u: the followers' linear costs at leader decision u. */
export function costsAt(f: FollowerProblem, u: ArrayLike<number>): Float64Array {
  const c = new Float64Array(f.model.varCount);
  for (let j = 0; j < c.length; j++) c[j] = f.model.cost(j);
  for (const t of f.feeTerms) c[t.v] = c[t.v]! + t.coef * u[t.leader]!;
  return c;
}

/** Σ coef·u·x over the fee terms: what the followers pay the leader at (u, x). */
export function feePayments(f: FollowerProblem, u: ArrayLike<number>, x: ArrayLike<number>): number {
  let s = 0;
  for (const t of f.feeTerms) s += t.coef * u[t.leader]! * x[t.v]!;
  return s;
}

/** Per follower variable: the smallest and largest cost coefficient over the leader's box. */
export function costRange(f: FollowerProblem, leader: LeaderVars): { lo: Float64Array; hi: Float64Array } {
  const lo = new Float64Array(f.model.varCount), hi = new Float64Array(f.model.varCount);
  for (let j = 0; j < lo.length; j++) lo[j] = hi[j] = f.model.cost(j);
  for (const t of f.feeTerms) {
    const a = t.coef * leader.lb[t.leader]!, b = t.coef * leader.ub[t.leader]!;
    lo[t.v] = lo[t.v]! + Math.min(a, b);
    hi[t.v] = hi[t.v]! + Math.max(a, b);
  }
  return { lo, hi };
}

export function checkFollower(f: FollowerProblem, leader: LeaderVars): void {
  if (f.model.sense !== 'min') throw new RangeError('the followers\' program must be a minimisation');
  for (const j of f.model.quadraticVars()) if (f.model.quadraticCost(j) < 0) throw new RangeError(`follower variable ${f.model.varName(j)} has a concave cost`);
  if (f.model.isMip) throw new RangeError('the followers\' program must be continuous (KKT conditions need convexity)');
  for (const t of f.feeTerms) {
    if (!(t.leader >= 0 && t.leader < leader.names.length)) throw new RangeError(`fee term on ${f.model.varName(t.v)} names leader variable ${t.leader}, which does not exist`);
    if (!Number.isFinite(leader.lb[t.leader]!) || !Number.isFinite(leader.ub[t.leader]!)) throw new RangeError(`leader variable ${leader.names[t.leader]} needs finite bounds`);
  }
}
