#!/usr/bin/env node
/**
 * Writes assets/scenarios/community-entities.ggs.json: the mechanism
 * laboratory on a book drawn from a scenario's own entities
 * (solver/market/entityBook.ts) — the IEEE 33-bus feeder with its PV
 * prosumers, load-only buses and diesel generator (ieee33-der) plus the three
 * public-building VPPs and the P2P market tariffs of three-vpps. Both are
 * read from their sample files, so this one follows them:
 * `node scripts/samples/community-entities.mjs`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (name) => JSON.parse(readFileSync(path.join(root, 'assets/scenarios', `${name}.ggs.json`), 'utf8'));
const der = read('ieee33-der');
const vpps = read('three-vpps');
const ids = new Set(der.profiles.map((p) => p.id));
// the day starts at noon, so that the book's first period (the job's default) is the PV hour in which prosumers sell
const fromNoon = (p) => ({ ...p, values: [...p.values.slice(12), ...p.values.slice(0, 12)] });

const scenario = {
  schemaVersion: 1,
  metadata: {
    name: 'Community market drawn from prosumers, VPPs and a generator',
    description:
      'The mechanism laboratory on a bid book drawn from the scenario itself: every PV prosumer and load bus of the IEEE 33-bus feeder (ieee33-der), the three public-building VPPs of three-vpps and the diesel generator bid their net energy in each hour, buyers below the retail price and sellers above the feed-in price, in whole kWh (bidBook.entities, seed 1). The day starts at noon: period 1 (the default) is the PV hour, PV prosumers and VPPs selling to the load buses; --option period=8 clears the evening (19:00), when nothing can trade below the retail price. Written by scripts/samples/community-entities.mjs.',
    tags: ['sample', 'mechanism', 'vpp', 'ieee33'],
    job: 'mechanism',
  },
  time: { ...der.time, start: der.time.start.replace('T00:00', 'T12:00') },
  // ieee33-der's profiles, and those of three-vpps it does not have (both call their PV shape "pv")
  profiles: [...der.profiles, ...vpps.profiles.filter((p) => !ids.has(p.id))].map(fromNoon),
  network: { ...der.network, der: { pv: der.network.der.pv, batteries: [], generators: der.network.der.generators } },
  vpps: vpps.vpps,
  market: vpps.market,
  // whole kWh: the net energies rounded (exact arithmetic, and the unit rules' and the search's fast paths apply)
  bidBook: { units: 'blocks', entities: { seed: 1 } },
};
writeFileSync(path.join(root, 'assets/scenarios/community-entities.ggs.json'), JSON.stringify(scenario, null, 2) + '\n');
