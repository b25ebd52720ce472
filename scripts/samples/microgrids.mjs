#!/usr/bin/env node
/**
 * Writes the microgrid samples (docs/models/microgrids.md):
 * - assets/scenarios/ieee33-microgrids.ggs.json: four microgrids on the IEEE
 *   33-bus feeder over a summer day (24 h), every pair allowed to trade;
 * - assets/scenarios/classroom-microgrids.ggs.json (with a communication network for mg-energy-comm): three microgrids on a
 *   four-bus feeder over four six-hour periods, small enough to follow by hand.
 * Load shapes are the residential/commercial multipliers of ieee33-day, PV is
 * assets/profiles/pv.json; sizes and prices are stated below.
 * `node scripts/samples/microgrids.mjs`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const r3 = (v) => Math.round(v * 1e3) / 1e3;
const day = JSON.parse(readFileSync(path.join(root, 'assets/scenarios/ieee33-day.ggs.json'), 'utf8'));
const pv = JSON.parse(readFileSync(path.join(root, 'assets/profiles/pv.json'), 'utf8'));
const shape = (id) => day.profiles.find((p) => p.id === id).values;

/** A kW load profile: peak × a multiplier shape. */
const loadProfile = (id, name, shapeId, peakKw) => ({
  id, name, kind: 'load', unit: 'kW', values: shape(shapeId).map((m) => r3(m * peakKw)),
  source: `${peakKw} kW × the ${shapeId} multiplier of ieee33-day.ggs.json`,
});

const hours = Array.from({ length: 24 }, (_, h) => h);
const tou = hours.map((h) => (h < 7 || h === 23 ? 0.08 : h >= 17 && h < 21 ? 0.26 : 0.14));
const allPartners = (self, ids, cost) => ids.filter((id) => id !== self).map((id) => ({ microgrid: id, costPerKwh: cost }));
const ids = ['mg1', 'mg2', 'mg3', 'mg4'];

