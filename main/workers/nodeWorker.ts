/**
 * worker_threads entry: wires the thread's parentPort to the job protocol
 * handler shared with the browser Web Worker. Started by WorkerPool, either
 * from source (through tsxBootstrap.mjs) or bundled (dist-cli/worker.mjs for
 * the CLI, dist-electron/worker.cjs for the desktop app).
 */
import { parentPort } from 'node:worker_threads';
import type { FromWorker, ToWorker } from '../../solver/contract.ts';
import { createWorkerHandler } from '../../solver/worker/handler.ts';

if (!parentPort) throw new Error('nodeWorker must be started as a worker thread');
const port = parentPort;

const onMessage = createWorkerHandler((msg: FromWorker) => port.postMessage(msg));
port.on('message', (msg: ToWorker) => onMessage(msg));
port.postMessage({ type: 'ready' } satisfies FromWorker);
