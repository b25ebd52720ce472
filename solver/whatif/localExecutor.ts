/**
 * The executor that runs jobs in the calling thread with runJob: for tests,
 * for the browser host's single Web Worker, and for one-off scripts. The CLI
 * and the desktop app pass their WorkerPool instead.
 */
import { runJob } from '../jobs/run.ts';
import type { Executor } from './execute.ts';

export const localExecutor: Executor = (request, { signal }) => runJob(request, { isCancelled: () => signal.aborted });
