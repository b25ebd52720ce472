/** Web Worker entry: the shared job protocol handler wired to postMessage. */
import { createWorkerHandler } from '../../../solver/worker/handler.ts';
import type { FromWorker, ToWorker } from '../../../solver/contract.ts';

// The DOM lib types `self` as Window; in a dedicated worker it is the worker scope.
const scope = self as unknown as {
  postMessage(msg: FromWorker): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
};

const handle = createWorkerHandler((msg) => scope.postMessage(msg));
scope.onmessage = (e) => handle(e.data);
scope.postMessage({ type: 'ready' });
