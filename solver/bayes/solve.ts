/**
 * Drives the engine for a job: runs the best-response generator while
 * reporting progress, then certifies the answer with the independent
 * deviation check and states the claim. Shared by every Bayesian job kind.
 */
import type { BayesCertificate, JobProgress, WarmStartUse } from '../contract.ts';
import type { BayesianGame, StrategyProfile } from './game.ts';
import { iteratedBestResponse, type BestResponseOptions, type BestResponseResult } from './bestResponse.ts';
import { deviationGainSteps, type DeviationCertificate } from './deviationGain.ts';
import type { TypeProfiles } from './typeProfiles.ts';
import { snapToGrid } from './grid.ts';
import { searchCyclingType, type CyclingTypeSearch, type HeldAction } from './cyclingType.ts';
import { formatEpsilon } from './epsilon.ts';
import { searchMixture, type MixedPoint } from './mixture.ts';
import type { Mixture } from './mixedType.ts';
import { atMost } from '../jobs/certification.ts';

export interface SolveOptions extends BestResponseOptions {
  epsilon: number;
  certificateRefinement: number;
}

export interface SolvedGame {
  strategies: StrategyProfile;
  iteration: BestResponseResult;
  deviation: DeviationCertificate;
  certificate: BayesCertificate;
  /**
   * the one type that mixes between two actions, when no pure ε-equilibrium lies along its action
   * (solver/bayes/mixture.ts); `strategies` then holds its mean action there
   */
  mixture: Mixture | null;
}

export { formatEpsilon } from './epsilon.ts';

/**
 * The profile to start the best-response iteration from: `warm` (a
 * neighbouring what-if point's equilibrium, `{strategies}` per player per
 * type) snapped onto this game's action grids when it has one action per type
 * of every player; otherwise `cold`, with the reason. Where the iteration
 * starts may select which equilibrium it finds when there are several; the
 * certificate checks whichever it is.
 */
export function startingProfile(game: BayesianGame, cold: StrategyProfile, warm: unknown): { start: StrategyProfile; use: WarmStartUse } {
  const strategies = (warm as { strategies?: unknown } | null)?.strategies;
  const fits =
    Array.isArray(strategies) &&
    strategies.length === game.players.length &&
    game.players.every((p, i) => {
      const row: unknown = strategies[i];
      return Array.isArray(row) && row.length === p.prior.length && row.every((x) => typeof x === 'number' && Number.isFinite(x));
    });
  if (!fits) return { start: cold, use: { used: false, note: `the warm start has no action for every type of the ${game.players.length} players` } };
  const start = game.players.map((p, i) => Float64Array.from(strategies[i] as number[], (x) => snapToGrid(p.actions, x)));
  return { start, use: { used: true, note: 'best response started from the given strategy profile (on this game’s action grids)' } };
}

/** Drives the best-response generator, reporting each sweep as progress within [from, to] of the job. */
function* iterate(
  game: BayesianGame,
  profiles: TypeProfiles,
  start: StrategyProfile,
  options: BestResponseOptions,
  phase: string,
  [from, to]: [number, number],
): Generator<JobProgress, BestResponseResult, void> {
  const iterate = iteratedBestResponse(game, profiles, start, options);
  let step = iterate.next();
  while (!step.done) {
    const s = step.value;
    yield {
      fraction: from + (to - from) * Math.min(1, s.iteration / options.maxIterations),
      stage: `${phase}, sweep ${s.iteration}`,
      metrics: { iteration: s.iteration, maxGain: s.maxGain, maxStrategyChange: s.maxStrategyChange, changedTypes: s.changedTypes },
    };
    step = iterate.next();
  }
  return step.value;
}

/** The independent certificate of a profile, player by player, as progress within [from, to]. */
function* certify(game: BayesianGame, profiles: TypeProfiles, strategies: StrategyProfile, refinement: number, [from, to]: [number, number], mixture: Mixture | null = null): Generator<JobProgress, DeviationCertificate, void> {
  const n = game.players.length;
  const steps = deviationGainSteps(game, profiles, strategies, refinement, mixture);
  let step = steps.next();
  while (!step.done) {
    yield { fraction: from + ((to - from) * (step.value + 1)) / n, stage: `certificate: ${game.players[step.value]!.id} checked on the fine grid (${step.value + 1}/${n})` };
    step = steps.next();
  }
  return step.value;
}

