/**
 * The job runner shared by every host (worker_threads, Web Worker, tests):
 * validates the request, drains the job's generator, forwards progress,
 * honours cancellation and pausing between steps, and wraps the outcome in a JobResult.
 *
 * It returns control to the event loop every `sliceMs` so that a `cancel`
 * message posted to the worker is seen promptly.
 */
import type { MicrogridStepsFactory } from '../microgrid/localSteps.ts';
import { jobOptionSchemas, JOB_KINDS, type JobKind, type JobProgress, type JobRequest, type JobResult } from '../contract.ts';
import { validateScenario, formatIssue } from '../scenario/validate.ts';
import { requestHash } from './requestHash.ts';
import { VERSION } from '../version.ts';
import { SolverError, failedResult } from './errors.ts';
import { jobDefinitions } from './registry.ts';
import { loadLpBackend, type LpBackend, type LpBackendName } from '../lp/backend.ts';
import { statusOfVerdict } from './certification.ts';

export { failedResult };

export interface RunHooks {
  onProgress?: (p: JobProgress) => void;
  /** polled between steps; true stops the job with status `cancelled` */
  isCancelled?: () => boolean;
  /** polled between steps; while true the job waits (its thread stays free: heartbeats go on, cancel is still seen) */
  isPaused?: () => boolean;
  /** milliseconds of work between yields to the event loop */
  sliceMs?: number;
  now?: () => number;
  /** attach the answer as a warm start for a neighbouring run (JobResult.warmState) */
  keepWarmState?: boolean;
  /** handed to the job as `JobContext.microgridSteps` */
  microgridSteps?: MicrogridStepsFactory;
}

/** The LP backend a job of this kind loads, or null when it solves no LP: what a host can prewarm before sending it. */
export function lpBackendOf(kind: JobKind, backend: LpBackendName | undefined): LpBackendName | null {
  return jobDefinitions[kind].usesLp ? backendOf(kind, backend) : null;
}

/** The backend a job runs with: its own when it needs one (QPs: HiGHS), else the request's, else glpk. */
const backendOf = (kind: JobKind, backend: LpBackendName | undefined): LpBackendName => jobDefinitions[kind].lpBackend ?? backend ?? 'glpk';

const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const pauseTick = () => new Promise<void>((resolve) => setTimeout(resolve, 50));

export async function runJob<K extends JobKind>(request: JobRequest<K>, hooks?: RunHooks): Promise<JobResult<K>>;
export async function runJob(request: JobRequest, hooks: RunHooks = {}): Promise<JobResult> {
  const now = hooks.now ?? (() => performance.now());
  const t0 = now();
  const kind = request?.kind;
  if (!JOB_KINDS.includes(kind as JobKind)) {
    return failedResult(String(kind), {
      code: 'unknown-job',
      message: `unknown job kind "${String(kind)}"; known kinds: ${JOB_KINDS.join(', ')}`,
    });
  }
  const seed = request.seed ?? 1;
  const hash = requestHash(request);

  const validation = validateScenario(request.scenario);
  if (!validation.ok) {
    const first = validation.issues[0]!;
    return failedResult(kind, {
      code: 'invalid-scenario',
      message: `the scenario is invalid: ${formatIssue(first)}${validation.issues.length > 1 ? ` (and ${validation.issues.length - 1} more)` : ''}`,
      path: first.path,
      issues: validation.issues,
    }, hash, now() - t0);
  }
  const options = jobOptionSchemas[kind as JobKind].safeParse(request.options ?? {});
  if (!options.success) {
    const issues = options.error.issues.map((i) => ({ path: ['options', ...i.path].join('.'), message: i.message }));
    return failedResult(kind, { code: 'invalid-options', message: `invalid options: ${formatIssue(issues[0]!)}`, path: issues[0]!.path, issues }, hash, now() - t0);
  }
  const tValidated = now();

  const definition = jobDefinitions[kind as JobKind];
  const sliceMs = hooks.sliceMs ?? 15;
  let lastYield = now();
  const backend = backendOf(kind as JobKind, request.backend);
  let lp: LpBackend | undefined;
  if (definition.usesLp) {
    try {
      lp = await loadLpBackend(backend);
    } catch (e) {
      return failedResult(kind, { code: 'internal', message: `the ${backend} LP solver could not be loaded: ${e instanceof Error ? e.message : String(e)}`, hint: 'try the other backend' }, hash, now() - t0);
    }
  }
  try {
    const warm = request.warmStart !== undefined && definition.warmState ? { warmStart: request.warmStart } : {};
    const gen = definition.run(validation.value, options.data as never, { seed, backend, ...(lp ? { lp } : {}), ...warm, ...(hooks.microgridSteps ? { microgridSteps: hooks.microgridSteps } : {}) });
    for (;;) {
      while (hooks.isPaused?.() && !hooks.isCancelled?.()) await pauseTick();
      if (hooks.isCancelled?.()) {
        gen.return(undefined as never);
        throw new SolverError({ code: 'cancelled', message: 'the job was cancelled' });
      }
      const step = gen.next();
      if (step.done) {
        const verdict = definition.verdict(step.value.certificate as never, options.data as never, step.value.data as never);
        const t1 = now();
        return {
          job: kind as JobKind,
          ...statusOfVerdict(verdict),
          certificate: step.value.certificate,
          verdict,
          data: step.value.data,
          warnings: [...validation.warnings.map(formatIssue), ...(step.value.warnings ?? [])],
          timingsMs: { total: t1 - t0, validate: tValidated - t0, solve: t1 - tValidated },
          scenarioHash: hash,
          version: VERSION,
          ...(request.warmStart !== undefined ? { warmStart: step.value.warmStart ?? { used: false, note: `a ${kind} job cannot start from a given solution` } } : {}),
          ...(hooks.keepWarmState && definition.warmState ? { warmState: definition.warmState(step.value.data as never) } : {}),
        } as JobResult;
      }
      hooks.onProgress?.(step.value);
      if (now() - lastYield > sliceMs) {
        await yieldToEventLoop();
        lastYield = now();
      }
    }
  } catch (e) {
    if (e instanceof SolverError) return failedResult(kind, e.error, hash, now() - t0);
    return failedResult(kind, { code: 'internal', message: `internal error: ${e instanceof Error ? e.message : String(e)}`, hint: 'please report this with the scenario file' }, hash, now() - t0);
  }
}
