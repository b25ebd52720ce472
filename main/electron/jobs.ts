/**
 * Jobs from the renderer run in the worker pool (worker_threads), never in
 * main's event loop. Progress goes back to the page that asked; cancel is by the
 * renderer's own job id; a page that reloads or closes cancels what it started.
 *
 * Once the app has been idle a moment after start-up, one worker is started
 * and loads both LP solvers (WorkerPool.warmUp), so the first job does not pay
 * for the worker's start and the WebAssembly load (≈ 0.3–0.7 s, docs/lp.md); workers
 * started later load them as they start.
 */
import path from 'node:path';
import type { WebContents } from 'electron';
import type { JobRequest, JobResult, PointJob } from '../../solver/contract.ts';
import { WorkerPool, type JobHandle, type RunOptions } from '../workers/pool.ts';
import { sendEvent, type IpcRouter } from './ipcRouter.ts';

interface Running {
  owner: WebContents;
  cancel: () => void;
  pause: (paused: boolean) => void;
}

/** after start-up, the window's own loading goes first */
const WARM_UP_AFTER_MS = 2_000;

/** `entry`: the bundled worker beside main.cjs; tests pass the TypeScript source. */
export function setupJobs(router: IpcRouter, entry = path.join(__dirname, 'worker.cjs'), warmUpAfterMs = WARM_UP_AFTER_MS) {
  // one worker per core but one (the window's); a microgrid job's ADMM steps also use the core left over
  const pool = new WorkerPool({ entry, prewarm: ['glpk', 'highs'], microgridStepThreads: 2 });
  const warmUp = setTimeout(() => pool.warmUp(), warmUpAfterMs);
  warmUp.unref();
  const running = new Map<string, Running>();

  const cancelOwnedBy = (owner: WebContents) => {
    for (const job of running.values()) if (job.owner === owner) job.cancel();
  };
  const watched = new WeakSet<WebContents>();

  /** Runs `start`'s job for the asking page: progress to it, cancel by it (or when it navigates or closes). */
  async function runFor(owner: WebContents, id: string, start: (opts: RunOptions) => JobHandle): Promise<JobResult> {
    if (running.has(id)) throw new Error(`job ${id} is already running`);
    if (!watched.has(owner)) {
      watched.add(owner);
      owner.on('did-start-navigation', () => cancelOwnedBy(owner));
      owner.once('destroyed', () => cancelOwnedBy(owner));
    }
    const controller = new AbortController();
    const job = start({ onProgress: (progress) => sendEvent(owner, 'job:progress', { id, progress }), signal: controller.signal });
    running.set(id, { owner, cancel: () => controller.abort(), pause: (paused) => job.pause(paused) });
    try {
      return await job.promise;
    } finally {
      running.delete(id);
    }
  }

  // Requests are validated in the worker (runJob); here they are only forwarded.
  router.handle('job:run', (event, { id, request, outputs }) => runFor(event.sender, id, (opts) => pool.run(request as JobRequest, { ...opts, ...(outputs ? { outputs } : {}) })));
  router.handle('job:runPoint', (event, { id, point, outputs }) => runFor(event.sender, id, (opts) => pool.runPoint(point as PointJob, { ...opts, ...(outputs ? { outputs } : {}) })));

  router.handle('job:cancel', (event, id) => {
    const job = running.get(id);
    if (job && job.owner === event.sender) job.cancel();
  });
  router.handle('job:pause', (event, id, paused) => {
    const job = running.get(id);
    if (job && job.owner === event.sender) job.pause(paused);
  });

  return {
    close: () => {
      clearTimeout(warmUp);
      return pool.close();
    },
  };
}
