/**
 * WorkerPool: runs jobs in worker_threads, a few at a time, and guarantees
 * every job ends with a JobResult, whatever the worker does.
 *
 * - queue: jobs wait until a worker is free; workers start on demand and stay warm.
 * - cancel: posts `cancel`; a worker that has not answered within
 *   `cancelGraceMs` (150 ms) is terminated, so a job is `cancelled` in < 200 ms.
 * - crash: a worker that throws, exits or runs out of memory ends its job
 *   `failed` / `worker-crashed` with the reason; only that job is lost.
 * - hang: a busy worker that sends no heartbeat or progress for `hangTimeoutMs`
 *   is terminated and its job ends `failed` / `worker-hung`.
 * A dead worker leaves the pool; the next job starts a fresh one.
 * - prewarm: every worker, as it starts, loads the LP backends named in
 *   `prewarm` (and those added by `warmUp`) before its first job arrives, so a
 *   caller that starts the worker early (warmUp) overlaps the worker's start
 *   and the WebAssembly compile with its own work. A failed prewarm only
 *   reports itself (onPrewarm): the job that needs the backend loads it again
 *   and fails, if it must, with its own message.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FromWorker, JobError, JobKind, JobProgress, JobRequest, JobResult, PointJob, ToWorker } from '../../solver/contract.ts';
import { failedResult } from '../../solver/jobs/errors.ts';
import { pointMessage, RecentMap } from '../../solver/worker/bases.ts';
import type { LpBackendName } from '../../solver/lp/backendInterface.ts';

export interface WorkerPoolOptions {
  /** worker entry: main/workers/nodeWorker.ts from source, or a bundled .cjs/.js/.mjs file */
  entry: string | URL;
  /** number of workers; default availableParallelism() − 1, at least 1 */
  size?: number;
  /** a busy worker silent for this long is hung (ms); default 10 000 */
  hangTimeoutMs?: number;
  /** how long a cancelled job may take to stop on its own before its worker is terminated (ms); default 150 */
  cancelGraceMs?: number;
  /** how long a new worker may take to load before it counts as hung (ms); default 30 000 */
  startupTimeoutMs?: number;
  /**
   * heap limit of each worker (MB); default Node's own. A worker that reaches
   * it is stopped by Node alone — the process lives on — and its job fails
   * `worker-crashed` saying it ran out of memory.
   */
  maxHeapMb?: number;
  /** LP backends every worker loads as soon as it starts (see warmUp) */
  prewarm?: LpBackendName[];
  /**
   * Threads each worker may solve a microgrid ADMM's local steps on (main/microgrid/parallelSteps.ts, started on the
   * first job that has them); default 1, the steps one after the other. For a pool of one worker (`ggs solve`, the
   * app on two cores) the cores the pool leaves idle; a sweep's points already keep them busy.
   */
  microgridStepThreads?: number;
  /** told when a worker's prewarm of one backend ends: loaded in `ms`, or `error` */
  onPrewarm?: (report: PrewarmReport) => void;
}

/** What a pool's worker is started with (nodeWorker.ts reads it). */
export interface NodeWorkerData {
  microgridStepThreads: number;
}

export interface PrewarmReport {
  backend: string;
  ms: number;
  error?: string;
}

export interface RunOptions {
  onProgress?: (progress: JobProgress) => void;
  signal?: AbortSignal;
  /** what-if output ids: the worker returns only these values (JobResult.outputs), not the data */
  outputs?: string[];
}

export interface JobHandle {
  id: string;
  promise: Promise<JobResult>;
  /** asks the job to stop; it ends `cancelled` within cancelGraceMs + a few ms (a job that already finished keeps its result) */
  cancel(): void;
  /** holds the job between two steps, or lets it go on (the worker keeps sending heartbeats meanwhile) */
  pause(paused: boolean): void;
}

interface Job {
  id: string;
  kind: JobKind;
  /** a whole request, or a what-if point (its base travels once per worker) */
  work: { request: JobRequest } | { point: PointJob };
  outputs?: string[];
  startedAt: number;
  onProgress?: (progress: JobProgress) => void;
  settle: (result: JobResult) => void;
  cancelRequested: boolean;
  paused?: boolean;
  done: boolean;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | null;
  /** fires when the busy worker has been silent too long */
  watchdog: NodeJS.Timeout | null;
  /** set once the pool has decided this worker's fate, so its exit is not taken for a crash */
  retired: boolean;
  /** mirror of the study bases this worker holds (solver/worker/bases.ts) */
  bases: RecentMap<true>;
}

export class WorkerPool {
  readonly size: number;
  private readonly stepThreads: number;
  private readonly entry: string;
  private readonly hangTimeoutMs: number;
  private readonly cancelGraceMs: number;
  private readonly startupTimeoutMs: number;
  private readonly resourceLimits: { maxOldGenerationSizeMb?: number };
  private readonly prewarmed: Set<LpBackendName>;
  private readonly onPrewarm?: (report: PrewarmReport) => void;
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private readonly exits = new Set<Promise<void>>();
  private nextId = 1;
  private closed = false;

