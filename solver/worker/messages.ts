/**
 * The worker envelope: the messages between a host and a solver worker. The
 * same messages travel over worker_threads and Web Workers.
 */
import type { JobProgress, JobRequest, JobResult } from '../jobs/core.ts';
import type { WarmStart } from '../jobs/kindRegistry.ts';
import type { LpBackendName } from '../lp/backendInterface.ts';

export type ToWorker =
  /** `outputs`: output ids (jobOutputs[kind]); when given, the result comes back with only those outputs and no data */
  | { type: 'run'; id: string; request: JobRequest; outputs?: string[] }
  /**
   * One what-if point: the study's base request travels once per worker
   * (`base.request` present the first time; the worker keeps the last few
   * bases by hash, see solver/worker/bases.ts), then each point is only its
   * assignments. `keepWarmState`: attach JobResult.warmState.
   */
  | {
      type: 'point';
      id: string;
      base: { hash: string; request?: JobRequest };
      assignments: { path: string; value: number }[];
      outputs?: string[];
      warmStart?: WarmStart;
      keepWarmState?: boolean;
    }
  | { type: 'cancel'; id: string }
  /** hold the job between two steps (a training run a teacher stops to explain), or let it go on */
  | { type: 'pause'; id: string; paused: boolean }
  /**
   * Load these LP backends now (compile and instantiate their WebAssembly), so a
   * job that needs one later finds it ready; each answers `prewarmed`.
   */
  | { type: 'prewarm'; backends: LpBackendName[] };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'progress'; id: string; progress: JobProgress }
  | { type: 'result'; id: string; result: JobResult }
  /** heartbeat while a job runs, so a hung worker can be told from a slow one */
  | { type: 'alive'; id: string }
  /** a `prewarm` of one backend ended: loaded in `ms`, or failed with `error` (a job that needs it then retries the load and reports its own failure) */
  | { type: 'prewarmed'; backend: string; ms: number; error?: string };
