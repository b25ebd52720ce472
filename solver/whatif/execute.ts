/**
 * Runs a study's points through an injected executor — the CLI and the app
 * pass their WorkerPool, tests pass runJob — with bounded concurrency,
 * progress over points with an ETA, cancellation, a cache keyed by each
 * point's key (base hash + assignments), per-point failures kept in their
 * cells, and, when asked, warm starts from neighbouring points (warmStart.ts).
 */
import { canWarmStart, type JobKind, type JobRequest, type JobResult, type JobStatus, type PointJob, type WarmStart } from '../contract.ts';
import { VERSION } from '../version.ts';
import { extractOutputs, outputInfo, selectOutputs, jobOutputs, type OutputValue } from './outputs.ts';
import { requestHash } from '../jobs/requestHash.ts';
import { certificateOutputInfos, certificateOutputs, hasAnswer } from '../jobs/certification.ts';
import type { PointAnswer, PointResult, StudyResult } from './result.ts';
import { expandStudy, pointKey, pointRequest, shardPoints, type Shard, type Study, type StudyPoint } from './study.ts';
import { WarmStates, type WarmSource } from './warmStart.ts';

/**
 * Runs one job. `request` is the point's full request (the base with its
 * assignments set, and its warm start); `point` is the same job as base +
 * assignments, for an executor that runs jobs in another thread: it sends the
 * base once per worker and then only assignments (ToWorker `point`), and
 * gets the point's key as scenarioHash. `signal` aborts when the study is
 * cancelled; an executor should then cancel the job. `outputs` are the output
 * ids the study keeps: such an executor passes them on (the worker then
 * returns only those values, not the data); the result may carry either
 * `outputs` or `data`. With `point.keepWarmState` the result should carry
 * `warmState` (runJob's `keepWarmState` hook); an executor that drops it only
 * costs the neighbours their warm start.
 */
export type Executor = (request: JobRequest, ctx: { signal: AbortSignal; outputs: string[]; point: PointJob }) => Promise<JobResult>;

/** What is kept of a point's job: its answer with every output of its kind (so any later selection can be served). */
export interface PointOutcome extends PointAnswer {
  /** the job's own time, ms; 0 when served from the cache */
  jobMs: number;
  /** JobResult.scenarioHash: the point request's hash */
  scenarioHash: string;
}

/** A point's run: its outcome, and for the study's warm starts its answer as one and where it started from. */
interface PointRun {
  outcome: PointOutcome;
  warmState?: WarmStart;
  /** the job started from the warm start it was given */
  warmUsed: boolean;
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
  /**
   * Start each point's solver from a neighbouring point's solution, for the
   * kinds that can (WARM_START_KINDS; ignored for the others). Answers agree
   * with cold runs within the solver's tolerance, not to the last bit, and a
   * sweep's or grid's neighbour depends on which points have finished, so
   * leave it off where results must be bit-identical across sharding and
   * worker counts (`ggs sweep`). Default off.
   */
  warmStart?: boolean;
  /**
   * Called as each point finishes (run, failed or served from the cache), in
   * finishing order, before progress is reported: the CLI appends it to
   * DIR/points.jsonl and the app to its saved study, so an interrupted study
   * loses only the points in flight (docs/whatif.md "Resuming"). Not called
   * for points the cancellation ended.
   */
  onPoint?: (point: StudyPoint, key: string, outcome: PointOutcome) => void;
  now?: () => number;
}

/** What every point of a study's result shares, known before any point runs (a journal's header). */
export type StudyHead = Omit<StudyResult, 'points' | 'timingsMs' | 'missing'>;

