/**
 * Community design benchmark (printed, not asserted): the exhaustive
 * oracle's time per population (50 design choices, 96 quarter-hours) for
 * 10, 20 and 40 households, and the chooser's training time (default
 * network and epochs) on 90 labelled populations. Households are days of
 * the community-learning sample. Run: `npm run bench -- communityDesign`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { dayProfiles } from '../../solver/learn/profiles.ts';
import { makePopulation } from '../../solver/learn/communityDesign/population.ts';
import { designChoices, exhaustive } from '../../solver/learn/communityDesign/choices.ts';
import { trainChooser } from '../../solver/learn/communityDesign/chooser.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const scenario = JSON.parse(readFileSync(path.join(root, 'assets/scenarios/community-learning.ggs.json'), 'utf8'));
const f = scenario.forecast;
const series = (role: string) => f.series.find((s: { role: string }) => s.role === role).values;
const days = dayProfiles({ start: f.start, stepMinutes: f.stepMinutes, load: series('load'), pv: series('pv') });
const tariff = { retail: 0.3, feedIn: 0.08, wheeling: 0.1, platformFee: 0.3 };
const choices = designChoices(4);

console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (2 shared cores)`);
for (const households of [10, 20, 40]) {
  const times: number[] = [];
  for (let s = 1; s <= 3; s++) {
    const p = makePopulation(days, { households, pvShare: 0.5, buses: 12, steps: 96 }, s);
    const t0 = performance.now();
    exhaustive(p, choices, tariff, s);
    times.push((performance.now() - t0) / 1000);
  }
  console.log(`oracle, ${households} households: ${times.map((t) => t.toFixed(2)).join(' / ')} s per population (${choices.length} choices)`);
}
// chooser training on random labels of the real shape: its cost does not depend on the values
const features = Array.from({ length: 90 }, (_, i) => Array.from({ length: 11 }, (_, j) => Math.sin(i * 7 + j)));
const welfare = Array.from({ length: 90 }, (_, i) => choices.map((_, k) => Math.cos(i + k)));
const t0 = performance.now();
trainChooser(features, welfare, { hidden: [16], learningRate: 3e-3, epochs: 150, batch: 16 }, 1);
console.log(`chooser training, 90 populations × 150 epochs: ${((performance.now() - t0) / 1000).toFixed(2)} s`);