/**
 * Solves and certifies. Phase 1 is the iteration as the options ask (damped
 * moves, patience). When its answer fails the certificate, phase 2 polishes
 * it: undamped best responses of every type that gains more than ε/4, so
 * types no longer creep by halved steps while the others drift below the
 * tolerance (damping fractions halved on every reversal can shrink until a
 * type with a real gain barely moves); it stops, like phase 1, when a sweep
 * changes nothing or after `patience` sweeps without progress. The better
 * certified profile of the two is the answer. If it still fails, the
 * certificate says so with the evidence: the types whose best responses kept
 * reversing (the cycle), or that the sweeps ran out.
 */
export function* solveBayesianGame(
  game: BayesianGame,
  profiles: TypeProfiles,
  start: StrategyProfile,
  options: SolveOptions,
): Generator<JobProgress, SolvedGame, void> {
  let iteration = yield* iterate(game, profiles, start, options, 'best response', [0, 0.6]);
  let deviation = yield* certify(game, profiles, iteration.strategies, options.certificateRefinement, [0.6, 0.7]);
  let polished = false;
  let averaged = false;
  let last = iteration;
  let sweeps = iteration.iterations;
  const history = { maxGain: [...iteration.history.maxGain], maxStrategyChange: [...iteration.history.maxStrategyChange] };
  const polish = { ...options, damping: 1, tolerance: options.epsilon > 0 ? options.epsilon / 4 : options.tolerance, patience: options.patience ?? POLISH_PATIENCE };
  const span = (k: number, part: number): [number, number] => [0.7 + (0.3 * (k + part / 3)) / FALLBACK_ROUNDS, 0.7 + (0.3 * (k + (part + 1) / 3)) / FALLBACK_ROUNDS];
  for (let round = 0; round < FALLBACK_ROUNDS && deviation.maxDeviationGain > options.epsilon && !iteration.converged; round++) {
    // a cycle's average (fictitious play's answer to a best-response cycle): a kink-riding cycle's mean sits near the kink
    if (last.average) {
      const mean = last.average.map((row, i) => (game.players[i]!.continuous ? row : Float64Array.from(row, (x) => snapToGrid(game.players[i]!.actions, x))));
      const checked = yield* certify(game, profiles, mean, options.certificateRefinement, span(round, 0));
      if (checked.maxDeviationGain < deviation.maxDeviationGain) {
        iteration = { ...iteration, strategies: mean };
        deviation = checked;
        averaged = true;
        if (checked.maxDeviationGain <= options.epsilon) break;
      }
    }
    // polishing: undamped best responses of the types that gain more than ε/4, from the best profile so far
    last = yield* iterate(game, profiles, iteration.strategies, polish, `polishing (undamped best responses), round ${round + 1}`, span(round, 1));
    polished = true;
    sweeps += last.iterations;
    history.maxGain.push(...last.history.maxGain);
    history.maxStrategyChange.push(...last.history.maxStrategyChange);
    const checked = yield* certify(game, profiles, last.strategies, options.certificateRefinement, span(round, 2));
    if (checked.maxDeviationGain <= deviation.maxDeviationGain) {
      iteration = last;
      deviation = checked;
    }
    if (last.converged) break;
  }
  iteration = { ...iteration, iterations: sweeps, history, cycle: last.cycle.length > 0 ? last.cycle : iteration.cycle };
  // still a cycle: hold its largest swing's type and search its action with the others re-equilibrated (cyclingType.ts)
  let search: CyclingTypeSearch | null = null;
  const cycling = iteration.cycle[0];
  // only where the grid discretises an interval: a finite action set has no actions between its points to hold
  if (deviation.maxDeviationGain > options.epsilon && cycling && game.players[cycling.player]!.continuous) {
    const id = `${game.players[cycling.player]!.id} type #${cycling.type}`;
    const steps = searchCyclingType(game, profiles, iteration.strategies, cycling, { epsilon: options.epsilon, refinement: options.certificateRefinement });
    let step = steps.next();
    while (!step.done) {
      yield { fraction: 0.99, stage: `cycle: ${id} held at ${Number(step.value.x.toPrecision(6))}, the others re-equilibrated (best response ${Number(step.value.bestResponse.toPrecision(6))})` };
      step = steps.next();
    }
    search = step.value;
    if (search.found) {
      const checked = yield* certify(game, profiles, search.found.strategies, options.certificateRefinement, [0.99, 1]);
      if (checked.maxDeviationGain < deviation.maxDeviationGain) {
        iteration = { ...iteration, strategies: search.found.strategies };
        deviation = checked;
      }
    }
  }
  // the held type's best response jumps over its own action: it mixes across the jump, with p making it indifferent
  let mixture: Mixture | null = null;
  let mixtureTried: NonNullable<BayesCertificate['mixtureTried']> | null = null;
  // only for utilities continuous in the own action (quantities), whose jobs report outcomes under the mixture
  // (solver/ev/evBayesianJob.ts); an auction's bids tie and its outcome tables read one bid per type
  if (deviation.maxDeviationGain > options.epsilon && search?.jump && game.continuousUtility === true) {
    const id = `${game.players[search.player]!.id} type #${search.type}`;
    const steps = searchMixture(game, profiles, search, { epsilon: options.epsilon, refinement: options.certificateRefinement });
    let step = steps.next();
    while (!step.done) {
      const m = step.value.mixture;
      yield { fraction: 0.99, stage: `jump: ${id} mixing ${Number(m.low.toPrecision(6))} and ${Number(m.high.toPrecision(6))} with p = ${Number(m.p.toPrecision(4))}, the others re-equilibrated` };
      step = steps.next();
    }
    const tried = step.value;
    const side = (q: MixedPoint) => ({ p: q.mixture.p, low: q.mixture.low, high: q.mixture.high, difference: q.difference, gain: Math.max(q.gainLow, q.gainHigh) });
    mixtureTried = { player: game.players[search.player]!.id, type: search.type, evaluations: tried.evaluations, a: side(tried.a), b: side(tried.b) };
    if (tried.found) {
      // judged independently: the certificate's own interim model of the mixture, every type on the fine grid
      const checked = yield* certify(game, profiles, tried.found.strategies, options.certificateRefinement, [0.99, 1], tried.found.mixture);
      if (checked.maxDeviationGain <= options.epsilon) {
        iteration = { ...iteration, strategies: tried.found.strategies };
        deviation = checked;
        mixture = tried.found.mixture;
      }
    }
  }
  const gain = deviation.maxDeviationGain;
  const expectation = profiles.method === 'exact' ? 'exact enumeration of type profiles' : `a fixed common-random-number sample of ${profiles.sampleSize} type profiles (seed ${profiles.seed})`;
  const ok = gain <= options.epsilon;
  const cycle = ok ? [] : iteration.cycle.map((c) => ({ player: game.players[c.player]!.id, type: c.type, low: c.low, high: c.high, reversals: c.reversals }));
  const jump = !ok && search?.jump ? heldSearch(game, search) : null;
  const why = ok ? '' : cycle.length > 0
    ? `; no pure equilibrium found: best responses cycle (${cycle.map((c) => `${c.player} type #${c.type} between ${Number(c.low.toPrecision(6))} and ${Number(c.high.toPrecision(6))}, ${c.reversals} reversals`).join('; ')})${jump ? jumpEvidence(jump, options.epsilon) : ''}${mixtureTried ? mixtureEvidence(mixtureTried) : ''}`
    : iteration.converged ? '; the iteration settled on the action grid but the certificate found a better action off it'
    : `; best response did not settle in ${iteration.iterations} sweeps (lower the damping, raise maxIterations, or start from another profile)`;
  const certificate: BayesCertificate = {
    maxDeviationGain: gain,
    epsilon: options.epsilon,
    isEpsilonEquilibrium: ok,
    statement: ok
      ? `an ε-Bayesian-Nash equilibrium with ε = ${formatEpsilon(options.epsilon)}${mixture ? ` in which ${mixedWords(game, mixture)}` : ''}: no type of any player gains more than ${gain.toExponential(2)} by deviating to ${deviation.scope}${mixture ? ' (the mixing type from either of its actions, the others against the mixture)' : ''} (expected utilities by ${expectation})`
      : `NOT an ε-equilibrium for ε = ${formatEpsilon(options.epsilon)}: ${worst(deviation)}${why} (expected utilities by ${expectation})`,
    method: profiles.method,
    typeProfiles: Math.max(...profiles.forPlayer.map((p) => p.count)),
    sampleSize: profiles.sampleSize,
    refinement: deviation.refinement,
    byPlayer: deviation.players.map(({ player, maxGain, worstType, bestDeviation, fineGridPoints }) => ({ player, maxGain, worstType, bestDeviation, fineGridPoints })),
    iterations: iteration.iterations,
    converged: iteration.converged,
    polished,
    averaged,
    cycle,
    cycleSearch: search ? heldSearch(game, search) : null,
    mixture: mixture
      ? { player: game.players[mixture.player]!.id, type: mixture.type, low: mixture.low, high: mixture.high, p: mixture.p, evaluations: mixtureTried!.evaluations }
      : null,
    ...(mixtureTried && !mixture ? { mixtureTried } : {}),
  };
  return { strategies: iteration.strategies, iteration, deviation, certificate, mixture };
}

