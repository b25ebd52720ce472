/** A small synthetic hourly load for the model and evaluation tests: daily and weekly shape plus seeded noise. */
import type { MeterData } from '../../../solver/forecast/meterData.ts';
import { rngOf } from '../../../solver/forecast/random.ts';

export function syntheticLoad(days: number, seed = 1, noise = 0.1): MeterData {
  const rng = rngOf(seed);
  const start = Date.parse('2016-01-04T00:00:00Z'); // a Monday
  const values = Array.from({ length: days * 24 }, (_, t) => {
    const h = t % 24, dow = Math.floor(t / 24) % 7;
    return Math.max(0, 1 + 0.5 * Math.sin((2 * Math.PI * (h - 6)) / 24) + (dow >= 5 ? 0.3 : 0) + noise * rng.normal());
  });
  return { startMs: start, stepMinutes: 60, timeZone: 'UTC', series: [{ id: 'load', role: 'load', unit: 'kWh', values }], report: { rows: values.length, stepMinutes: 60, intervals: values.length, columns: [], derived: [], notes: [] } };
}
