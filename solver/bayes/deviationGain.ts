/**
 * The equilibrium certificate: for every player and every type, the largest
 * gain in expected utility the type could get by deviating to any action on
 * a fine grid, with the others' strategies fixed. A profile is an
 * ε-Bayesian-Nash equilibrium (on that grid) iff the largest gain is ≤ ε.
 *
 * Deliberately a separate code path from the best-response iteration: it
 * never uses the vectorised `payoffGrid` nor the iteration's tables or
 * interim model; it builds its own interim model from the final profile (the
 * game's aggregates when it has them — tested equal to the scalar payoff's
 * expectation — else the scalar payoff itself) and checks a grid
 * `refinement` times finer than the action grid. When the utility is
 * continuous in the own action it also searches between the fine grid points
 * around each type's best ones (Brent's method), so the gain it reports is
 * the largest it can find anywhere in the interval, not only on the grid.
 */
import { typeCount, type BayesianGame } from './game.ts';
import { refineGrid } from './grid.ts';
import { interimModel } from './interim.ts';
import { localMaxima, refineAround, type Maximum } from './refine.ts';
import type { TypeProfiles } from './typeProfiles.ts';
import { mixedInterim, type Mixture } from './mixedType.ts';

/** Fine-grid local maxima refined per type by the continuous search (the best few; plateaus count once). */
const REFINED_PEAKS = 4;

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
  /** true when the gains include a continuous search between fine grid points */
  localSearch: boolean;
  /** which deviations were checked, in words (for the certificate's statement) */
  scope: string;
  players: PlayerDeviation[];
}

/**
 * The certificate computed player by player, yielding the player's index
 * after each one so a job can report progress and be cancelled in between.
 * With a `mixture` (solver/bayes/mixture.ts) the others' expected play is the
 * mixture (its model is the p-weighted sum of the two pure profiles' models),
 * and the mixing type must gain at most the reported gain from each of its
 * two actions.
 */
export function* deviationGainSteps(
  game: BayesianGame,
  profiles: TypeProfiles,
  profile: readonly Float64Array[],
  refinement = 4,
  mixture: Mixture | null = null,
): Generator<number, DeviationCertificate, void> {
  const n = game.players.length;
  const model = mixture ? mixedInterim(game, profiles, profile, mixture) : interimModel(game, profiles, profile);
  const players: PlayerDeviation[] = [];
  for (let i = 0; i < n; i++) {
    players.push(playerDeviation(game, profiles, profile, refinement, i, model.player(i), mixture?.player === i ? mixture : null));
    yield i;
  }
  const fine = game.players.some((p) => p.continuous) ? refinement : 1;
  const localSearch = game.continuousUtility === true && game.players.some((p) => p.continuous && p.actions.length > 1);
  return {
    maxDeviationGain: Math.max(...players.map((p) => p.maxGain)),
    refinement: fine,
    localSearch,
    scope: `any action on a grid ${fine}× finer than the action grid${localSearch ? ', and between its points by a local search (Brent) around each type’s best ones' : ''}`,
    players,
  };
}

export function maxDeviationGain(
  game: BayesianGame,
  profiles: TypeProfiles,
  profile: readonly Float64Array[],
  refinement = 4,
  mixture: Mixture | null = null,
): DeviationCertificate {
  const steps = deviationGainSteps(game, profiles, profile, refinement, mixture);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The best action the certificate finds for one type: the best point of the
 * fine grid (`values` holds f there) and, with `search`, Brent's search
 * between fine-grid points around its best few local maxima. Also the exact
 * best response of solver/bayes/cyclingType.ts, so a profile it settles is
 * judged by the same search.
 */
export function bestOnFineGrid(f: (x: number) => number, fine: Float64Array, values: ArrayLike<number>, search: boolean): Maximum {
  let best: Maximum = { x: fine[0]!, value: -Infinity };
  for (let k = 0; k < fine.length; k++) if (values[k]! > best.value) best = { x: fine[k]!, value: values[k]! };
  if (search)
    for (const k of localMaxima(values, REFINED_PEAKS)) {
      const m = refineAround(f, fine, k, values[k]!, 1e-11);
      if (m.value > best.value) best = m;
    }
  return best;
}

function playerDeviation(
  game: BayesianGame,
  profiles: TypeProfiles,
  profile: readonly Float64Array[],
  refinement: number,
  i: number,
  eu: (t: number, x: number) => number,
  mixture: Mixture | null,
): PlayerDeviation {
  const player = game.players[i]!;
  const fine = player.continuous ? refineGrid(player.actions, refinement) : Float64Array.from(player.actions);
  const search = game.continuousUtility === true && player.continuous && fine.length > 1;
  const nT = typeCount(player);
  const gainByType: number[] = [];
  const expectedUtilityByType: number[] = [];
  let maxGain = -Infinity;
  let worstType = 0;
  let bestDeviation = profile[i]![0]!;
  const occurs = new Uint8Array(nT);
  profiles.forPlayer[i]!.weights.forEach((w, k) => (occurs[k % nT] ||= w > 0 ? 1 : 0));
  // action-major, so a model may share work across types (the V2V aggregates do)
  const table = new Float64Array(nT * fine.length);
  fine.forEach((x, k) => {
    for (let t = 0; t < nT; t++) if (occurs[t]) table[t * fine.length + k] = eu(t, x);
  });
  for (let t = 0; t < nT; t++) {
    // a mixing type is judged by the worse of its two actions; its expected utility is the mixture's
    const mixes = mixture?.type === t;
    const own = mixes ? Math.min(eu(t, mixture.low), eu(t, mixture.high)) : eu(t, profile[i]![t]!);
    expectedUtilityByType.push(mixes ? mixture.p * eu(t, mixture.low) + (1 - mixture.p) * eu(t, mixture.high) : own);
    let gain = 0;
    let dev = profile[i]![t]!;
    if (occurs[t]) {
      const m = bestOnFineGrid((x) => eu(t, x), fine, table.subarray(t * fine.length, (t + 1) * fine.length), search);
      if (m.value - own > gain) {
        gain = m.value - own;
        dev = m.x;
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
