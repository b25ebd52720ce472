/**
 * Big-M bounds for the KKT reformulation, derived from the data — never
 * guessed. A complementarity pair m ≥ 0, s ≥ 0, m·s = 0 becomes
 * m ≤ M_d·z, s ≤ M_p·(1 − z) with z binary; the reformulation is exact only
 * if M_p and M_d bound s and m at every KKT point of the followers for every
 * leader decision in its box (Pineda & Morales, "Solving linear bilevel
 * problems using big-Ms: not all that glitters is gold", IEEE Trans. Power
 * Systems 34(3), 2019: a too small M can cut off the optimum without ever
 * being binding at the reported answer). So:
 *
 * - Primal (slack) bounds: each variable's range — its own bounds, or, where
 *   one side is infinite, its min/max over the followers' feasible set (an
 *   LP; the set does not depend on the leader) — and each row's activity by
 *   interval arithmetic over those ranges.
 * - Dual bounds: every KKT point (x, u, y, d) satisfies stationarity
 *   Hx + c₀ + Gu − Aᵀy − d = 0, the multipliers' signs, x and u in their
 *   boxes, and strong duality B(y, d) = P*(u) + ½xᵀHx ≥ L, where B is the
 *   dual's bound terms and L ≤ min_u P*(u) (the followers' optimum at the
 *   cheapest costs in the box). The row multipliers' extremes over that
 *   polyhedron are computed by LP (two per row, one warm session); the
 *   bound multipliers' follow from stationarity by interval arithmetic.
 *   A multiplier the polyhedron leaves unbounded is reported by name (its
 *   followers' constraints are degenerate for some fee: an MFCQ failure) —
 *   the caller may then supply a bound, and the answer is marked as resting
 *   on it.
 */
import { LpModel, type LpVar } from '../lp/model.ts';
import type { LpBackend } from '../lp/backendInterface.ts';
import { openLpSession } from '../lp/session.ts';
import { solveConvexExactly } from './exact.ts';
import { costRange, type FollowerProblem, type LeaderVars } from './follower.ts';

export interface BigMBounds {
  /** per follower variable: the range used for slacks (own bounds, tightened by LP where infinite) */
  varLo: Float64Array;
  varHi: Float64Array;
  /** per follower row: the range of A_i x over those variable ranges */
  rowLo: Float64Array;
  rowHi: Float64Array;
  /** per follower row: bounds on its (net) multiplier y_i at any KKT point */
  yLo: Float64Array;
  yHi: Float64Array;
  /** per follower variable: bounds on its (net) bound multiplier d_j */
  dLo: Float64Array;
  dHi: Float64Array;
  /** the lower bound L on the followers' optimal value over the leader's box */
  followerValueLowerBound: number;
  /** LPs solved to derive them */
  lpSolves: number;
  ms: number;
}

export class BoundDerivationError extends Error {
  constructor(message: string, readonly what: string) {
    super(message);
    this.name = 'BoundDerivationError';
  }
}

/** Ranges of the followers' variables: own bounds, or an LP over the feasible set where a side is infinite and needed. */
function variableRanges(f: FollowerProblem, backend: LpBackend): { lo: Float64Array; hi: Float64Array; solves: number } {
  const m = f.model;
  const n = m.varCount;
  const lo = new Float64Array(n), hi = new Float64Array(n);
  const needed = new Uint8Array(n);
  for (let j = 0; j < n; j++) {
    lo[j] = m.varLb(j);
    hi[j] = m.varUb(j);
    // a multiplier exists on a finite side; its slack needs the other side
    if (Number.isFinite(lo[j]!) !== Number.isFinite(hi[j]!)) needed[j] = 1;
  }
  for (let i = 0; i < m.rowCount; i++) {
    if (m.rowLb(i) === m.rowUb(i)) continue;
    const { vars } = m.rowTerms(i);
    for (const v of vars) if (!Number.isFinite(lo[v]!) || !Number.isFinite(hi[v]!)) needed[v] = 1;
  }
  let solves = 0;
  if (!needed.some((x) => x === 1)) return { lo, hi, solves };
  // the feasible set alone: zero costs, no quadratic terms
  const probe = new LpModel('ranges');
  for (let j = 0; j < n; j++) probe.addVar(m.varName(j), { lb: m.varLb(j), ub: m.varUb(j) });
  for (let i = 0; i < m.rowCount; i++) probe.addRow(m.rowName(i), m.rowTerms(i), { lb: m.rowLb(i), ub: m.rowUb(i) });
  const session = openLpSession(backend, probe);
  try {
    for (let j = 0; j < n; j++) {
      if (!needed[j]) continue;
      for (const side of ['lo', 'hi'] as const) {
        if (side === 'lo' ? Number.isFinite(lo[j]!) : Number.isFinite(hi[j]!)) continue;
        probe.setObjective(side === 'lo' ? 'min' : 'max');
        probe.setCost(j as LpVar, 1);
        const s = session.solve();
        solves++;
        probe.setCost(j as LpVar, 0);
        if (s.status !== 'optimal')
          throw new BoundDerivationError(`follower variable ${m.varName(j)} has no finite ${side === 'lo' ? 'lower' : 'upper'} bound over the followers' feasible set (${s.status}); give it a limit`, m.varName(j));
        if (side === 'lo') lo[j] = s.x[j]!;
        else hi[j] = s.x[j]!;
      }
    }
  } finally {
    session.dispose();
  }
  return { lo, hi, solves };
}

