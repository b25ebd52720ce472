/**
 * A best-response cycle, settled or explained by a one-dimensional search
 * over the cycling type's own action.
 *
 * When best responses cycle, one type (the largest swing) usually jumps
 * between two near-equal peaks of its interim utility while the others
 * follow it smoothly. Hold that type's action at x, re-equilibrate every
 * other type around it (Gauss–Seidel, one type at a time, each moved to the
 * exact best action the certificate would find: fine grid plus Brent), and
 * look at the held type's best response BR(x). A pure equilibrium of the game
 * near the cycle is a fixed point BR(x) = x. At the cycle's low end BR(x) > x
 * and at its high end BR(x) < x, so bisection on the sign of BR(x) − x either
 * closes in on a point where the type's gain falls below ε (a candidate the
 * certificate then judges), or on a jump: BR leaps from above x to below it
 * as x crosses a point, with a gain above ε on both sides — the evidence that
 * no pure ε-equilibrium lies along this type's action (the two peaks swap
 * places as the others re-equilibrate; only a mixed strategy over them could
 * balance it: solver/bayes/mixture.ts mixes it across the jump).
 */
import { cloneProfile, type BayesianGame, type InterimModel, type StrategyProfile } from './game.ts';
import { refineGrid } from './grid.ts';
import { interimModel } from './interim.ts';
import { bestOnFineGrid } from './deviationGain.ts';
import type { Maximum } from './refine.ts';
import type { TypeProfiles } from './typeProfiles.ts';

/** The game with one type's action held at x and the others re-equilibrated around it. */
export interface HeldAction {
  /** the held type's action */
  x: number;
  /** its best response against the re-equilibrated others */
  bestResponse: number;
  /** what that best response gains over x */
  gain: number;
  /** the largest gain any other type has left (they stop moving below the tolerance) */
  othersGain: number;
  /** false when the others did not settle within the sweeps allowed */
  othersSettled: boolean;
  strategies: StrategyProfile;
}

export interface CyclingTypeSearch {
  player: number;
  type: number;
  /** a point where the held type's gain is at most ε/2 and the others settled: a candidate for the certificate */
  found: HeldAction | null;
  /** the final bracket, BR above x at `below` and below x at `above` when it is a jump */
  below: HeldAction;
  above: HeldAction;
  /** whether the bracket is a jump of the best response over the type's own action */
  jump: boolean;
  /** re-equilibrations done */
  evaluations: number;
}

export interface CyclingTypeOptions {
  epsilon: number;
  /** the certificate's refinement, so best responses are searched on its fine grid */
  refinement: number;
}

/** Gauss–Seidel sweeps allowed per re-equilibration of the others. */
const SETTLE_SWEEPS = 30;
/** Re-equilibrations allowed per search (bisection halves the cycle's span each time). */
const MAX_EVALUATIONS = 24;
/** The bisection stops at this fraction of the action grid's span. */
const X_TOLERANCE = 1e-5;

/** The exact best action of a type as the certificate would find it (fine grid plus Brent), optionally on a slice [from, to) of the fine grid. */
export type ExactBest = (i: number, f: (x: number) => number, from?: number, to?: number) => Maximum;

export function exactBest(game: BayesianGame, refinement: number): { best: ExactBest; fine: Float64Array[] } {
  const fine = game.players.map((p) => (p.continuous ? refineGrid(p.actions, refinement) : Float64Array.from(p.actions)));
  const search = game.players.map((p) => game.continuousUtility === true && p.continuous && p.actions.length > 1);
  const best: ExactBest = (i, f, from = 0, to = fine[i]!.length) => {
    const xs = fine[i]!.subarray(from, to);
    return bestOnFineGrid(f, xs, Float64Array.from(xs, f), search[i]!);
  };
  return { best, fine };
}

/**
 * Gauss–Seidel re-equilibration of every type but the held one: one type at a
 * time to its exact best response, `sweeps` at most, until no move gains more
 * than ε/8. `everyImprovement` also takes the moves below that (the sweeps
 * still stop on the tolerance): mixture.ts reads an indifference off the
 * others' actions, which a lag below the tolerance would shift. `alsoEachSweep`
 * runs after each sweep and returns its own count of moves above the tolerance.
 */
