/**
 * Every field of a scenario a study can sweep, with its unit: what the app's
 * parameter picker lists. Entities are addressed by id (`network.buses[id=18].pdKw`)
 * so a path keeps pointing at the same bus when the list is reordered. Units
 * come from the field-name suffixes the schema uses (pdKw, rOhm, vmPu, …).
 */
import type { Scenario } from '../scenario/schema.ts';

export interface SweepableParam {
  path: string;
  /** the current value in the validated scenario */
  value: number;
  unit: string;
}

const UNITS: [RegExp, string][] = [
  [/PerKwh$/, 'per kWh'],
  [/Kwh$/, 'kWh'],
  [/Kvar$/, 'kvar'],
  [/Kva$/, 'kVA'],
  [/Kw$/, 'kW'],
  [/Kv$/, 'kV'],
  [/Mva$/, 'MVA'],
  [/Pu$/, 'p.u.'],
  [/Ohm$/, 'Ω'],
  [/Deg$/, '°'],
  [/Pct$/, '%'],
  [/Hours$/, 'h'],
  [/Scale$/, '×'],
];

/** Not parameters of the model: the file format and the diagram layout. */
const NOT_PARAMETERS = new Set(['schemaVersion', 'x', 'y']);

export function unitOf(field: string): string {
  return UNITS.find(([re]) => re.test(field))?.[1] ?? '';
}

export function sweepableParams(scenario: Scenario): SweepableParam[] {
  const out: SweepableParam[] = [];
  const walk = (node: unknown, path: string, field: string) => {
    if (typeof node === 'number') {
      if (Number.isFinite(node) && !NOT_PARAMETERS.has(field)) out.push({ path, value: node, unit: unitOf(field) });
    } else if (Array.isArray(node)) {
      // a list of numbers is a time series (profile values), swept as a whole profile, not point by point
      node.forEach((item, i) => {
        if (typeof item !== 'object' || item === null) return;
        const id = (item as { id?: unknown }).id;
        walk(item, `${path}[${typeof id === 'string' ? `id=${id}` : i}]`, field);
      });
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) walk(value, path ? `${path}.${key}` : key, key);
    }
  };
  walk(scenario, '', '');
  return out;
}
