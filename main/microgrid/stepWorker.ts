/**
 * worker_threads entry of the parallel microgrid steps (parallelSteps.ts):
 * holds its share of the microgrids' ADMM models and warm HiGHS sessions
 * (solver/microgrid/localSteps.ts `localAgents`) and answers the
 * coordinator's requests on its MessagePort. Each answer is posted on the
 * port and then signalled through the shared counter, because the
 * coordinator waits for it synchronously (Atomics.wait + receiveMessageOnPort:
 * the ADMM is a synchronous generator).
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { loadLpBackend, type LpBackend } from '../../solver/lp/backend.ts';
import { localAgents, type MicrogridSteps } from '../../solver/microgrid/localSteps.ts';
import { SolverError } from '../../solver/jobs/errors.ts';
import type { StepWorkerReply, StepWorkerRequest } from './stepProtocol.ts';

const { port, signal } = workerData as { port: MessagePort; signal: SharedArrayBuffer };
const counter = new Int32Array(signal);
// no top-level await: the desktop app bundles this file as CommonJS (scripts/build-electron.mjs)
let lp: LpBackend;
const runs = new Map<number, MicrogridSteps>();

function reply(message: StepWorkerReply): void {
  port.postMessage(message);
  Atomics.add(counter, 0, 1);
  Atomics.notify(counter, 0);
}

function answer(request: StepWorkerRequest): StepWorkerReply {
  const run = () => {
    const steps = runs.get(request.run);
    if (!steps) throw new Error(`no microgrid steps open for run ${request.run}`);
    return steps;
  };
  switch (request.op) {
    case 'open':
      runs.set(request.run, localAgents(lp, request.inputs, request.network, request.indices));
      return { ok: true, answers: [] };
    case 'alone':
      return { ok: true, answers: run().alone(request.indices) };
    case 'step':
      return { ok: true, answers: run().step(request.requests) };
    case 'dispose':
      runs.get(request.run)?.dispose();
      runs.delete(request.run);
      return { ok: true, answers: [] };
  }
}

void loadLpBackend('highs').then((backend) => {
  lp = backend;
  port.on('message', (request: StepWorkerRequest) => {
    try {
      reply(answer(request));
    } catch (e) {
      reply(e instanceof SolverError ? { ok: false, solverError: e.error } : { ok: false, message: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) });
    }
  });
  parentPort!.postMessage('ready');
});
