/** What a what-if study can read off an OPF result (see outputs.ts for the shapes). */
import type { OutputSpec } from './outputs.ts';

export const opfOutputs: OutputSpec<'opf'>[] = [
  { id: 'cost', label: 'Operating cost over the horizon', unit: 'currency', shape: 'scalar', extract: (d) => d.summary.cost },
  { id: 'emittedKg', label: 'Carbon emitted over the horizon', unit: 'kg', shape: 'scalar', extract: (d) => d.summary.carbon.emittedKg },
  { id: 'pvCurtailedKwh', label: 'PV energy curtailed', unit: 'kWh', shape: 'scalar', extract: (d) => d.summary.pvCurtailedKwh },
  {
    id: 'maxDlmp',
    label: 'Highest DLMP',
    unit: 'currency/kWh',
    shape: 'scalar',
    extract: (d) => Math.max(...d.periods.flatMap((p) => p.buses.map((b) => b.dlmp.total))),
    at: (d) => {
      let best = { v: -Infinity, at: null as string | null };
      for (const p of d.periods) for (const b of p.buses) if (b.dlmp.total > best.v) best = { v: b.dlmp.total, at: b.id };
      return best.at;
    },
  },
  { id: 'importKw', label: 'Grid import per period', unit: 'kW', shape: 'series', extract: (d) => d.periods.map((p) => p.importKw) },
  {
    id: 'busDlmpMean',
    label: 'DLMP averaged over the horizon',
    unit: 'currency/kWh',
    shape: 'per-entity',
    entity: 'bus',
    entities: (s) => s.network.buses.map((b) => b.id),
    extract: (d) => {
      const out: Record<string, number> = {};
      for (const p of d.periods) for (const b of p.buses) out[b.id] = (out[b.id] ?? 0) + b.dlmp.total / d.periods.length;
      return out;
    },
  },
  {
    id: 'busCarbonKgPerKwh',
    label: 'Carbon intensity of consumption (energy-weighted)',
    unit: 'kg/kWh',
    shape: 'per-entity',
    entity: 'bus',
    entities: (s) => s.network.buses.map((b) => b.id),
    extract: (d) => {
      const kg: Record<string, number> = {}, kwh: Record<string, number> = {};
      for (const p of d.periods)
        for (const b of p.buses) {
          kg[b.id] = (kg[b.id] ?? 0) + b.loadCarbonKg;
          kwh[b.id] = (kwh[b.id] ?? 0) + b.loadKw * d.dtHours;
        }
      return Object.fromEntries(Object.keys(kg).map((id) => [id, kwh[id]! > 0 ? kg[id]! / kwh[id]! : 0]));
    },
  },
];
