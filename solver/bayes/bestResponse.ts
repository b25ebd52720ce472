/**
 * Iterated best response on expected utilities, with damping: the engine's
 * search for a Bayesian Nash equilibrium. Written as a generator yielding the
 * state after every sweep (Nashpy style), so callers can report progress,
 * record the convergence history and stop between sweeps.
 *
 * The expected-utility table of player i (own type × candidate action) is
 * filled in one pass over the opponents' type profiles: for each profile the
 * others' actions are fixed, and the model's vectorised `payoffGrid` fills a
 * whole type × action block, so profiles are never re-enumerated per action.
 */
import { cloneProfile, typeCount, type BayesianGame, type StrategyProfile } from './game.ts';
import { nearestIndex } from './grid.ts';
import type { TypeProfiles } from './typeProfiles.ts';

export interface BestResponseOptions {
  maxIterations: number;
  /** fraction of the way to the best response moved per sweep, in (0, 1]; 1 = pure best response */
  damping: number;
  /** a type keeps its action while no candidate beats it by more than this (utility units) */
  tolerance: number;
  /** 'sequential' (Gauss–Seidel: each player answers the latest others) or 'simultaneous' (Jacobi) */
  schedule: 'sequential' | 'simultaneous';
}

export const defaultBestResponseOptions: BestResponseOptions = { maxIterations: 500, damping: 1, tolerance: 1e-12, schedule: 'sequential' };

export interface IterationState {
  iteration: number;
  /** largest |new action − old action| over players and types in this sweep */
  maxStrategyChange: number;
  /** largest expected-utility gain of a best response over the current action seen in this sweep */
  maxGain: number;
  /** types whose action changed in this sweep */
  changedTypes: number;
  strategies: StrategyProfile;
}

export interface BestResponseResult {
  strategies: StrategyProfile;
  iterations: number;
  converged: boolean;
  history: { maxGain: number[]; maxStrategyChange: number[] };
}

/**
 * Expected utility E[u_i | θ_i = t] of every own type t and every action on
 * player i's grid, plus that of the type's current action, against the
 * others' strategies in `profile`.
 */
export function expectedUtilityTable(
  game: BayesianGame,
  profiles: TypeProfiles,
  profile: readonly Float64Array[],
  i: number,
): { table: Float64Array; current: Float64Array } {
  const player = game.players[i]!;
  const nT = typeCount(player);
  const xs = player.actions;
  const nX = xs.length;
  const n = game.players.length;
  const opp = profiles.forPlayer[i]!;
  const table = new Float64Array(nT * nX);
  const current = new Float64Array(nT);
  const block = new Float64Array(nT * nX);
  const types = new Int32Array(n);
  const actions = new Float64Array(n);
  const own = profile[i]!;
  // a current action on the grid is read from the table; only off-grid ones need their own payoff calls
  const onGrid = Int32Array.from(own, (x) => {
    const k = nearestIndex(xs, x);
    return xs[k] === x ? k : -1;
  });
  for (let p = 0; p < opp.count; p++) {
    for (let j = 0; j < n; j++) {
      types[j] = opp.types[p * n + j]!;
      actions[j] = j === i ? 0 : profile[j]![types[j]!]!;
    }
    if (game.payoffGrid) game.payoffGrid(i, types, actions, xs, block);
    else
      for (let t = 0; t < nT; t++) {
        types[i] = t;
        for (let x = 0; x < nX; x++) {
          actions[i] = xs[x]!;
          block[t * nX + x] = game.payoff(i, types, actions);
        }
      }
    for (let t = 0; t < nT; t++) {
      const w = opp.weights[p * nT + t]!;
      if (w === 0) continue;
      const row = t * nX;
      for (let x = 0; x < nX; x++) table[row + x]! += w * block[row + x]!;
      if (onGrid[t]! >= 0) continue;
      types[i] = t;
      actions[i] = own[t]!;
      current[t]! += w * game.payoff(i, types, actions);
    }
  }
  for (let t = 0; t < nT; t++) if (onGrid[t]! >= 0) current[t] = table[t * nX + onGrid[t]!]!;
  return { table, current };
}

/**
 * One player's damped best response. A type keeps its action unless some
 * grid action beats it by more than the tolerance (so a fixed point is an
 * equilibrium and ties do not cycle); among near-best actions it takes the
 * one nearest its current action.
 */
function respond(
  game: BayesianGame,
  profiles: TypeProfiles,
  profile: readonly Float64Array[],
  i: number,
  o: BestResponseOptions,
): { next: Float64Array; maxGain: number; maxChange: number; changed: number } {
  const xs = game.players[i]!.actions;
  const nX = xs.length;
  const { table, current } = expectedUtilityTable(game, profiles, profile, i);
  const old = profile[i]!;
  const next = Float64Array.from(old);
  let maxGain = 0;
  let maxChange = 0;
  let changed = 0;
  for (let t = 0; t < old.length; t++) {
    let best = -Infinity;
    for (let x = 0; x < nX; x++) best = Math.max(best, table[t * nX + x]!);
    const gain = best - current[t]!;
    maxGain = Math.max(maxGain, gain);
    if (gain <= o.tolerance) continue;
    let target = -1;
    for (let x = 0; x < nX; x++)
      if (table[t * nX + x]! >= best - o.tolerance && (target < 0 || Math.abs(xs[x]! - old[t]!) < Math.abs(xs[target]! - old[t]!))) target = x;
    next[t] = dampedStep(xs, old[t]!, target, o.damping);
    maxChange = Math.max(maxChange, Math.abs(next[t]! - old[t]!));
    changed++;
  }
  return { next, maxGain, maxChange, changed };
}

/** Moves a fraction of the way to the target grid index, always at least one grid step. */
function dampedStep(xs: Float64Array, from: number, target: number, damping: number): number {
  if (damping >= 1) return xs[target]!;
  const start = nearestIndex(xs, from);
  const step = Math.round(damping * (target - start));
  const moved = step !== 0 ? start + step : start + Math.sign(target - start);
  return xs[moved === start ? target : moved]!;
}

/**
 * Iterated (damped) best response from `start` until a sweep changes no
 * strategy, or `maxIterations` sweeps. Yields after every sweep.
 */
export function* iteratedBestResponse(
  game: BayesianGame,
  profiles: TypeProfiles,
  start: readonly Float64Array[],
  options: Partial<BestResponseOptions> = {},
): Generator<IterationState, BestResponseResult, void> {
  const o = { ...defaultBestResponseOptions, ...options };
  let profile = cloneProfile(start);
  const history = { maxGain: [] as number[], maxStrategyChange: [] as number[] };
  for (let iteration = 1; iteration <= o.maxIterations; iteration++) {
    const base = o.schedule === 'simultaneous' ? cloneProfile(profile) : profile;
    let maxGain = 0;
    let maxStrategyChange = 0;
    let changedTypes = 0;
    for (let i = 0; i < game.players.length; i++) {
      const r = respond(game, profiles, base, i, o);
      profile[i] = r.next;
      maxGain = Math.max(maxGain, r.maxGain);
      maxStrategyChange = Math.max(maxStrategyChange, r.maxChange);
      changedTypes += r.changed;
    }
    history.maxGain.push(maxGain);
    history.maxStrategyChange.push(maxStrategyChange);
    yield { iteration, maxStrategyChange, maxGain, changedTypes, strategies: cloneProfile(profile) };
    if (changedTypes === 0) return { strategies: profile, iterations: iteration, converged: true, history };
  }
  return { strategies: profile, iterations: o.maxIterations, converged: false, history };
}
