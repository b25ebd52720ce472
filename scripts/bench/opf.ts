/**
 * OPF benchmark (printed, not asserted): build time, solve time per backend
 * and the ratio to native glpsol on the exported LP, for
 *   - IEEE 33-bus, 24 hourly periods, 10 PV + 5 batteries + 1 generator (assets/scenarios/ieee33-der.ggs.json)
 *   - MATPOWER case141, 96 quarter-hour periods, 10 PV + 5 batteries
 * Run: `npm run bench`, or `npx tsx scripts/bench/opf.ts`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScenarioInput } from '../../solver/scenario/schema.ts';
import { validateScenario, formatIssue } from '../../solver/scenario/validate.ts';
import { importMatpower } from '../../solver/import/matpower.ts';
import { LP_BACKENDS, loadLpBackend } from '../../solver/lp/backend.ts';
import { toCplexLp } from '../../solver/lp/lpFormat.ts';
import { toLp } from '../../solver/opf/toLp.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const GLPSOL = '/usr/bin/glpsol';

/** case141 over a day in quarter-hours: the residential profile of the IEEE 33 samples, linearly interpolated; DERs spread along the feeder. */
function case141Day(): ScenarioInput {
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
      { id: 'pv', kind: 'pv', values: quarter(hourly('pv')) },
      { id: 'import-price', kind: 'price', unit: '$/kWh', values: quarter(hourly('import-price')) },
    ],
    network: {
      ...scenario.network,
      substation: { ...scenario.network.substation, importPricePerKwh: { profile: 'import-price' }, exportPricePerKwh: 0.04 },
      buses: buses.map((b) => ({ ...b, loadProfile: 'residential', vminPu: 0.9, vmaxPu: 1.05 })),
      der: {
        pv: Array.from({ length: 10 }, (_, k) => ({ id: `pv${k}`, busId: pick(k, 10), kwp: 400, irradiance: { profile: 'pv' } })),
        batteries: Array.from({ length: 5 }, (_, k) => ({ id: `bat${k}`, busId: pick(2 * k, 10), kwh: 800, kw: 300 })),
      },
    },
  };
}

function glpsolSeconds(lpText: string): { ms: number; objective: number } | null {
  if (!existsSync(GLPSOL)) return null;
  const dir = mkdtempSync(path.join(tmpdir(), 'ggs-bench-'));
  try {
    const file = path.join(dir, 'model.lp');
    writeFileSync(file, lpText);
    const t0 = performance.now();
    const out = execFileSync(GLPSOL, ['--lp', file, '--nopresol', '-o', path.join(dir, 'out.txt')], { encoding: 'utf8' });
    const ms = performance.now() - t0;
    const m = /Objective:\s+\S+\s+=\s+(\S+)/.exec(readFileSync(path.join(dir, 'out.txt'), 'utf8')) ?? /obj\s*=\s*(\S+)/.exec(out);
    return { ms, objective: m ? Number(m[1]) : NaN };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const cases: [string, () => ScenarioInput][] = [
  ['ieee33-der (24 h, 10 PV, 5 bat)', () => JSON.parse(readFileSync(path.join(root, 'assets/scenarios/ieee33-der.ggs.json'), 'utf8'))],
  ['case141 (96 × 15 min, 10 PV, 5 bat)', case141Day],
];

// rows are printed as they are measured: the case141 glpk solve takes minutes on a busy machine
const columns: [string, number][] = [['case', 36], ['rows × cols', 14], ['build ms', 9], ['backend', 8], ['solve ms', 9], ['glpsol ms', 10], ['ratio', 7], ['objective', 40]];
const printRow = (cells: string[]) => console.log(cells.map((c, i) => c.padEnd(columns[i]![1])).join(' ').trimEnd());
printRow(columns.map(([name]) => name));
printRow(columns.map(([, w]) => '-'.repeat(w)));
for (const [name, make] of cases) {
  const v = validateScenario(make());
  if (!v.ok) throw new Error(`${name}: ${v.issues.map(formatIssue).join('; ')}`);
  let t0 = performance.now();
  const lp = toLp(v.value, { polygonSides: 12 });
  const buildMs = performance.now() - t0;
  const native = glpsolSeconds(toCplexLp(lp.model));
  for (const backendName of LP_BACKENDS) {
    const backend = await loadLpBackend(backendName);
    t0 = performance.now();
    const solution = backend.solve(lp.model);
    const solveMs = performance.now() - t0;
    printRow([
      name,
      `${lp.model.rowCount} × ${lp.model.varCount}`,
      buildMs.toFixed(0),
      backendName,
      solveMs.toFixed(0),
      native ? native.ms.toFixed(0) : 'n/a',
      native ? (solveMs / native.ms).toFixed(2) : 'n/a',
      `${solution.status} ${solution.objective.toFixed(4)}${native ? ` (glpsol ${native.objective.toFixed(4)})` : ''}`,
    ]);
  }
}