  constructor(opts: WorkerPoolOptions) {
    this.entry = opts.entry instanceof URL ? fileURLToPath(opts.entry) : opts.entry;
    this.size = Math.max(1, Math.floor(opts.size ?? availableParallelism() - 1));
    this.stepThreads = Math.max(1, Math.floor(opts.microgridStepThreads ?? 1));
    // one LP solve inside glpk.js/HiGHS wasm is synchronous and cannot send heartbeats (case141 × 96 with glpk: ~95 s),
    // so only a worker silent for two minutes counts as hung; Cancel still stops any job at once by termination
    this.hangTimeoutMs = opts.hangTimeoutMs ?? 120_000;
    this.cancelGraceMs = opts.cancelGraceMs ?? 150;
    this.startupTimeoutMs = Math.max(opts.startupTimeoutMs ?? 30_000, this.hangTimeoutMs);
    this.resourceLimits = opts.maxHeapMb ? { maxOldGenerationSizeMb: opts.maxHeapMb } : {};
    this.prewarmed = new Set(opts.prewarm ?? []);
    this.onPrewarm = opts.onPrewarm;
  }

  /**
   * Starts a worker now if none is alive, and has every worker load these LP
   * backends (added to `prewarm` for workers started later), so the next job
   * finds its worker started and its solver compiled. Call it before work of
   * your own (reading and validating a scenario) to overlap the two; the
   * desktop app calls it when idle.
   */
  warmUp(backends: readonly LpBackendName[] = []): void {
    if (this.closed) return;
    const added = backends.filter((b) => !this.prewarmed.has(b));
    for (const b of added) this.prewarmed.add(b);
    if (added.length > 0) for (const slot of this.slots) if (!slot.retired) this.post(slot, { type: 'prewarm', backends: added });
    if (this.slots.size === 0) this.spawn();
  }

  /** workers currently alive (starting, idle or busy) */
  get workerCount(): number {
    return this.slots.size;
  }

  run(request: JobRequest, opts: RunOptions = {}): JobHandle {
    return this.submit(request.kind, { request }, opts);
  }

  /**
   * Runs one what-if point: the worker gets the study's base request the
   * first time and then only the point's assignments.
   */
  runPoint(point: PointJob, opts: RunOptions = {}): JobHandle {
    return this.submit(point.base.kind, { point }, opts);
  }

  private submit(kind: JobKind, work: Job['work'], opts: RunOptions): JobHandle {
    if (this.closed) throw new Error('the worker pool is closed');
    const id = `job-${this.nextId++}`;
    let resolve!: (result: JobResult) => void;
    const promise = new Promise<JobResult>((r) => (resolve = r));
    const cancel = () => this.cancel(job);
    const pause = (paused: boolean) => {
      job.paused = paused;
      const slot = this.slotOf(job);
      if (slot && !job.done) this.post(slot, { type: 'pause', id: job.id, paused });
    };
    const job: Job = {
      id,
      kind,
      work,
      ...(opts.outputs ? { outputs: opts.outputs } : {}),
      startedAt: performance.now(),
      onProgress: opts.onProgress,
      cancelRequested: false,
      done: false,
      settle: (result) => {
        if (job.done) return;
        job.done = true;
        opts.signal?.removeEventListener('abort', cancel);
        resolve(result);
      },
    };
    if (opts.signal?.aborted) {
      this.finish(job, { code: 'cancelled', message: 'the job was cancelled before it started' });
      return { id, promise, cancel, pause };
    }
    opts.signal?.addEventListener('abort', cancel, { once: true });
    this.queue.push(job);
    this.dispatch();
    return { id, promise, cancel, pause };
  }

