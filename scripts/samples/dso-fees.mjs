#!/usr/bin/env node
/**
 * Writes the DSO-fee samples (docs/models/dso-fees.md):
 * - assets/scenarios/ieee33-dso-fees.ggs.json: the four microgrids of
 *   ieee33-microgrids.ggs.json (scripts/samples/microgrids.mjs) with the
 *   finite limits the exact bilevel solve needs (ADN import/export 600 kW,
 *   P2P 200 kW per pair) and the DSO's fee settings (0–0.10 per kWh, flat
 *   baseline 0.02, network cost 0.0002 per kWh and ohm of path impedance);
 * - assets/scenarios/classroom-dso-fees.ggs.json: two microgrids on the same
 *   feeder, one hour — a buyer with a dear generator and a seller with a
 *   cheap one — where the DSO's revenue is a curve over one fee.
 * `node scripts/samples/dso-fees.mjs`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (f) => JSON.parse(readFileSync(path.join(root, f), 'utf8'));
const mg = read('assets/scenarios/ieee33-microgrids.ggs.json');
const ieee33 = read('assets/scenarios/ieee33.ggs.json');

const fees = { structure: 'path', minPerKwh: 0, maxPerKwh: 0.1, flatPerKwh: 0.02, networkCostPerKwhOhm: 0.0002, given: [] };

const day = {
  ...mg,
  metadata: {
    name: 'DSO network-usage fees: four microgrids on the IEEE 33-bus feeder',
    description:
      'The four microgrids of ieee33-microgrids.ggs.json (buses 18, 22, 25, 33; summer day, 24 h) trading P2P, with a DSO that charges an hourly fee per kWh received on each trading pair (0 to 0.10 per kWh) to maximise its fee revenue minus its network cost (0.0002 per kWh and ohm of path impedance: 0.002–0.004 per kWh on these paths), within the LinDistFlow limits of the feeder. ADN exchange limited to 600 kW per microgrid and P2P to 200 kW per pair (the exact bilevel solve derives its big-M bounds from finite limits). Baselines: a flat fee of 0.02 per kWh and no fee.',
    tags: ['sample', 'microgrids', 'p2p', 'stackelberg', 'dso-fees', 'ieee33'],
    job: 'dso-fees',
  },
  microgrids: mg.microgrids.map((m) => ({
    ...m,
    adn: { ...m.adn, maxImportKw: 600, maxExportKw: 600 },
    partners: m.partners.map((p) => ({ ...p, maxKw: 200 })),
  })),
  dsoFees: fees,
};
delete day.microgridCoordination;

const classroom = {
  schemaVersion: 1,
  metadata: {
    name: 'DSO fee classroom: two microgrids, one hour',
    description:
      'Two microgrids on the IEEE 33-bus feeder (buses 18 and 33) for one hour. mg-a (load 80 kW) has a dear generator (0.2 + 0.004·P per kWh, 30 kW) and buys from the ADN at 0.30; mg-b (load 10 kW) has a cheap one (0.05 + 0.002·P, 120 kW) and sells to the ADN at 0.04 only. The DSO charges a fee f per kWh mg-a receives from mg-b (0 to 0.30). The trade falls as f rises — 75 − 166.7·f kW while mg-a still runs its generator below the grid price, 115 − 500·f once it buys from the grid — so the revenue f·q peaks at f = 0.12 (6.60 per hour), where mg-a stops buying from the grid. Run dso-fees, or sweep dsoFees.flatPerKwh with dso-fees-evaluate --set … fees=flat to draw the curve.',
    tags: ['sample', 'classroom', 'microgrids', 'stackelberg', 'dso-fees'],
    job: 'dso-fees',
  },
  time: { T: 1, dtHours: 1, start: '2026-07-01T18:00' },
  profiles: [],
  network: ieee33.network,
  microgrids: [
    {
      id: 'mg-a', name: 'Buyer with a dear generator', busId: '18', loadKw: 80,
      generator: { pMinKw: 0, pMaxKw: 30, costQuadraticPerKw2h: 0.002, costLinearPerKwh: 0.2 },
      adn: { buyPricePerKwh: 0.3, sellPricePerKwh: 0.0, maxImportKw: 500, maxExportKw: 500 },
      partners: [{ microgrid: 'mg-b', costPerKwh: 0, maxKw: 100 }],
    },
    {
      id: 'mg-b', name: 'Seller with a cheap generator', busId: '33', loadKw: 10,
      generator: { pMinKw: 0, pMaxKw: 120, costQuadraticPerKw2h: 0.001, costLinearPerKwh: 0.05 },
      adn: { buyPricePerKwh: 0.3, sellPricePerKwh: 0.04, maxImportKw: 500, maxExportKw: 500 },
      partners: [{ microgrid: 'mg-a', costPerKwh: 0, maxKw: 100 }],
    },
  ],
  dsoFees: { structure: 'path', minPerKwh: 0, maxPerKwh: 0.3, flatPerKwh: 0.05, networkCostPerKwhOhm: 0, given: [] },
};

for (const [file, s] of [['ieee33-dso-fees.ggs.json', day], ['classroom-dso-fees.ggs.json', classroom]]) {
  writeFileSync(path.join(root, 'assets/scenarios', file), JSON.stringify(s, null, 2) + '\n');
  console.log(`wrote assets/scenarios/${file}`);
}
