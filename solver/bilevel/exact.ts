/**
 * A convex separable QP solved to simplex precision, without HiGHS's QP
 * solver.
 *
 * Two measured reasons: HiGHS's QP solver stops at reduced costs of
 * ≈ 1e-5 in the objective's units, which with the small curvature of a
 * generator cost (a = 0.001–0.005 currency/kW²h) leaves decisions ≈ 1e-2 kW
 * off the optimum; and on a degenerate QP — a follower facing a price equal
 * to its alternatives, which is exactly what a follower re-solved alone at
 * an equilibrium faces — it cycles until its time limit
 * (test/solver/bilevel/exact.test.ts keeps such a case).
 *
 * So the QP is solved with the simplex only:
 *  1. Kelley's cutting planes: each ½h·xⱼ² becomes ½h·θⱼ with θⱼ ≥ tangents
 *     of xⱼ² (a few over xⱼ's range, more at each answer), an LP re-solved
 *     warm as tangents are added;
 *  2. after each LP, the KKT conditions of the active set that answer shows
 *     (stationarity Hx + c − Aᵀy − d = 0, primal rows, active sides held as
 *     equalities with signed multipliers, inactive multipliers zero) are
 *     solved as an LP. Any solution of that system is a KKT point, hence —
 *     the program being convex — an optimum, exact to the simplex's ≈ 1e-12.
 *     Once the cutting-plane answer shows the optimum's active set, it has
 *     one.
 * Among several optima with one active set (a degenerate program), `prefer`
 * (a linear function of x, maximised) picks one: the leader's objective gives
 * the optimistic response a bilevel optimum assumes.
 */
import { LpModel, type LpVar } from '../lp/model.ts';
import type { LpBackend } from '../lp/backendInterface.ts';
import { openLpSession } from '../lp/session.ts';

export interface ExactSolution {
  status: 'optimal' | 'infeasible' | 'unbounded' | 'error';
  x: Float64Array;
  /** multipliers by the LP layer's convention (∂objective/∂rhs) */
  rowDuals: Float64Array;
  reducedCosts: Float64Array;
  objective: number;
  /** true when the KKT system was solved by the simplex; false: HiGHS's QP answer as is */
  polished: boolean;
  message?: string;
}

const MAX_ROUNDS = 200;

export function solveConvexExactly(model: LpModel, backend: LpBackend, prefer?: ReadonlyMap<number, number>): ExactSolution {
  if (model.sense !== 'min') throw new RangeError('solveConvexExactly minimises');
  const quadratic = model.quadraticVars();
  // the linear part as its own LP; ½h·θ for each quadratic term
  const lp = new LpModel(`${model.name} (cutting planes)`);
  for (let j = 0; j < model.varCount; j++) lp.addVar(model.varName(j), { lb: model.varLb(j), ub: model.varUb(j), cost: model.cost(j) });
  for (let i = 0; i < model.rowCount; i++) lp.addRow(model.rowName(i), model.rowTerms(i), { lb: model.rowLb(i), ub: model.rowUb(i) });
  lp.setObjective('min', model.objectiveConstant);
  const theta = new Map<number, LpVar>();
  const tangent = (j: number, a: number) => lp.addRow(`tan_${j}`, [[theta.get(j)!, 1], [j as LpVar, -2 * a]], { lb: -a * a });
  for (const j of quadratic) {
    const lo = model.varLb(j), hi = model.varUb(j);
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new RangeError(`quadratic variable ${model.varName(j)} needs finite bounds`);
    theta.set(j, lp.addVar(`theta_${j}`, { lb: 0, ub: Math.max(lo * lo, hi * hi), cost: 0.5 * model.quadraticCost(j) }));
    for (let k = 0; k <= 4; k++) tangent(j, lo + ((hi - lo) * k) / 4);
  }
  const session = openLpSession(backend, lp);
  try {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const s = session.solve();
      if (s.status !== 'optimal') return { status: s.status, x: s.x.subarray(0, model.varCount), rowDuals: new Float64Array(model.rowCount).fill(NaN), reducedCosts: new Float64Array(model.varCount).fill(NaN), objective: NaN, polished: false, message: s.message };
      const x = s.x.subarray(0, model.varCount);
      const optimistic = prefer && prefer.size ? preferredOptimum(lp, s.objective, prefer, backend) : null;
      const exact = (optimistic && solveKkt(model, backend, optimistic, model.rowActivity(optimistic), prefer)) ?? solveKkt(model, backend, x, model.rowActivity(x), prefer);
      if (exact) return prefer && prefer.size ? (preferredInOptimalSet(model, exact, prefer, backend) ?? exact) : exact;
      let added = 0;
      for (const [j, th] of theta) {
        const v = x[j]!;
        if (v * v - s.x[th]! > 1e-12 * Math.max(1, v * v)) tangent(j, v), added++;
      }
      if (added === 0) break;
    }
  } finally {
    session.dispose();
  }
  return { status: 'error', x: new Float64Array(model.varCount).fill(NaN), rowDuals: new Float64Array(model.rowCount).fill(NaN), reducedCosts: new Float64Array(model.varCount).fill(NaN), objective: NaN, polished: false, message: `no exact KKT point after ${MAX_ROUNDS} cutting-plane rounds` };
}

