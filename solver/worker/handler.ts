/**
 * The worker side of the job protocol, shared by the Node worker_threads entry
 * and the browser Web Worker entry: each just wires `post` and `onMessage` to
 * its own transport. Requests `{type:'run', id, request}` and `{type:'cancel', id}`;
 * replies `progress`, `result` and a periodic `alive` heartbeat while a job runs,
 * so the host can tell a hung worker (blocked event loop) from a slow one.
 */
import type { FromWorker, JobProgress, ToWorker } from '../contract.ts';
import { runJob } from '../jobs/run.ts';
import { withOutputsOnly } from '../whatif/outputs.ts';

export interface WorkerHandlerOptions {
  /** ms between heartbeats while a job runs */
  heartbeatMs?: number;
  /** minimum ms between two progress messages (the last one always goes) */
  progressIntervalMs?: number;
}

export function createWorkerHandler(post: (msg: FromWorker) => void, opts: WorkerHandlerOptions = {}) {
  const cancelled = new Set<string>();
  const heartbeatMs = opts.heartbeatMs ?? 250;
  const progressIntervalMs = opts.progressIntervalMs ?? 50;

  async function run(id: string, msg: Extract<ToWorker, { type: 'run' }>) {
    const beat = setInterval(() => post({ type: 'alive', id }), heartbeatMs);
    let lastProgress = 0;
    try {
      const result = await runJob(msg.request, {
        isCancelled: () => cancelled.has(id),
        onProgress: (progress: JobProgress) => {
          const t = performance.now();
          if (t - lastProgress >= progressIntervalMs || progress.fraction >= 1) {
            lastProgress = t;
            post({ type: 'progress', id, progress });
          }
        },
      });
      post({ type: 'result', id, result: msg.outputs ? withOutputsOnly(result, msg.outputs) : result });
    } finally {
      clearInterval(beat);
      cancelled.delete(id);
    }
  }

  return function onMessage(msg: ToWorker) {
    if (msg.type === 'cancel') cancelled.add(msg.id);
    else if (msg.type === 'run') void run(msg.id, msg);
  };
}
