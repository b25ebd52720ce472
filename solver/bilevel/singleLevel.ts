/**
 * The single-level reformulation of the leader's problem
 *
 *   max_u,x   Σ fee terms (coef·u·x)  −  kᵀx                (revenue − network cost)
 *   s.t.      u in its box,  upper-level rows on x (network limits),
 *             x optimal for the followers at u               (follower.ts)
 *
 * Followers' optimality ⇔ KKT (convex program, linear constraints):
 *
 *   Hx + c₀ + Gu − Aᵀy − d = 0                       stationarity, y = yL − yU, d = dL − dU
 *   rowLb ≤ Ax ≤ rowUb,  lb ≤ x ≤ ub                  primal feasibility
 *   yL, yU, dL, dU ≥ 0 on finite sides (free on equalities and fixed variables)
 *   yL·(Ax − rowLb) = 0, yU·(rowUb − Ax) = 0, dL·(x − lb) = 0, dU·(ub − x) = 0
 *
 * Complementarity: one binary per pair, m ≤ M_d·z and slack ≤ M_p·(1 − z),
 * with M from bounds.ts (derived, not guessed); both sides of a ranged row
 * or a bounded variable cannot be active together, so zL + zU ≤ 1.
 *
 * The bilinear revenue by strong duality (exact at every KKT point):
 * P*(u) = ½xᵀHx + c₀ᵀx + Σ fee terms = B(y, d) − ½xᵀHx, so
 *
 *   Σ fee terms = B(y, d) − xᵀHx − c₀ᵀx,   B = Σ yL·rowLb − yU·rowUb + dL·lb − dU·ub (+ y·rhs, d·value).
 *
 * With H ≠ 0 the objective has −xᵀHx: a concave maximisation over binaries,
 * a MIQP HiGHS does not solve. Two forms of the same model:
 *
 * - `milp`: xⱼ² replaced by θⱼ ≥ tangents of xⱼ² (outer approximation:
 *   θ under-estimates, so the MILP's bound is an upper bound of the true
 *   optimum); solve.ts adds tangents where the answer needs them.
 * - `polish`: binaries as continuous columns fixed at 0/1 and the true
 *   −xᵀHx objective: a convex QP whose optimum is exact for that
 *   complementarity pattern, and bilevel feasible.
 */
import { LpModel, type LpRow, type LpVar } from '../lp/model.ts';
import type { BigMBounds } from './bounds.ts';
import type { FollowerProblem, LeaderVars } from './follower.ts';

export interface UpperLevel {
  /** leader's per-unit cost on follower variables (network cost), subtracted from revenue */
  followerCost?: ReadonlyMap<number, number>;
  /** adds upper-level rows on the follower variables (copies in the single-level model) */
  rows?: (m: LpModel, x: readonly LpVar[]) => void;
}

/** One complementarity pair: multiplier, its binary, and what it guards (for reports). */
export interface ComplementarityPair {
  multiplier: LpVar;
  z: LpVar;
  bigM: number;
  slackBound: number;
  /** 'row' i side lower/upper, or 'var' j side */
  of: 'row' | 'var';
  index: number;
  side: 'lower' | 'upper';
}

export interface SingleLevelModel {
  model: LpModel;
  form: 'milp' | 'polish';
  x: LpVar[];
  u: LpVar[];
  /** per follower row: [yL or y (equality), yU] (null where absent) */
  yl: (LpVar | null)[];
  yu: (LpVar | null)[];
  dl: (LpVar | null)[];
  du: (LpVar | null)[];
  pairs: ComplementarityPair[];
  /** per quadratic follower variable: θ ≈ x² (milp form) */
  theta: Map<number, LpVar>;
  tangentCount: number;
}

export interface SingleLevelOptions {
  form: 'milp' | 'polish';
  /** initial tangents of x² per quadratic variable, evenly over its range (milp form) */
  tangentsPerVar: number;
}