/** [min, max] of A_i x over the variable ranges. */
function rowRanges(f: FollowerProblem, lo: Float64Array, hi: Float64Array): { rowLo: Float64Array; rowHi: Float64Array } {
  const m = f.model;
  const rowLo = new Float64Array(m.rowCount), rowHi = new Float64Array(m.rowCount);
  for (let i = 0; i < m.rowCount; i++) {
    const { vars, coefs } = m.rowTerms(i);
    let a = 0, b = 0;
    for (let k = 0; k < vars.length; k++) {
      const c = coefs[k]!, v = vars[k]!;
      a += c > 0 ? c * lo[v]! : c * hi[v]!;
      b += c > 0 ? c * hi[v]! : c * lo[v]!;
    }
    rowLo[i] = a;
    rowHi[i] = b;
  }
  return { rowLo, rowHi };
}

/** L: the followers' optimum with every fee at its cheapest — below P*(u) for every u in the box (fee-bearing variables keep one sign). */
function followerValueLowerBound(f: FollowerProblem, leader: LeaderVars, backend: LpBackend): number {
  const m = f.model;
  const { lo, hi } = costRange(f, leader);
  const feeVars = new Set(f.feeTerms.map((t) => t.v as number));
  const probe = new LpModel('cheapest');
  for (let j = 0; j < m.varCount; j++) {
    let c = m.cost(j);
    if (feeVars.has(j)) {
      if (m.varLb(j) >= 0) c = lo[j]!;
      else if (m.varUb(j) <= 0) c = hi[j]!;
      else throw new BoundDerivationError(`follower variable ${m.varName(j)} carries a fee but may change sign; split it into non-negative parts`, m.varName(j));
    }
    probe.addVar(m.varName(j), { lb: m.varLb(j), ub: m.varUb(j), cost: c });
    const h = m.quadraticCost(j);
    if (h !== 0) probe.setQuadraticCost(j as LpVar, h);
  }
  for (let i = 0; i < m.rowCount; i++) probe.addRow(m.rowName(i), m.rowTerms(i), { lb: m.rowLb(i), ub: m.rowUb(i) });
  probe.setObjective('min', m.objectiveConstant);
  // solved by the simplex (exact.ts), not HiGHS's QP solver, which fails outright on some horizons of the IEEE 33
  // sample (status 'error' on hours 8–15)
  const s = solveConvexExactly(probe, backend);
  if (s.status !== 'optimal') throw new BoundDerivationError(`the followers' program at the cheapest fees is ${s.status}`, 'followers');
  // the optimum is accurate to solver tolerances: step down a little so L stays below
  return s.objective - 1e-6 * Math.max(1, Math.abs(s.objective));
}

/** Derives every big-M of the KKT reformulation (module comment). Throws BoundDerivationError naming what has none. */
export function deriveBigM(f: FollowerProblem, leader: LeaderVars, backend: LpBackend): BigMBounds {
  const steps = deriveBigMSteps(f, leader, backend);
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}

