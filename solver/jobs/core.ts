/**
 * The core of the job contract, the same for every kind: what a caller asks
 * for (JobRequest, PointJob), what comes back (JobResult with its status,
 * typed error and warm-start note) and the progress events in between.
 * Generic over the kinds of the registry: it imports only the types the
 * registry derives (JobKind, JobOptions …), never a kind module.
 */
import type { ScenarioInput } from '../scenario/schema.ts';
import type { JobCertificate, JobData, JobKind, JobOptions, WarmStart } from './kindRegistry.ts';
import type { ExtractedOutputs } from './outputSpec.ts';

/** What a caller asks for. The scenario is raw (validated in the worker too). */
export interface JobRequest<K extends JobKind = JobKind> {
  kind: K;
  scenario: ScenarioInput;
  options?: Partial<JobOptions<K>>;
  /** seed of the RNG handed to stochastic solvers; default 1 */
  seed?: number;
  /** LP backend for LP-based jobs */
  backend?: 'glpk' | 'highs';
  /**
   * Where an iterative solver may start: a neighbouring what-if point's
   * solution (`JobResult.warmState` of that point). Only kinds in
   * WARM_START_KINDS read it; it is checked against the scenario and ignored
   * (with a note in `JobResult.warmStart`) when it does not fit. It moves the
   * starting point only: the answer is the same within the solver's tolerance,
   * and it is not part of the request hash.
   */
  warmStart?: WarmStart<K>;
}

/** What became of a request's warm start. */
export interface WarmStartUse {
  used: boolean;
  /** why it was not used, or what it started ("periods 1–96 from the given voltages") */
  note: string;
}

/**
 * One what-if point as an executor gets it: the study's base request with
 * its hash, the assignments that make this point, and the point's key (its
 * cache key and scenarioHash). An executor that runs jobs in another thread
 * sends the base once and then only assignments (ToWorker `point`).
 */
export interface PointJob<K extends JobKind = JobKind> {
  base: JobRequest<K>;
  baseHash: string;
  assignments: { path: string; value: number }[];
  key: string;
  warmStart?: WarmStart<K>;
  /** the study keeps this point's answer as a warm start for its neighbours */
  keepWarmState?: boolean;
}

export const JOB_STATUSES = ['ok', 'uncertified', 'infeasible', 'unbounded', 'not-converged', 'invalid', 'cancelled', 'failed'] as const;
/**
 * `ok`: an answer whose certificate holds at the stated tolerance; `uncertified`: an answer (with data and
 * certificate) whose certificate does not hold, `verdict.reason` says why; `failed`: the worker crashed or
 * hung, or an internal error; every other status is a model outcome without an answer.
 */
export type JobStatus = (typeof JOB_STATUSES)[number];

export const JOB_ERROR_CODES = [
  'invalid-scenario',
  'invalid-options',
  'unknown-job',
  'meshed-network',
  'disconnected-bus',
  'not-converged',
  'infeasible',
  'unbounded',
  'cancelled',
  'worker-crashed',
  'worker-hung',
  'internal',
] as const;
export type JobErrorCode = (typeof JOB_ERROR_CODES)[number];

/** A typed, explained failure. Plain data so it crosses worker and IPC boundaries. */
export interface JobError {
  code: JobErrorCode;
  message: string;
  /** JSON path of the offending field, when one is to blame */
  path?: string;
  /** what the user could do about it */
  hint?: string;
  /** every validation issue when code is invalid-* */
  issues?: { path: string; message: string }[];
  /** numbers behind the failure (iterations, last residual, …) */
  details?: Record<string, number | string>;
}

/** Whether a result's certificate holds: the one number it is judged by, against its tolerance (solver/jobs/certification.ts). */
export interface CertificateVerdict {
  certified: boolean;
  /** what `value` measures, in words ("largest deviation gain", "relative duality gap") */
  measure: string;
  value: number;
  tolerance: number;
  /** why the certificate does not hold; null when it does */
  reason: string | null;
}

export interface JobResult<K extends JobKind = JobKind> {
  job: K;
  status: JobStatus;
  /** one plain sentence: what happened */
  message: string;
  certificate: JobCertificate<K> | null;
  /** the certificate judged (status ok or uncertified) */
  verdict?: CertificateVerdict;
  data: JobData<K> | null;
  error?: JobError;
  warnings: string[];
  timingsMs: { total: number; validate: number; solve: number };
  /** sha-256 of the canonical scenario + kind + options + seed */
  scenarioHash: string;
  version: string;
  /**
   * Present only when the run asked for `outputs` (a what-if point): the
   * requested outputs read off the data in the worker, `data` being null then.
   */
  outputs?: ExtractedOutputs;
  /** present when the request carried a warm start: whether the solver used it */
  warmStart?: WarmStartUse;
  /** this answer as a warm start for a neighbouring point; only when the run asked for it (RunHooks.keepWarmState) and the job solved */
  warmState?: WarmStart<K>;
}

/** A progress event from a running job. */
export interface JobProgress {
  /** 0..1 */
  fraction: number;
  /** what the solver is doing, in words */
  stage: string;
  /** iteration metrics (iteration, residual, …) */
  metrics?: Record<string, number>;
}