const ieee33 = {
  schemaVersion: 1,
  metadata: {
    name: 'Four microgrids on the IEEE 33-bus feeder',
    description:
      'Four microgrids at the ends of the IEEE 33-bus feeder\'s branches (buses 18, 22, 25 and 33) over a summer day. mg1 and mg4 are PV-rich residential microgrids with batteries, mg2 a campus with a cheap CHP unit, mg3 an industrial park with a dearer generator. They buy from the ADN at a time-of-use tariff (0.08 night, 0.14 day, 0.26 evening peak per kWh) and sell to it at 0.04; every pair may trade P2P at 0.004 per kWh and side. The feeder\'s loads are 20 % above the base case. The mg-bargaining job finds the social optimum (centralised and by ADMM) and shares the saving equally by Nash bargaining; the AC power flow of the result then finds bus 18 below 0.90 p.u. at 18:00, and the ADN asks mg1 to inject about 42 kW more.',
    tags: ['sample', 'microgrids', 'p2p', 'nash-bargaining', 'admm', 'ieee33'],
    job: 'mg-bargaining',
  },
  time: day.time,
  profiles: [
    ...day.profiles,
    pv,
    { id: 'adn-buy', name: 'ADN time-of-use tariff', kind: 'price', unit: '$/kWh', values: tou, source: '0.08 from 23:00 to 07:00, 0.26 from 17:00 to 21:00, 0.14 otherwise' },
    loadProfile('mg1-load', 'mg1 load', 'residential', 250),
    loadProfile('mg2-load', 'mg2 load', 'commercial', 350),
    loadProfile('mg3-load', 'mg3 load', 'commercial', 450),
    loadProfile('mg4-load', 'mg4 load', 'residential', 200),
  ],
  // loads 20 % above the base case: LinDistFlow keeps bus 18 at 0.90 p.u. at the evening peak, the AC flow does not
  network: { ...day.network, loadScale: 1.2 },
  microgrids: [
    {
      id: 'mg1', name: 'Residential PV + battery', busId: '18', loadKw: { profile: 'mg1-load' }, pvKwp: 500, pvProfile: { profile: 'pv' },
      battery: { kwh: 400, kw: 120, etaCharge: 0.95, etaDischarge: 0.95, socMin: 0.1, socMax: 0.9, socInitial: 0.5, degradationCostPerKwh: 0.01 },
      adn: { buyPricePerKwh: { profile: 'adn-buy' }, sellPricePerKwh: 0.04 }, partners: allPartners('mg1', ids, 0.004),
    },
    {
      id: 'mg2', name: 'Campus with CHP', busId: '22', loadKw: { profile: 'mg2-load' }, pvKwp: 100, pvProfile: { profile: 'pv' },
      generator: { pMinKw: 0, pMaxKw: 300, costQuadraticPerKw2h: 0.0002, costLinearPerKwh: 0.1, rampKwPerH: 100, initialKw: 100 },
      adn: { buyPricePerKwh: { profile: 'adn-buy' }, sellPricePerKwh: 0.04 }, partners: allPartners('mg2', ids, 0.004),
    },
    {
      id: 'mg3', name: 'Industrial park', busId: '25', loadKw: { profile: 'mg3-load' },
      generator: { pMinKw: 0, pMaxKw: 250, costQuadraticPerKw2h: 0.0003, costLinearPerKwh: 0.15, rampKwPerH: 80 },
      adn: { buyPricePerKwh: { profile: 'adn-buy' }, sellPricePerKwh: 0.04 }, partners: allPartners('mg3', ids, 0.004),
    },
    {
      id: 'mg4', name: 'Village PV + battery', busId: '33', loadKw: { profile: 'mg4-load' }, pvKwp: 300, pvProfile: { profile: 'pv' },
      battery: { kwh: 200, kw: 60, etaCharge: 0.95, etaDischarge: 0.95, socMin: 0.1, socMax: 0.9, socInitial: 0.5, degradationCostPerKwh: 0.01 },
      adn: { buyPricePerKwh: { profile: 'adn-buy' }, sellPricePerKwh: 0.04 }, partners: allPartners('mg4', ids, 0.004),
    },
  ],
};

