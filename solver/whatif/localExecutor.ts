/**
 * The executor that runs jobs in the calling thread with runJob: for tests,
 * benchmarks and one-off scripts. The CLI passes its WorkerPool instead, the
 * app its Host (renderer/src/whatif/runWhatif.ts). It ignores `outputs`:
 * nothing crosses a thread, so runStudy reads them off the data.
 */
import { runJob } from '../jobs/run.ts';
import type { Executor } from './execute.ts';

export const localExecutor: Executor = (request, { signal, point }) =>
  runJob(request, { isCancelled: () => signal.aborted, keepWarmState: point.keepWarmState ?? false });
