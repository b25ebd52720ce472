import type { Host } from './Host.ts';
export const pointsInFlight = (h: Host) => (h.kind === 'electron' ? Math.max(1, (navigator.hardwareConcurrency || 2) - 1) : 1);