/**
 * Among the cutting-plane LP's optima, the one `prefer` ranks highest: the KKT LP keeps the active set it is
 * given, so a degenerate program (a receipt free between max(p, 0) and its limit, a follower indifferent
 * between two equal prices) must be steered to the preferred face before it — otherwise the "optimistic"
 * response is only optimistic within whichever face the LP solver happened to end on. Null where the LP fails
 * (the caller then keeps the first optimum).
 */
function preferredOptimum(lp: LpModel, optimum: number, prefer: ReadonlyMap<number, number>, backend: LpBackend): Float64Array | null {
  const copy = new LpModel(`${lp.name} (preferred optimum)`);
  const terms: [LpVar, number][] = [];
  for (let j = 0; j < lp.varCount; j++) {
    const v = copy.addVar(lp.varName(j), { lb: lp.varLb(j), ub: lp.varUb(j), cost: prefer.get(j) ?? 0 });
    if (lp.cost(j) !== 0) terms.push([v, lp.cost(j)]);
  }
  for (let i = 0; i < lp.rowCount; i++) copy.addRow(lp.rowName(i), lp.rowTerms(i), { lb: lp.rowLb(i), ub: lp.rowUb(i) });
  copy.addRow('optimal', terms, { ub: optimum - lp.objectiveConstant + 1e-9 * Math.max(1, Math.abs(optimum)) });
  copy.setObjective('max');
  const s = backend.solve(copy);
  return s.status === 'optimal' ? Float64Array.from(s.x.subarray(0, lp.varCount)) : null;
}

/**
 * The optimum `prefer` ranks highest over the whole optimal set, given one KKT point (x*, y*, d*). For a convex
 * program the KKT points form a product X* × Λ* (saddle points of the Lagrangian), so X* is exactly the x that are
 * feasible and complementary to (y*, d*) — rows and bounds with a non-zero multiplier held at their side — with
 * every strictly convex variable at its unique value x*ⱼ (stationarity fixes it once the multipliers are fixed).
 * Maximising `prefer` over that polyhedron is one LP, and its answer with (y*, d*) is again a KKT point, so
 * exact. The cutting-plane face (preferredOptimum) only sees the face of an approximation and its active set may
 * have no KKT point; this does not depend on it: on the IEEE 33 sample the joint re-solve at the bilevel
 * optimum's fees otherwise gave the DSO 52.4 instead of the 237.2 the optimistic response gives it.
 * Null where the LP fails (the caller keeps the point it has).
 */
function preferredInOptimalSet(model: LpModel, sol: ExactSolution, prefer: ReadonlyMap<number, number>, backend: LpBackend): ExactSolution | null {
  const nonzero = (v: number) => Math.abs(v) > 1e-10;
  const lp = new LpModel(`${model.name} (optimistic optimum)`);
  for (let j = 0; j < model.varCount; j++) {
    let lb = model.varLb(j), ub = model.varUb(j);
    const dj = sol.reducedCosts[j]!;
    if (model.quadraticCost(j) !== 0) lb = ub = sol.x[j]!;
    else if (lb !== ub && nonzero(dj)) {
      if (dj > 0) ub = lb;
      else lb = ub;
    }
    lp.addVar(model.varName(j), { lb, ub, cost: prefer.get(j) ?? 0 });
  }
  for (let i = 0; i < model.rowCount; i++) {
    let lb = model.rowLb(i), ub = model.rowUb(i);
    const yi = sol.rowDuals[i]!;
    if (lb !== ub && nonzero(yi)) {
      if (yi > 0) ub = lb;
      else lb = ub;
    }
    lp.addRow(model.rowName(i), model.rowTerms(i), { lb, ub });
  }
  lp.setObjective('max');
  const s = backend.solve(lp);
  if (s.status !== 'optimal' || !Number.isFinite(s.objective)) return null;
  let before = 0;
  for (const [j, c] of prefer) before += c * sol.x[j]!;
  if (s.objective <= before + 1e-12 * Math.max(1, Math.abs(before))) return null;
  const x = Float64Array.from(s.x.subarray(0, model.varCount));
  // the strictly convex variables at exactly their unique values (the LP's fixed columns may come back rounded)
  for (let j = 0; j < model.varCount; j++) if (model.quadraticCost(j) !== 0) x[j] = sol.x[j]!;
  return { ...sol, x, objective: model.objectiveValue(x) };
}

