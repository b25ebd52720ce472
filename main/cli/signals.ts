/**
 * SIGINT (Ctrl+C) and SIGTERM (what Slurm, Kubernetes and `kill` send) for a
 * running command: the first one aborts the command's signal — it cancels its
 * jobs, lets it save what it has (a sweep's partial result) and its worker
 * pool close its threads — and the command then exits 130 or 143 (128 + the
 * signal number, docs/cli.md "Exit codes"). A second signal exits at once,
 * after `onForce` (e.g. syncing a journal), for a user who will not wait.
 *
 * Handled in the CLI's own code, not its launcher, so it holds however `ggs`
 * was started (npx ggs, npm run cli, node bin/ggs.mjs, a bundle); and a ggs
 * run by npm whose parent (an npx wrapper that was killed) went away stops too.
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

/** How often the parent is checked: an orphaned ggs stops within this and its one second. */
const PARENT_POLL_MS = 250;

export function listenForInterrupts(onForce: () => void = () => {}): Interrupts {
  const controller = new AbortController();
  let exitCode: ExitCode | null = null;
  const stop = (code: ExitCode) => {
    if (exitCode !== null) {
      onForce();
      process.exit(exitCode);
    }
    exitCode = code;
    controller.abort();
  };
  const handlers = (Object.keys(CODES) as HandledSignal[]).map((name) => {
    const handler = () => stop(CODES[name]);
    process.on(name, handler);
    return () => process.off(name, handler);
  });
  // `npm exec`/`npx` does not pass a SIGTERM sent to it on to ggs: it dies and
  // leaves ggs running, re-parented. Under npm (which sets npm_command), a
  // parent that went away counts as SIGTERM. Only there: a ggs started with
  // `nohup … &` from a shell that then exits must run on.
  const parent = process.ppid;
  const watch = process.env.npm_command
    ? setInterval(() => {
        if (process.ppid !== parent && exitCode === null) stop(EXIT.terminated);
      }, PARENT_POLL_MS).unref()
    : undefined;
  return {
    signal: controller.signal,
    get exitCode() {
      return exitCode;
    },
    dispose: () => {
      if (watch) clearInterval(watch);
      handlers.forEach((off) => off());
    },
  };
}
