/**
 * Drives the engine for a job: runs the best-response generator while
 * reporting progress, then certifies the answer with the independent
 * deviation check and states the claim. Shared by every Bayesian job kind.
 */
import type { BayesCertificate, JobProgress, WarmStartUse } from '../contract.ts';
import { SolverError } from '../jobs/errors.ts';
import type { BayesianGame, StrategyProfile } from './game.ts';
import { iteratedBestResponse, type BestResponseOptions, type BestResponseResult } from './bestResponse.ts';
import { deviationGainSteps, type DeviationCertificate } from './deviationGain.ts';
import type { TypeProfiles } from './typeProfiles.ts';
import { snapToGrid } from './grid.ts';
import { formatEpsilon } from './epsilon.ts';

export interface SolveOptions extends BestResponseOptions {
  epsilon: number;
  certificateRefinement: number;
}

export interface SolvedGame {
  strategies: StrategyProfile;
  iteration: BestResponseResult;
  deviation: DeviationCertificate;
  certificate: BayesCertificate;
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

export function* solveBayesianGame(
  game: BayesianGame,
  profiles: TypeProfiles,
  start: StrategyProfile,
  options: SolveOptions,
): Generator<JobProgress, SolvedGame, void> {
  const iterate = iteratedBestResponse(game, profiles, start, options);
  let step = iterate.next();
  while (!step.done) {
    const s = step.value;
    yield {
      fraction: 0.9 * Math.min(1, s.iteration / options.maxIterations),
      stage: `best response, sweep ${s.iteration}`,
      metrics: { iteration: s.iteration, maxGain: s.maxGain, maxStrategyChange: s.maxStrategyChange, changedTypes: s.changedTypes },
    };
    step = iterate.next();
  }
  const iteration = step.value;
  const n = game.players.length;
  const certify = deviationGainSteps(game, profiles, iteration.strategies, options.certificateRefinement);
  let certStep = certify.next();
  while (!certStep.done) {
    yield { fraction: 0.9 + (0.1 * (certStep.value + 1)) / n, stage: `certificate: ${game.players[certStep.value]!.id} checked on the fine grid (${certStep.value + 1}/${n})` };
    certStep = certify.next();
  }
  const deviation = certStep.value;
  const gain = deviation.maxDeviationGain;
  // a stalled iteration (best responses cycling between near-equal peaks) returns its best profile with the certificate's verdict
  if (!iteration.converged && !iteration.stalled && gain > options.epsilon)
    throw new SolverError({
      code: 'not-converged',
      message: `best response did not settle in ${iteration.iterations} sweeps; some type can still gain ${gain.toExponential(3)} > ε = ${formatEpsilon(options.epsilon)}`,
      hint: 'lower the damping, raise maxIterations, or start from another profile',
      details: { iterations: iteration.iterations, maxDeviationGain: gain, lastMaxGain: iteration.history.maxGain.at(-1) ?? NaN },
    });
  const expectation = profiles.method === 'exact' ? 'exact enumeration of type profiles' : `a fixed common-random-number sample of ${profiles.sampleSize} type profiles (seed ${profiles.seed})`;
  const ok = gain <= options.epsilon;
  const certificate: BayesCertificate = {
    maxDeviationGain: gain,
    epsilon: options.epsilon,
    isEpsilonEquilibrium: ok,
    statement: ok
      ? `an ε-Bayesian-Nash equilibrium with ε = ${formatEpsilon(options.epsilon)}: no type of any player gains more than ${gain.toExponential(2)} by deviating to ${deviation.scope} (expected utilities by ${expectation})`
      : `NOT an ε-equilibrium for ε = ${formatEpsilon(options.epsilon)}: ${worst(deviation)} (expected utilities by ${expectation})`,
    method: profiles.method,
    typeProfiles: Math.max(...profiles.forPlayer.map((p) => p.count)),
    sampleSize: profiles.sampleSize,
    refinement: deviation.refinement,
    byPlayer: deviation.players.map(({ player, maxGain, worstType, bestDeviation, fineGridPoints }) => ({ player, maxGain, worstType, bestDeviation, fineGridPoints })),
    iterations: iteration.iterations,
    converged: iteration.converged,
  };
  return { strategies: iteration.strategies, iteration, deviation, certificate };
}

function worst(d: DeviationCertificate): string {
  const p = d.players.reduce((a, b) => (b.maxGain > a.maxGain ? b : a));
  return `${p.player} type #${p.worstType} gains ${p.maxGain.toExponential(3)} by playing ${p.bestDeviation}`;
}