export function studyHead(study: Study, shard?: Shard, baseHash: string = requestHash(study.base), pointCount: number = expandStudy(study).length): StudyHead {
  const base = study.base;
  return {
    job: base.kind,
    study: study.design,
    base: { scenarioHash: baseHash, options: base.options ?? {}, seed: base.seed ?? 1, backend: base.backend ?? 'glpk' },
    // every point records its certificate summary besides the chosen outputs
    outputs: [...selectOutputs(base.kind, study.outputs).map(outputInfo), ...certificateOutputInfos],
    pointCount,
    ...(shard ? { shard } : {}),
    version: VERSION,
  };
}

/** Runs the job and keeps its outcome (and warm state); an executor that throws gives status `failed`. */
async function runPoint(point: PointJob, executor: Executor, signal: AbortSignal): Promise<PointRun> {
  const kind = point.base.kind;
  // every output of the kind, not just the selected ones, so the cache can serve any later selection
  const ids = jobOutputs[kind].map((o) => o.id);
  const request = pointRequest(point.base, point, point.warmStart);
  let result: JobResult;
  try {
    result = await executor(request, { signal, outputs: ids, point });
  } catch (e) {
    const message = `the job could not run: ${e instanceof Error ? e.message : String(e)}`;
    return { outcome: { status: 'failed', message, outputs: {}, at: {}, jobMs: 0, scenarioHash: requestHash(request) }, warmUsed: false };
  }
  // a job the pool ended (cancelled, crashed) never reached the runner that hashes it
  const scenarioHash = result.scenarioHash || requestHash(request);
  const outcome: PointOutcome = { status: result.status, message: result.message, outputs: {}, at: {}, jobMs: result.timingsMs.total, scenarioHash };
  const warm = { warmUsed: result.warmStart?.used === true, ...(result.warmState ? { warmState: result.warmState } : {}) };
  if (!hasAnswer(result.status)) return { outcome, warmUsed: false };
  if (result.outputs) return { outcome: { ...outcome, ...result.outputs, outputs: { ...result.outputs.outputs, ...certificateOutputs(result) } }, ...warm };
  if (result.data === null) return { outcome, ...warm };
  try {
    const extracted = extractOutputs(kind, result.data as never, ids);
    return { outcome: { ...outcome, ...extracted, outputs: { ...extracted.outputs, ...certificateOutputs(result) } }, ...warm };
  } catch (e) {
    // a bug in an output declaration must not lose the other points
    return { outcome: { ...outcome, status: 'failed', message: (e as Error).message }, warmUsed: false };
  }
}

/** Outcomes worth keeping: a cancelled or crashed job may well succeed next time. */
const cacheable = (s: JobStatus) => s !== 'cancelled' && s !== 'failed';