export function buildSingleLevel(f: FollowerProblem, leader: LeaderVars, upper: UpperLevel, M: BigMBounds, options: SingleLevelOptions): SingleLevelModel {
  const fm = f.model;
  const n = fm.varCount, rows = fm.rowCount;
  const milp = options.form === 'milp';
  const m = new LpModel(`bilevel ${fm.name}`);
  const x = Array.from({ length: n }, (_, j) => m.addVar(`x_${fm.varName(j)}`, { lb: fm.varLb(j), ub: fm.varUb(j), origin: fm.varOrigin(j) }));
  const u = leader.names.map((name, l) => m.addVar(`u_${name}`, { lb: leader.lb[l]!, ub: leader.ub[l]! }));
  const binary = (name: string) => m.addVar(name, { lb: 0, ub: 1, integer: milp });
  const pairs: ComplementarityPair[] = [];
  // objective pieces (max): B(y, d) − c₀ᵀx − kᵀx − xᵀHx
  const objective = new Map<number, number>();
  const addObj = (v: LpVar, c: number) => objective.set(v, (objective.get(v) ?? 0) + c);

  const yl: (LpVar | null)[] = [], yu: (LpVar | null)[] = [];
  for (let i = 0; i < rows; i++) {
    const lb = fm.rowLb(i), ub = fm.rowUb(i), name = fm.rowName(i);
    // primal feasibility: the followers' own row
    const own = fm.rowTerms(i);
    m.addRow(`p_${name}`, { vars: Array.from(own.vars, (v) => x[v]!), coefs: own.coefs }, { lb, ub }, fm.rowOrigin(i));
    if (lb === ub) {
      const y = m.addVar(`y_${name}`, { lb: M.yLo[i]!, ub: M.yHi[i]! });
      addObj(y, lb);
      yl.push(y), yu.push(null);
      continue;
    }
    const { vars, coefs } = fm.rowTerms(i);
    const terms: [LpVar, number][] = Array.from(vars, (v, k) => [x[v]!, coefs[k]!]);
    let a: LpVar | null = null, b: LpVar | null = null;
    if (Number.isFinite(lb)) {
      const bigM = Math.max(0, M.yHi[i]!), slackBound = Math.max(0, M.rowHi[i]! - lb);
      a = m.addVar(`yl_${name}`, { ub: bigM });
      const z = binary(`zl_${name}`);
      m.addRow(`cl_${name}`, [[a, 1], [z, -bigM]], { ub: 0 });
      m.addRow(`sl_${name}`, [...terms, [z, slackBound]], { ub: slackBound + lb });
      addObj(a, lb);
      pairs.push({ multiplier: a, z, bigM, slackBound, of: 'row', index: i, side: 'lower' });
    }
    if (Number.isFinite(ub)) {
      const bigM = Math.max(0, -M.yLo[i]!), slackBound = Math.max(0, ub - M.rowLo[i]!);
      b = m.addVar(`yu_${name}`, { ub: bigM });
      const z = binary(`zu_${name}`);
      m.addRow(`cu_${name}`, [[b, 1], [z, -bigM]], { ub: 0 });
      m.addRow(`su_${name}`, [...terms.map(([v, c]): [LpVar, number] => [v, -c]), [z, slackBound]], { ub: slackBound - ub });
      addObj(b, -ub);
      pairs.push({ multiplier: b, z, bigM, slackBound, of: 'row', index: i, side: 'upper' });
    }
    if (a !== null && b !== null) m.addRow(`one_side_${name}`, [[pairs[pairs.length - 2]!.z, 1], [pairs[pairs.length - 1]!.z, 1]], { ub: 1 });
    yl.push(a), yu.push(b);
  }

  const byVar: [number, number][][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < rows; i++) {
    const { vars, coefs } = fm.rowTerms(i);
    for (let k = 0; k < vars.length; k++) byVar[vars[k]!]!.push([i, coefs[k]!]);
  }
  const feeOf: [number, number][][] = Array.from({ length: n }, () => []);
  for (const t of f.feeTerms) feeOf[t.v]!.push([t.leader, t.coef]);

  const dl: (LpVar | null)[] = [], du: (LpVar | null)[] = [];
  const theta = new Map<number, LpVar>();
  for (let j = 0; j < n; j++) {
    const lb = fm.varLb(j), ub = fm.varUb(j), name = fm.varName(j);
    const h = fm.quadraticCost(j);
    const terms: [LpVar, number][] = [];
    if (h !== 0) terms.push([x[j]!, h]);
    for (const [l, c] of feeOf[j]!) terms.push([u[l]!, c]);
    for (const [i, a] of byVar[j]!) {
      if (yl[i] !== null) terms.push([yl[i]!, -a]);
      if (yu[i] !== null) terms.push([yu[i]!, a]);
    }
    let a: LpVar | null = null, b: LpVar | null = null;
    if (lb === ub) {
      a = m.addVar(`d_${name}`, { lb: M.dLo[j]!, ub: M.dHi[j]! });
      terms.push([a, -1]);
      addObj(a, lb);
    } else {
      if (Number.isFinite(lb)) {
        const bigM = Math.max(0, M.dHi[j]!), slackBound = Math.max(0, M.varHi[j]! - lb);
        a = m.addVar(`dl_${name}`, { ub: bigM });
        const z = binary(`zdl_${name}`);
        m.addRow(`cdl_${name}`, [[a, 1], [z, -bigM]], { ub: 0 });
        m.addRow(`sdl_${name}`, [[x[j]!, 1], [z, slackBound]], { ub: slackBound + lb });
        terms.push([a, -1]);
        addObj(a, lb);
        pairs.push({ multiplier: a, z, bigM, slackBound, of: 'var', index: j, side: 'lower' });
      }
      if (Number.isFinite(ub)) {
        const bigM = Math.max(0, -M.dLo[j]!), slackBound = Math.max(0, ub - M.varLo[j]!);
        b = m.addVar(`du_${name}`, { ub: bigM });
        const z = binary(`zdu_${name}`);
        m.addRow(`cdu_${name}`, [[b, 1], [z, -bigM]], { ub: 0 });
        m.addRow(`sdu_${name}`, [[x[j]!, -1], [z, slackBound]], { ub: slackBound - ub });
        terms.push([b, 1]);
        addObj(b, -ub);
        pairs.push({ multiplier: b, z, bigM, slackBound, of: 'var', index: j, side: 'upper' });
      }
      if (a !== null && b !== null) m.addRow(`one_side_${name}`, [[pairs[pairs.length - 2]!.z, 1], [pairs[pairs.length - 1]!.z, 1]], { ub: 1 });
    }
    m.addRow(`stationarity_${name}`, terms, { eq: -fm.cost(j) });
    dl.push(a), du.push(b);

    addObj(x[j]!, -fm.cost(j) - (upper.followerCost?.get(j) ?? 0));
    if (h !== 0) {
      if (milp) {
        const lo = M.varLo[j]!, hi = M.varHi[j]!;
        const th = m.addVar(`theta_${name}`, { lb: 0, ub: Math.max(lo * lo, hi * hi) });
        theta.set(j, th);
        addObj(th, -h);
      } else m.setQuadraticCost(x[j]!, -2 * h); // ½·(−2h)·x² = −h x², concave: a convex QP as a maximisation
    }
  }
  for (const [v, c] of objective) m.setCost(v as LpVar, c);
  // the followers' constant cancels: fees = B − xᵀHx − c₀ᵀx either way
  m.setObjective('max');

  upper.rows?.(m, x);

  const single: SingleLevelModel = { model: m, form: options.form, x, u, yl, yu, dl, du, pairs, theta, tangentCount: 0 };
  if (milp)
    for (const j of theta.keys()) {
      const lo = M.varLo[j]!, hi = M.varHi[j]!, k = Math.max(2, options.tangentsPerVar);
      for (let s = 0; s < k; s++) addTangent(single, j, lo + ((hi - lo) * s) / (k - 1));
    }
  return single;
}

