/**
 * SIGINT (Ctrl+C) and SIGTERM (what Slurm, Kubernetes and `kill` send) for a
 * running command: the first one aborts the command's signal — it cancels its
 * jobs, lets it save what it has (a sweep's partial result) and its worker
 * pool close its threads — and the command then exits 130 or 143 (128 + the
 * signal number, docs/cli.md "Exit codes"). A second signal exits at once,
 * after `onForce` (e.g. syncing a journal), for a user who will not wait.
 *
 * Handled in the CLI's own code, not its launcher, so it holds however `ggs`
 * was started (npx ggs, npm run cli, node bin/ggs.mjs, a bundle).
 */
import { EXIT, type ExitCode } from './exitCodes.ts';

const CODES = { SIGINT: EXIT.interrupted, SIGTERM: EXIT.terminated } as const;
type HandledSignal = keyof typeof CODES;

export interface Interrupts {
  /** aborts on the first SIGINT or SIGTERM */
  signal: AbortSignal;
  /** the exit code the signal received calls for, or null while none came */
  readonly exitCode: ExitCode | null;
  /** stops listening (call in finally) */
  dispose(): void;
}

export function listenForInterrupts(onForce: () => void = () => {}): Interrupts {
  const controller = new AbortController();
  let exitCode: ExitCode | null = null;
  const handlers = (Object.keys(CODES) as HandledSignal[]).map((name) => {
    const handler = () => {
      if (exitCode !== null) {
        onForce();
        process.exit(exitCode);
      }
      exitCode = CODES[name];
      controller.abort();
    };
    process.on(name, handler);
    return () => process.off(name, handler);
  });
  return {
    signal: controller.signal,
    get exitCode() {
      return exitCode;
    },
    dispose: () => handlers.forEach((off) => off()),
  };
}
