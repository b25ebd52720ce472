/**
 * Typed solver failures. Solvers throw a SolverError for an expected outcome
 * that is not an answer (meshed network, no convergence, infeasible LP); the
 * job runner turns it into a result with the matching status. Anything else
 * thrown is a bug and ends as status `failed`, code `internal`.
 */
import type { JobError, JobErrorCode, JobKind, JobResult, JobStatus } from '../contract.ts';
import { VERSION } from '../version.ts';

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

/**
 * A result that carries a failure and no answer. Lives here rather than in
 * run.ts so hosts (the worker pool) can build one without loading every solver.
 */
export function failedResult(kind: string, error: JobError, hash = '', elapsed = 0): JobResult {
  return {
    job: kind as JobKind,
    status: statusForError(error.code),
    message: error.message,
    certificate: null,
    data: null,
    error,
    warnings: [],
    timingsMs: { total: elapsed, validate: 0, solve: 0 },
    scenarioHash: hash,
    version: VERSION,
  };
}
