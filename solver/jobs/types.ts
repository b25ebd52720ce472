import type { CertificateVerdict, JobCertificate, JobData, JobKind, JobOptions, JobProgress, WarmStart, WarmStartUse } from '../contract.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { LpBackend } from '../lp/backend.ts';
import type { LpModel } from '../lp/model.ts';
import type { MicrogridStepsFactory } from '../microgrid/localSteps.ts';

/** What a solver gets besides scenario and options. */
export interface JobContext {
  /** seed for stochastic solvers (they build their own seeded RNG from it) */
  seed: number;
  backend: 'glpk' | 'highs';
  /**
   * The loaded LP backend named by `backend`, for definitions with `usesLp`.
   * Loading is asynchronous (wasm) and generators are not, so the runner loads
   * it before the generator starts.
   */
  lp?: LpBackend;
  /** the request's warm start, for kinds that can use one (unchecked: the job checks it fits the scenario) */
  warmStart?: WarmStart;
  /**
   * Where the microgrid ADMM's local steps run (`mg-bargaining`), from the host: the Node worker hands over steps
   * on worker threads (main/microgrid/parallelSteps.ts); absent, they run one after the other in this thread.
   */
  microgridSteps?: MicrogridStepsFactory;
}

export interface JobOutput<K extends JobKind> {
  data: JobData<K>;
  certificate: JobCertificate<K>;
  warnings?: string[];
  /** with a warm start in the context: whether it was used, or why not */
  warmStart?: WarmStartUse;
}

/**
 * A job is a generator: it yields progress between steps (where the runner may
 * stop it) and returns its data with its certificate. Expected failures are
 * thrown as SolverError.
 */
export type JobGenerator<K extends JobKind> = Generator<JobProgress, JobOutput<K>, void>;

export interface JobDefinition<K extends JobKind> {
  kind: K;
  /** the runner loads `ctx.lp` before `run` */
  usesLp?: boolean;
  /** the job's LP as `run` would solve it, for `ggs export-lp` (LP-backed jobs only); `lp`: a loaded backend, for jobs whose model needs solves to build (dso-fees derives its big-Ms) */
  buildLp?(scenario: Scenario, options: JobOptions<K>, lp?: LpBackend): LpModel;
  /** with `usesLp`: the backend this job needs whatever the request names (QPs need HiGHS) */
  lpBackend?: 'highs';
  run(scenario: Scenario, options: JobOptions<K>, ctx: JobContext): JobGenerator<K>;
  /**
   * Whether the answer's certificate holds at the stated tolerance: the status is `ok` only
   * then, `uncertified` otherwise (solver/jobs/certification.ts).
   */
  verdict(certificate: JobCertificate<K>, options: JobOptions<K>, data: JobData<K>): CertificateVerdict;
  /** a warm-startable kind: its answer as the warm start of a neighbouring run */
  warmState?(data: JobData<K>): WarmStart<K>;
}
