/**
 * The worker side of the job protocol, shared by the Node worker_threads entry
 * and the browser Web Worker entry: each just wires `post` and `onMessage` to
 * its own transport. Requests `{type:'run', id, request}`, what-if points
 * `{type:'point', id, base, assignments, key}` (the base request is sent once
 * and kept, see bases.ts), `{type:'cancel', id}` and `{type:'pause', id, paused}`; replies `progress`,
 * `result` and a periodic `alive` heartbeat while a job runs, so the host can
 * tell a hung worker (blocked event loop) from a slow one. `{type:'prewarm',
 * backends}` loads LP backends ahead of the jobs that will need them (the
 * thread's one cached instance, solver/lp/backend.ts), answered by one
 * `prewarmed` per backend.
 */
import type { FromWorker, JobProgress, JobRequest, ToWorker } from '../contract.ts';
import { runJob, failedResult } from '../jobs/run.ts';
import { withOutputsOnly } from '../whatif/outputs.ts';
import { pointRequest } from '../whatif/study.ts';
import { RecentMap } from './bases.ts';
import { loadLpBackend, LP_BACKENDS, type LpBackendName } from '../lp/backend.ts';
import type { MicrogridStepsFactory } from '../microgrid/localSteps.ts';

export interface WorkerHandlerOptions {
  /** ms between heartbeats while a job runs */
  heartbeatMs?: number;
  /** minimum ms between two progress messages (the last one always goes) */
  progressIntervalMs?: number;
  /** where a request's microgrid ADMM steps run (JobContext.microgridSteps); the Node worker's parallel steps */
  microgridSteps?: (request: JobRequest) => Promise<MicrogridStepsFactory | undefined>;
}

export function createWorkerHandler(post: (msg: FromWorker) => void, opts: WorkerHandlerOptions = {}) {
  const cancelled = new Set<string>();
  const paused = new Set<string>();
  const bases = new RecentMap<JobRequest>();
  const heartbeatMs = opts.heartbeatMs ?? 250;
  const progressIntervalMs = opts.progressIntervalMs ?? 50;

  async function run(id: string, request: JobRequest, outputs: string[] | undefined, keepWarmState = false) {
    const beat = setInterval(() => post({ type: 'alive', id }), heartbeatMs);
    let lastProgress = 0;
    try {
      const microgridSteps = await opts.microgridSteps?.(request);
      const result = await runJob(request, {
        keepWarmState,
        ...(microgridSteps ? { microgridSteps } : {}),
        isCancelled: () => cancelled.has(id),
        isPaused: () => paused.has(id),
        onProgress: (progress: JobProgress) => {
          const t = performance.now();
          if (t - lastProgress >= progressIntervalMs || progress.fraction >= 1) {
            lastProgress = t;
            post({ type: 'progress', id, progress });
          }
        },
      });
      post({ type: 'result', id, result: outputs ? withOutputsOnly(result, outputs) : result });
    } finally {
      clearInterval(beat);
      cancelled.delete(id);
      paused.delete(id);
    }
  }

  function runPoint(msg: Extract<ToWorker, { type: 'point' }>) {
    if (msg.base.request) bases.set(msg.base.hash, msg.base.request);
    const base = bases.get(msg.base.hash);
    if (!base) {
      // the sender's mirror of our bases is out of step: a bug, reported rather than guessed around
      post({ type: 'result', id: msg.id, result: failedResult('unknown', { code: 'internal', message: `the worker does not hold the study's base request ${msg.base.hash.slice(0, 12)}…` }) });
      return;
    }
    const request = pointRequest(base, { assignments: msg.assignments }, msg.warmStart);
    void run(msg.id, request, msg.outputs, msg.keepWarmState);
  }

  function prewarm(backends: readonly string[]) {
    for (const backend of backends) {
      const t0 = performance.now();
      if (!LP_BACKENDS.includes(backend as LpBackendName)) {
        post({ type: 'prewarmed', backend, ms: 0, error: `unknown LP backend "${backend}"; known: ${LP_BACKENDS.join(', ')}` });
        continue;
      }
      // a failed load is not cached (backend.ts): the job that needs the backend tries again and reports its own failure
      loadLpBackend(backend as LpBackendName).then(
        () => post({ type: 'prewarmed', backend, ms: performance.now() - t0 }),
        (e: unknown) => post({ type: 'prewarmed', backend, ms: performance.now() - t0, error: e instanceof Error ? e.message : String(e) }),
      );
    }
  }

  return function onMessage(msg: ToWorker) {
    if (msg.type === 'cancel') cancelled.add(msg.id);
    else if (msg.type === 'pause') msg.paused ? paused.add(msg.id) : paused.delete(msg.id);
    else if (msg.type === 'run') void run(msg.id, msg.request, msg.outputs);
    else if (msg.type === 'point') runPoint(msg);
    else if (msg.type === 'prewarm') prewarm(msg.backends);
  };
}
