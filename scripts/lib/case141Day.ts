/**
 * Benchmark scenarios shared by scripts/bench/*.ts (kept out of scripts/bench/,
 * whose every file bench.mjs runs).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ScenarioInput } from '../../solver/scenario/schema.ts';
import { importMatpower } from '../../solver/import/matpower.ts';

/**
 * case141 over a day in quarter-hours: its imported loads follow the two daily
 * load profiles of the IEEE 33 samples (residential and commercial, on
 * alternate buses), linearly interpolated; DERs spread along the feeder.
 */
export function case141Day(root: string): ScenarioInput {
  const { scenario } = importMatpower(readFileSync(path.join(root, 'assets/networks/matpower/case141.m'), 'utf8'), 'case141.m');
  const day = JSON.parse(readFileSync(path.join(root, 'assets/scenarios/ieee33-der.ggs.json'), 'utf8')) as ScenarioInput;
  const hourly = (id: string) => day.profiles!.find((p) => p.id === id)!.values;
  const quarter = (v: number[]) => Array.from({ length: 96 }, (_, q) => {
    const h = q / 4, a = Math.floor(h), f = h - a;
    return v[a % 24]! * (1 - f) + v[(a + 1) % 24]! * f;
  });
  const buses = scenario.network.buses;
  const pick = (k: number, of: number) => buses[Math.floor(((k + 1) * (buses.length - 1)) / (of + 1))]!.id;
  return {
    ...scenario,
    time: { T: 96, dtHours: 0.25, start: '2026-07-01T00:00' },
    profiles: [
      { id: 'residential', kind: 'load', values: quarter(hourly('residential')) },
      { id: 'commercial', kind: 'load', values: quarter(hourly('commercial')) },
      { id: 'pv', kind: 'pv', values: quarter(hourly('pv')) },
      { id: 'import-price', kind: 'price', unit: '$/kWh', values: quarter(hourly('import-price')) },
    ],
    network: {
      ...scenario.network,
      substation: { ...scenario.network.substation, importPricePerKwh: { profile: 'import-price' }, exportPricePerKwh: 0.04 },
      buses: buses.map((b, i) => ({ ...b, loadProfile: i % 2 ? 'commercial' : 'residential', vminPu: 0.9, vmaxPu: 1.05 })),
      der: {
        pv: Array.from({ length: 10 }, (_, k) => ({ id: `pv${k}`, busId: pick(k, 10), kwp: 400, irradiance: { profile: 'pv' } })),
        batteries: Array.from({ length: 5 }, (_, k) => ({ id: `bat${k}`, busId: pick(2 * k, 10), kwh: 800, kw: 300 })),
      },
    },
  };
}
