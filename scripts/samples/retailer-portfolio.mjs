#!/usr/bin/env node
/**
 * Writes assets/scenarios/retailer-portfolio.ggs.json: a retailer serving a
 * mixed residential/commercial load over a representative weekday and weekend
 * day (48 hourly periods, Friday and Saturday) chooses volumes of six forward contracts against
 * 200 simulated spot-price/demand scenarios. Every shape is a formula stated
 * here, so the file can be regenerated: `node scripts/samples/retailer-portfolio.mjs`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const r3 = (v) => Math.round(v * 1e3) / 1e3;
const gauss = (h, mu, s) => Math.exp(-(((h - mu) / s) ** 2) / 2);
const T = 48;
const hourOf = (t) => t % 24;
const weekend = (t) => Math.floor(t / 24) >= 1; // day 0 is a Friday, day 1 a Saturday

// demand, kW: 900 kW night floor, commercial daytime block on weekdays, residential evening peak every day
const demandKw = Array.from({ length: T }, (_, t) => {
  const h = hourOf(t) + 0.5;
  const commercial = weekend(t) ? 250 * gauss(h, 13, 3) : 900 * gauss(h, 12.5, 3.2);
  const residential = 650 * gauss(h, 19.5, 2.2) + 250 * gauss(h, 8, 1.5);
  return r3(900 + commercial + residential);
});
// solar PPA delivery shape, p.u. of contracted kW: clear-sky sine from 06:00 to 19:30
const solar = Array.from({ length: T }, (_, t) => r3(Math.max(0, Math.sin((Math.PI * (hourOf(t) + 0.5 - 6)) / 13.5)) ** 1.3));
// evening block 17:00–22:00 every day
const evening = Array.from({ length: T }, (_, t) => (hourOf(t) >= 17 && hourOf(t) < 22 ? 1 : 0));

const scenario = {
  schemaVersion: 1,
  metadata: {
    name: 'Retailer contract portfolio (a representative weekday and weekend day)',
    description:
      'A retailer buys for a mixed residential/commercial load (≈ 0.9–2.4 MW) over a representative weekday (Friday) and weekend day (Saturday) of hourly delivery. Six forward contracts — baseload, peak (08–20 on the weekday), off-peak, an evening block, a solar PPA and an expensive flexible baseload — hedge 200 simulated scenarios of spot price (hour-of-day and weekday shape, mean reversion, price spikes) and demand (correlated with price, ρ = 0.4). What is not contracted is bought or sold on the spot market at a 1 ¢/kWh bid–ask spread. The risk weight λ trades expected cost against CVaR at 95 %. Written by scripts/samples/retailer-portfolio.mjs.',
    tags: ['sample', 'portfolio', 'cvar', 'risk'],
    job: 'portfolio',
  },
  time: { T, dtHours: 1, start: '2026-01-09T00:00' },
  profiles: [
    { id: 'retail-demand', name: 'Retail demand (expected)', kind: 'load', unit: 'kW', values: demandKw, source: '900 + commercial (weekday 900·g(h;12.5,3.2), weekend 250·g(h;13,3)) + residential 650·g(h;19.5,2.2) + 250·g(h;8,1.5), g a Gaussian bump at the middle of hour h' },
    { id: 'solar-ppa', name: 'Solar PPA delivery shape', kind: 'pv', unit: 'p.u.', values: solar, source: 'max(0, sin(π(h + 0.5 − 6)/13.5))^1.3' },
    { id: 'evening-block', name: 'Evening block 17–22', kind: 'other', unit: 'p.u.', values: evening, source: '1 from 17:00 to 22:00, else 0' },
  ],
  network: { baseKv: 11, substation: { busId: 'supply' }, buses: [{ id: 'supply', name: 'retailer supply point' }] },
  portfolio: {
    spotPrice: {
      basePricePerKwh: 0.09,
      hourShape: Array.from({ length: 24 }, (_, h) => r3(0.75 + 0.3 * gauss(h + 0.5, 8.5, 1.8) + 0.55 * gauss(h + 0.5, 19, 2) + 0.2 * gauss(h + 0.5, 13, 4))),
      weekdayShape: [1, 1, 1, 1, 0.97, 0.85, 0.8],
      meanReversionPerHour: 0.08,
      volatilityPerSqrtHour: 0.07,
      jumps: { perDay: 0.4, meanLog: 0.7, stdLog: 0.3, decayPerHour: 0.4 },
      floorPerKwh: 0,
      capPerKwh: 1.5,
    },
    demand: { kw: { profile: 'retail-demand' }, volatility: 0.08, priceCorrelation: 0.4 },
    scenarios: { kind: 'simulated', count: 200, seed: 2026 },
    peakHours: { fromHour: 8, toHour: 20, weekdaysOnly: true },
    contracts: [
      { id: 'base', name: 'Baseload', shape: 'baseload', pricePerKwh: 0.098, minKw: 0, maxKw: 2000, heldKw: 900 },
      { id: 'peak', name: 'Peak (08–20 Mon–Fri)', shape: 'peak', pricePerKwh: 0.118, minKw: 0, maxKw: 1500, heldKw: 500 },
      { id: 'offpeak', name: 'Off-peak', shape: 'offpeak', pricePerKwh: 0.086, minKw: 0, maxKw: 1500, heldKw: 0 },
      { id: 'evening', name: 'Evening block 17–22', shape: 'custom', profile: 'evening-block', pricePerKwh: 0.142, minKw: 0, maxKw: 800, heldKw: 300 },
      { id: 'solar', name: 'Solar PPA', shape: 'custom', profile: 'solar-ppa', pricePerKwh: 0.075, minKw: 200, maxKw: 1200, heldKw: 200 },
      { id: 'flex', name: 'Flexible baseload (premium)', shape: 'baseload', pricePerKwh: 0.112, minKw: 0, maxKw: 1000, heldKw: 0 },
    ],
    spot: { bidAskSpreadPerKwh: 0.01 },
    risk: { alpha: 0.95, lambda: 0.5 },
  },
};

writeFileSync(path.join(root, 'assets/scenarios/retailer-portfolio.ggs.json'), JSON.stringify(scenario, null, 2) + '\n');
