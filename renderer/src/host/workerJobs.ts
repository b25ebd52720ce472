/**
 * Runs jobs in one Web Worker and keeps that worker healthy: a crashed worker
 * (an `error` event) or a hung one (no heartbeat) is terminated and replaced,
 * and its job ends with status `failed`. Cancel asks the worker first and
 * terminates it if no result arrives within CANCEL_GRACE_MS.
 */
import type { FromWorker, JobErrorCode, JobProgress, JobRequest, JobResult, ToWorker } from '../../../solver/contract.ts';
import { failedResult } from '../../../solver/jobs/errors.ts';
import type { RunningJob } from './Host.ts';

export const CANCEL_GRACE_MS = 150;
/**
 * No heartbeat or progress for this long while a job runs → the worker is hung.
 * Long: a single wasm LP solve is synchronous and sends no heartbeat; Cancel
 * does not wait for it (the worker is terminated after CANCEL_GRACE_MS).
 */
export const HANG_TIMEOUT_MS = 120_000;

interface Pending {
  request: JobRequest;
  onProgress: (p: JobProgress) => void;
  resolve: (r: JobResult) => void;
  lastSign: number;
  cancelTimer?: ReturnType<typeof setTimeout>;
}

export function createWorkerJobs(spawn: () => Worker) {
  let worker = start();
  const pending = new Map<string, Pending>();
  let seq = 0;

  function start(): Worker {
    const w = spawn();
    w.onmessage = (e: MessageEvent<FromWorker>) => receive(e.data);
    w.onerror = (e) => {
      e.preventDefault();
      replaceWorker('worker-crashed', `the solver worker crashed${e.message ? `: ${e.message}` : ''}`);
    };
    return w;
  }

  function finish(id: string, result: JobResult) {
    const job = pending.get(id);
    if (!job) return;
    clearTimeout(job.cancelTimer);
    pending.delete(id);
    job.resolve(result);
  }

  /**
   * Terminates the worker and starts a fresh one. Job `culprit` (every job
   * when absent) ends with `code`; other jobs of the same worker were
   * innocent bystanders and end as crashed.
   */
  function replaceWorker(code: JobErrorCode, message: string, culprit?: string) {
    worker.terminate();
    for (const [id, job] of pending) {
      const own = culprit === undefined || id === culprit;
      const error = own
        ? { code, message, ...(code === 'cancelled' ? {} : { hint: 'the solver was restarted; run the job again, and report it if it repeats' }) }
        : { code: 'worker-crashed' as const, message: 'the solver was restarted while stopping another job', hint: 'run the job again' };
      finish(id, failedResult(job.request.kind, error));
    }
    worker = start();
  }

  function receive(msg: FromWorker) {
    if (msg.type === 'ready') return;
    const job = pending.get(msg.id);
    if (!job) return;
    job.lastSign = performance.now();
    if (msg.type === 'progress') job.onProgress(msg.progress);
    else if (msg.type === 'result') finish(msg.id, msg.result);
  }

  // Heartbeat watch: the worker's handler posts `alive` every 250 ms while it runs.
  setInterval(() => {
    const now = performance.now();
    for (const job of pending.values()) {
      if (now - job.lastSign > HANG_TIMEOUT_MS) {
        replaceWorker('worker-hung', `the solver stopped responding for ${HANG_TIMEOUT_MS / 1000} s and was restarted`);
        return;
      }
    }
  }, 500);

  return {
    run(request: JobRequest, onProgress: (p: JobProgress) => void, outputs?: string[]): RunningJob {
      const id = `job-${++seq}`;
      const promise = new Promise<JobResult>((resolve) => {
        pending.set(id, { request, onProgress, resolve, lastSign: performance.now() });
      });
      worker.postMessage({ type: 'run', id, request, ...(outputs ? { outputs } : {}) } satisfies ToWorker);
      return {
        promise,
        cancel() {
          const job = pending.get(id);
          if (!job || job.cancelTimer) return;
          worker.postMessage({ type: 'cancel', id } satisfies ToWorker);
          job.cancelTimer = setTimeout(
            () => replaceWorker('cancelled', 'the job was cancelled (the solver was stopped)', id),
            CANCEL_GRACE_MS,
          );
        },
      };
    },
  };
}
