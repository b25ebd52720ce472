/**
 * The exact bilevel solve: the single-level MILP (singleLevel.ts) by HiGHS,
 * with an outer approximation of the followers' quadratic costs, and every
 * MILP answer polished into an exact bilevel-feasible point.
 *
 *   repeat
 *     MILP (θ ≥ tangents of x²)  → upper bound UB (HiGHS's proven bound; θ under-estimates x², so it bounds the true optimum)
 *     fix its binaries, solve the convex QP with the true −xᵀHx → an exact KKT point and its objective: lower bound LB
 *     add tangents of x² at both answers where θ was below x²
 *   until UB − LB ≤ tolerance, no tangent is missing, or the time/iteration budget ends
 *
 * Without quadratic costs one MILP and one LP polish suffice. The reported
 * gap is UB − LB: what the solver proved, including HiGHS's own MILP gap.
 * Each polish is a convex QP (or LP) with complementarity held exactly by
 * fixed binaries, so its multipliers satisfy KKT to solver precision — what
 * the certificate (blocks.ts) re-checks by re-solving every follower alone.
 */
import type { LpBackend } from '../lp/backendInterface.ts';
import { openLpSession } from '../lp/session.ts';
import type { BigMBounds } from './bounds.ts';
import type { FollowerProblem, LeaderVars } from './follower.ts';
import { solveFollowers } from './blocks.ts';
import { addTangent, buildSingleLevel, multipliersAt, pointFrom, type SingleLevelModel, type UpperLevel } from './singleLevel.ts';

export interface BilevelOptions {
  /** HiGHS's relative gap for each MILP */
  mipRelGap: number;
  /** stop when UB − LB ≤ abs + rel·|LB| */
  absGap: number;
  relGap: number;
  maxIterations: number;
  timeLimitSeconds: number;
  /** initial tangents of x² per quadratic follower variable */
  tangentsPerVar: number;
  /** time limit of one MILP call (one synchronous solve), s */
  maxMilpSeconds: number;
  /** known follower optima (at some leader decisions) to start the search from: the best one that meets the upper level is the first incumbent */
  starts: { u: ArrayLike<number>; x: ArrayLike<number>; y: ArrayLike<number>; d: ArrayLike<number> }[];
}

export const DEFAULT_BILEVEL_OPTIONS: BilevelOptions = { mipRelGap: 1e-6, absGap: 1e-6, relGap: 1e-6, maxIterations: 30, timeLimitSeconds: 600, tangentsPerVar: 9, maxMilpSeconds: Infinity, starts: [] };

export interface BilevelIteration {
  milpObjective: number;
  milpBound: number;
  polished: number | null;
  nodes: number;
  milpMs: number;
  polishMs: number;
  tangentsAdded: number;
}

export interface BindingPair {
  /** 'row' or 'var' of the followers' program, its name and side */
  of: 'row' | 'var';
  name: string;
  side: 'lower' | 'upper';
  multiplier: number;
  bigM: number;
}

export interface BilevelSolution {
  /** optimal: gap within tolerance; stopped: budget or MILP tolerance ended the search with the gap reported; infeasible: no leader decision has a feasible follower response */
  status: 'optimal' | 'stopped' | 'infeasible';
  message: string;
  u: Float64Array;
  x: Float64Array;
  /** net multipliers of the followers' rows and bounds at the answer */
  y: Float64Array;
  d: Float64Array;
  /** the leader's objective at the answer (exact, from the polished point) */
  objective: number;
  /** proven upper bound on the leader's optimum */
  upperBound: number;
  absGap: number;
  relGap: number;
  iterations: BilevelIteration[];
  nodes: number;
  binaries: number;
  rows: number;
  cols: number;
  /** multipliers sitting at their big-M at the answer (a bound that may be cutting the search) */
  bindingBigM: BindingPair[];
  ms: number;
}

export function solveBilevel(f: FollowerProblem, leader: LeaderVars, upper: UpperLevel, M: BigMBounds, backend: LpBackend, opts: Partial<BilevelOptions> = {}): BilevelSolution {
  const steps = solveBilevelSteps(f, leader, upper, M, backend, opts);
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}

/**
 * solveBilevel as a generator yielding after each MILP round (its index and the bounds so far). One MILP is one
 * synchronous HiGHS call: `maxMilpSeconds` caps it, so a job's worker reports progress at least that often (a MILP
 * stopped by the cap ends the search with its incumbent and the bound HiGHS proved).
 */
