/**
 * A finite Bayesian game (Harsanyi 1967–68): each player has finitely many
 * private types with a common prior, an action grid, and a utility
 * u_i(θ, a) of the whole type profile θ and action profile a.
 *
 * A (pure) strategy maps each of a player's types to one action value. The
 * engine works on type indices and action values; labels and units belong to
 * the model that builds the game (k-double auction, EV V2V game, …).
 */
import type { TypeProfiles } from './opponentProfiles.ts';

export interface BayesPlayer {
  id: string;
  /** prior weights of the player's types (normalised by the engine); its length is the number of types */
  prior: readonly number[];
  /** sorted candidate actions; strategies take values on this grid */
  actions: Float64Array;
  /**
   * true when the grid discretises an interval (bids, quantities): the
   * certificate then checks a refined grid; false for a truly finite action set.
   */
  continuous: boolean;
}

/**
 * Type profiles with their probabilities, when the players' types are
 * correlated. Without it the priors are independent (product measure).
 */
export interface JointPrior {
  /** each profile lists one type index per player */
  profiles: readonly (readonly number[])[];
  weights: readonly number[];
}

export interface BayesianGame {
  players: readonly BayesPlayer[];
  jointPrior?: JointPrior;
  /** u_i(θ, a): θ holds a type index per player, a an action value per player */
  payoff(i: number, types: Int32Array, actions: Float64Array): number;
  /**
   * Optional vectorised payoff for the best-response sweep: with the other
   * players' types and actions fixed as given, fills
   * out[t · xs.length + x] = u_i(θ with θ_i = t, a with a_i = xs[x])
   * for every own type t and candidate action xs[x]. Must agree with `payoff`
   * (the certificate uses `payoff` only, so a disagreement shows up there).
   */
  payoffGrid?(i: number, types: Int32Array, actions: Float64Array, xs: Float64Array, out: Float64Array): void;
  /**
   * Optional fast interim expected utilities, for games where the others
   * matter only through aggregates (aggregative games: the V2V pool's supply
   * and demand). Built from the opponent profiles and a strategy profile; it
   * must equal the expectation of `payoff` over `profiles` (tests compare the
   * two) while evaluating a deviation without visiting every other player.
   * Iteration and certificate each build their own.
   */
  interim?(profiles: TypeProfiles, profile: readonly Float64Array[]): InterimModel;
  /**
   * true when every u_i is continuous in the own action (quantities, not
   * auction bids whose payoff jumps at ties): best responses and the
   * certificate then search between grid points too (solver/bayes/refine.ts).
   */
  continuousUtility?: boolean;
}

/** Interim expected utilities against the others' current strategies. */
export interface InterimModel {
  /** E[u_i | θ_i = t] when type t of player i plays x (prepare once per player, then call per type and action) */
  player(i: number): (t: number, x: number) => number;
  /** player j now plays `strategy` (one action per type) */
  setStrategy(j: number, strategy: Float64Array): void;
}

/** One action value per type, for each player. */
export type StrategyProfile = Float64Array[];

export function typeCount(player: BayesPlayer): number {
  return player.prior.length;
}

/** Copy of a profile (strategies are never mutated in place across iterations). */
export function cloneProfile(profile: readonly Float64Array[]): StrategyProfile {
  return profile.map((s) => Float64Array.from(s));
}
