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
 * Games with a fast interim model (`game.interim`, e.g. aggregates of the
 * others' flows) fill the table from it instead, and keep it up to date as
 * players move; games whose utility is continuous in the own action refine
 * each best grid action by a one-dimensional search (Brent) between its neighbours.
 */
import { cloneProfile, typeCount, type BayesianGame, type InterimModel, type StrategyProfile } from './game.ts';
import { nearestIndex } from './grid.ts';
import { scalarInterim } from './interim.ts';
import { refineAround } from './refine.ts';
import type { TypeProfiles } from './typeProfiles.ts';

export interface BestResponseOptions {
  maxIterations: number;
  /** fraction of the way to the best response moved per sweep, in (0, 1]; 1 = pure best response */
  damping: number;
  /** a type keeps its action while no candidate beats it by more than this (utility units) */
  tolerance: number;
  /** 'sequential' (Gauss–Seidel: each player answers the latest others) or 'simultaneous' (Jacobi) */
  schedule: 'sequential' | 'simultaneous';
  /**
   * stop after this many sweeps without a new smallest `maxGain` and return the profile that
   * sweep started from (`stalled: true`); for games whose best responses cycle between two
   * near-equal peaks, where no sweep ever changes nothing. Absent: run to maxIterations.
   */
  patience?: number;
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
  /** stopped by `patience`: `strategies` is the start of the sweep with the smallest maxGain */
  stalled: boolean;
  history: { maxGain: number[]; maxStrategyChange: number[] };
  /** when stalled: the types whose best responses kept reversing since the best sweep (the cycle found), largest swing first */
  cycle: CycleEvidence[];
  /**
   * when stalled: the mean of the profiles since the best sweep (the Cesàro average of the cycle, as
   * fictitious play averages its best responses); a kink-riding cycle's average sits near the kink
   */
  average: StrategyProfile | null;
}

/** The mean of a window of profiles, type by type. */
export function meanProfile(window: readonly StrategyProfile[]): StrategyProfile {
  const mean = window[0]!.map((row) => new Float64Array(row.length));
  for (const p of window) p.forEach((row, i) => row.forEach((x, t) => (mean[i]![t]! += x / window.length)));
  return mean;
}

/** One type caught in a best-response cycle: its action went back and forth between `low` and `high`. */
export interface CycleEvidence {
  player: number;
  type: number;
  low: number;
  high: number;
  /** direction reversals of its action in the sweeps examined */
  reversals: number;
}

/** Types cycling in a window of profiles (one per sweep): at least two reversals of direction, largest swing first, at most `limit`. */
export function cycleEvidence(window: readonly StrategyProfile[], limit = 5): CycleEvidence[] {
  const out: CycleEvidence[] = [];
  const first = window[0];
  if (!first) return out;
  first.forEach((row, i) =>
    row.forEach((_, t) => {
      let reversals = 0, last = 0, low = Infinity, high = -Infinity;
      for (let k = 1; k < window.length; k++) {
        const step = window[k]![i]![t]! - window[k - 1]![i]![t]!;
        if (step === 0) continue;
        if (step * last < 0) reversals++;
        last = step;
        low = Math.min(low, window[k]![i]![t]!, window[k - 1]![i]![t]!);
        high = Math.max(high, window[k]![i]![t]!, window[k - 1]![i]![t]!);
      }
      if (reversals >= 2) out.push({ player: i, type: t, low, high, reversals });
    }),
  );
  return out.sort((a, b) => b.high - b.low - (a.high - a.low)).slice(0, limit);
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

/** x tolerance of the best responses' search between grid points, relative to the grid's span (the certificate searches finer) */
const REFINE_TOLERANCE = 1e-8;

/** The same table from an interim model: one evaluation per own type and grid action (action-major, so a model may share work across types). */
function interimTable(eu: (t: number, x: number) => number, xs: Float64Array, own: Float64Array): { table: Float64Array; current: Float64Array } {
  const nT = own.length;
  const nX = xs.length;
  const table = new Float64Array(nT * nX);
  for (let x = 0; x < nX; x++) for (let t = 0; t < nT; t++) table[t * nX + x] = eu(t, xs[x]!);
  return { table, current: Float64Array.from(own, (a, t) => eu(t, a)) };
}

/**
 * One player's damped best response. A type keeps its action unless some
 * candidate beats it by more than the tolerance (so a fixed point is an
 * equilibrium and ties do not cycle); among near-best grid actions it takes
 * the one nearest its current action. With a continuous utility the best
 * grid action is refined between its neighbours and the result may lie off
 * the grid.
 */
function respond(
  game: BayesianGame,
  profiles: TypeProfiles,
  profile: readonly Float64Array[],
  model: InterimModel | null,
  i: number,
  o: BestResponseOptions,
  steps: ContinuousSteps,
): { next: Float64Array; maxGain: number; maxChange: number; changed: number } {
  const player = game.players[i]!;
  const xs = player.actions;
  const nX = xs.length;
  const old = profile[i]!;
  const refine = game.continuousUtility === true && player.continuous && nX > 1;
  const eu = model ? model.player(i) : refine ? scalarInterim(game, profiles, profile).player(i) : null;
  const { table, current } = model ? interimTable(eu!, xs, old) : expectedUtilityTable(game, profiles, profile, i);
  const next = Float64Array.from(old);
  let maxGain = 0;
  let maxChange = 0;
  let changed = 0;
  for (let t = 0; t < old.length; t++) {
    let best = -Infinity;
    let bestAt = 0;
    for (let x = 0; x < nX; x++)
      if (table[t * nX + x]! > best) {
        best = table[t * nX + x]!;
        bestAt = x;
      }
    let target: number;
    if (refine) {
      const found = refineAround((x) => eu!(t, x), xs, bestAt, best, REFINE_TOLERANCE);
      best = found.value;
      target = found.x;
    } else {
      let k = -1;
      for (let x = 0; x < nX; x++)
        if (table[t * nX + x]! >= best - o.tolerance && (k < 0 || Math.abs(xs[x]! - old[t]!) < Math.abs(xs[k]! - old[t]!))) k = x;
      target = xs[k]!;
    }
    const gain = best - current[t]!;
    maxGain = Math.max(maxGain, gain);
    if (gain <= o.tolerance) continue;
    next[t] = refine ? steps.move(i, t, old[t]!, target, (x) => eu!(t, x) > current[t]!) : dampedStep(xs, old[t]!, nearestIndex(xs, target), o.damping);
    maxChange = Math.max(maxChange, Math.abs(next[t]! - old[t]!));
    changed++;
  }
  return { next, maxGain, maxChange, changed };
}

/**
 * Damped moves off the grid. Each type moves the fraction `damping` of the
 * way to its best response; when a move reverses the type's previous one its
 * fraction halves. Best responses that sit on a kink of the utility (a V2V
 * seller whose extra kWh would tip its periods from short to long supply)
 * move one for one with the others' and can cycle under Gauss–Seidel; the
 * halving turns the cycle into a contraction. A damped move that would not
 * improve on the current action (a valley between two local maxima) goes all
 * the way instead.
 */
class ContinuousSteps {
  private readonly fraction: Float64Array[];
  private readonly last: Float64Array[];
  constructor(
    profile: readonly Float64Array[],
    private readonly damping: number,
  ) {
    this.fraction = profile.map((s) => new Float64Array(s.length).fill(damping));
    this.last = profile.map((s) => new Float64Array(s.length));
  }
  /** `improves(x)`: whether x beats the current action (a damped move must not land in a valley between two peaks) */
  move(i: number, t: number, from: number, target: number, improves: (x: number) => boolean): number {
    const f = this.fraction[i]!;
    const last = this.last[i]!;
    const direction = (target - from) * last[t]!;
    if (direction < 0) f[t]! *= 0.5;
    else if (direction > 0) f[t] = Math.min(this.damping, f[t]! * 1.5);
    let to = from + f[t]! * (target - from);
    if (to !== target && !improves(to)) to = target;
    last[t] = to - from;
    return to;
  }
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
 * strategy, or `maxIterations` sweeps, or (with `patience`) it stalls.
 * Yields after every sweep.
 */
export function* iteratedBestResponse(
  game: BayesianGame,
  profiles: TypeProfiles,
  start: readonly Float64Array[],
  options: Partial<BestResponseOptions> = {},
): Generator<IterationState, BestResponseResult, void> {
  const o = { ...defaultBestResponseOptions, ...options };
  let profile = cloneProfile(start);
  const steps = new ContinuousSteps(profile, o.damping);
  const history = { maxGain: [] as number[], maxStrategyChange: [] as number[] };
  let best = { maxGain: Infinity, iteration: 0, strategies: profile };
  // the profiles since the best sweep, for the cycle evidence when the iteration stalls
  let window: StrategyProfile[] = [cloneProfile(profile)];
  for (let iteration = 1; iteration <= o.maxIterations; iteration++) {
    const startOfSweep = o.patience === undefined ? profile : cloneProfile(profile);
    const sequential = o.schedule !== 'simultaneous';
    const base = sequential ? profile : cloneProfile(profile);
    // rebuilt every sweep (cheap next to the sweep) so incremental updates cannot drift
    const model = game.interim ? game.interim(profiles, base) : null;
    let maxGain = 0;
    let maxStrategyChange = 0;
    let changedTypes = 0;
    for (let i = 0; i < game.players.length; i++) {
      const r = respond(game, profiles, base, model, i, o, steps);
      profile[i] = r.next;
      if (sequential && r.changed > 0) model?.setStrategy(i, r.next);
      maxGain = Math.max(maxGain, r.maxGain);
      maxStrategyChange = Math.max(maxStrategyChange, r.maxChange);
      changedTypes += r.changed;
    }
    history.maxGain.push(maxGain);
    history.maxStrategyChange.push(maxStrategyChange);
    yield { iteration, maxStrategyChange, maxGain, changedTypes, strategies: cloneProfile(profile) };
    if (changedTypes === 0) return { strategies: profile, iterations: iteration, converged: true, stalled: false, history, cycle: [], average: null };
    if (o.patience !== undefined) window.push(cloneProfile(profile));
    if (maxGain < best.maxGain) {
      best = { maxGain, iteration, strategies: startOfSweep };
      window = [cloneProfile(startOfSweep), cloneProfile(profile)];
    } else if (o.patience !== undefined && iteration - best.iteration >= o.patience)
      return { strategies: best.strategies, iterations: iteration, converged: false, stalled: true, history, cycle: cycleEvidence(window), average: meanProfile(window) };
  }
  return { strategies: profile, iterations: o.maxIterations, converged: false, stalled: false, history, cycle: [], average: null };
}
