/**
 * Validating a 10 MB scenario (issue 13: "validation of a 10 MB file stays
 * under a second"): the DER sample grown to 10 MB with a year of hourly
 * profile values and a few thousand extra buses and lines, then
 * parseScenarioText (JSON.parse + migration + zod + cross-checks), five times.
 */
import { readFileSync } from 'node:fs';
import { parseScenarioText } from '../../solver/scenario/validate.ts';

const sample = JSON.parse(readFileSync(new URL('../../assets/scenarios/ieee33-der.ggs.json', import.meta.url), 'utf8'));
// the horizon and every profile grow together, so the scenario stays valid
const T = 8760; // an hourly year, the longest horizon the schema allows
sample.time = { ...sample.time, T, dtHours: 1 };
for (const p of sample.profiles) p.values = Array.from({ length: T }, (_, t) => p.values[t % p.values.length] + (t % 7) * 1e-4);
const buses = sample.network.buses;
const lines = sample.network.lines;
// each extra bus and line adds about the same bytes: grow once, to just over 10 MB
const extra = (k: number) => JSON.stringify({ ...buses[1], id: `x${k}`, name: `extra bus ${k}` }).length + JSON.stringify({ ...lines[1], id: `Lx${k}`, name: `extra line ${k}` }).length + 30;
const count = Math.ceil((11e6 - JSON.stringify(sample).length) / extra(1000));
for (let k = 0; k < count; k++) {
  const id = `x${k}`;
  buses.push({ ...buses[1], id, name: `extra bus ${k}` });
  lines.push({ ...lines[1], id: `Lx${k}`, name: `extra line ${k}`, from: k === 0 ? '33' : `x${k - 1}`, to: id });
}
const text = JSON.stringify(sample);
const times: number[] = [];
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  const v = parseScenarioText(text);
  times.push(performance.now() - t0);
  if (!v.ok) throw new Error(`the grown scenario is invalid: ${v.issues[0]!.path}: ${v.issues[0]!.message}`);
}
console.log(`validate ${(text.length / 1e6).toFixed(1)} MB (${buses.length} buses, ${T} periods): ${times.map((t) => t.toFixed(0)).join(', ')} ms (best ${Math.min(...times).toFixed(0)} ms)`);