/** The KKT point of the active set (x, Ax) shows, if there is one. */
function solveKkt(model: LpModel, backend: LpBackend, x0: ArrayLike<number>, ax0: ArrayLike<number>, prefer?: ReadonlyMap<number, number>): ExactSolution | null {
  const k = kktLp(model, x0, ax0, 1e-9, prefer);
  const s = backend.solve(k.lp);
  if (s.status !== 'optimal') return null;
  const x = Float64Array.from(k.x, (v) => s.x[v]!);
  const rowDuals = Float64Array.from(k.y, (v) => s.x[v]!);
  const reducedCosts = Float64Array.from(k.d, ([a, b]) => (a === null ? 0 : s.x[a]!) - (b === null ? 0 : s.x[b]!));
  return { status: 'optimal', x, rowDuals, reducedCosts, objective: model.objectiveValue(x), polished: true };
}

/** The LP of the KKT conditions with the active set read off (x, Ax) at tolerance tol (relative to each bound's scale). */
function kktLp(model: LpModel, x0: ArrayLike<number>, ax0: ArrayLike<number>, tol: number, prefer?: ReadonlyMap<number, number>) {
  const n = model.varCount, rows = model.rowCount;
  const at = (v: number, bound: number) => Number.isFinite(bound) && Math.abs(v - bound) <= tol * Math.max(1, Math.abs(bound));
  const lp = new LpModel('kkt');
  const x = Array.from({ length: n }, (_, j) => {
    const lb = model.varLb(j), ub = model.varUb(j);
    // an active bound holds x there; an inactive one keeps x off it only through its multiplier being zero
    if (at(x0[j]!, lb)) return lp.addVar(`x${j}`, { lb, ub: lb, cost: prefer?.get(j) ?? 0 });
    if (at(x0[j]!, ub)) return lp.addVar(`x${j}`, { lb: ub, ub, cost: prefer?.get(j) ?? 0 });
    return lp.addVar(`x${j}`, { lb, ub, cost: prefer?.get(j) ?? 0 });
  });
  const y: LpVar[] = [];
  const byVar: [LpVar, number][][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < rows; i++) {
    const lb = model.rowLb(i), ub = model.rowUb(i);
    const lowActive = lb === ub || at(ax0[i]!, lb), upActive = lb !== ub && !lowActive && at(ax0[i]!, ub);
    const yi = lp.addVar(`y${i}`, { lb: lb === ub ? -Infinity : upActive ? -Infinity : 0, ub: lb === ub ? Infinity : lowActive ? Infinity : 0 });
    const { vars, coefs } = model.rowTerms(i);
    const rowBounds = lowActive ? { lb, ub: lb } : upActive ? { lb: ub, ub } : { lb, ub };
    lp.addRow(`r${i}`, { vars: Array.from(vars, (v) => x[v]!), coefs }, rowBounds);
    for (let k = 0; k < vars.length; k++) byVar[vars[k]!]!.push([yi, -coefs[k]!]);
    y.push(yi);
  }
  const d: [LpVar | null, LpVar | null][] = [];
  for (let j = 0; j < n; j++) {
    const lb = model.varLb(j), ub = model.varUb(j);
    const terms: [LpVar, number][] = [...byVar[j]!];
    const h = model.quadraticCost(j);
    if (h !== 0) terms.push([x[j]!, h]);
    let a: LpVar | null = null, b: LpVar | null = null;
    if (lb === ub) a = lp.addVar(`d${j}`, { lb: -Infinity });
    else if (at(x0[j]!, lb)) a = lp.addVar(`dl${j}`);
    else if (at(x0[j]!, ub)) b = lp.addVar(`du${j}`);
    if (a !== null) terms.push([a, -1]);
    if (b !== null) terms.push([b, 1]);
    lp.addRow(`s${j}`, terms, { eq: -model.cost(j) });
    d.push([a, b]);
  }
  lp.setObjective('max');
  return { lp, x, y, d };
}
