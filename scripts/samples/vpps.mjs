#!/usr/bin/env node
/**
 * Writes the VPP-game samples: assets/scenarios/three-vpps.ggs.json (three VPPs
 * of different sizes and building stocks on the IEEE 33-bus feeder, 24 h) and
 * assets/scenarios/classroom-two-vpps.ggs.json (two VPPs, one building each).
 * Every shape is a formula stated in its profile's `source`, and building
 * parameters follow from floor area by the rules in `building()`:
 * `node scripts/samples/vpps.mjs`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const hours = Array.from({ length: 24 }, (_, h) => h);
const r4 = (v) => Math.round(v * 1e4) / 1e4;
const between = (h, from, to) => h >= from && h < to;

const ieee33 = JSON.parse(readFileSync(path.join(root, 'assets/scenarios/ieee33.ggs.json'), 'utf8'));
const pvShape = JSON.parse(readFileSync(path.join(root, 'assets/profiles/pv.json'), 'utf8'));

const profiles = [
  { ...pvShape },
  {
    id: 'hot-day',
    name: 'Outdoor temperature (hot summer day)',
    kind: 'temperature',
    unit: '°C',
    values: hours.map((h) => r4(29 + 5 * Math.cos((2 * Math.PI * (h - 15)) / 24))),
    source: 'synthesised: 29 + 5·cos(2π(h − 15)/24) °C (24 °C at 03:00, 34 °C at 15:00)',
  },
  {
    id: 'office-hours',
    name: 'Occupancy 08:00–18:00',
    kind: 'other',
    unit: '1 = occupied',
    values: hours.map((h) => (between(h, 8, 18) ? 1 : 0)),
    source: 'occupied from 08:00 to 18:00',
  },
  {
    id: 'school-hours',
    name: 'Occupancy 08:00–16:00',
    kind: 'other',
    unit: '1 = occupied',
    values: hours.map((h) => (between(h, 8, 16) ? 1 : 0)),
    source: 'occupied from 08:00 to 16:00',
  },
  {
    id: 'vpp-load',
    name: 'Other load of a public-building VPP (p.u. of peak)',
    kind: 'load',
    unit: 'p.u.',
    values: hours.map((h) => r4(0.45 + 0.55 * Math.max(0, Math.sin((Math.PI * (h - 6)) / 14)))),
    source: 'synthesised: 0.45 + 0.55·max(0, sin(π(h − 6)/14)) (base load at night, daytime hump 06:00–20:00)',
  },
  {
    id: 'retail-price',
    name: 'Retail (grid purchase) price',
    kind: 'price',
    unit: '$/kWh',
    values: hours.map((h) => (h < 7 || h >= 22 ? 0.1 : between(h, 17, 21) ? 0.3 : 0.18)),
    source: 'three-band time-of-use tariff: 0.10 $/kWh off-peak (22:00–07:00), 0.30 peak (17:00–21:00), 0.18 otherwise',
  },
  {
    id: 'buyer-demand',
    name: "P2P buyers' demand",
    kind: 'load',
    unit: 'kW',
    values: hours.map((h) => r4(600 + 400 * Math.max(0, Math.sin((Math.PI * (h - 7)) / 15)))),
    source: 'synthesised: 600 + 400·max(0, sin(π(h − 7)/15)) kW (neighbouring residential and commercial buyers)',
  },
];

/**
 * A public building from its floor area, by rules of thumb for a mid-size
 * concrete building: envelope conductance 5 W/(m²·K) → R = 200/area °C/kW;
 * thermal mass 0.05 kWh/(m²·K); AC sized at 40 W/m² electric; internal gains
 * 20 W/m² occupied, 5 W/m² unoccupied.
 */
function building(id, name, area, occupancy, extra = {}) {
  return {
    id,
    name,
    floorAreaM2: area,
    rCPerKw: r4(200 / area),
    cKwhPerC: r4(0.05 * area),
    acKw: r4(0.04 * area),
    cop: 3.5,
    setpointC: 24,
    comfort: { minC: 22, maxC: 26 },
    comfortUnoccupied: { minC: 20, maxC: 29 },
    occupancy: { profile: occupancy },
    internalGainsKw: { profile: `${id}-gains` },
    control: 'flexible',
    discomfortCostPerCh: 0.01,
    ...extra,
  };
}