export async function runStudy(study: Study, executor: Executor, opts: RunStudyOptions = {}): Promise<StudyResult> {
  const now = opts.now ?? (() => performance.now());
  const t0 = now();
  const base = study.base;
  const kind = base.kind;
  const all = expandStudy(study);
  const points = opts.shard ? shardPoints(all, opts.shard.index, opts.shard.count) : all;
  const selected = selectOutputs(kind, study.outputs);
  // every point records its certificate summary besides the chosen outputs
  const recorded = [...selected, ...certificateOutputInfos];
  const concurrency = Math.max(1, Math.floor(opts.concurrency ?? 1));
  // the executor sees one signal whether the caller passed one or not
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  if (opts.signal?.aborted) controller.abort();

  // the base is hashed once; a point is keyed by that hash and its assignments, not by hashing its whole scenario
  const baseHash = requestHash(base);
  const keys = points.map((p) => pointKey(baseHash, p.assignments));
  const warm = opts.warmStart && canWarmStart(kind) ? new WarmStates(study.design, concurrency) : null;
  const job = (assignments: StudyPoint['assignments'], key: string, warmStart: WarmStart | undefined): PointJob => ({
    base, baseHash, assignments, key, ...(warmStart !== undefined ? { warmStart } : {}), ...(warm ? { keepWarmState: true } : {}),
  });
  const outcomes: (PointOutcome | undefined)[] = new Array(points.length);
  const warmFrom: (WarmSource | undefined)[] = new Array(points.length);
  // identical points in flight at once (a tornado at a base value of 0) share one job
  const inFlight = new Map<string, Promise<PointRun>>();
  let done = 0;
  let failed = 0;
  let cached = 0;

  const report = () => {
    const elapsedMs = now() - t0;
    const total = points.length;
    opts.onProgress?.({ done, total, failed, cached, fraction: total === 0 ? 1 : done / total, elapsedMs, etaMs: done === 0 ? null : (elapsedMs / done) * (total - done) });
  };

  const runOne = async (k: number): Promise<PointOutcome> => {
    const key = keys[k]!;
    const point = points[k]!;
    const hit = await opts.cache?.get(key);
    if (hit) {
      cached++;
      return { ...hit, jobMs: 0 };
    }
    let pending = inFlight.get(key);
    if (!pending) {
      const source = warm?.sourceFor(point.index);
      pending = runPoint(job(point.assignments, key, source?.state), executor, controller.signal);
      inFlight.set(key, pending);
      const run = await pending;
      inFlight.delete(key);
      if (run.warmUsed && source) warmFrom[k] = source.from;
      if (run.warmState) warm?.keep(point.index, run.warmState);
      if (cacheable(run.outcome.status)) await opts.cache?.set(key, run.outcome);
      return run.outcome;
    }
    return { ...(await pending).outcome, jobMs: 0 };
  };

  const finished = (k: number, outcome: PointOutcome) => {
    outcomes[k] = outcome;
    // a point the cancellation ended is not an answer: it is missing, and a resumed study runs it again
    if (outcome.status === 'cancelled' && controller.signal.aborted) return;
    done++;
    if (!hasAnswer(outcome.status)) failed++;
    opts.onPoint?.(points[k]!, keys[k]!, outcome);
    report();
  };

  let next = 0;
  const lane = async () => {
    while (next < points.length && !controller.signal.aborted) {
      const k = next++;
      finished(k, await runOne(k));
    }
  };
  report();
  try {
    // points that start from the base's solution wait for it: Monte Carlo solves the base first, a tornado its point 0
    const anchor = warm?.anchor(points.map((p) => p.index));
    if (anchor === 'base' && !controller.signal.aborted) {
      const run = await runPoint(job([], pointKey(baseHash, []), undefined), executor, controller.signal);
      if (run.warmState) warm!.keep('base', run.warmState);
    } else if (anchor !== undefined && anchor !== 'base') {
      next = 1;
      finished(0, await runOne(0));
    }
    await Promise.all(Array.from({ length: Math.min(concurrency, points.length) }, lane));
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }

  // an interrupted study is partial: its unfinished points stay as `cancelled` placeholders and are listed in `missing`
  const missing = points.filter((_, k) => outcomes[k] === undefined || (outcomes[k]!.status === 'cancelled' && controller.signal.aborted)).map((p) => p.index);
  const pointResults: PointResult[] = points.map((point: StudyPoint, k) => {
    // a placeholder has no request hash: hashing thousands of unrun scenarios would hold up an interrupted run's exit
    const outcome = outcomes[k] ?? { status: 'cancelled' as const, message: 'not run: the study was cancelled', outputs: {}, at: {}, jobMs: 0, scenarioHash: '' };
    const outputs: Record<string, OutputValue> = {};
    const at: Record<string, string | null> = {};
    for (const spec of recorded) {
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
      scenarioHash: outcome.scenarioHash,
      ...(warmFrom[k] !== undefined ? { warmStartFrom: warmFrom[k] } : {}),
    };
  });

  const { version: _version, ...head } = studyHead(study, opts.shard, baseHash, all.length);
  return {
    ...head,
    points: pointResults,
    ...(missing.length > 0 ? { missing } : {}),
    timingsMs: { total: now() - t0, jobs: outcomes.reduce((s, o) => s + (o?.jobMs ?? 0), 0) },
    version: VERSION,
  };
}
