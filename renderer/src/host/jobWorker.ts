/** Web Worker entry: the shared job protocol handler wired to postMessage. */
import highsWasmUrl from 'highs/runtime?url';
import { createWorkerHandler } from '../../../solver/worker/handler.ts';
import { configureLpRuntime } from '../../../solver/lp/index.ts';
import type { FromWorker, ToWorker } from '../../../solver/contract.ts';

// A bundled worker cannot find highs.wasm beside the module as Node does: Vite
// emits it as an asset and hands us its URL. glpk.js needs nothing — it finds
// its wasm through `new URL('glpk.wasm', import.meta.url)`, which Vite rewrites.
configureLpRuntime({ highsLocateFile: () => highsWasmUrl });

// The DOM lib types `self` as Window; in a dedicated worker it is the worker scope.
const scope = self as unknown as {
  postMessage(msg: FromWorker): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
};

const handle = createWorkerHandler((msg) => scope.postMessage(msg));
scope.onmessage = (e) => handle(e.data);
scope.postMessage({ type: 'ready' });
