/**
 * Forecasting benchmark (printed, not asserted; issue 18 item 7): training +
 * evaluation time per model on one year of hourly data for 20 households.
 *
 * The shipped data is ONE household (OPSD DE_KN_residential4). The 20
 * "households" are built from it, honestly labelled: household k is the
 * one-year window of its hourly load starting 5·k days later (overlapping
 * windows, k = 0…19), scaled by a factor spread over 0.7…1.3 and multiplied
 * by seeded noise (σ = 5 %). They share the household's habits; they are a
 * workload of the right size, not 20 independent homes.
 *
 * Per model: the rolling-origin evaluation with that model alone (last 28
 * days held out, one fold: fit on the window's first 80 %, validate,
 * refit on the whole window, forecast 28 × 24 h), no feature selection or
 * tuning; then, separately, the MOGOA selection + chicken-swarm tuning once
 * per household at the job's default effort. Serial on one thread, and the
 * 20 households split over two worker threads (the 2-core figure: wall clock
 * including thread start-up and tsx compilation, and in brackets the slowest
 * worker's own training + evaluation time).
 * Wall-clock seconds, and the serial run's CPU seconds (on a shared machine
 * the wall clock mostly measures the other processes; compare CPU seconds
 * between runs), with the load average before each row. Run: `npm run bench -- forecast` (or `npx tsx
 * scripts/bench/forecast.ts elm delm` for some models only).
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOpsdHousehold } from '../../solver/forecast/opsd.ts';
import { evaluateForecast, type EvaluationOptions } from '../../solver/forecast/evaluate.ts';
import type { MeterData } from '../../solver/forecast/meterData.ts';
import { MODEL_IDS, type ModelId } from '../../solver/forecast/modelIds.ts';
import { rngOf } from '../../solver/forecast/random.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const HOUSEHOLDS = 20, DAYS = 365;

function households(): MeterData[] {
  const parsed = parseOpsdHousehold(readFileSync(path.join(root, 'assets/load/opsd_household_DE_KN_residential4_60min.csv'), 'utf8'));
  if (!parsed.ok) throw new Error('the shipped data does not parse');
  const d = parsed.data, load = d.series.find((s) => s.role === 'load')!.values;
  // start at the first local midnight
  const first = (24 - new Date(d.startMs).getUTCHours() - 1 + 24) % 24;
  return Array.from({ length: HOUSEHOLDS }, (_, k) => {
    const from = first + k * 5 * 24, rng = rngOf(100 + k), scale = 0.7 + (0.6 * k) / (HOUSEHOLDS - 1);
    const values = load.slice(from, from + DAYS * 24).map((v) => (v === null ? null : Math.max(0, v * scale * (1 + 0.05 * rng.normal()))));
    return { ...d, startMs: d.startMs + from * 3_600_000, series: [{ id: 'load', role: 'load', unit: 'kWh', values }] };
  });
}

const BASE: EvaluationOptions = { target: 'load', horizon: 24, testDays: 28, folds: 1, models: ['naive'], selection: 'none', tuning: 'none', search: { population: 10, iterations: 10 }, validationShare: 0.2, refit: true, intervalLevel: 0.9, mapeFloor: 0.05, seed: 1, forecastNext: false };

function drain<T>(g: Generator<unknown, T, void>): T {
  for (;;) {
    const s = g.next();
    if (s.done) return s.value;
  }
}

/** Seconds (wall clock and CPU of this thread's process) to evaluate `what` on households `ks`, and the mean test MAE. */
function work(what: ModelId | 'search', ks: number[]): { seconds: number; cpuSeconds: number; mae: number } {
  const hs = households();
  const t0 = performance.now(), c0 = process.cpuUsage();
  let mae = 0;
  for (const k of ks) {
    const o = what === 'search' ? { ...BASE, models: ['naive'] as ModelId[], selection: 'grasshopper' as const, tuning: 'chicken' as const } : { ...BASE, models: [what] };
    const e = drain(evaluateForecast(hs[k]!, o));
    mae += e.models[0]!.mae / ks.length;
  }
  const c = process.cpuUsage(c0);
  return { seconds: (performance.now() - t0) / 1000, cpuSeconds: (c.user + c.system) / 1e6, mae };
}

if (!isMainThread) {
  const { what, ks } = workerData as { what: ModelId | 'search'; ks: number[]; tsEntry: string };
  parentPort!.postMessage(work(what, ks));
} else {
  const self = fileURLToPath(import.meta.url);
  const inWorker = (what: string, ks: number[]) =>
    new Promise<{ seconds: number; mae: number }>((resolve, reject) => {
      // Node 20 ignores --import tsx for a worker's own entry: main/workers/tsxBootstrap.mjs registers tsx, then imports this file
      const w = new Worker(path.join(root, 'main/workers/tsxBootstrap.mjs'), { workerData: { what, ks, tsEntry: self } });
      w.once('message', resolve);
      w.once('error', reject);
    });
  const all = Array.from({ length: HOUSEHOLDS }, (_, k) => k);
  console.log(`${HOUSEHOLDS} households × ${DAYS} days hourly (one real household in shifted, scaled, noisy windows), 28 test days each`);
  console.log('what          serial s   serial CPU s   2 threads s (work)   mean test MAE kWh   target    load average');
  const targets: Record<string, string> = { elm: '< 5 s', delm: '< 5 s', mlp: '< 60 s' };
  // `npx tsx scripts/bench/forecast.ts elm mlp` times only those
  const only = process.argv.slice(2);
  for (const what of ([...MODEL_IDS, 'search'] as const).filter((w) => only.length === 0 || only.includes(w))) {
    const load = loadavg().map((l) => l.toFixed(1)).join(' ');
    const serial = work(what, all);
    const t0 = performance.now();
    const halves = await Promise.all([inWorker(what, all.filter((k) => k % 2 === 0)), inWorker(what, all.filter((k) => k % 2 === 1))]);
    const two = (performance.now() - t0) / 1000;
    // the slowest worker's own training + evaluation time, without starting the thread and compiling this file with tsx (the app's worker is prebuilt)
    const twoWork = Math.max(...halves.map((h) => h.seconds));
    console.log(`${what.padEnd(14)}${serial.seconds.toFixed(2).padStart(8)}   ${serial.cpuSeconds.toFixed(2).padStart(12)}   ${two.toFixed(2).padStart(11)} (${twoWork.toFixed(2)})   ${what === 'search' ? '(selection + tuning)'.padStart(17) : serial.mae.toFixed(4).padStart(17)}   ${(targets[what] ?? '').padEnd(8)}  ${load}`);
  }
}
