/**
 * SAC for the ADN operator (printed, not asserted): what one training
 * episode of the `adn-operator` job costs, split into its two parts — one
 * market clearing (the dual-ascent job on the classroom microgrids with the
 * operator's tariff, 100 price updates, exact reports) and one SAC gradient
 * step (16-16 networks, batch 32; the job does 8 per clearing). One thread.
 * Run: `npm run bench -- adnOperator` (or `npx tsx scripts/bench/adnOperator.ts`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { loadLpBackend } from '../../solver/lp/backend.ts';
import { validateScenario } from '../../solver/scenario/validate.ts';
import { DualAscentOptions } from '../../solver/jobs/kinds/dualAscent.ts';
import { OperatorModel } from '../../solver/learn/operatorEnv.ts';
import { Sac } from '../../solver/learn/sac.ts';
import { QuadraticBandit } from '../../solver/learn/quadraticBandit.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const v = validateScenario(JSON.parse(readFileSync(path.join(root, 'assets/scenarios/classroom-microgrids.ggs.json'), 'utf8')));
if (!v.ok) throw new Error('the classroom sample does not validate');
const lp = await loadLpBackend('highs');
const model = new OperatorModel(v.value, { blocks: 1, adderMin: -0.05, adderMax: 0.15, lossCostPerKw2h: 2e-4, market: DualAscentOptions.parse({ privacy: false, maxIterations: 100 }) }, lp, 1);
console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (2 shared cores)`);
model.evaluate([0]); // HiGHS compiled and warmed
const adders = [0, 0.02, 0.04, 0.06, 0.08, 0.1];
let t0 = performance.now();
for (const a of adders) model.evaluate([a]);
const clearing = (performance.now() - t0) / adders.length;

const sac = new Sac(new QuadraticBandit({ optimum: [0.4], weights: [1], noise: 0.05 }, 1), { gamma: 0, hidden: [16, 16], batch: 32, warmup: 32, updatesPerStep: 8 }, 1);
for (let e = 0; e < 40; e++) sac.trainEpisode(); // warm-up and the first updates
t0 = performance.now();
const before = sac.updates;
for (let e = 0; e < 20; e++) sac.trainEpisode();
const update = (performance.now() - t0) / (sac.updates - before);
sac.dispose();
console.log(`one market clearing            ${clearing.toFixed(0)} ms (mean of ${adders.length})`);
console.log(`one SAC gradient step          ${update.toFixed(1)} ms (16-16, batch 32)`);
console.log(`one episode of the job         ≈ ${(clearing + 8 * update).toFixed(0)} ms (a clearing + 8 steps); the default run (60 episodes + 13 clearings) ≈ ${((60 * (clearing + 8 * update) + 13 * clearing) / 1000).toFixed(0)} s`);
