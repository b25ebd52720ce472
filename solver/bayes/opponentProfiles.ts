/**
 * What typeProfiles.ts hands the solvers: the opponents' type profiles with
 * their weights. Plain types in a module of their own, so that game.ts (whose
 * games may read them) and typeProfiles.ts (which builds them from a game)
 * do not import each other.
 */
export type ExpectationMethod = 'exact' | 'sample';

/** Player i's view: profiles of the others' types with their probability given each own type. */
export interface OpponentProfiles {
  count: number;
  /** count × nPlayers type indices; player i's own slot is 0 and is overwritten by the caller */
  types: Int32Array;
  /** count × nTypes_i: P(θ_−i = profile p | θ_i = t), row p, column t */
  weights: Float64Array;
}

export interface TypeProfiles {
  method: ExpectationMethod;
  /** number of sampled profiles (method 'sample'); null for exact enumeration */
  sampleSize: number | null;
  seed: number | null;
  forPlayer: OpponentProfiles[];
  /**
   * method 'sample': the draws themselves, whole profiles (sampleSize × nPlayers).
   * forPlayer[i] is these with player i's slot zeroed, weight 1/sampleSize —
   * so a model may keep one aggregate per draw for all players (v2vAggregates.ts).
   */
  draws?: Int32Array;
}
