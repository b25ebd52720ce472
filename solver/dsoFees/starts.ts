/**
 * Starting points of the exact DSO-fee search (docs/models/dso-fees.md,
 * "Starting points"): bilevel-feasible fees found by evaluating the
 * microgrids' exact response (solveFollowers), so the MILP has a good
 * incumbent — and a proven gap — from its first node.
 *
 *  1. uniform fees on a grid over [min, max] (every pair, every period);
 *  2. from the best of those, one coordinate pass over the periods: each
 *     period's fee (all its pairs or rates alike) tried at every grid value,
 *     an improvement kept at once (periods couple through the batteries, so
 *     the pass is a heuristic, not a decomposition).
 *
 * Every candidate is a follower optimum at its fees: feasible for the bilevel
 * program whenever it meets the network limits, and only those are kept.
 * Deterministic; bounded by an evaluation budget (each evaluation is one
 * exact follower solve, ≈ 0.1–1 s on 4 MGs × 24 h).
 */
import type { LpBackend } from '../lp/backendInterface.ts';
import { solveFollowers } from '../bilevel/blocks.ts';
import { feePayments, type FollowerProblem } from '../bilevel/follower.ts';
import type { DsoGame } from './model.ts';

export interface FeeStart {
  u: Float64Array;
  x: Float64Array;
  y: Float64Array;
  d: Float64Array;
  /** the leader's objective at this response */
  objective: number;
}

export interface StartOptions {
  /** grid values over [min, max] for the uniform and the per-period search */
  gridPoints: number;
  /** follower solves of the per-period pass at most (after the uniform grid) */
  maxEvaluations: number;
  /** the flat fee, always tried */
  flat: number;
}

/** The leader's objective as a linear function of the follower variables at fees u (the optimistic tie-break). */
export function leaderPreference(f: FollowerProblem, u: ArrayLike<number>, networkCost: ReadonlyMap<number, number>): Map<number, number> {
  const prefer = new Map<number, number>();
  for (const t of f.feeTerms) prefer.set(t.v, (prefer.get(t.v) ?? 0) + t.coef * u[t.leader]!);
  for (const [v, c] of networkCost) prefer.set(v, (prefer.get(v) ?? 0) - c);
  return prefer;
}

/**
 * Where a receipt carries no fee the followers are indifferent to it between max(p, 0) and its limit (the
 * cutting-plane LP may return either end, and the KKT LP keeps the active set it found). The optimistic
 * response — the one a bilevel optimum assumes and the DSO prefers when it pays a network cost per kWh
 * received — is r = max(p, 0): still feasible, still optimal (r costs the followers nothing), and its
 * multipliers stay zero, so the KKT point is unchanged but for r.
 */
export function optimisticReceipts(game: DsoGame, fee: (k: number, t: number) => number, x: Float64Array): Float64Array {
  game.pairs.forEach((p, k) => {
    for (let t = 0; t < game.T; t++) {
      if (fee(k, t) !== 0) continue;
      x[p.rab[t]!] = Math.max(0, x[p.pab[t]!]!);
      x[p.rba[t]!] = Math.max(0, x[p.pba[t]!]!);
    }
  });
  return x;
}

function networkCostAt(game: DsoGame, x: ArrayLike<number>): number {
  let c = 0;
  for (const [v, k] of game.networkCost) c += k * x[v]!;
  return c;
}

/** The microgrids' exact response to leader decision u, or null where it has none or breaks the network. */
export function evaluateLeader(game: DsoGame, u: Float64Array, lp: LpBackend): FeeStart | null {
  const r = solveFollowers(game.follower, u, lp, leaderPreference(game.follower, u, game.networkCost));
  if (r.status !== 'optimal') return null;
  const x = optimisticReceipts(game, (k, t) => game.feeOf(u, k, t), Float64Array.from(r.x));
  if (game.network.violations(x).length) return null;
  return { u, x, y: Float64Array.from(r.rowDuals), d: Float64Array.from(r.reducedCosts), objective: feePayments(game.follower, u, x) - networkCostAt(game, x) };
}

/** Leader variables of period t: one per pair ('path', u[k·T + t]) or the period's rate ('distance', u[t]). */
function periodVars(game: DsoGame, t: number): number[] {
  return game.structure === 'path' ? game.pairs.map((_, k) => k * game.T + t) : [t];
}

/** Good bilevel-feasible starts, best last (uniform grid, then one per-period coordinate pass). */
export function heuristicStarts(game: DsoGame, lp: LpBackend, o: StartOptions): FeeStart[] {
  const steps = heuristicStartsSteps(game, lp, o);
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}

/**
 * heuristicStarts as a generator yielding after every follower solve (the fraction of the budget spent), so a
 * job's worker reports progress between solves — 150 of them take minutes on a loaded machine.
 */
export function* heuristicStartsSteps(game: DsoGame, lp: LpBackend, o: StartOptions): Generator<number, FeeStart[], void> {
  const { lb, ub } = game.leader;
  const n = lb.length;
  const lo = Math.min(...lb), hi = Math.max(...ub);
  const grid = [...new Set([...Array.from({ length: o.gridPoints }, (_, k) => lo + ((hi - lo) * k) / Math.max(1, o.gridPoints - 1)), o.flat])].sort((a, b) => a - b);
  const clamp = (l: number, v: number) => Math.min(ub[l]!, Math.max(lb[l]!, v));
  const found: FeeStart[] = [];
  let evaluations = 0, best: FeeStart | null = null;
  const consider = (u: Float64Array) => {
    evaluations++;
    const s = evaluateLeader(game, u, lp);
    if (s && (best === null || s.objective > best.objective + 1e-9)) (best = s), found.push(s);
    return s;
  };
  let cheapest: FeeStart | null = null;
  const budget = grid.length + o.maxEvaluations;
  for (const f of grid) {
    const s = consider(Float64Array.from({ length: n }, (_, l) => clamp(l, f)));
    cheapest ??= s;
    yield evaluations / budget;
  }
  // a period without trade at the cheapest fees and at the best point has nothing to charge (skip it)
  const trades = (s: FeeStart | null, t: number) => s !== null && game.pairs.some((p) => Math.abs(s.x[p.pab[t]!]!) > 1e-6);
  for (let t = 0; t < game.T && best !== null; t++) {
    if (!trades(cheapest, t) && !trades(best, t)) continue;
    const vars = periodVars(game, t);
    for (const f of grid) {
      if (evaluations >= budget) return found;
      const cur: FeeStart = best;
      if (vars.every((l) => cur.u[l] === clamp(l, f))) continue;
      const u = Float64Array.from(cur.u);
      for (const l of vars) u[l] = clamp(l, f);
      consider(u);
      yield evaluations / budget;
    }
  }
  return found;
}
