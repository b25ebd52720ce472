/** Exit codes of `ggs`, as DESIGN.md "Command line" fixes them. */
import type { JobStatus } from '../../solver/contract.ts';

export const EXIT = {
  ok: 0,
  /** `ggs ledger verify`: the file was read and a hash, signature or byte is wrong */
  broken: 1,
  /** bad usage, unreadable or invalid scenario, refused import */
  usage: 2,
  /** the solve ran and failed: infeasible, unbounded, not converged, crashed */
  solveFailed: 3,
  /** the solve gave an answer whose certificate does not hold at the stated tolerance (status `uncertified`) */
  uncertified: 4,
  /** Ctrl+C (128 + SIGINT) */
  interrupted: 130,
  /** stopped by SIGTERM (128 + 15): a batch scheduler's time limit, kill, docker stop */
  terminated: 143,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export function exitCodeFor(status: JobStatus): ExitCode {
  if (status === 'ok') return EXIT.ok;
  if (status === 'uncertified') return EXIT.uncertified;
  if (status === 'invalid') return EXIT.usage;
  if (status === 'cancelled') return EXIT.interrupted;
  return EXIT.solveFailed;
}

/**
 * A failure the CLI reports and exits on. `lines` go to stderr one per line
 * (validation issues are "path: message" lines).
 */
export class CliError extends Error {
  constructor(
    readonly lines: string[],
    readonly exitCode: ExitCode = EXIT.usage,
  ) {
    super(lines.join('\n'));
    this.name = 'CliError';
  }
}