export function* solveBilevelSteps(f: FollowerProblem, leader: LeaderVars, upper: UpperLevel, M: BigMBounds, backend: LpBackend, opts: Partial<BilevelOptions> = {}): Generator<{ round: number; lower: number; upper: number }, BilevelSolution, void> {
  const o = { ...DEFAULT_BILEVEL_OPTIONS, ...opts };
  const t0 = performance.now();
  const milp = buildSingleLevel(f, leader, upper, M, { form: 'milp', tangentsPerVar: o.tangentsPerVar });
  const polish = buildSingleLevel(f, leader, upper, M, { form: 'polish', tangentsPerVar: 0 });
  const session = openLpSession(backend, polish.model);
  const iterations: BilevelIteration[] = [];
  let lb = -Infinity, ub = Infinity, best: Float64Array | null = null, nodes = 0;
  let status: BilevelSolution['status'] = 'stopped', message = '';
  // the best start that meets every single-level row and bound is the first incumbent (and a lower bound)
  let start: Float64Array | null = null;
  for (const st of o.starts) {
    const v = pointFrom(milp, f.model, st.u, st.x, st.y, st.d);
    if (!meets(milp, v)) continue;
    const value = milp.model.objectiveValue(v);
    const exact = polish.model.objectiveValue(pointFrom(polish, f.model, st.u, st.x, st.y, st.d));
    if (exact > lb) (lb = exact), (best = pointFrom(polish, f.model, st.u, st.x, st.y, st.d));
    if (start === null || value > milp.model.objectiveValue(start)) start = v;
  }
  try {
    for (let it = 0; it < o.maxIterations; it++) {
      const left = o.timeLimitSeconds - (performance.now() - t0) / 1000;
      if (left <= 0) {
        message = `time limit of ${o.timeLimitSeconds} s reached`;
        break;
      }
      // with big-Ms in the hundreds an integrality slack of 1e-6 lets a multiplier and its slack both be positive
      // enough to move the strong-duality revenue by whole currency units: hold binaries to 1e-9
      const s = backend.solve(milp.model, { mipFeasibilityTolerance: 1e-9, mipRelGap: o.mipRelGap, timeLimitSeconds: Math.min(left, o.maxMilpSeconds), ...(start && it === 0 ? { mipStart: start } : {}) });
      nodes += s.mip?.nodes ?? 0;
      if (s.mip && Number.isFinite(s.mip.dualBound)) ub = Math.min(ub, s.mip.dualBound);
      if (s.status === 'infeasible') {
        if (best === null) status = 'infeasible';
        message = best === null ? 'no fee in the bounds gives a follower response within the upper-level limits' : 'the MILP became infeasible after tangents were added (numerical trouble)';
        break;
      }
      if (!s.mip?.primalFeasible) {
        message = `MILP stopped without a solution: ${s.message ?? s.status}`;
        break;
      }
      const t1 = performance.now();
      milp.pairs.forEach((p, k) => {
        const z = Math.round(s.x[p.z]!);
        polish.model.setVarBounds(polish.pairs[k]!.z, z, z);
      });
      // bounded: HiGHS's QP solver may cycle on a degenerate polish (the fallback below covers a failed one)
      const p = session.solve({ timeLimitSeconds: 30 });
      const polishMs = performance.now() - t1;
      let polished: number | null = null;
      if (p.status === 'optimal') {
        polished = p.objective;
        if (p.objective > lb) (lb = p.objective), (best = p.x);
      }
      // HiGHS's QP solver can fail on the polish (it cycles on degenerate QPs): the followers solved exactly at
      // the MILP's leader decision are bilevel feasible too when they meet the upper level — a lower bound either way
      const uMilp = Float64Array.from(milp.u, (v) => s.x[v]!);
      // a bilevel optimum sits where followers are indifferent (a fee equal to a price wedge); the exact response
      // at those fees may take the other side of the tie, so the fees shaded a hair toward their lower bounds —
      // where the followers strictly prefer what the MILP's point does — are tried as well
      const shaded = Float64Array.from(uMilp, (v, l) => Math.max(leader.lb[l]!, v - 1e-7 * Math.max(1, leader.ub[l]! - leader.lb[l]!)));
      for (const uTry of [uMilp, shaded]) {
        const at = responseAt(f, uTry, upper, backend);
        if (!at) continue;
        const v = pointFrom(milp, f.model, uTry, at.x, at.rowDuals, at.reducedCosts);
        if (!meets(milp, v)) continue;
        const exact = pointFrom(polish, f.model, uTry, at.x, at.rowDuals, at.reducedCosts);
        const value = polish.model.objectiveValue(exact);
        polished = Math.max(polished ?? -Infinity, value);
        if (value > lb) (lb = value), (best = exact);
      }
      let added = 0;
      for (const [j, th] of milp.theta) {
        for (const v of [s.x[milp.x[j]!]!, p.status === 'optimal' ? p.x[polish.x[j]!]! : NaN]) {
          if (Number.isFinite(v) && v * v - s.x[th]! > 1e-9 * Math.max(1, v * v)) {
            addTangent(milp, j, v);
            added++;
          }
        }
      }
      iterations.push({ milpObjective: s.objective, milpBound: s.mip.dualBound, polished, nodes: s.mip.nodes, milpMs: s.solveMs, polishMs, tangentsAdded: added });
      yield { round: it, lower: lb, upper: ub };
      if (s.status !== 'optimal') {
        message = `MILP stopped early: ${s.message ?? s.status}`;
        break;
      }
      if (ub - lb <= o.absGap + o.relGap * Math.abs(lb)) {
        status = 'optimal';
        message = `gap ${fmt(ub - lb)} within tolerance`;
        break;
      }
      if (added === 0) {
        message = `no tangent missing; the remaining gap ${fmt(ub - lb)} is the MILP's own tolerance`;
        break;
      }
      if (it === o.maxIterations - 1) message = `iteration limit ${o.maxIterations} reached`;
    }
  } finally {
    session.dispose();
  }
  const n = f.model.varCount;
  if (best === null) {
    const empty = new Float64Array(n).fill(NaN);
    return {
      status: status === 'infeasible' ? 'infeasible' : 'stopped', message: message || 'no bilevel-feasible point found',
      u: new Float64Array(leader.names.length).fill(NaN), x: empty, y: new Float64Array(f.model.rowCount).fill(NaN), d: empty,
      objective: NaN, upperBound: ub, absGap: Infinity, relGap: Infinity, iterations, nodes, ...shape(milp), bindingBigM: [], ms: performance.now() - t0,
    };
  }
  const { y, d } = multipliersAt(polish, best);
  const absGap = Math.max(0, ub - lb);
  return {
    status, message,
    u: Float64Array.from(polish.u, (v) => best![v]!),
    x: Float64Array.from(polish.x, (v) => best![v]!),
    y, d,
    objective: lb, upperBound: ub, absGap, relGap: absGap / Math.max(1e-9, Math.abs(lb)),
    iterations, nodes, ...shape(milp),
    bindingBigM: bindingPairs(f, polish, best),
    ms: performance.now() - t0,
  };
}

