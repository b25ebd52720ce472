/**
 * How many jobs to keep in flight at once over a Host. The browser host has
 * one job worker: points go one after another. The desktop app's worker pool
 * has cores − 1 workers: keep them all busy.
 * (Stub of the current rule in whatif/runWhatif.ts; the shared version replaces it at merge.)
 */
import type { Host } from './Host.ts';

export const pointsInFlight = (h: Host) => (h.kind === 'electron' ? Math.max(1, (navigator.hardwareConcurrency || 2) - 1) : 1);
