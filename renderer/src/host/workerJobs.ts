/**
 * Runs jobs in a small pool of Web Workers and keeps each worker healthy: a
 * crashed worker (an `error` event) or a hung one (no heartbeat) is
 * terminated and replaced, and its job ends with status `failed`. Cancel asks
 * the worker first and terminates it if no result arrives within
 * CANCEL_GRACE_MS. A worker runs one job at a time; jobs beyond the pool's
 * size wait in order. The first worker starts at once (the app's first Run
 * should not wait for it), the others when jobs need them.
 */
import type { FromWorker, JobErrorCode, JobProgress, JobRequest, JobResult, PointJob, ToWorker } from '../../../solver/contract.ts';
import { failedResult } from '../../../solver/jobs/errors.ts';
import { pointMessage, RecentMap } from '../../../solver/worker/bases.ts';
import type { RunningJob } from './Host.ts';

export const CANCEL_GRACE_MS = 150;
/**
 * No heartbeat or progress for this long while a job runs → the worker is hung.
 * Long: a single wasm LP solve is synchronous and sends no heartbeat; Cancel
 * does not wait for it (the worker is terminated after CANCEL_GRACE_MS).
 */
export const HANG_TIMEOUT_MS = 120_000;

interface Pending {
  id: string;
  kind: JobRequest['kind'];
  work: { request: JobRequest } | { point: PointJob };
  outputs?: string[];
  onProgress: (p: JobProgress) => void;
  resolve: (r: JobResult) => void;
  lastSign: number;
  cancelTimer?: ReturnType<typeof setTimeout>;
  cancelRequested?: boolean;
  paused?: boolean;
}

interface Slot {
  worker: Worker;
  job: Pending | null;
  /** mirror of the study bases this worker holds (solver/worker/bases.ts) */
  bases: RecentMap<true>;
}

export function createWorkerJobs(spawn: () => Worker, size = 1) {
  const slots = new Set<Slot>();
  const queue: Pending[] = [];
  let seq = 0;
  start();

  function start(): Slot {
    const slot: Slot = { worker: spawn(), job: null, bases: new RecentMap() };
    slot.worker.onmessage = (e: MessageEvent<FromWorker>) => receive(slot, e.data);
    slot.worker.onerror = (e) => {
      e.preventDefault();
      replace(slot, 'worker-crashed', `the solver worker crashed${e.message ? `: ${e.message}` : ''}`);
    };
    slots.add(slot);
    return slot;
  }

  function settle(job: Pending, result: JobResult) {
    clearTimeout(job.cancelTimer);
    job.resolve(result);
  }

  /** Terminates the slot's worker, ends its job with `code` and starts a fresh worker for the queue. */
  function replace(slot: Slot, code: JobErrorCode, message: string) {
    slot.worker.terminate();
    slots.delete(slot);
    const job = slot.job;
    slot.job = null;
    if (job) settle(job, failedResult(job.kind, { code, message, ...(code === 'cancelled' ? {} : { hint: 'the solver was restarted; run the job again, and report it if it repeats' }) }));
    if (slots.size === 0) start();
    dispatch();
  }

  function dispatch() {
    while (queue.length > 0) {
      const slot = [...slots].find((s) => s.job === null) ?? (slots.size < size ? start() : null);
      if (!slot) return;
      const job = queue.shift()!;
      slot.job = job;
      job.lastSign = performance.now();
      const outputs = job.outputs ? { outputs: job.outputs } : {};
      const { msg } = 'point' in job.work
        ? pointMessage(slot.bases, job.id, job.work.point, job.outputs)
        : { msg: { type: 'run', id: job.id, request: job.work.request, ...outputs } satisfies ToWorker };
      slot.worker.postMessage(msg);
      if (job.paused) slot.worker.postMessage({ type: 'pause', id: job.id, paused: true } satisfies ToWorker);
    }
  }

  function receive(slot: Slot, msg: FromWorker) {
    if (msg.type === 'ready' || msg.type === 'prewarmed') return;
    const job = slot.job;
    if (!job || job.id !== msg.id) return; // late message about a job already settled
    job.lastSign = performance.now();
    if (msg.type === 'progress') job.onProgress(msg.progress);
    else if (msg.type === 'result') {
      slot.job = null;
      settle(job, msg.result);
      dispatch();
    }
  }

  // Heartbeat watch: the worker's handler posts `alive` every 250 ms while it runs.
  setInterval(() => {
    const now = performance.now();
    for (const slot of [...slots]) {
      if (slot.job && now - slot.job.lastSign > HANG_TIMEOUT_MS)
        replace(slot, 'worker-hung', `the solver stopped responding for ${HANG_TIMEOUT_MS / 1000} s and was restarted`);
    }
  }, 500);

  function submit(kind: JobRequest['kind'], work: Pending['work'], onProgress: (p: JobProgress) => void, outputs?: string[]): RunningJob {
    const id = `job-${++seq}`;
    let job!: Pending;
    const promise = new Promise<JobResult>((resolve) => {
      job = { id, kind, work, ...(outputs ? { outputs } : {}), onProgress, resolve, lastSign: performance.now() };
    });
    queue.push(job);
    dispatch();
    return {
      promise,
      pause(paused: boolean) {
        job.paused = paused;
        // a paused job still sends heartbeats: the hang watch does not fire
        [...slots].find((s) => s.job === job)?.worker.postMessage({ type: 'pause', id, paused } satisfies ToWorker);
      },
      cancel() {
        if (job.cancelRequested) return;
        job.cancelRequested = true;
        const queued = queue.indexOf(job);
        if (queued >= 0) {
          queue.splice(queued, 1);
          settle(job, failedResult(kind, { code: 'cancelled', message: 'the job was cancelled before it started' }));
          return;
        }
        const slot = [...slots].find((s) => s.job === job);
        if (!slot) return; // already finished
        slot.worker.postMessage({ type: 'cancel', id } satisfies ToWorker);
        job.cancelTimer = setTimeout(() => {
          if (slot.job === job) replace(slot, 'cancelled', 'the job was cancelled (the solver was stopped)');
        }, CANCEL_GRACE_MS);
      },
    };
  }

  return {
    /** workers at most, i.e. jobs running at once */
    size,
    /** workers alive now */
    get workerCount() {
      return slots.size;
    },
    run: (request: JobRequest, onProgress: (p: JobProgress) => void, outputs?: string[]) => submit(request.kind, { request }, onProgress, outputs),
    runPoint: (point: PointJob, onProgress: (p: JobProgress) => void, outputs?: string[]) => submit(point.base.kind, { point }, onProgress, outputs),
  };
}
