/**
 * The worker script the CLI's pools start: beside the running code, so the
 * TypeScript source from source (tsx, vitest: nodeWorker.ts, started through
 * tsxBootstrap.mjs) and the compiled worker from the compiled CLI
 * (dist-cli/worker.mjs beside dist-cli/ggs.mjs, scripts/build-cli.mjs).
 * GGS_WORKER_ENTRY selects another build, e.g. dist-electron/worker.cjs, or a
 * fault-injecting fixture in tests.
 */
import { fileURLToPath } from 'node:url';

export function workerEntry(): string {
  const fromSource = import.meta.url.endsWith('.ts');
  return process.env.GGS_WORKER_ENTRY || fileURLToPath(new URL(fromSource ? './nodeWorker.ts' : './worker.mjs', import.meta.url));
}
