/**
 * Dual-ascent benchmark (printed, not asserted): the `dual-ascent` job on the
 * classroom sample (3 MGs × 4 periods) and IEEE 33 with four microgrids
 * (4 × 24 h), and its best responses alone by both methods of
 * solver/microgrid/poolResponse.ts — HiGHS's hot-started QP (the job's) and
 * Kelley's cutting planes (the job's method until 2026-12) — on the same
 * price sequence (the job's first `responseIterations` accelerated updates,
 * noise off), with the largest difference of their pool trades.
 * Run: `npm run bench -- dualAscent`, or `npx tsx scripts/bench/dualAscent.ts [responseIterations]`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScenarioInput } from '../../solver/scenario/schema.ts';
import { validateScenario, formatIssue } from '../../solver/scenario/validate.ts';
import { loadLpBackend } from '../../solver/lp/backend.ts';
import { allMicrogridInputs, type MicrogridInputs } from '../../solver/microgrid/inputs.ts';
import { poolResponder } from '../../solver/microgrid/poolResponse.ts';
import { runJob } from '../../solver/jobs/run.ts';
import { tablePrinter, timed } from '../lib/benchTable.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const responseIterations = Number(process.argv[2] ?? 10);
const sample = (name: string) => JSON.parse(readFileSync(path.join(root, 'assets/scenarios', name), 'utf8')) as ScenarioInput;
const cases: [string, ScenarioInput][] = [
  ['classroom (3 × 4)', sample('classroom-microgrids.ggs.json')],
  ['ieee33 (4 × 24 h)', sample('ieee33-microgrids.ggs.json')],
];

const lp = await loadLpBackend('highs');
console.log('The job, default options (400 iterations, Laplace noise on):');
const jobRow = tablePrinter([['case', 20], ['wall s', 8], ['CPU s', 8], ['status', 14], ['gap', 10]]);
for (const [name, scenario] of cases) {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const r = await runJob({ kind: 'dual-ascent', scenario });
  const used = process.cpuUsage(cpu);
  jobRow([name, ((performance.now() - wall) / 1000).toFixed(2), ((used.user + used.system) / 1e6).toFixed(2), r.status, r.data ? r.data.relativeGap.toExponential(2) : '-']);
}

console.log(`\nBest responses alone, ${responseIterations} price updates × microgrids:`);
const row = tablePrinter([['case', 20], ['method', 7], ['wall s', 8], ['CPU s', 8], ['ms/response', 12], ['max |Δq| kW', 12]]);
const pooled = (mg: MicrogridInputs): MicrogridInputs => {
  const own = Math.max(...mg.loadKw) + Math.max(...mg.pvAvailableKw) + (mg.generator?.pMaxKw ?? 0) + (mg.battery?.kw ?? 0);
  return { ...mg, partners: [{ id: 'pool', costPerKwh: mg.partners.reduce((s, p) => s + p.costPerKwh, 0) / mg.partners.length, maxKw: 10 * Math.max(own, 1) }] };
};
for (const [name, input] of cases) {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(`${name}: ${v.issues.map(formatIssue).join('; ')}`);
  const { T, dtHours: dt } = v.value.time;
  const inputs = allMicrogridInputs(v.value).map(pooled);
  const beta = 1e-3, step = beta / (inputs.length * dt);
  // the price sequence: accelerated dual ascent on the QP's exact responses
  const prices: Float64Array[] = [];
  {
    const agents = inputs.map((mg) => poolResponder(mg, lp, { pool: 'pool', beta }));
    let lambda = new Float64Array(T), previous = new Float64Array(T);
    for (let k = 1; k <= responseIterations; k++) {
      const y = lambda.map((l, t) => l + ((k - 1) / (k + 2)) * (l - previous[t]!));
      prices.push(y);
      const sum = new Float64Array(T);
      for (const a of agents) {
        const x = a.respond(y);
        a.vars.trades.get('pool')!.forEach((q, t) => (sum[t]! += x[q]!));
      }
      previous = lambda;
      lambda = y.map((l, t) => l + step * sum[t]!);
    }
    agents.forEach((a) => a.dispose());
  }
  const answers: number[][][] = [];
  for (const method of ['qp', 'cuts'] as const) {
    const agents = inputs.map((mg) => poolResponder(mg, lp, { pool: 'pool', beta, method }));
    const out: number[][] = [];
    const t = timed(() => {
      for (const y of prices)
        for (const a of agents) {
          const x = a.respond(y);
          out.push(a.vars.trades.get('pool')!.map((q) => x[q]!));
        }
    });
    agents.forEach((a) => a.dispose());
    answers.push(out);
    const diff = method === 'cuts' ? Math.max(...out.flatMap((qs, i) => qs.map((q, t) => Math.abs(q - answers[0]![i]![t]!)))) : NaN;
    row([name, method, t.wall.toFixed(2), t.cpu.toFixed(2), ((1000 * t.wall) / out.length).toFixed(2), method === 'cuts' ? diff.toExponential(2) : '']);
  }
}
