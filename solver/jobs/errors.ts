/**
 * Typed solver failures. Solvers throw a SolverError for an expected outcome
 * that is not an answer (meshed network, no convergence, infeasible LP); the
 * job runner turns it into a result with the matching status. Anything else
 * thrown is a bug and ends as status `failed`, code `internal`.
 */
import type { JobError, JobErrorCode, JobStatus } from '../contract.ts';

const statusOf: Partial<Record<JobErrorCode, JobStatus>> = {
  'invalid-scenario': 'invalid',
  'invalid-options': 'invalid',
  'unknown-job': 'invalid',
  'meshed-network': 'invalid',
  'disconnected-bus': 'invalid',
  'not-converged': 'not-converged',
  infeasible: 'infeasible',
  unbounded: 'unbounded',
  cancelled: 'cancelled',
};

export class SolverError extends Error {
  readonly error: JobError;
  constructor(error: JobError) {
    super(error.message);
    this.name = 'SolverError';
    this.error = error;
  }
  get status(): JobStatus {
    return statusOf[this.error.code] ?? 'failed';
  }
}

export function statusForError(code: JobErrorCode): JobStatus {
  return statusOf[code] ?? 'failed';
}
