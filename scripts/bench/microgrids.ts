/**
 * Microgrid bargaining benchmark (printed, not asserted): the centralised P1
 * (cutting planes over warm LPs) and ADMM (one warm HiGHS session per agent)
 * on
 *   - the classroom sample (3 MGs × 4 periods),
 *   - IEEE 33 with four microgrids (4 MGs × 24 h, assets/scenarios/ieee33-microgrids.ggs.json),
 *   - case141 with 20 microgrids × 96 quarter-hours (scripts/lib/case141Microgrids.ts); target: ADMM < 10 s.
 * Run: `npm run bench -- microgrids`, or `npx tsx scripts/bench/microgrids.ts [maxIterations] [alone|zero] [α] [threads…] [case]`
 * (the ADMM's start, admm.ts `AdmmSettings.start`, default alone; α overrides each case's over-relaxation, `-` keeps it;
 * threads: a comma list of step threads to run each case with, default `1,2`: 1 = the serial steps in this thread, n > 1 =
 * main/microgrid/parallelSteps.ts with n workers — before and after side by side, on the same load; case: only the
 * cases whose name starts with it, e.g. `case141`).
 *
 * The machine is shared, so besides the wall time it prints the ADMM's CPU time (this process, every thread, user +
 * system), the CPU per iteration, the critical path (per round the slowest agent's solve, summed: the solving time
 * with one computer per agent, admm.ts `criticalPathMs`) and the load average before each row.
 */
import { loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScenarioInput } from '../../solver/scenario/schema.ts';
import { MicrogridCoordination } from '../../solver/scenario/schema.ts';
import { validateScenario, formatIssue } from '../../solver/scenario/validate.ts';
import { loadLpBackend } from '../../solver/lp/backend.ts';
import { allMicrogridInputs } from '../../solver/microgrid/inputs.ts';
import { solveP1 } from '../../solver/microgrid/centralised.ts';
import { admm } from '../../solver/microgrid/admm.ts';
import { serialSteps, type MicrogridStepsFactory } from '../../solver/microgrid/localSteps.ts';
import { startMicrogridStepPool, type MicrogridStepPool } from '../../main/microgrid/parallelSteps.ts';
import { case141Microgrids } from '../lib/case141Microgrids.ts';
import { tablePrinter } from '../lib/benchTable.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const maxIterations = Number(process.argv[2] ?? 2000);
const start = process.argv[3] === 'zero' ? 'zero' : 'alone';
const alphaOverride = process.argv[4] === undefined || process.argv[4] === '-' ? undefined : Number(process.argv[4]);
const threadCounts = (process.argv[5] ?? '1,2').split(',').map(Number);
const only = process.argv[6] ?? '';
const sample = (name: string) => () => JSON.parse(readFileSync(path.join(root, 'assets/scenarios', name), 'utf8')) as ScenarioInput;
const cases: [string, () => ScenarioInput][] = [
  ['classroom (3 × 4)', sample('classroom-microgrids.ggs.json')],
  ['ieee33 (4 × 24 h)', sample('ieee33-microgrids.ggs.json')],
  ['case141 (20 × 96)', () => case141Microgrids(root)],
];

const lp = await loadLpBackend('highs');
const pools = new Map<number, MicrogridStepPool>();
for (const n of threadCounts) if (n > 1) pools.set(n, await startMicrogridStepPool({ threads: n }));
const stepsWith = (n: number): MicrogridStepsFactory => pools.get(n)?.steps ?? serialSteps;
const columns: [string, number][] = [['case', 20], ['P1 ms', 8], ['cut rounds', 11], ['threads', 8], ['ADMM ms', 9], ['CPU ms', 8], ['iterations', 11], ['QP solves', 10], ['from W', 8], ['CPU ms/it', 10], ['critical ms', 12], ['α', 5], ['converged', 10], ['gap', 10], ['load average', 16]];
const printRow = tablePrinter(columns);
for (const [name, make] of cases.filter(([name]) => name.startsWith(only))) {
  const v = validateScenario(make());
  if (!v.ok) throw new Error(`${name}: ${v.issues.map(formatIssue).join('; ')}`);
  const s = v.value;
  const inputs = allMicrogridInputs(s);
  let t0 = performance.now();
  const p1 = solveP1(lp, s, inputs, true, 12);
  const p1Ms = performance.now() - t0;
  const coord = s.microgridCoordination ?? MicrogridCoordination.parse({});
  for (const threads of threadCounts) {
    const load = loadavg().map((l) => l.toFixed(2)).join(' ');
    t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const it = admm(lp, s, inputs, { ...coord.admm, ...(alphaOverride === undefined ? {} : { overRelaxation: alphaOverride }), maxIterations, network: true, polygonSides: 12, links: coord.communication, seed: 1, start, steps: stepsWith(threads) });
    let step = it.next();
    while (!step.done) step = it.next();
    const ms = performance.now() - t0;
    const used = process.cpuUsage(cpu0);
    const cpuMs = (used.user + used.system) / 1000;
    const r = step.value;
    const gap = Math.abs(r.socialCost - p1.socialCost) / Math.abs(p1.socialCost);
    printRow([name, p1Ms.toFixed(0), String(p1.cutRounds), String(threads), ms.toFixed(0), cpuMs.toFixed(0), String(r.iterations), String(r.solves), String(r.workingSetSolves), (cpuMs / r.iterations).toFixed(1), r.criticalPathMs.toFixed(0), String(r.overRelaxation), String(r.converged), gap.toExponential(2), load]);
  }
}
for (const pool of pools.values()) await pool.close();
