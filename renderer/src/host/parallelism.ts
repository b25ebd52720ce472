/**
 * How many jobs run at once: the browser host's Web Worker pool size, and
 * how many points (or frontier portfolios, …) a caller keeps in flight.
 */
import type { Host } from './Host.ts';

/** Workers of the web build: `?workers=N` in the address (1…64), else cores − 1, at least 1. */
export function browserWorkerCount(search: string, cores: number | undefined): number {
  const asked = Number(new URLSearchParams(search).get('workers'));
  if (Number.isInteger(asked) && asked >= 1 && asked <= 64) return asked;
  return Math.max(1, (cores || 2) - 1);
}

/**
 * Jobs worth keeping in flight on a host: its worker count when it says
 * (the browser's pool), else cores − 1 for the desktop app (main's worker
 * pool has that many), else 1.
 */
export function pointsInFlight(h: Host): number {
  if (h.jobSlots !== undefined) return Math.max(1, h.jobSlots);
  return h.kind === 'electron' ? Math.max(1, (navigator.hardwareConcurrency || 2) - 1) : 1;
}
