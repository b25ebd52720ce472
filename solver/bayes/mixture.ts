/**
 * A mixed (behavioural) strategy for one type whose best response jumps over
 * its own action (solver/bayes/cyclingType.ts found the jump): the type plays
 * two actions, `low` with probability p and `high` with 1 − p, and p is chosen
 * so that it is indifferent between them while every other type best-responds
 * to the mixture. A type whose best response is discontinuous mixes across
 * the jump (mixed-strategy Bayesian equilibrium; J. C. Harsanyi, "Games with
 * randomly disturbed payoffs", 1973, on purification). With a finite type
 * prior it is the same as splitting the type's prior mass p : 1 − p into two
 * sub-types that play the two actions.
 *
 * The mixture itself and the interim utilities against it: mixedType.ts.
 */
import { cloneProfile, type BayesianGame, type StrategyProfile } from './game.ts';
import { meanAction, mixedInterim, type Mixture } from './mixedType.ts';
import type { TypeProfiles } from './typeProfiles.ts';
import { exactBest, settleOthers, type HeldAction } from './cyclingType.ts';

/** The others re-equilibrated against a mixture with probability p, and the mixing type's two peaks there. */
export interface MixedPoint {
  mixture: Mixture;
  /** U(low) − U(high) of the mixing type: zero at the indifferent p */
  difference: number;
  /** what the best action the type can find gains over `low` and over `high` */
  gainLow: number;
  gainHigh: number;
  othersGain: number;
  othersSettled: boolean;
  strategies: StrategyProfile;
}

export interface MixtureSearch {
  /** the mixture where both actions are best responses within ε/2 and the others settled; null if none was reached */
  found: MixedPoint | null;
  /**
   * the final bracket in p: the low action better at `a` (difference > 0), the high one at `b`; when
   * no mixture fits, a bracket narrowed to 1e-6 in p or until the evaluations ran out is a jump of the
   * difference itself (typically another type's best response jumping as p crosses it): no mixture of this
   * one type alone fits there
   */
  a: MixedPoint;
  b: MixedPoint;
  evaluations: number;
}

/** Re-equilibrations allowed per search over p. */
const MAX_EVALUATIONS = 24;
/** The search stops when the bracket in p is this narrow. */
const P_TOLERANCE = 1e-6;

/**
 * At probability p: moves every other type to its exact best response
 * against the mixture (fine grid plus Brent, as the certificate searches;
 * cyclingType.ts's re-equilibration), and after each sweep each of the
 * mixing type's two actions to the best action on its own side of their
 * midpoint, until no move gains more than ε/8.
 */
export function settleMixture(game: BayesianGame, profiles: TypeProfiles, start: readonly Float64Array[], m0: Mixture, o: { epsilon: number; refinement: number }): MixedPoint {
  const m = { ...m0 };
  const strategies = cloneProfile(start);
  const model = mixedInterim(game, profiles, strategies, m);
  const { best, fine } = exactBest(game, o.refinement);
  const f = (x: number) => model.player(m.player)(m.type, x);
  // the mixing type's two actions, each to the best on its side of their midpoint (each follows its peak)
  const followPeaks = () => {
    const xs = fine[m.player]!;
    let split = 0;
    while (split < xs.length && xs[split]! <= (m.low + m.high) / 2) split++;
    const lo = best(m.player, f, 0, Math.max(1, split));
    const hi = best(m.player, f, Math.min(split, xs.length - 1));
    let moved = 0;
    for (const [key, b] of [['low', lo], ['high', hi]] as const) {
      const gain = b.value - f(m[key]);
      if (gain <= 0) continue;
      m[key] = b.x;
      if (gain > o.epsilon / 8) moved++;
    }
    model.setStrategy(m.player, strategies[m.player]!);
    return moved;
  };
  // every type goes to its exact best response: the indifference is read off the others' actions
  const { othersGain, othersSettled } = settleOthers(model, strategies, m, best, { ...o, everyImprovement: true, alsoEachSweep: followPeaks });
  const top = best(m.player, f).value;
  const uLow = f(m.low);
  const uHigh = f(m.high);
  strategies[m.player]![m.type] = meanAction(m);
  return { mixture: m, difference: uLow - uHigh, gainLow: Math.max(0, top - uLow), gainHigh: Math.max(0, top - uHigh), othersGain, othersSettled, strategies };
}

/**
 * Searches p ∈ [0, 1] for the mixing type's indifference, starting from the
 * jump found by the cycling-type search: its two actions are the best
 * responses on either side of the jump. At p = 0 (it always plays the high
 * action) the others' answer makes the low one better (difference > 0), at
 * p = 1 the reverse, so the difference changes sign; regula falsi (Illinois)
 * closes on it, re-equilibrating the others at every p.
 */
export function* searchMixture(
  game: BayesianGame,
  profiles: TypeProfiles,
  jump: { player: number; type: number; below: HeldAction; above: HeldAction },
  o: { epsilon: number; refinement: number },
): Generator<MixedPoint, MixtureSearch, void> {
  let evaluations = 0;
  let from: readonly Float64Array[] = jump.below.strategies;
  let low = Math.min(jump.above.bestResponse, jump.below.bestResponse);
  let high = Math.max(jump.above.bestResponse, jump.below.bestResponse);
  const fits = (q: MixedPoint) => q.othersSettled && Math.max(q.gainLow, q.gainHigh) <= o.epsilon / 2;
  function* at(p: number): Generator<MixedPoint, MixedPoint, void> {
    evaluations++;
    const q = settleMixture(game, profiles, from, { player: jump.player, type: jump.type, low, high, p }, o);
    from = q.strategies;
    ({ low, high } = q.mixture);
    yield q;
    return q;
  }
  let a = yield* at(0);
  if (fits(a)) return { found: a, a, b: a, evaluations };
  let b = yield* at(1);
  if (fits(b)) return { found: b, a, b, evaluations };
  if (!(a.difference > 0 && b.difference < 0)) return { found: null, a, b, evaluations };
  let fa = a.difference;
  let fb = b.difference;
  let side = 0;
  while (evaluations < MAX_EVALUATIONS && b.mixture.p - a.mixture.p > P_TOLERANCE) {
    const pa = a.mixture.p;
    const pb = b.mixture.p;
    // regula falsi, kept a tenth of the bracket inside it so a step function of p still halves it geometrically
    const w = pb - pa;
    const p = Math.min(Math.max((pa * fb - pb * fa) / (fb - fa), pa + w / 10), pb - w / 10);
    const q = yield* at(p);
    if (fits(q)) return { found: q, a, b, evaluations };
    if (q.difference > 0) {
      a = q;
      fa = q.difference;
      if (side === -1) fb /= 2;
      side = -1;
    } else {
      b = q;
      fb = q.difference;
      if (side === 1) fa /= 2;
      side = 1;
    }
  }
  return { found: null, a, b, evaluations };
}