const classroom = {
  schemaVersion: 1,
  metadata: {
    name: 'Classroom: three microgrids on a small feeder',
    description:
      'Three microgrids on a four-bus feeder over one day in four six-hour periods (night, morning, afternoon, evening). "sunny" has PV and no storage, "diesel" a generator at 0.12 per kWh (plus 0.0002·P²), "homes" a battery. Alone, sunny sells its midday surplus to the ADN at 0.03 and homes buys at up to 0.30; trading P2P at 0.005 per kWh and side lowers the total cost, and Nash bargaining gives each microgrid the same share of the saving. Turn microgridCoordination.communication.lossProbability up to watch ADMM slow down.',
    tags: ['sample', 'microgrids', 'p2p', 'nash-bargaining', 'admm', 'classroom'],
    job: 'mg-bargaining',
  },
  time: { T: 4, dtHours: 6, start: '2026-07-01T00:00' },
  profiles: [
    { id: 'sun', name: 'PV output per kWp', kind: 'pv', unit: 'p.u.', values: [0, 0.45, 0.55, 0.05], source: 'six-hour means of a clear summer day' },
    { id: 'tariff', name: 'ADN tariff', kind: 'price', unit: '$/kWh', values: [0.1, 0.18, 0.18, 0.3] },
    { id: 'homes-load', name: 'homes load', kind: 'load', unit: 'kW', values: [60, 110, 90, 180] },
  ],
  network: {
    baseKv: 12.66,
    baseMva: 1,
    substation: { busId: 'S' },
    buses: [
      { id: 'S', name: 'Substation' },
      { id: 'A', name: 'Bus A', pdKw: 40, qdKvar: 15, vminPu: 0.95, vmaxPu: 1.05 },
      { id: 'B', name: 'Bus B', pdKw: 40, qdKvar: 15, vminPu: 0.95, vmaxPu: 1.05 },
      { id: 'C', name: 'Bus C', pdKw: 40, qdKvar: 15, vminPu: 0.95, vmaxPu: 1.05 },
    ],
    lines: [
      { id: 'SA', from: 'S', to: 'A', rOhm: 0.6, xOhm: 0.4, rateKva: 1000 },
      { id: 'AB', from: 'A', to: 'B', rOhm: 0.8, xOhm: 0.5, rateKva: 600 },
      { id: 'BC', from: 'B', to: 'C', rOhm: 0.8, xOhm: 0.5, rateKva: 400 },
    ],
  },
  microgrids: [
    { id: 'sunny', name: 'Sunny (PV)', busId: 'A', loadKw: 80, pvKwp: 400, pvProfile: { profile: 'sun' }, adn: { buyPricePerKwh: { profile: 'tariff' }, sellPricePerKwh: 0.03 }, partners: allPartners('sunny', ['sunny', 'diesel', 'homes'], 0.005) },
    {
      id: 'diesel', name: 'Diesel', busId: 'B', loadKw: 120,
      generator: { pMinKw: 0, pMaxKw: 250, costQuadraticPerKw2h: 0.0002, costLinearPerKwh: 0.12 },
      adn: { buyPricePerKwh: { profile: 'tariff' }, sellPricePerKwh: 0.03 }, partners: allPartners('diesel', ['sunny', 'diesel', 'homes'], 0.005),
    },
    {
      id: 'homes', name: 'Homes (battery)', busId: 'C', loadKw: { profile: 'homes-load' },
      battery: { kwh: 300, kw: 50, etaCharge: 0.95, etaDischarge: 0.95, socMin: 0.1, socMax: 0.9, socInitial: 0.5, degradationCostPerKwh: 0.01 },
      adn: { buyPricePerKwh: { profile: 'tariff' }, sellPricePerKwh: 0.03 }, partners: allPartners('homes', ['sunny', 'diesel', 'homes'], 0.005),
    },
  ],
  // the defaults, written out so a teacher (or `--set`) can turn the loss probability up
  microgridCoordination: {
    admm: { rho: 0.005, adaptiveRho: false, overRelaxation: 1, maxIterations: 2000, epsAbs: 3e-4, epsRel: 1e-6 },
    communication: { lossProbability: 0, maxDelayIterations: 0 },
    privacy: { epsilon: 1, sensitivityKw: 1 },
  },
  // the trades' data for mg-energy-comm: a hub all three reach, and a short direct line sunny–homes; homes'
  // two links (50 + 30 kbit/s) cannot carry the 100 kW sunny would sell it at 06:00, so that trade shrinks
  communicationNetwork: {
    kbpsPerKw: 1,
    delayCostPerKbpsMsH: 0.00001,
    links: [
      { id: 'sunny-hub', from: 'sunny', to: 'hub', bandwidthKbps: 150, costPerKbpsH: 0.0005, latencyMs: 20 },
      { id: 'diesel-hub', from: 'diesel', to: 'hub', bandwidthKbps: 150, costPerKbpsH: 0.0005, latencyMs: 20 },
      { id: 'homes-hub', from: 'homes', to: 'hub', bandwidthKbps: 50, costPerKbpsH: 0.0005, latencyMs: 20 },
      { id: 'sunny-homes', from: 'sunny', to: 'homes', bandwidthKbps: 30, costPerKbpsH: 0.0002, latencyMs: 5 },
    ],
  },
};

for (const [file, doc] of [['ieee33-microgrids.ggs.json', ieee33], ['classroom-microgrids.ggs.json', classroom]])
  writeFileSync(path.join(root, 'assets/scenarios', file), JSON.stringify(doc, null, 1) + '\n');
