/**
 * The worker that runs sweep points: source by default; GGS_WORKER_ENTRY
 * selects another build, as for `ggs solve`.
 * TODO(node): same rule as workerEntry() in main/cli/commands/solve.ts; one of them should import the other once it is exported.
 */
import { fileURLToPath } from 'node:url';

export function workerEntry(): string {
  return process.env.GGS_WORKER_ENTRY || fileURLToPath(new URL('../workers/nodeWorker.ts', import.meta.url));
}
