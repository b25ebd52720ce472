/**
 * Run and Cancel. The request goes to the host (a worker); progress and the
 * result come back as data. Results are cached by job hash, so re-running an
 * unchanged scenario is instant.
 */
import { hasAnswer } from '../../../solver/jobs/certification.ts';
import { JOB_LABELS, type JobRequest, type JobResult, type PowerflowData } from '../../../solver/contract.ts';
import { requestHash } from '../../../solver/jobs/requestHash.ts';
import { useDocument } from '../state/document.ts';
import { log, useSession } from '../state/session.ts';
import { host } from '../host/hostRef.ts';
import type { RunningJob } from '../host/Host.ts';
import { lpBackendFor } from '../opf/lpJobs.ts';

let running: RunningJob | null = null;

export function currentRequest(): JobRequest {
  const s = useSession.getState();
  return { kind: s.job.kind, scenario: useDocument.getState().scenario, options: s.jobOptions[s.job.kind] ?? {}, ...lpBackendFor(s.job.kind, s.lpBackend) };
}

export async function runCurrentJob() {
  if (running) return;
  const request = currentRequest();
  const hash = requestHash(request);
  const session = useSession.getState();
  const cached = session.results[hash];
  if (cached) {
    session.set({ shownResult: hash });
    log('info', `${JOB_LABELS[request.kind]}: scenario unchanged, result from cache`);
    return;
  }
  log('info', `${JOB_LABELS[request.kind]}: started`);
  session.set({ job: { ...session.job, running: true, progress: null, progressLog: [], paused: false, startedAt: performance.now() } });
  running = host().runJob(request, (progress) =>
    useSession.setState((s) => ({ job: { ...s.job, progress, progressLog: progress.metrics ? [...s.job.progressLog, progress.metrics] : s.job.progressLog } })),
  );
  const result = await running.promise;
  running = null;
  useSession.setState((s) => ({
    job: { ...s.job, running: false, paused: false },
    // keep cancelled/crashed runs out of the cache: running again must really run
    results: hasAnswer(result.status) || result.status === 'invalid' || result.status === 'not-converged' ? { ...s.results, [hash]: result } : s.results,
    shownResult: result.status === 'cancelled' ? s.shownResult : hash,
    lastStatus: { status: result.status, message: result.message },
    // open a multi-period result at its worst period: what a planner looks for first
    ...(hasAnswer(result.status) && result.job === 'powerflow' && result.data ? { period: (result.data as PowerflowData).summary.minVoltage.t } : {}),
  }));
  logResult(result);
}

/** Whether the running job can be paused (the host's workers support it). */
export const canPauseCurrentJob = (): boolean => Boolean(running?.pause);

/** Holds the running job between two steps, or lets it go on. */
export function pauseCurrentJob(paused: boolean) {
  if (!running?.pause) return;
  running.pause(paused);
  useSession.setState((s) => ({ job: { ...s.job, paused } }));
  log('info', paused ? 'paused' : 'resumed');
}

export function cancelCurrentJob() {
  if (!running) return;
  log('warn', 'cancel requested');
  running.cancel();
}

function logResult(r: JobResult) {
  const secs = (r.timingsMs.total / 1000).toFixed(2);
  if (hasAnswer(r.status)) {
    log(r.status === 'ok' ? 'info' : 'warn', `${r.status}: ${r.message} in ${secs} s`);
    if (r.certificate && 'maxMismatchKva' in r.certificate) {
      const c = r.certificate;
      log('info', `certificate: max mismatch ${c.maxMismatchKva.toExponential(2)} kVA, ${c.iterations} sweeps, last ΔV ${c.lastVoltageChangePu.toExponential(2)} p.u. (tol ${c.tolerancePu})`);
    }
  } else {
    log(r.status === 'cancelled' ? 'warn' : 'error', `${r.status}: ${r.message}${r.error?.hint ? ` — ${r.error.hint}` : ''}`);
  }
  for (const w of r.warnings) log('warn', w);
}
