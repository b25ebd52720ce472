/**
 * The worker script the CLI's pools start: the TypeScript source by default
 * (run through tsx); GGS_WORKER_ENTRY selects another build, e.g.
 * dist-electron/worker.cjs, or a fault-injecting fixture in tests.
 */
import { fileURLToPath } from 'node:url';

export function workerEntry(): string {
  return process.env.GGS_WORKER_ENTRY || fileURLToPath(new URL('./nodeWorker.ts', import.meta.url));
}
