/**
 * Learning benchmark (printed, not asserted; issue 19 item 9): training
 * time of the federated bidders on the 15-minute community, per 1 000
 * episodes (one episode = one day of 96 quarter-hours), for 20 and 250
 * households, with the train job's default hyper-parameters (actor and
 * critic 32-32, batch 64, one gradient step per agent every 8 quarter-hours,
 * federated averaging every 5 episodes), one seed, one thread.
 *
 * A thousand episodes of 250 households is hours of work, so the figure is
 * EXTRAPOLATED from a measured shorter run (the episodes after the replay
 * warm-up, whose cost per episode is steady: every agent trains on a
 * fixed-size batch), and printed as such. Households are days of the
 * community-learning sample (May–June 2016 of the one shipped OPSD
 * household). Run: `npm run bench -- learn` (or `npx tsx
 * scripts/bench/learn.ts 20:4 250:2` for households:episodes).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { trainCommunity } from '../../solver/learn/train.ts';
import { dayProfiles } from '../../solver/learn/profiles.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const scenario = JSON.parse(readFileSync(path.join(root, 'assets/scenarios/community-learning.ggs.json'), 'utf8'));
const f = scenario.forecast;
const series = (role: string) => f.series.find((s: { role: string }) => s.role === role).values;
const days = dayProfiles({ start: f.start, stepMinutes: f.stepMinutes, load: series('load'), pv: series('pv') });

const runs = (process.argv.slice(2).length ? process.argv.slice(2) : ['20:4', '250:2']).map((a) => a.split(':').map(Number) as [number, number]);
console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (2 shared cores); ${days.length} days of data`);
for (const [households, episodes] of runs) {
  const gen = trainCommunity(days, {
    community: { households, pvShare: 0.5, batteryShare: 0.3, battery: { capacity: 5, power: 2.5, efficiency: 0.9 }, retail: 0.3, feedIn: 0.08, mechanism: 'uniform-price', k: 0.5, steps: 96 },
    bidder: { hidden: [32, 32], batch: 64, buffer: 2000, warmup: 64, updateEvery: 8, federatedEvery: 5, noiseDecay: episodes },
    episodes, evalEpisodes: 1, seeds: [1], householdSeed: 1,
  });
  const stamps: number[] = [performance.now()];
  for (let n = gen.next(); !n.done; n = gen.next()) if (n.value.metrics.episode !== undefined) stamps.push(performance.now());
  const per = stamps.slice(1).map((t, i) => (t - stamps[i]!) / 1000);
  // the first episode fills the replay buffers (fewer updates): the steady cost is the later episodes'
  const steady = per.length > 1 ? per.slice(1) : per;
  const mean = steady.reduce((a, b) => a + b, 0) / steady.length;
  console.log(`${String(households).padStart(4)} households: episodes ${per.map((s) => s.toFixed(1)).join(', ')} s → ${(mean * 1000 / 3600).toFixed(1)} h per 1 000 episodes (extrapolated from ${steady.length} measured episode${steady.length > 1 ? 's' : ''}, one thread; seeds run in parallel on the second core)`);
}
