/**
 * One type of one player mixing between two actions (solver/bayes/mixture.ts
 * finds it), and the interim utilities against it. Only that type mixes,
 * independently of everything else, so every type's interim utility against
 * the mixture is exactly
 *   p · U(·; σ with the type at low) + (1 − p) · U(·; σ with it at high):
 * two interim models of pure profiles, combined linearly — the game's own
 * aggregates (the V2V pool) need no change to evaluate it, and the
 * certificate (deviationGain.ts) builds it the same way.
 */
import { cloneProfile, type BayesianGame, type InterimModel, type StrategyProfile } from './game.ts';
import { interimModel } from './interim.ts';
import type { TypeProfiles } from './typeProfiles.ts';

/** Type `type` of player `player` plays `low` with probability p and `high` with 1 − p. */
export interface Mixture {
  player: number;
  type: number;
  low: number;
  high: number;
  p: number;
}

/** The profile with the mixing type at one of its two actions (the others as in `profile`). */
export function pureAt(profile: readonly Float64Array[], m: Mixture, x: number): StrategyProfile {
  const s = cloneProfile(profile);
  s[m.player]![m.type] = x;
  return s;
}

/** The mean action p·low + (1 − p)·high: what a table of one action per type shows for the mixing type. */
export const meanAction = (m: Mixture) => m.p * m.low + (1 - m.p) * m.high;

/** Interim utilities against the profile with `m`'s type mixing: the p-weighted sum of two pure profiles' models. */
export function mixedInterim(game: BayesianGame, profiles: TypeProfiles, profile: readonly Float64Array[], m: Mixture): InterimModel {
  const lo = interimModel(game, profiles, pureAt(profile, m, m.low));
  const hi = interimModel(game, profiles, pureAt(profile, m, m.high));
  return {
    player(i) {
      const a = lo.player(i);
      const b = hi.player(i);
      return (t, x) => m.p * a(t, x) + (1 - m.p) * b(t, x);
    },
    setStrategy(j, strategy) {
      // the mixing player's row keeps its two actions at the mixing type
      lo.setStrategy(j, j === m.player ? pureAt([strategy], { ...m, player: 0 }, m.low)[0]! : strategy);
      hi.setStrategy(j, j === m.player ? pureAt([strategy], { ...m, player: 0 }, m.high)[0]! : strategy);
    },
  };
}

