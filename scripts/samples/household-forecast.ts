#!/usr/bin/env -S npx tsx
/**
 * Writes assets/scenarios/household-forecast.ggs.json: the shipped OPSD
 * household (assets/load/, CC BY 4.0) read by the forecast importer —
 * hourly load (grid import + own PV use), PV and net load, with the gaps and
 * interpolation it reports — as the `forecast` section of a scenario for the
 * forecast job: `npx tsx scripts/samples/household-forecast.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { OPSD_SOURCE, parseOpsdHousehold } from '../../solver/forecast/opsd.ts';
import { forecastScenario } from '../../solver/forecast/scenarioOf.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const parsed = parseOpsdHousehold(readFileSync(path.join(root, 'assets/load/opsd_household_DE_KN_residential4_60min.csv'), 'utf8'));
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const data = parsed.data;
// registers have 1 Wh resolution: three decimals of kWh hold every value exactly (up to float noise)
const r3 = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);
const kept = { ...data, series: data.series.filter((s) => ['load', 'pv', 'net'].includes(s.role)).map((s) => ({ ...s, values: s.values.map(r3) })) };
const columns = data.report.columns.filter((c) => /grid_import|grid_export|_pv$/.test(c.column));
const scenario = forecastScenario(kept, 'Household load forecast (Konstanz, OPSD)', { ...OPSD_SOURCE });
scenario.metadata.description = `Sixteen months of hourly metered load, PV and net load of one household with PV, EV and heat pump in Konstanz, Germany (Open Power System Data, CC BY 4.0). ${scenario.metadata.description}`;
scenario.forecast!.notes = [
  ...(scenario.forecast!.notes ?? []),
  ...columns.map((c) => `${c.column}: ${c.gaps.filter((g) => g.filled).length} gaps of ≤ 3 missing readings spread evenly (${c.interpolated} h), ${c.gaps.filter((g) => !g.filled).length} longer gaps left missing, ${c.resets.length} resets; the publisher marked ${c.publisherInterpolated ?? 0} rows as interpolated`),
];
writeFileSync(path.join(root, 'assets/scenarios/household-forecast.ggs.json'), JSON.stringify(scenario) + '\n');
console.log(`wrote assets/scenarios/household-forecast.ggs.json: ${kept.series.map((s) => s.id).join(', ')} × ${data.report.intervals} h`);
