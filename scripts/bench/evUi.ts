/**
 * EV workbench UI benchmark (printed, not asserted):
 *   - the generator's live preview (sample the fleet, ten histograms against
 *     their distributions, market roles), recomputed on every edit: 40, 400
 *     and 5000 EVs;
 *   - the prior-sensitivity sweep (5 shares of the most responsive level) on
 *     the ev-parking-lot sample, run in the thread with 16 and 64
 *     common-random-number type profiles per job.
 * Run: `npm run bench -- evUi`, or `npx tsx scripts/bench/evUi.ts`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EvFleet, ScenarioInput } from '../../solver/scenario/schema.ts';
import { runStudy } from '../../solver/whatif/execute.ts';
import { localExecutor } from '../../solver/whatif/localExecutor.ts';
import { previewGenerator } from '../../renderer/src/bayes/generatorPreview.ts';
import { mostResponsiveLevel, sensitivityStudy } from '../../renderer/src/bayes/priorSensitivity.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sample = JSON.parse(readFileSync(path.join(root, 'assets/scenarios/ev-parking-lot.ggs.json'), 'utf8')) as ScenarioInput;
const fleet = sample.evFleets![0]! as EvFleet;

for (const count of [40, 400, 5000]) {
  const generator = { ...fleet.generator!, count };
  const reps = count <= 400 ? 20 : 3;
  previewGenerator(fleet, generator, sample.time as { T: number; dtHours: number });
  const t0 = performance.now();
  for (let r = 0; r < reps; r++) previewGenerator(fleet, generator, sample.time as { T: number; dtHours: number });
  console.log(`generator preview, ${String(count).padStart(4)} EVs: ${((performance.now() - t0) / reps).toFixed(1)} ms per edit`);
}

const level = mostResponsiveLevel(fleet.responsiveness);
for (const sampleSize of [16, 64]) {
  const study = sensitivityStudy(sample, { fleet: 0, level, from: 0.05, to: 0.8, points: 5 }, { sampleSize });
  const t0 = performance.now();
  const result = await runStudy(study, localExecutor);
  const ms = performance.now() - t0;
  const cells = result.points.map((p) => `${p.status === 'ok' ? (p.outputs.v2vKwh as number).toFixed(1) : p.status}`).join(' → ');
  console.log(`prior sensitivity, 40 EVs, 5 points, ${sampleSize} profiles: ${(ms / 1000).toFixed(1)} s (${(ms / 5000).toFixed(2)} s a point); V2V kWh ${cells}`);
}