/** θⱼ ≥ 2a·xⱼ − a², the tangent of xⱼ² at a. */
export function addTangent(s: SingleLevelModel, j: number, a: number): LpRow {
  s.tangentCount++;
  return s.model.addRow(`tangent_${j}_${s.tangentCount}`, [[s.theta.get(j)!, 1], [s.x[j]!, -2 * a]], { lb: -a * a });
}

/** Net multipliers of the followers' rows and bounds at a single-level solution. */
export function multipliersAt(s: SingleLevelModel, sol: ArrayLike<number>): { y: Float64Array; d: Float64Array } {
  const y = Float64Array.from(s.yl, (a, i) => (a === null ? 0 : sol[a]!) - (s.yu[i] === null ? 0 : sol[s.yu[i]!]!));
  const d = Float64Array.from(s.dl, (a, j) => (a === null ? 0 : sol[a]!) - (s.du[j] === null ? 0 : sol[s.du[j]!]!));
  return { y, d };
}

/**
 * The single-level point of a known follower optimum (x with multipliers y, d at leader decision u): every
 * multiplier split by sign, each binary set where its slack is zero, θ = x². A MIP start: the search then has
 * an incumbent from the first node (a follower optimum is bilevel feasible if it meets the upper-level rows).
 */
export function pointFrom(s: SingleLevelModel, fm: LpModel, u: ArrayLike<number>, x: ArrayLike<number>, y: ArrayLike<number>, d: ArrayLike<number>): Float64Array {
  const v = new Float64Array(s.model.varCount);
  s.x.forEach((h, j) => (v[h] = x[j]!));
  s.u.forEach((h, l) => (v[h] = u[l]!));
  const act = fm.rowActivity(x);
  for (let i = 0; i < fm.rowCount; i++) {
    const a = s.yl[i] ?? null, b = s.yu[i] ?? null;
    if (fm.rowLb(i) === fm.rowUb(i)) v[a!] = y[i]!;
    else {
      if (a !== null) v[a] = Math.max(0, y[i]!);
      if (b !== null) v[b] = Math.max(0, -y[i]!);
    }
  }
  for (let j = 0; j < fm.varCount; j++) {
    const a = s.dl[j] ?? null, b = s.du[j] ?? null;
    if (fm.varLb(j) === fm.varUb(j)) v[a!] = d[j]!;
    else {
      if (a !== null) v[a] = Math.max(0, d[j]!);
      if (b !== null) v[b] = Math.max(0, -d[j]!);
    }
  }
  const tight = (gap: number, bound: number) => gap <= 1e-9 * Math.max(1, Math.abs(bound));
  for (const p of s.pairs) {
    const lb = p.of === 'row' ? fm.rowLb(p.index) : fm.varLb(p.index), ub = p.of === 'row' ? fm.rowUb(p.index) : fm.varUb(p.index);
    const value = p.of === 'row' ? act[p.index]! : x[p.index]!;
    v[p.z] = p.side === 'lower' ? (tight(value - lb, lb) ? 1 : 0) : tight(ub - value, ub) ? 1 : 0;
  }
  for (const [j, th] of s.theta) v[th] = x[j]! * x[j]!;
  return v;
}