/** Internal-gain profile of a building: 20 W/m² while occupied, 5 W/m² otherwise. */
function gainsProfile(b, occupancyId) {
  const occ = profiles.find((p) => p.id === occupancyId).values;
  return { id: `${b.id}-gains`, name: `Internal gains of ${b.name}`, kind: 'other', unit: 'kW', values: occ.map((o) => r4(b.floorAreaM2 * (o ? 0.02 : 0.005))), source: '20 W/m² occupied, 5 W/m² unoccupied' };
}

function vpp(id, name, busId, pvKwp, loadPeakKw, buildings, battery) {
  return {
    id,
    name,
    busId,
    pvKwp,
    pvProfile: { profile: 'pv' },
    otherLoadKw: { profile: `${id}-load` },
    outdoorTempC: { profile: 'hot-day' },
    ...(battery ? { battery } : {}),
    buildings,
  };
}

function loadProfile(id, peakKw) {
  const shape = profiles.find((p) => p.id === 'vpp-load').values;
  return { id: `${id}-load`, name: `Other load of ${id}`, kind: 'load', unit: 'kW', values: shape.map((x) => r4(x * peakKw)), source: `vpp-load × ${peakKw} kW` };
}

function scenario(name, description, vpps, loads, buildingsWithGains) {
  const extra = [...loads.map(([id, kw]) => loadProfile(id, kw)), ...buildingsWithGains.map(([b, occ]) => gainsProfile(b, occ))];
  return {
    schemaVersion: 1,
    metadata: { name, description, tags: ['vpp', 'p2p', 'game'], job: 'vpp-game' },
    time: { T: 24, dtHours: 1, start: '2026-07-15T00:00' },
    profiles: [...profiles, ...extra],
    network: ieee33.network,
    vpps,
    market: {
      retailPricePerKwh: { profile: 'retail-price' },
      feedInPricePerKwh: 0.05,
      buyerDemandKw: { profile: 'buyer-demand' },
      serviceFeePerKwh: 0.02,
      serviceFeeMaxPerKwh: 0.015,
    },
  };
}

const battery = (id, kwh, kw) => ({ id, kwh, kw, etaCharge: 0.95, etaDischarge: 0.95, socMin: 0.1, socMax: 0.9, socInitial: 0.5, cycleCostPerKwh: 0.01 });

// three VPPs: a university campus (large, battery), a civic centre (medium, hospital wing held constant), a school (small)
const library = building('campus-library', 'Campus library', 6000, 'office-hours');
const lab = building('campus-labs', 'Laboratory block', 4000, 'office-hours');
const townHall = building('civic-town-hall', 'Town hall', 3000, 'office-hours');
const clinic = building('civic-clinic', 'Clinic wing', 2000, 'office-hours', { control: 'constant', discomfortCostPerCh: 0 });
const school = building('school-main', 'School main building', 2500, 'school-hours');
const three = scenario(
  'Three VPPs with public buildings (P2P game)',
  'Three seller VPPs of different sizes on the IEEE 33-bus feeder trade P2P with neighbouring buyers on a hot summer day. Each VPP chooses its hourly P2P sales and runs its buildings\' air conditioning and battery; the equilibrium is a Nash equilibrium of the Cournot-like game (MODELS.md §2).',
  [
    vpp('campus', 'University campus', '18', 700, 260, [library, lab], battery('campus-battery', 400, 100)),
    vpp('civic', 'Civic centre', '25', 340, 150, [townHall, clinic]),
    vpp('school', 'Secondary school', '33', 220, 60, [school]),
  ],
  [['campus', 260], ['civic', 150], ['school', 60]],
  [[library, 'office-hours'], [lab, 'office-hours'], [townHall, 'office-hours'], [clinic, 'office-hours'], [school, 'school-hours']],
);

// classroom: two VPPs, one building each, no battery — a two-player Cournot picture
const office = building('office', 'Office block', 4000, 'office-hours');
const gym = building('sports-hall', 'Sports hall', 3000, 'office-hours');
const classroom = scenario(
  'Classroom: two VPPs in a P2P market',
  'Two VPPs, each with PV and one public building, sell P2P to the same buyers. Watch the best-response curves of the two VPPs at midday: each sells less the more the other sells, and best-response iteration climbs a staircase to where the curves cross — the Nash equilibrium.',
  [vpp('north', 'North VPP', '18', 500, 150, [office]), vpp('south', 'South VPP', '33', 350, 100, [gym])],
  [['north', 150], ['south', 100]],
  [[office, 'office-hours'], [gym, 'office-hours']],
);

for (const [file, doc] of [['three-vpps.ggs.json', three], ['classroom-two-vpps.ggs.json', classroom]])
  writeFileSync(path.join(root, 'assets/scenarios', file), JSON.stringify(doc, null, 2) + '\n');
