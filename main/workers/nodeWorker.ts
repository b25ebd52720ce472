/**
 * worker_threads entry: wires the thread's parentPort to the job protocol
 * handler shared with the browser Web Worker. Started by WorkerPool, either
 * from source (through tsxBootstrap.mjs) or bundled (dist-cli/worker.mjs for
 * the CLI, dist-electron/worker.cjs for the desktop app).
 *
 * With `microgridStepThreads` > 1 in its workerData (WorkerPool's option) the
 * worker solves an mg-bargaining job's microgrid ADMM steps on that many
 * threads when it has at least MIN_MICROGRIDS microgrids: a step pool (main/microgrid/parallelSteps.ts) started on the first
 * such job and kept for the next ones; it ends with this thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FromWorker, JobRequest, ToWorker } from '../../solver/contract.ts';
import { createWorkerHandler } from '../../solver/worker/handler.ts';
import type { MicrogridStepPool } from '../microgrid/parallelSteps.ts';
import type { NodeWorkerData } from './pool.ts';

if (!parentPort) throw new Error('nodeWorker must be started as a worker thread');
const port = parentPort;

/** the job kinds whose solver runs the microgrid ADMM and takes `JobContext.microgridSteps` */
const STEPPED_KINDS = new Set<string>(['mg-bargaining']);
/**
 * Fewer microgrids stay in one thread: a round's steps take well under a millisecond each from their working sets,
 * less than handing them to another thread costs (measured through a pool worker, ADMM time: classroom 3 MGs
 * 1.1 s on two threads against 0.2 s on one, IEEE 33 4 MGs 0.47 s against 0.27 s; case141 20 MGs 4.9–6.2 s
 * against 6.6–9.4 s).
 */
const MIN_MICROGRIDS = 8;
const stepThreads = Math.max(1, Math.floor((workerData as Partial<NodeWorkerData> | null)?.microgridStepThreads ?? 1));
let stepPool: Promise<MicrogridStepPool> | null = null;
let stepPoolFailed = false;

async function microgridSteps(request: JobRequest) {
  const microgrids = (request.scenario as { microgrids?: unknown[] } | undefined)?.microgrids?.length ?? 0;
  if (stepThreads < 2 || !STEPPED_KINDS.has(request.kind) || microgrids < MIN_MICROGRIDS) return undefined;
  // loaded on first need: a worker that never runs a microgrid job starts no threads
  stepPool ??= import('../microgrid/parallelSteps.ts').then((m) => m.startMicrogridStepPool({ threads: stepThreads }));
  try {
    return (await stepPool).steps;
  } catch (e) {
    // the job still runs, its steps one after the other (its result says 1 step thread); said once
    if (!stepPoolFailed) console.warn(`ggs worker: microgrid steps run in one thread: the step threads did not start (${e instanceof Error ? e.message : String(e)})`);
    stepPoolFailed = true;
    return undefined;
  }
}

const onMessage = createWorkerHandler((msg: FromWorker) => port.postMessage(msg), { microgridSteps });
port.on('message', (msg: ToWorker) => onMessage(msg));
port.postMessage({ type: 'ready' } satisfies FromWorker);
