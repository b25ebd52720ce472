import type { Host } from './Host.ts';

// Set once at startup (or by a test with a fake host); actions read it from here.
let current: Host | null = null;
export const setHost = (h: Host) => void (current = h);
export function host(): Host {
  if (!current) throw new Error('host not set');
  return current;
}