  /** Terminates every worker; jobs still queued or running end `cancelled`. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) this.finish(job, { code: 'cancelled', message: 'the worker pool was closed' });
    for (const slot of [...this.slots]) this.retire(slot, { code: 'cancelled', message: 'the worker pool was closed' });
    await Promise.all([...this.exits]);
  }

  private cancel(job: Job): void {
    if (job.done || job.cancelRequested) return;
    job.cancelRequested = true;
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.finish(job, { code: 'cancelled', message: 'the job was cancelled before it started' });
      return;
    }
    const slot = this.slotOf(job);
    if (!slot) return;
    this.post(slot, { type: 'cancel', id: job.id });
    // A solver stuck in a long step never reads the cancel message: stop the thread.
    setTimeout(() => {
      if (!job.done && slot.job === job) this.retire(slot, { code: 'cancelled', message: 'the job was cancelled (its worker was stopped)' });
    }, this.cancelGraceMs).unref();
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = [...this.slots].find((s) => s.job === null && !s.retired) ?? (this.slots.size < this.size ? this.spawn() : null);
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      this.armWatchdog(slot);
      // Posted at once: a starting worker receives it when its handler is attached.
      const { msg, unsent } = 'point' in job.work
        ? pointMessage(slot.bases, job.id, job.work.point, job.outputs)
        : { msg: { type: 'run', id: job.id, request: job.work.request, ...(job.outputs ? { outputs: job.outputs } : {}) } satisfies ToWorker, unsent: () => {} };
      try {
        this.post(slot, msg);
        if (job.paused) this.post(slot, { type: 'pause', id: job.id, paused: true });
      } catch (e) {
        // e.g. DataCloneError: the request holds something that cannot cross threads
        unsent();
        slot.job = null;
        this.clearWatchdog(slot);
        this.finish(job, { code: 'internal', message: `the job could not be sent to the worker: ${e instanceof Error ? e.message : String(e)}` });
      }
    }
  }

  private spawn(): Slot {
    const workerData: NodeWorkerData = { microgridStepThreads: this.stepThreads };
    const worker = this.entry.endsWith('.ts')
      ? new Worker(fileURLToPath(new URL('./tsxBootstrap.mjs', import.meta.url)), { workerData: { ...workerData, tsEntry: pathToFileURL(this.entry).href }, resourceLimits: this.resourceLimits })
      : new Worker(this.entry, { workerData, resourceLimits: this.resourceLimits });
    const slot: Slot = { worker, ready: false, job: null, watchdog: null, retired: false, bases: new RecentMap() };
    this.slots.add(slot);
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    this.exits.add(exited);
    let lastError: Error | null = null;
    worker.on('message', (msg: FromWorker) => this.onMessage(slot, msg));
    // posted before any job, so the worker loads the backends first (it handles messages in order)
    if (this.prewarmed.size > 0) this.post(slot, { type: 'prewarm', backends: [...this.prewarmed] });
    worker.on('error', (err) => {
      lastError = err;
    });
    worker.on('exit', (code) => {
      this.slots.delete(slot);
      this.exits.delete(exited);
      this.clearWatchdog(slot);
      if (!slot.retired && slot.job) {
        const outOfMemory = (lastError as NodeJS.ErrnoException | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
        const reason = outOfMemory ? 'it ran out of memory' : lastError ? `it threw: ${lastError.message}` : `it exited with code ${code}`;
        this.finish(slot.job, { code: 'worker-crashed', message: `the solver worker crashed (${reason}); a fresh worker replaces it`, hint: 'run the job again; if it crashes again please report it with the scenario file' });
      }
      slot.job = null;
      if (!this.closed) this.dispatch();
    });
    return slot;
  }

  private onMessage(slot: Slot, msg: FromWorker): void {
    if (msg.type === 'ready') {
      slot.ready = true;
      if (slot.job) this.armWatchdog(slot);
      return;
    }
    if (msg.type === 'prewarmed') {
      this.onPrewarm?.({ backend: msg.backend, ms: msg.ms, ...(msg.error !== undefined ? { error: msg.error } : {}) });
      return;
    }
    const job = slot.job;
    if (!job || msg.id !== job.id) return; // late message about a job already settled
    this.armWatchdog(slot);
    if (msg.type === 'progress') job.onProgress?.(msg.progress);
    else if (msg.type === 'result') {
      this.clearWatchdog(slot);
      slot.job = null;
      job.settle(msg.result);
      this.dispatch();
    }
  }

  /** Ends the slot's worker on purpose (cancel, hang, close) and settles its job with `error`. */
  private retire(slot: Slot, error: JobError): void {
    slot.retired = true;
    this.clearWatchdog(slot);
    const job = slot.job;
    slot.job = null;
    if (job) this.finish(job, error);
    void slot.worker.terminate();
  }

  private armWatchdog(slot: Slot): void {
    this.clearWatchdog(slot);
    const ms = slot.ready ? this.hangTimeoutMs : this.startupTimeoutMs;
    slot.watchdog = setTimeout(() => {
      if (!slot.job) return;
      const seconds = Math.round(ms / 100) / 10;
      this.retire(slot, {
        code: 'worker-hung',
        message: `the solver worker stopped responding (no heartbeat for ${seconds} s) and was restarted`,
        hint: 'the job may be too large or stuck in a loop; try a smaller scenario or report it with the scenario file',
        details: { silentMs: ms },
      });
      this.dispatch();
    }, ms);
    slot.watchdog.unref();
  }

  private clearWatchdog(slot: Slot): void {
    if (slot.watchdog) clearTimeout(slot.watchdog);
    slot.watchdog = null;
  }

  private slotOf(job: Job): Slot | undefined {
    return [...this.slots].find((s) => s.job === job);
  }

  private post(slot: Slot, msg: ToWorker): void {
    slot.worker.postMessage(msg);
  }

  private finish(job: Job, error: JobError): void {
    job.settle(failedResult(job.kind, error, '', performance.now() - job.startedAt));
  }
}
