/**
 * OPF benchmark (printed, not asserted): build time, solve time per backend
 * and the ratio to native glpsol on the exported LP, for
 *   - IEEE 33-bus, 24 hourly periods, 10 PV + 5 batteries + 1 generator (assets/scenarios/ieee33-der.ggs.json)
 *   - MATPOWER case141, 96 quarter-hour periods, two daily load profiles, 10 PV + 5 batteries (scripts/lib/case141Day.ts)
 * Run: `npm run bench`, or `npx tsx scripts/bench/opf.ts`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScenarioInput } from '../../solver/scenario/schema.ts';
import { validateScenario, formatIssue } from '../../solver/scenario/validate.ts';
import { case141Day } from '../lib/case141Day.ts';
import { LP_BACKENDS, loadLpBackend } from '../../solver/lp/backend.ts';
import { toCplexLp } from '../../solver/lp/lpFormat.ts';
import { toLp } from '../../solver/opf/toLp.ts';
import { tablePrinter } from '../lib/benchTable.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const GLPSOL = '/usr/bin/glpsol';

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
  ['case141 (96 × 15 min, 10 PV, 5 bat)', () => case141Day(root)],
];

// rows are printed as they are measured: the case141 glpk solve takes minutes on a busy machine
const columns: [string, number][] = [['case', 36], ['rows × cols', 14], ['build ms', 9], ['backend', 8], ['solve ms', 9], ['glpsol ms', 10], ['ratio', 7], ['objective', 40]];
const printRow = tablePrinter(columns);
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
