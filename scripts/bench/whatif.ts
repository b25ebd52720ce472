/**
 * What-if benchmark (printed, not asserted): points per second of a sweep
 *   - powerflow on MATPOWER case141, 96 quarter-hour periods (200 points)
 *   - opf with HiGHS on IEEE 33-bus with DERs, 24 h (the heaviest job present; fewer points)
 * run in the thread, and through the worker pool with 1 worker and with all
 * workers (cores − 1, at least 2), each point returning only its what-if
 * outputs; plus 1 worker returning the full result, to show the transfer cost.
 * Run: `npm run bench -- whatif`, or `npx tsx scripts/bench/whatif.ts`.
 * BENCH_POINTS=N scales every point count (e.g. 20 for a quick look).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JobRequest } from '../../solver/contract.ts';
import { runStudy, type Executor } from '../../solver/whatif/execute.ts';
import { localExecutor } from '../../solver/whatif/localExecutor.ts';
import type { Study } from '../../solver/whatif/study.ts';
import { WorkerPool } from '../../main/workers/pool.ts';
import { workerEntry } from '../../main/workers/workerEntry.ts';
import { case141Day } from '../lib/case141Day.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const scale = Number(process.env.BENCH_POINTS ?? 200) / 200;
const allWorkers = Math.max(2, availableParallelism() - 1);

interface Case {
  name: string;
  base: JobRequest;
  points: number;
  /** the range of network.loadScale swept */
  from: number;
  to: number;
}

const cases: Case[] = [
  { name: 'powerflow case141 × 96', base: { kind: 'powerflow', scenario: case141Day(root) }, points: 200, from: 0.5, to: 1.5 },
  {
    name: 'opf/highs ieee33-der × 24',
    base: { kind: 'opf', backend: 'highs', scenario: JSON.parse(readFileSync(path.join(root, 'assets/scenarios/ieee33-der.ggs.json'), 'utf8')) },
    // at 1.1 line L2 cannot carry the evening peak: the last point is infeasible (a failed point costs as much as a solved one)
    points: 30,
    from: 0.5,
    to: 1.1,
  },
];

const sweep = (c: Case, points: number): Study => ({
  base: c.base,
  design: { kind: 'sweep', param: { path: 'network.loadScale', values: { kind: 'linear', from: c.from, to: c.to, steps: points } } },
});

/** Points per second of the study through `executor`, `concurrency` points in flight. */
async function pointsPerSecond(study: Study, executor: Executor, concurrency: number): Promise<{ n: number; pps: number; failed: number }> {
  const t0 = performance.now();
  const result = await runStudy(study, executor, { concurrency });
  const s = (performance.now() - t0) / 1000;
  const failed = result.points.filter((p) => p.status !== 'ok');
  if (failed[0]) console.warn(`  ${failed.length} points did not solve, e.g. ${JSON.stringify(failed[0].values)}: ${failed[0].status}: ${failed[0].message}`);
  return { n: result.points.length, pps: result.points.length / s, failed: failed.length };
}

async function withPool<T>(size: number, base: JobRequest, use: (pool: WorkerPool) => Promise<T>): Promise<T> {
  const pool = new WorkerPool({ entry: workerEntry(), size, hangTimeoutMs: 60_000 });
  try {
    // start every worker and warm its JIT on the base point, outside the timing
    await Promise.all(Array.from({ length: size }, () => pool.run(base).promise));
    return await use(pool);
  } finally {
    await pool.close();
  }
}

const columns: [string, number][] = [['case', 26], ['executor', 30], ['points', 7], ['points/s', 9], ['ratio', 24]];
const printRow = (cells: string[]) => console.log(cells.map((c, i) => c.padEnd(columns[i]![1])).join(' ').trimEnd());
printRow(columns.map(([name]) => name));
printRow(columns.map(([, w]) => '-'.repeat(w)));

for (const c of cases) {
  const points = Math.max(2, Math.round(c.points * scale));
  // the slower reference variants run a quarter of the points: points/s is what is compared
  const few = Math.max(2, Math.round(points / 4));
  const slim: (pool: WorkerPool) => Executor = (pool) => (request, { signal, outputs }) => pool.run(request, { signal, outputs }).promise;
  const full: (pool: WorkerPool) => Executor = (pool) => (request, { signal }) => pool.run(request, { signal }).promise;
  const row = (label: string, r: { n: number; pps: number; failed: number }, ratio = '') =>
    printRow([c.name, label, `${r.n}${r.failed ? ` (${r.failed} failed)` : ''}`, r.pps.toFixed(2), ratio]);

  await localExecutor(c.base, { signal: new AbortController().signal, outputs: [] }); // warm the in-thread JIT
  row('in-thread', await pointsPerSecond(sweep(c, few), localExecutor, 1));
  const [fullOne, one] = await withPool(1, c.base, async (pool) => [
    await pointsPerSecond(sweep(c, few), full(pool), 1),
    await pointsPerSecond(sweep(c, points), slim(pool), 1),
  ]);
  row('1 worker, full result', fullOne);
  row('1 worker, outputs only', one, `transfer ×${(one.pps / fullOne.pps).toFixed(2)}`);
  const many = await withPool(allWorkers, c.base, (pool) => pointsPerSecond(sweep(c, points), slim(pool), allWorkers));
  row(`${allWorkers} workers, outputs only`, many, `speed-up ×${(many.pps / one.pps).toFixed(2)} vs 1 worker`);
}
console.log(`\ncores: ${availableParallelism()} (all workers = max(2, cores − 1) = ${allWorkers})`);
