/**
 * Bayesian-equilibrium benchmark (printed, not asserted): time to equilibrium
 * (iterated best response) and certificate time, with the jobs' default options,
 *   - ev-bayesian on the parking-lot sample (40 EVs, three responsiveness
 *     levels) and on 400 EVs drawn by the sample's own fleet generator;
 *     expectations by a common-random-number sample (64 and 256 draws), and
 *     exactly for a 6-EV fleet (3^5 = 243 opponent profiles); one row
 *     certifies through the scalar payoff (no aggregates) for comparison;
 *   - kda: the k = 1/2 k-double auction with 101 type points, uniform priors,
 *     from the Chatterjee–Samuelson linear profile and from truthful bidding.
 * Run: `npm run bench -- bayes`, or `npx tsx scripts/bench/bayes.ts`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EvBayesianOptions, KdaOptions } from '../../solver/contract.ts';
import type { BayesianGame, StrategyProfile } from '../../solver/bayes/game.ts';
import { iteratedBestResponse, type BestResponseOptions, type BestResponseResult } from '../../solver/bayes/bestResponse.ts';
import { maxDeviationGain } from '../../solver/bayes/deviationGain.ts';
import { typeProfiles, type TypeProfiles } from '../../solver/bayes/typeProfiles.ts';
import { evMarketModel, evSolveOptions } from '../../solver/ev/evBayesianJob.ts';
import { v2vGame } from '../../solver/ev/v2vGame.ts';
import { defaultActionPoints, kdaGame, linearStrategies, onActionGrid, truthfulStrategies } from '../../solver/auction/kDoubleAuction.ts';
import { validateScenario, formatIssue } from '../../solver/scenario/validate.ts';
import { formatTolerance } from '../../solver/jobs/certification.ts';
import { tablePrinter, timed } from '../lib/benchTable.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// wall-clock and CPU seconds: on a shared machine the CPU time is the steadier figure
const columns: [string, number][] = [['case', 44], ['expectations', 20], ['sweeps', 14], ['solve s wall/cpu', 17], ['cert s wall/cpu', 16], ['maxDeviationGain', 17], ['ε', 6]];
const printRow = tablePrinter(columns);

/** f's result with its wall-clock and CPU seconds, as "wall / cpu" */
function timedText<R>(f: () => R): { value: R; seconds: string } {
  const t = timed(f);
  return { value: t.value, seconds: `${t.wall.toFixed(2)} / ${t.cpu.toFixed(2)}` };
}

function run(game: BayesianGame, profiles: TypeProfiles, start: StrategyProfile, options: BestResponseOptions): BestResponseResult {
  const gen = iteratedBestResponse(game, profiles, start, options);
  for (;;) {
    const step = gen.next();
    if (step.done) return step.value;
  }
}

function row(name: string, game: BayesianGame, profiles: TypeProfiles, start: StrategyProfile, options: BestResponseOptions & { epsilon: number; certificateRefinement: number }, certifyGame = game) {
  const { value: result, seconds: solveSeconds } = timedText(() => run(game, profiles, start, options));
  const { value: c, seconds: certSeconds } = timedText(() => maxDeviationGain(certifyGame, profiles, result.strategies, options.certificateRefinement));
  const how = profiles.method === 'exact' ? `exact, ${Math.max(...profiles.forPlayer.map((p) => p.count))} profiles` : `sample of ${profiles.sampleSize}`;
  const state = result.converged ? 'converged' : result.stalled ? 'stalled' : 'max';
  printRow([name, how, `${result.iterations} ${state}`, solveSeconds, certSeconds, c.maxDeviationGain.toExponential(2), options.epsilon.toExponential(0)]);
}

// ev-bayesian -------------------------------------------------------------
const lot = (count: number) => {
  const raw = JSON.parse(readFileSync(path.join(root, 'assets/scenarios/ev-parking-lot.ggs.json'), 'utf8'));
  raw.evFleets[0].generator.count = count;
  const v = validateScenario(raw);
  if (!v.ok) throw new Error(v.issues.map(formatIssue).join('; '));
  return v.value;
};
const evCases: { name: string; count: number; sampleSize: number; scalarCertificate?: boolean }[] = [
  { name: 'ev-bayesian 6 EVs, 3 levels', count: 6, sampleSize: 64 },
  { name: 'ev-bayesian 40 EVs (sample), 3 levels', count: 40, sampleSize: 64 },
  { name: '  same, certificate by the scalar payoff', count: 40, sampleSize: 64, scalarCertificate: true },
  { name: 'ev-bayesian 40 EVs (sample), 3 levels', count: 40, sampleSize: 256 },
  { name: 'ev-bayesian 400 EVs (generator), 3 levels', count: 400, sampleSize: 64 },
];
for (const c of evCases) {
  const scenario = lot(c.count);
  const options = evSolveOptions(EvBayesianOptions.parse({ sampleSize: c.sampleSize }));
  const model = evMarketModel(scenario);
  const game = v2vGame({ ...model, T: scenario.time.T, gridBuy: model.microgrid.gridBuy, gridSell: model.microgrid.gridSell, actionPoints: options.actionPoints });
  const profiles = typeProfiles(game, { maxExactProfiles: options.maxExactProfiles, sampleSize: options.sampleSize, seed: 1 });
  const { interim: _, ...scalar } = game;
  row(c.name, game, profiles, game.players.map((p) => new Float64Array(p.prior.length)), options, c.scalarCertificate ? scalar : game);
}

// kda ---------------------------------------------------------------------
const n = 101;
const uniform = Array<number>(n).fill(1);
const spec = { k: 0.5, typePoints: n, min: 0, max: 1, buyerPrior: uniform, sellerPrior: uniform, actionPoints: defaultActionPoints(n) };
const kda = kdaGame(spec);
const kdaProfiles = typeProfiles(kda);
const kdaOptions = KdaOptions.parse({});
for (const [name, start] of [['linear', linearStrategies(spec)], ['truthful', truthfulStrategies(spec)]] as const)
  row(`kda k = 1/2, 101 types, ${spec.actionPoints} bids, ${name}`, kda, kdaProfiles, onActionGrid(spec, start), kdaOptions);

// issue 12's target, end to end through the job (iteration, fallback rounds, certificate, outcomes) --------
{
  const { runJob } = await import('../../solver/jobs/run.ts');
  const raw = JSON.parse(readFileSync(path.join(root, 'assets/scenarios/ev-parking-lot.ggs.json'), 'utf8'));
  raw.evFleets[0].generator.count = 400;
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const r = await runJob({ kind: 'ev-bayesian', scenario: raw });
  const used = process.cpuUsage(cpu);
  const seconds = (performance.now() - wall) / 1000;
  const cpuSeconds = (used.user + used.system) / 1e6;
  const c = r.certificate!;
  const verdict = (s: number) => (s < 5 ? 'met' : 'NOT met');
  // on a shared machine the wall time measures the neighbours too; the CPU time is the job's own
  console.log(
    `\nev-bayesian job, 400 EVs end to end (target < 5 s): ${seconds.toFixed(2)} s wall (${verdict(seconds)}) / ${cpuSeconds.toFixed(2)} s CPU (${verdict(cpuSeconds)}); ` +
      `status ${r.status}, certificate max deviation gain ${c.maxDeviationGain.toExponential(2)} ${c.isEpsilonEquilibrium ? '≤' : '>'} ε = ${formatTolerance(c.epsilon)} after ${c.iterations} sweeps${c.polished ? ' (polished)' : ''}${c.averaged ? ' (cycle averaged)' : ''}`,
  );
}
