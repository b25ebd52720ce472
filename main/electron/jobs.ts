/**
 * Jobs from the renderer run in the worker pool (worker_threads), never in
 * main's event loop. Progress goes back to the page that asked; cancel is by the
 * renderer's own job id; a page that reloads or closes cancels what it started.
 */
import path from 'node:path';
import type { WebContents } from 'electron';
import type { JobRequest, JobResult } from '../../solver/contract.ts';
import { WorkerPool } from '../workers/pool.ts';
import { sendEvent, type IpcRouter } from './ipcRouter.ts';

interface Running {
  owner: WebContents;
  cancel: () => void;
}

/** `entry`: the bundled worker beside main.cjs; tests pass the TypeScript source. */
export function setupJobs(router: IpcRouter, entry = path.join(__dirname, 'worker.cjs')) {
  const pool = new WorkerPool({ entry });
  const running = new Map<string, Running>();

  const cancelOwnedBy = (owner: WebContents) => {
    for (const job of running.values()) if (job.owner === owner) job.cancel();
  };
  const watched = new WeakSet<WebContents>();

  router.handle('job:run', async (event, { id, request, outputs }): Promise<JobResult> => {
    const owner = event.sender;
    if (running.has(id)) throw new Error(`job ${id} is already running`);
    if (!watched.has(owner)) {
      watched.add(owner);
      owner.on('did-start-navigation', () => cancelOwnedBy(owner));
      owner.once('destroyed', () => cancelOwnedBy(owner));
    }
    const controller = new AbortController();
    // The request is validated in the worker (runJob); here it is only forwarded.
    const job = pool.run(request as JobRequest, {
      onProgress: (progress) => sendEvent(owner, 'job:progress', { id, progress }),
      signal: controller.signal,
      ...(outputs ? { outputs } : {}),
    });
    running.set(id, { owner, cancel: () => controller.abort() });
    try {
      return await job.promise;
    } finally {
      running.delete(id);
    }
  });

  router.handle('job:cancel', (event, id) => {
    const job = running.get(id);
    if (job && job.owner === event.sender) job.cancel();
  });

  return { close: () => pool.close() };
}
