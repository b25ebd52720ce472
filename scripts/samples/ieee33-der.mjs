#!/usr/bin/env node
/**
 * Writes the sample profiles (assets/profiles/*.json) and the IEEE 33-bus
 * feeder with DERs (assets/scenarios/ieee33-der.ggs.json). Every shape is a
 * formula, stated in the profile's `source`, so the files can be regenerated
 * and checked: `node scripts/samples/ieee33-der.mjs`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const hours = Array.from({ length: 24 }, (_, h) => h);
const r4 = (v) => Math.round(v * 1e4) / 1e4;
const gauss = (h, mu, s) => Math.exp(-(((h - mu) / s) ** 2) / 2);
const normalise = (v) => {
  const m = Math.max(...v);
  return v.map((x) => r4(x / m));
};

const day = JSON.parse(readFileSync(path.join(root, 'assets/scenarios/ieee33-day.ggs.json'), 'utf8'));
const fromDay = (id) => day.profiles.find((p) => p.id === id);

const profiles = {
  residential: fromDay('residential'),
  commercial: fromDay('commercial'),
  pv: {
    id: 'pv',
    name: 'PV output per kWp (clear summer day)',
    kind: 'pv',
    unit: 'p.u.',
    values: hours.map((h) => r4(0.85 * Math.max(0, Math.sin((Math.PI * (h + 0.5 - 6)) / 13.5)) ** 1.3)),
    source: 'synthesised clear-sky shape: 0.85·max(0, sin(π(h + 0.5 − 6)/13.5))^1.3 at the middle of hour h (sunrise 06:00, sunset 19:30, 85 % of kWp at noon after inverter and temperature losses)',
  },
  'import-price': {
    id: 'import-price',
    name: 'Time-of-use import price',
    kind: 'price',
    unit: '$/kWh',
    values: hours.map((h) => (h < 7 || h >= 22 ? 0.1 : h >= 17 && h < 21 ? 0.3 : 0.18)),
    source: 'synthesised three-band time-of-use tariff: 0.10 $/kWh off-peak (22:00–07:00), 0.30 peak (17:00–21:00), 0.18 otherwise',
  },
  'grid-carbon': {
    id: 'grid-carbon',
    name: 'Upstream grid carbon intensity',
    kind: 'carbon',
    unit: 'kg/kWh',
    values: hours.map((h) => r4(0.45 - 0.15 * gauss(h + 0.5, 13, 3) + 0.05 * gauss(h + 0.5, 19.5, 2))),
    source: 'synthesised: 0.45 − 0.15·exp(−((h+0.5−13)/3)²/2) + 0.05·exp(−((h+0.5−19.5)/2)²/2) kgCO2/kWh (midday solar on the bulk grid, evening gas peakers)',
  },
  temperature: {
    id: 'temperature',
    name: 'Outdoor temperature (summer day)',
    kind: 'temperature',
    unit: '°C',
    values: hours.map((h) => r4(24 + 7 * Math.cos((2 * Math.PI * (h - 15)) / 24))),
    source: 'synthesised: 24 + 7·cos(2π(h − 15)/24) °C (minimum 17 °C at 03:00, maximum 31 °C at 15:00)',
  },
};
for (const [name, p] of Object.entries(profiles)) writeFileSync(path.join(root, 'assets/profiles', `${name}.json`), JSON.stringify(p, null, 2) + '\n');

const pvSites = [
  ['14', 400], ['15', 400], ['16', 500], ['17', 500], ['18', 600],
  ['29', 300], ['30', 300], ['31', 400], ['32', 400], ['33', 500],
];
const batterySites = ['18', '33', '25', '22', '14'];
const scenario = {
  ...day,
  metadata: {
    name: 'IEEE 33-bus feeder with PV, batteries and a generator',
    description:
      'The IEEE 33-bus feeder (Baran & Wu 1989) over a summer day with 4.2 MWp of PV at the ends of the main trunk and of the 26–33 branch, five 800 kWh / 300 kW batteries and a 400 kW diesel generator. At noon the PV pushes the far-end voltages to their 1.05 p.u. limit (PV is curtailed or stored); in the evening line L2 (2–3), rated 1900 kVA, congests, and the batteries and the generator relieve it. Prices follow a time-of-use tariff, grid carbon a daily shape. Written by scripts/samples/ieee33-der.mjs.',
    tags: ['sample', 'network', 'ieee33', 'der', 'opf'],
    job: 'opf',
  },
  profiles: Object.values(profiles),
  network: {
    ...day.network,
    substation: {
      ...day.network.substation,
      importPricePerKwh: { profile: 'import-price' },
      exportPricePerKwh: 0.04,
      carbonKgPerKwh: { profile: 'grid-carbon' },
      importLimitKw: 5000,
    },
    buses: day.network.buses.map((b) => ({ ...b, vminPu: 0.92, vmaxPu: 1.05 })),
    lines: day.network.lines.map((l) => (l.id === 'L2' ? { ...l, rateKva: 1900 } : l)),
    der: {
      pv: pvSites.map(([bus, kwp]) => ({ id: `pv${bus}`, name: `PV at bus ${bus}`, busId: bus, kwp, irradiance: { profile: 'pv' }, reactive: bus === '18' || bus === '33' })),
      batteries: batterySites.map((bus) => ({ id: `bat${bus}`, name: `Battery at bus ${bus}`, busId: bus, kwh: 800, kw: 300, etaCharge: 0.95, etaDischarge: 0.95, socMin: 0.1, socMax: 0.95, socInitial: 0.3 })),
      generators: [{ id: 'diesel30', name: 'Diesel generator at bus 30', busId: '30', pMinKw: 0, pMaxKw: 400, qMinKvar: -200, qMaxKvar: 200, costPerKwh: 0.32, carbonKgPerKwh: 0.7 }],
    },
  },
};
writeFileSync(path.join(root, 'assets/scenarios/ieee33-der.ggs.json'), JSON.stringify(scenario, null, 2) + '\n');
