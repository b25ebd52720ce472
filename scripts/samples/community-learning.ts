#!/usr/bin/env -S npx tsx
/**
 * Writes assets/scenarios/community-learning.ggs.json: the train job's
 * classroom sample — May and June 2016 of the shipped OPSD household's
 * hourly load and PV (from household-forecast.ggs.json, CC BY 4.0) and a
 * small `learning` community (six households, three with PV, two with a
 * battery): `npx tsx scripts/samples/community-learning.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const source = JSON.parse(readFileSync(path.join(root, 'assets/scenarios/household-forecast.ggs.json'), 'utf8'));
const f = source.forecast;
const from = Date.parse('2016-05-01T00:00:00Z'), to = Date.parse('2016-07-01T00:00:00Z');
const step = f.stepMinutes * 60_000;
const first = (from - Date.parse(f.start)) / step, count = (to - from) / step;
const scenario = {
  schemaVersion: 1,
  metadata: {
    name: 'Learning bidders in a small community (Konstanz load and PV)',
    description: 'Six households trade every quarter-hour in a uniform-price double auction (k = ½) and buy or sell what does not match at the retail price (0.30) or the feed-in price (0.08). Each household lives a different day of May–June 2016 of one metered household with PV in Konstanz (Open Power System Data, CC BY 4.0); three keep their PV (scaled), two have a 5 kWh battery. The train job teaches federated actor-critic bidders to bid and compares them with truthful bidding and with retail-only on the same days. The one-bus network is a placeholder: the community market does not use it.',
    tags: ['sample', 'learning', 'auction', 'classroom'],
    job: 'train',
  },
  time: { T: 1, dtHours: 0.25, start: '2016-05-01T00:00' },
  profiles: [],
  network: { baseKv: 0.4, substation: { busId: 'pcc' }, buses: [{ id: 'pcc', name: 'Point of common coupling' }], lines: [] },
  forecast: {
    start: new Date(from).toISOString().replace('.000Z', 'Z'),
    stepMinutes: f.stepMinutes,
    timeZone: f.timeZone,
    series: f.series.filter((s: { role: string }) => s.role === 'load' || s.role === 'pv').map((s: { values: unknown[] }) => ({ ...s, values: s.values.slice(first, first + count) })),
    source: f.source,
    notes: ['May and June 2016 of household-forecast.ggs.json (scripts/samples/community-learning.ts)'],
  },
  learning: { households: 6, pvShare: 0.5, batteryShare: 0.34, retail: 0.3, feedIn: 0.08, mechanism: 'uniform-price', k: 0.5 },
};
writeFileSync(path.join(root, 'assets/scenarios/community-learning.ggs.json'), JSON.stringify(scenario, null, 1) + '\n');
console.log(`wrote assets/scenarios/community-learning.ggs.json: ${count} h of load and PV`);
