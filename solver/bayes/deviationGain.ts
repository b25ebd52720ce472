/**
 * The equilibrium certificate: for every player and every type, the largest
 * gain in expected utility the type could get by deviating to any action on
 * a fine grid, with the others' strategies fixed. A profile is an
 * ε-Bayesian-Nash equilibrium (on that grid) iff the largest gain is ≤ ε.
 *
 * Deliberately a separate code path from the best-response iteration: it
 * calls only the scalar `payoff` (never the vectorised `payoffGrid`), builds
 * its own expectation loops and checks a grid `refinement` times finer than
 * the action grid, so a bug in the iteration's fast path cannot certify itself.
 */
import { typeCount, type BayesianGame } from './game.ts';
import { refineGrid } from './grid.ts';
import type { TypeProfiles } from './typeProfiles.ts';

export interface PlayerDeviation {
  player: string;
  /** largest gain over this player's types */
  maxGain: number;
  /** the type achieving it, and the deviation that does */
  worstType: number;
  bestDeviation: number;
  /** gain of each type (0 for types with zero prior probability) */
  gainByType: number[];
  /** expected utility of each type under the profile */
  expectedUtilityByType: number[];
  fineGridPoints: number;
}

export interface DeviationCertificate {
  maxDeviationGain: number;
  /** fine grid = action grid with `refinement − 1` points inserted between neighbours (1 for finite action sets) */
  refinement: number;
  players: PlayerDeviation[];
}

/** E[u_i | θ_i = t] when type t plays x and the others follow the profile. */
function typeExpectedUtility(
  game: BayesianGame,
  profiles: TypeProfiles,
  profile: readonly Float64Array[],
  i: number,
  t: number,
  x: number,
  types: Int32Array,
  actions: Float64Array,
): number {
  const n = game.players.length;
  const opp = profiles.forPlayer[i]!;
  const nT = typeCount(game.players[i]!);
  let eu = 0;
  for (let p = 0; p < opp.count; p++) {
    const w = opp.weights[p * nT + t]!;
    if (w === 0) continue;
    for (let j = 0; j < n; j++) {
      const tj = j === i ? t : opp.types[p * n + j]!;
      types[j] = tj;
      actions[j] = j === i ? x : profile[j]![tj]!;
    }
    eu += w * game.payoff(i, types, actions);
  }
  return eu;
}

/**
 * The certificate computed player by player, yielding the player's index
 * after each one so a job can report progress and be cancelled in between.
 */
export function* deviationGainSteps(
  game: BayesianGame,
  profiles: TypeProfiles,
  profile: readonly Float64Array[],
  refinement = 4,
): Generator<number, DeviationCertificate, void> {
  const n = game.players.length;
  const types = new Int32Array(n);
  const actions = new Float64Array(n);
  const players: PlayerDeviation[] = [];
  for (let i = 0; i < n; i++) {
    players.push(playerDeviation(game, profiles, profile, refinement, i, types, actions));
    yield i;
  }
  return {
    maxDeviationGain: Math.max(...players.map((p) => p.maxGain)),
    refinement: game.players.some((p) => p.continuous) ? refinement : 1,
    players,
  };
}

export function maxDeviationGain(
  game: BayesianGame,
  profiles: TypeProfiles,
  profile: readonly Float64Array[],
  refinement = 4,
): DeviationCertificate {
  const steps = deviationGainSteps(game, profiles, profile, refinement);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

function playerDeviation(
  game: BayesianGame,
  profiles: TypeProfiles,
  profile: readonly Float64Array[],
  refinement: number,
  i: number,
  types: Int32Array,
  actions: Float64Array,
): PlayerDeviation {
  const player = game.players[i]!;
  const fine = player.continuous ? refineGrid(player.actions, refinement) : Float64Array.from(player.actions);
  const nT = typeCount(player);
  const gainByType: number[] = [];
  const expectedUtilityByType: number[] = [];
  let maxGain = -Infinity;
  let worstType = 0;
  let bestDeviation = profile[i]![0]!;
  const occurs = new Uint8Array(nT);
  profiles.forPlayer[i]!.weights.forEach((w, k) => (occurs[k % nT] ||= w > 0 ? 1 : 0));
  for (let t = 0; t < nT; t++) {
    const own = typeExpectedUtility(game, profiles, profile, i, t, profile[i]![t]!, types, actions);
    expectedUtilityByType.push(own);
    let gain = 0;
    let dev = profile[i]![t]!;
    if (occurs[t])
      for (const x of fine) {
        const g = typeExpectedUtility(game, profiles, profile, i, t, x, types, actions) - own;
        if (g > gain) {
          gain = g;
          dev = x;
        }
      }
    gainByType.push(gain);
    if (gain > maxGain) {
      maxGain = gain;
      worstType = t;
      bestDeviation = dev;
    }
  }
  return { player: player.id, maxGain, worstType, bestDeviation, gainByType, expectedUtilityByType, fineGridPoints: fine.length };
}