export function settleOthers(
  model: InterimModel,
  strategies: StrategyProfile,
  held: { player: number; type: number },
  best: ExactBest,
  o: CyclingTypeOptions & { everyImprovement?: boolean; alsoEachSweep?: () => number },
): { othersGain: number; othersSettled: boolean } {
  const tolerance = o.epsilon / 8;
  let othersGain = Infinity;
  let settled = false;
  for (let sweep = 0; sweep < SETTLE_SWEEPS && !settled; sweep++) {
    othersGain = 0;
    let moved = 0;
    strategies.forEach((row, i) => {
      const eu = model.player(i);
      for (let t = 0; t < row.length; t++) {
        if (i === held.player && t === held.type) continue;
        const m = best(i, (a) => eu(t, a));
        const gain = m.value - eu(t, row[t]!);
        othersGain = Math.max(othersGain, gain);
        if (gain <= (o.everyImprovement ? 0 : tolerance)) continue;
        row[t] = m.x;
        model.setStrategy(i, row);
        if (gain > tolerance) moved++;
      }
    });
    moved += o.alsoEachSweep?.() ?? 0;
    settled = moved === 0;
  }
  return { othersGain, othersSettled: settled };
}

/**
 * Holds type `type` of player `player` at x, moves every other type to its
 * exact best response one at a time until none gains more than ε/8, and
 * reports the held type's best response there.
 */
export function holdAndSettle(game: BayesianGame, profiles: TypeProfiles, start: readonly Float64Array[], player: number, type: number, x: number, o: CyclingTypeOptions): HeldAction {
  const strategies = cloneProfile(start);
  strategies[player]![type] = x;
  const model = interimModel(game, profiles, strategies);
  const { best } = exactBest(game, o.refinement);
  const { othersGain, othersSettled } = settleOthers(model, strategies, { player, type }, best, o);
  const eu = model.player(player);
  const m = best(player, (a) => eu(type, a));
  return { x, bestResponse: m.x, gain: Math.max(0, m.value - eu(type, x)), othersGain, othersSettled, strategies };
}

/**
 * Bisection over the held type's action on [low, high] (the interval its
 * action swung over in the cycle), from the profile `start`; yields each
 * re-equilibration, so a job can report progress and be cancelled between them.
 */
export function* searchCyclingType(
  game: BayesianGame,
  profiles: TypeProfiles,
  start: readonly Float64Array[],
  cycle: { player: number; type: number; low: number; high: number },
  o: CyclingTypeOptions,
): Generator<HeldAction, CyclingTypeSearch, void> {
  const { player, type } = cycle;
  const actions = game.players[player]!.actions;
  const xTolerance = X_TOLERANCE * (actions[actions.length - 1]! - actions[0]!);
  let evaluations = 0;
  let from = start;
  function* hold(x: number): Generator<HeldAction, HeldAction, void> {
    evaluations++;
    const h = holdAndSettle(game, profiles, from, player, type, x, o);
    from = h.strategies;
    yield h;
    return h;
  }
  const fits = (h: HeldAction) => h.othersSettled && h.gain <= o.epsilon / 2;
  let below = yield* hold(cycle.low);
  if (fits(below)) return { player, type, found: below, below, above: below, jump: false, evaluations };
  let above = yield* hold(cycle.high);
  if (fits(above)) return { player, type, found: above, below, above, jump: false, evaluations };
  // the cycle's ends must bracket a sign change of BR(x) − x, else bisection has nothing to close in on
  if (!(below.bestResponse > below.x && above.bestResponse < above.x)) return { player, type, found: null, below, above, jump: false, evaluations };
  while (above.x - below.x > xTolerance && evaluations < MAX_EVALUATIONS) {
    const mid = yield* hold((below.x + above.x) / 2);
    if (fits(mid)) return { player, type, found: mid, below, above, jump: false, evaluations };
    if (mid.bestResponse > mid.x) below = mid;
    else above = mid;
  }
  // a jump: the best response stays away from x on both sides of a bracket narrower than the grid's resolution
  const jump = below.bestResponse > above.x && above.bestResponse < below.x;
  return { player, type, found: null, below, above, jump, evaluations };
}