function shape(s: SingleLevelModel) {
  return { binaries: s.pairs.length, rows: s.model.rowCount, cols: s.model.varCount };
}

function bindingPairs(f: FollowerProblem, s: SingleLevelModel, sol: Float64Array): BindingPair[] {
  const out: BindingPair[] = [];
  for (const p of s.pairs) {
    const v = sol[p.multiplier]!;
    if (p.bigM > 0 && v >= p.bigM * (1 - 1e-6) && v > 1e-9)
      out.push({ of: p.of, name: p.of === 'row' ? f.model.rowName(p.index) : f.model.varName(p.index), side: p.side, multiplier: v, bigM: p.bigM });
  }
  return out;
}

const fmt = (v: number) => (Math.abs(v) < 1e-3 ? v.toExponential(2) : v.toFixed(4));

/** The followers' response at u, solved exactly, the leader's objective breaking ties (optimistic). */
function responseAt(f: FollowerProblem, u: ArrayLike<number>, upper: UpperLevel, backend: LpBackend) {
  const prefer = new Map<number, number>();
  for (const t of f.feeTerms) prefer.set(t.v, (prefer.get(t.v) ?? 0) + t.coef * u[t.leader]!);
  for (const [v, c] of upper.followerCost ?? []) prefer.set(v, (prefer.get(v) ?? 0) - c);
  const r = solveFollowers(f, u, backend, prefer);
  return r.status === 'optimal' ? r : null;
}

/** Whether v meets every row and bound of the model (to 1e-6, relative to each bound). */
function meets(s: SingleLevelModel, v: Float64Array): boolean {
  const m = s.model, tol = (b: number) => 1e-6 * Math.max(1, Math.abs(b));
  for (let j = 0; j < m.varCount; j++) if (v[j]! < m.varLb(j) - tol(m.varLb(j)) || v[j]! > m.varUb(j) + tol(m.varUb(j))) return false;
  const act = m.rowActivity(v);
  for (let i = 0; i < m.rowCount; i++) if (act[i]! < m.rowLb(i) - tol(m.rowLb(i)) || act[i]! > m.rowUb(i) + tol(m.rowUb(i))) return false;
  return true;
}
