/**
 * Interim expected utilities E[u_i | θ_i = t] of a type playing an action
 * against the others' strategies: the game's own fast model when it has one
 * (`game.interim`), otherwise the straightforward expectation of the scalar
 * payoff over the opponent profiles — the reference the fast models are
 * tested against.
 */
import { cloneProfile, typeCount, type BayesianGame, type InterimModel } from './game.ts';
import type { TypeProfiles } from './typeProfiles.ts';

/** Σ_p P(θ_−i = p | t) · u_i((t, p), (x, σ_−i(p))), one `payoff` call per opponent profile. */
export function scalarInterim(game: BayesianGame, profiles: TypeProfiles, profile: readonly Float64Array[]): InterimModel {
  const strategies = cloneProfile(profile);
  const n = game.players.length;
  const types = new Int32Array(n);
  const actions = new Float64Array(n);
  return {
    player(i) {
      const opp = profiles.forPlayer[i]!;
      const nT = typeCount(game.players[i]!);
      return (t, x) => {
        let eu = 0;
        for (let p = 0; p < opp.count; p++) {
          const w = opp.weights[p * nT + t]!;
          if (w === 0) continue;
          for (let j = 0; j < n; j++) {
            const tj = j === i ? t : opp.types[p * n + j]!;
            types[j] = tj;
            actions[j] = j === i ? x : strategies[j]![tj]!;
          }
          eu += w * game.payoff(i, types, actions);
        }
        return eu;
      };
    },
    setStrategy(j, strategy) {
      strategies[j] = Float64Array.from(strategy);
    },
  };
}

/** The game's fast interim model if it has one, else the scalar one. */
export function interimModel(game: BayesianGame, profiles: TypeProfiles, profile: readonly Float64Array[]): InterimModel {
  return game.interim ? game.interim(profiles, profile) : scalarInterim(game, profiles, profile);
}
