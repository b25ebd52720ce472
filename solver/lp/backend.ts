/**
 * The loader that instantiates each WebAssembly LP solver once per thread,
 * and (re-exported) the backend interface of backendInterface.ts.
 */
import type { LpBackend, LpBackendName, LpRuntimeConfig } from './backendInterface.ts';
import { loadedBackends } from './loadedBackends.ts';

export * from './backendInterface.ts';
export { forgetLpBackend } from './loadedBackends.ts';

let runtime: LpRuntimeConfig = {};

/** Call before the first `loadLpBackend('highs')` in a bundled worker; resets the cached HiGHS instance. */
export function configureLpRuntime(config: LpRuntimeConfig): void {
  runtime = { ...config };
  loadedBackends.delete('highs');
}

/** Loads (once per thread) and returns a backend. The wasm factories are async; their solves are synchronous. */
export function loadLpBackend(name: LpBackendName): Promise<LpBackend> {
  let backend = loadedBackends.get(name);
  if (!backend) {
    backend = name === 'glpk' ? import('./glpkBackend.ts').then((m) => m.createGlpkBackend()) : import('./highsBackend.ts').then((m) => m.createHighsBackend(runtime));
    // a failed load (missing wasm) must not be cached forever
    backend.catch(() => loadedBackends.delete(name));
    loadedBackends.set(name, backend);
  }
  return backend;
}