/** deriveBigM as a generator that yields its progress (0..1) between LP solves, for jobs that must report it. */
export function* deriveBigMSteps(f: FollowerProblem, leader: LeaderVars, backend: LpBackend): Generator<number, BigMBounds, void> {
  const t0 = performance.now();
  const m = f.model;
  const n = m.varCount, rows = m.rowCount;
  const { lo: varLo, hi: varHi, solves: rangeSolves } = variableRanges(f, backend);
  const { rowLo, rowHi } = rowRanges(f, varLo, varHi);
  const L = followerValueLowerBound(f, leader, backend);

  // the polyhedron of KKT multipliers (module comment)
  const P = new LpModel('multiplier bounds');
  const xq = new Map<number, LpVar>();
  for (const j of m.quadraticVars()) xq.set(j, P.addVar(`x_${j}`, { lb: varLo[j]!, ub: varHi[j]! }));
  const u = leader.names.map((name, l) => P.addVar(`u_${name}`, { lb: leader.lb[l]!, ub: leader.ub[l]! }));
  const yl: (LpVar | null)[] = [], yu: (LpVar | null)[] = [];
  const boundTerms: [LpVar, number][] = [];
  for (let i = 0; i < rows; i++) {
    const lb = m.rowLb(i), ub = m.rowUb(i);
    if (lb === ub) {
      const y = P.addVar(`y_${i}`, { lb: -Infinity });
      yl.push(y), yu.push(null);
      boundTerms.push([y, lb]);
      continue;
    }
    const a = Number.isFinite(lb) ? P.addVar(`yl_${i}`) : null;
    const b = Number.isFinite(ub) ? P.addVar(`yu_${i}`) : null;
    if (a !== null) boundTerms.push([a, lb]);
    if (b !== null) boundTerms.push([b, -ub]);
    yl.push(a), yu.push(b);
  }
  const byVar: [number, number][][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < rows; i++) {
    const { vars, coefs } = m.rowTerms(i);
    for (let k = 0; k < vars.length; k++) byVar[vars[k]!]!.push([i, coefs[k]!]);
  }
  const feeOf: [number, number][][] = Array.from({ length: n }, () => []);
  for (const t of f.feeTerms) feeOf[t.v]!.push([t.leader, t.coef]);
  for (let j = 0; j < n; j++) {
    const lb = m.varLb(j), ub = m.varUb(j);
    // Hx + c₀ + Gu − Aᵀy − d = 0
    const terms: [LpVar, number][] = [];
    const h = m.quadraticCost(j);
    if (h !== 0) terms.push([xq.get(j)!, h]);
    for (const [l, c] of feeOf[j]!) terms.push([u[l]!, c]);
    for (const [i, a] of byVar[j]!) {
      if (yl[i] !== null) terms.push([yl[i]!, -a]);
      if (yu[i] !== null) terms.push([yu[i]!, a]);
    }
    if (lb === ub) {
      const d = P.addVar(`d_${j}`, { lb: -Infinity });
      terms.push([d, -1]);
      boundTerms.push([d, lb]);
    } else {
      if (Number.isFinite(lb)) {
        const d = P.addVar(`dl_${j}`);
        terms.push([d, -1]);
        boundTerms.push([d, lb]);
      }
      if (Number.isFinite(ub)) {
        const d = P.addVar(`du_${j}`);
        terms.push([d, 1]);
        boundTerms.push([d, -ub]);
      }
    }
    P.addRow(`stationarity_${j}`, terms, { eq: -m.cost(j) });
  }
  P.addRow('strong_duality_floor', boundTerms, { lb: L - m.objectiveConstant });

  const yLo = new Float64Array(rows), yHi = new Float64Array(rows);
  let solves = rangeSolves + 1;
  const session = openLpSession(backend, P);
  try {
    for (let i = 0; i < rows; i++) {
      if (i % 20 === 0) yield i / rows;
      for (const sense of ['max', 'min'] as const) {
        P.setObjective(sense);
        if (yl[i] !== null) P.setCost(yl[i]!, 1);
        if (yu[i] !== null) P.setCost(yu[i]!, -1);
        const s = session.solve();
        solves++;
        if (yl[i] !== null) P.setCost(yl[i]!, 0);
        if (yu[i] !== null) P.setCost(yu[i]!, 0);
        if (s.status !== 'optimal')
          throw new BoundDerivationError(`the multiplier of follower row ${m.rowName(i)} has no finite ${sense === 'max' ? 'upper' : 'lower'} bound over the KKT polyhedron (${s.status}); supply a dual bound`, m.rowName(i));
        if (sense === 'max') yHi[i] = s.objective;
        else yLo[i] = s.objective;
      }
    }
  } finally {
    session.dispose();
  }

  // d_j = h x_j + c_j(u) − Σ a_ij y_i by interval arithmetic
  const { lo: cLo, hi: cHi } = costRange(f, leader);
  const dLo = new Float64Array(n), dHi = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const h = m.quadraticCost(j);
    let a = cLo[j]! + Math.min(h * varLo[j]!, h * varHi[j]!), b = cHi[j]! + Math.max(h * varLo[j]!, h * varHi[j]!);
    for (const [i, c] of byVar[j]!) {
      const p = -c * yLo[i]!, q = -c * yHi[i]!;
      a += Math.min(p, q);
      b += Math.max(p, q);
    }
    dLo[j] = a;
    dHi[j] = b;
  }
  // a little slack on every bound: the LPs are solved to tolerances, and a bound must not cut off a KKT point by rounding
  const widen = (lo: Float64Array, hi: Float64Array) => {
    for (let k = 0; k < lo.length; k++) {
      const pad = 1e-7 * Math.max(1, Math.abs(lo[k]!), Math.abs(hi[k]!));
      lo[k] = lo[k]! - pad;
      hi[k] = hi[k]! + pad;
    }
  };
  widen(yLo, yHi);
  widen(dLo, dHi);
  return { varLo, varHi, rowLo, rowHi, yLo, yHi, dLo, dHi, followerValueLowerBound: L, lpSolves: solves, ms: performance.now() - t0 };
}
