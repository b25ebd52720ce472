/**
 * ev-bayesian timings on the parking-lot sample, scaled to a given fleet size:
 * best-response time to equilibrium and certificate time. Printed, not asserted:
 *   npx tsx test/solver/bayes/evBayesian.bench.ts [count] [actionPoints] [sampleSize] [refinements, e.g. 1,2 or none]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateScenario } from '../../../solver/scenario/validate.ts';
import { evMarketModel } from '../../../solver/ev/evBayesianJob.ts';
import { v2vGame } from '../../../solver/ev/v2vGame.ts';
import { typeProfiles } from '../../../solver/bayes/typeProfiles.ts';
import { maxDeviationGain } from '../../../solver/bayes/deviationGain.ts';
import { repoRoot } from '../support/network.ts';
import { drain } from './support.ts';

const count = Number(process.argv[2] ?? 40);
const actionPoints = Number(process.argv[3] ?? 41);
const sampleSize = Number(process.argv[4] ?? 64);
const refinements = (process.argv[5] ?? '1,2').split(',').filter((r) => r !== 'none').map(Number);
const raw = JSON.parse(readFileSync(path.join(repoRoot, 'assets/scenarios/ev-parking-lot.ggs.json'), 'utf8'));
raw.evFleets[0].generator.count = count;
const v = validateScenario(raw);
if (!v.ok) throw new Error(JSON.stringify(v.issues));
const scenario = v.value;
const model = evMarketModel(scenario);
const game = v2vGame({ ...model, T: scenario.time.T, gridBuy: model.microgrid.gridBuy, gridSell: model.microgrid.gridSell, actionPoints });
const profiles = typeProfiles(game, { maxExactProfiles: 4096, sampleSize, seed: 1 });
let t0 = performance.now();
const { result } = drain(game, profiles, game.players.map((p) => new Float64Array(p.prior.length)));
const solveMs = performance.now() - t0;
console.log(`${count} EVs, ${actionPoints} actions, ${profiles.method} ${sampleSize}: ${result.iterations} sweeps in ${solveMs.toFixed(0)} ms (converged ${result.converged})`);
for (const refinement of refinements) {
  t0 = performance.now();
  const c = maxDeviationGain(game, profiles, result.strategies, refinement);
  console.log(
    `  certificate on a ${refinement}× finer grid: ${(performance.now() - t0).toFixed(0)} ms, maxDeviationGain ${c.maxDeviationGain.toExponential(2)}`,
  );
}
