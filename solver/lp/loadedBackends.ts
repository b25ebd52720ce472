/**
 * The backends loaded in this thread, by name. Its own module so that the
 * loader (backend.ts) and the backends, which drop themselves after a wasm
 * abort, share it without importing each other.
 */
import type { LpBackend, LpBackendName } from './backendInterface.ts';

export const loadedBackends = new Map<LpBackendName, Promise<LpBackend>>();

/** Drops a cached backend, e.g. after its wasm instance aborted; the next load instantiates a fresh one. */
export function forgetLpBackend(name: LpBackendName): void {
  loadedBackends.delete(name);
}
