/**
 * Runs a study's points through an injected executor — the CLI and the app
 * pass their WorkerPool, tests pass runJob — with bounded concurrency,
 * progress over points with an ETA, cancellation, a cache keyed by each
 * point's request hash, and per-point failures kept in their cells.
 */
import type { JobKind, JobRequest, JobResult, JobStatus } from '../contract.ts';
import { VERSION } from '../version.ts';
import { extractOutputs, outputInfo, selectOutputs, jobOutputs, type OutputValue } from './outputs.ts';
import { requestHash } from '../jobs/requestHash.ts';
import type { PointAnswer, PointResult, StudyResult } from './result.ts';
import { expandStudy, pointRequest, shardPoints, type Shard, type Study, type StudyPoint } from './study.ts';

/**
 * Runs one job. `signal` aborts when the study is cancelled; an executor
 * should then cancel the job. `outputs` are the output ids the study keeps:
 * an executor that runs the job in another thread should pass them on (the
 * worker then returns only those values, not the data); the result may carry
 * either `outputs` or `data`.
 */
export type Executor = (request: JobRequest, ctx: { signal: AbortSignal; outputs: string[] }) => Promise<JobResult>;

/** What is kept of a point's job: its answer with every output of its kind (so any later selection can be served). */
export interface PointOutcome extends PointAnswer {
  /** the job's own time, ms; 0 when served from the cache */
  jobMs: number;
}

/** A Map<string, PointOutcome> will do; an async store (a directory, IndexedDB) may return promises, which are awaited. */
export interface StudyCache {
  get(hash: string): PointOutcome | undefined | Promise<PointOutcome | undefined>;
  set(hash: string, outcome: PointOutcome): unknown;
}

export interface StudyProgress {
  /** points finished (run, failed or served from the cache) */
  done: number;
  total: number;
  /** points whose status is not ok */
  failed: number;
  cached: number;
  fraction: number;
  elapsedMs: number;
  /** remaining time at the average pace so far; null before the first point ends */
  etaMs: number | null;
}

export interface RunStudyOptions {
  onProgress?: (p: StudyProgress) => void;
  signal?: AbortSignal;
  cache?: StudyCache;
  /** points in flight at once; match the pool size (default 1) */
  concurrency?: number;
  /** run only this shard's points (see shardPoints) */
  shard?: Shard;
  now?: () => number;
}

/** Runs the job and keeps only its outcome; an executor that throws gives status `failed`. */
async function runPoint(kind: JobKind, request: JobRequest, executor: Executor, signal: AbortSignal): Promise<PointOutcome> {
  // every output of the kind, not just the selected ones, so the cache can serve any later selection
  const ids = jobOutputs[kind].map((o) => o.id);
  let result: JobResult;
  try {
    result = await executor(request, { signal, outputs: ids });
  } catch (e) {
    return { status: 'failed', message: `the job could not run: ${e instanceof Error ? e.message : String(e)}`, outputs: {}, at: {}, jobMs: 0 };
  }
  const outcome: PointOutcome = { status: result.status, message: result.message, outputs: {}, at: {}, jobMs: result.timingsMs.total };
  if (result.status !== 'ok') return outcome;
  if (result.outputs) return { ...outcome, ...result.outputs };
  if (result.data === null) return outcome;
  try {
    return { ...outcome, ...extractOutputs(kind, result.data as never, ids) };
  } catch (e) {
    // a bug in an output declaration must not lose the other points
    return { ...outcome, status: 'failed', message: (e as Error).message };
  }
}

/** Outcomes worth keeping: a cancelled or crashed job may well succeed next time. */
const cacheable = (s: JobStatus) => s !== 'cancelled' && s !== 'failed';

export async function runStudy(study: Study, executor: Executor, opts: RunStudyOptions = {}): Promise<StudyResult> {
  const now = opts.now ?? (() => performance.now());
  const t0 = now();
  const kind = study.base.kind;
  const all = expandStudy(study);
  const points = opts.shard ? shardPoints(all, opts.shard.index, opts.shard.count) : all;
  const selected = selectOutputs(kind, study.outputs);
  const concurrency = Math.max(1, Math.floor(opts.concurrency ?? 1));
  // the executor sees one signal whether the caller passed one or not
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  if (opts.signal?.aborted) controller.abort();

  const outcomes: (PointOutcome | undefined)[] = new Array(points.length);
  const requests = points.map((p) => pointRequest(study.base, p));
  const hashes = requests.map(requestHash);
  // identical points in flight at once (a tornado at a base value of 0) share one job
  const inFlight = new Map<string, Promise<PointOutcome>>();
  let done = 0;
  let failed = 0;
  let cached = 0;

  const report = () => {
    const elapsedMs = now() - t0;
    const total = points.length;
    opts.onProgress?.({ done, total, failed, cached, fraction: total === 0 ? 1 : done / total, elapsedMs, etaMs: done === 0 ? null : (elapsedMs / done) * (total - done) });
  };

  const runOne = async (k: number): Promise<PointOutcome> => {
    const hash = hashes[k]!;
    const hit = await opts.cache?.get(hash);
    if (hit) {
      cached++;
      return { ...hit, jobMs: 0 };
    }
    let pending = inFlight.get(hash);
    if (!pending) {
      pending = runPoint(kind, requests[k]!, executor, controller.signal);
      inFlight.set(hash, pending);
      const outcome = await pending;
      inFlight.delete(hash);
      if (cacheable(outcome.status)) await opts.cache?.set(hash, outcome);
      return outcome;
    }
    return { ...(await pending), jobMs: 0 };
  };

  let next = 0;
  const lane = async () => {
    while (next < points.length && !controller.signal.aborted) {
      const k = next++;
      const outcome = await runOne(k);
      outcomes[k] = outcome;
      done++;
      if (outcome.status !== 'ok') failed++;
      report();
    }
  };
  report();
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, points.length) }, lane));
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }

  const pointResults: PointResult[] = points.map((point: StudyPoint, k) => {
    const outcome = outcomes[k] ?? { status: 'cancelled' as const, message: 'not run: the study was cancelled', outputs: {}, at: {}, jobMs: 0 };
    const outputs: Record<string, OutputValue> = {};
    const at: Record<string, string | null> = {};
    for (const spec of selected) {
      if (spec.id in outcome.outputs) outputs[spec.id] = outcome.outputs[spec.id]!;
      if (spec.id in outcome.at) at[spec.id] = outcome.at[spec.id]!;
    }
    return {
      index: point.index,
      values: Object.fromEntries(point.assignments.map((a) => [a.path, a.value])),
      status: outcome.status,
      message: outcome.message,
      outputs,
      at,
      scenarioHash: hashes[k]!,
    };
  });

  const base = study.base;
  return {
    job: kind,
    study: study.design,
    base: { scenarioHash: requestHash(base), options: base.options ?? {}, seed: base.seed ?? 1, backend: base.backend ?? 'glpk' },
    outputs: selected.map(outputInfo),
    pointCount: all.length,
    ...(opts.shard ? { shard: opts.shard } : {}),
    points: pointResults,
    timingsMs: { total: now() - t0, jobs: outcomes.reduce((s, o) => s + (o?.jobMs ?? 0), 0) },
    version: VERSION,
  };
}