/** Sweeps without a new smallest gain before the polishing phase gives up, when the options set no patience. */
const POLISH_PATIENCE = 25;
/** Rounds of (average of the last cycle, polishing) tried on an answer that fails its certificate. */
const FALLBACK_ROUNDS = 2;

/** The verdict of a Bayesian job: the certificate's largest deviation gain against the stated ε; the reason is its statement. */
export const bayesVerdict = (c: BayesCertificate) => atMost('largest deviation gain', c.maxDeviationGain, c.epsilon, () => c.statement);

/** The certificate's record of the search over the cycling type's action. */
function heldSearch(game: BayesianGame, s: CyclingTypeSearch): NonNullable<BayesCertificate['cycleSearch']> {
  const point = (h: HeldAction) => ({ x: h.x, bestResponse: h.bestResponse, gain: h.gain });
  return { player: game.players[s.player]!.id, type: s.type, evaluations: s.evaluations, found: s.found !== null, jump: s.jump, below: point(s.below), above: point(s.above) };
}

/** The jump in words: the evidence that no pure ε-equilibrium lies along the held type's action. */
function jumpEvidence(s: NonNullable<BayesCertificate['cycleSearch']>, epsilon: number): string {
  const n = (x: number) => Number(x.toPrecision(6));
  return `; held at ${n(s.below.x)} with the others re-equilibrated, ${s.player} type #${s.type}'s best response is ${n(s.below.bestResponse)} (gain ${s.below.gain.toExponential(2)}), held at ${n(s.above.x)} it is ${n(s.above.bestResponse)} (gain ${s.above.gain.toExponential(2)}): it jumps over its own action, so no pure equilibrium within ε = ${formatEpsilon(epsilon)} lies along it`;
}

/** A mixture searched but not certified, in words: the final bracket in p. */
function mixtureEvidence(t: NonNullable<BayesCertificate['mixtureTried']>): string {
  const n = (x: number) => Number(x.toPrecision(6));
  return `; mixing it across the jump reached no indifference within ε (U(low) − U(high) is ${t.a.difference.toExponential(2)} at p = ${n(t.a.p)} and ${t.b.difference.toExponential(2)} at p = ${n(t.b.p)}, ${t.evaluations} re-equilibrations)`;
}

/** The mixture in words, for the statement. */
function mixedWords(game: BayesianGame, m: Mixture): string {
  const n = (x: number) => Number(x.toPrecision(6));
  return `${game.players[m.player]!.id} type #${m.type} mixes: ${n(m.low)} with probability ${n(m.p)} and ${n(m.high)} with ${n(1 - m.p)} (its best response jumps over its own action, so no pure equilibrium lies along it)`;
}

function worst(d: DeviationCertificate): string {
  const p = d.players.reduce((a, b) => (b.maxGain > a.maxGain ? b : a));
  return `${p.player} type #${p.worstType} gains ${p.maxGain.toExponential(3)} by playing ${p.bestDeviation}`;
}
