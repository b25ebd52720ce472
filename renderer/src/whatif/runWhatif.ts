/**
 * Turns the panel's form into a Study, checks it before anything runs (values
 * that do not parse, paths that are not numbers, values that make the
 * scenario invalid), and runs it with the engine's runStudy through the Host:
 * in the web build over its Web Worker pool, in the desktop app over main's
 * worker pool, as many points at once as the host has workers, each starting
 * from a neighbouring point's solution where the solver can use one; only the
 * outputs cross back.
 * Point outcomes are cached for the session, so re-running an unchanged
 * sweep, or extending it, only computes the new points; and saved as they
 * finish, so a study a reload or crash interrupted resumes (savedStudy.ts).
 */
import { certificationCount } from '../../../solver/whatif/summary.ts';
import type { JobRequest } from '../../../solver/contract.ts';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import { formatIssue } from '../../../solver/scenario/validate.ts';
import { runStudy, type Executor, type PointOutcome } from '../../../solver/whatif/execute.ts';
import { checkParamValues, expandValues, parseValuesSpec, type ParamSpec } from '../../../solver/whatif/params.ts';
import { checkStudy, type Study } from '../../../solver/whatif/study.ts';
import type { Distribution } from '../../../solver/whatif/random.ts';
import type { Host } from '../host/Host.ts';
import { host } from '../host/hostRef.ts';
import { pointsInFlight } from '../host/parallelism.ts';
import { log, useSession } from '../state/session.ts';
import { useDocument } from '../state/document.ts';
import { DISTRIBUTION_PARAMS, useWhatif, type WhatifForm } from './whatifStore.ts';
import { readSavedStudy, studySaver } from './savedStudy.ts';

/**
 * The engine's executor over a Host: a point goes as base + assignments where
 * the host can (the web build's workers), else as its whole request; a
 * cancelled study cancels the running job.
 */
export function hostExecutor(h: Host): Executor {
  return (request, { signal, outputs, point }) => {
    const job = h.runPoint ? h.runPoint(point, () => {}, outputs) : h.runJob(request, () => {}, outputs);
    const cancel = () => job.cancel();
    signal.addEventListener('abort', cancel, { once: true });
    return job.promise.finally(() => signal.removeEventListener('abort', cancel));
  };
}

/** The values text as a spec, or the sentence saying why it cannot be read. */
export function readValues(text: string): { ok: true; spec: ParamSpec['values']; values: number[] } | { ok: false; message: string } {
  try {
    const spec = parseValuesSpec(text);
    return { ok: true, spec, values: expandValues(spec) };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}

/** The study the form describes, or every reason it cannot run ("path: message" lines). */
export function prepareStudy(scenario: ScenarioInput, form: WhatifForm, options: Record<string, unknown> | undefined): { ok: true; study: Study } | { ok: false; issues: string[] } {
  const issues: string[] = [];
  const param = (path: string, text: string, label: string): ParamSpec | null => {
    if (!path) issues.push(`${label}: choose a parameter`);
    const read = readValues(text);
    if (!read.ok) issues.push(`${label} values: ${read.message}`);
    if (!path || !read.ok) return null;
    const bad = checkParamValues(scenario, path, read.values);
    if (bad) issues.push(formatIssue(bad));
    return { path, values: read.spec };
  };
  const base: JobRequest = { kind: form.kind, scenario, ...(options && Object.keys(options).length ? { options } : {}) };
  let design: Study['design'] | null = null;
  if (form.design === 'monte-carlo') {
    const whole = (text: string, label: string, min: number) => {
      const v = Number(text);
      if (!(text.trim() !== '' && Number.isInteger(v) && v >= min)) issues.push(`${label}: must be a whole number${min > -Infinity ? ` of at least ${min}` : ''}, not "${text}"`);
      return v;
    };
    const samples = whole(form.samples ?? '', 'N samples', 1);
    const seed = whole(form.seed ?? '', 'seed', -Infinity);
    const rows = form.mcRows ?? [];
    if (rows.length === 0) issues.push('Monte Carlo: add at least one parameter');
    const params: { path: string; distribution: Distribution }[] = [];
    rows.forEach((row, k) => {
      const label = `row ${k + 1}${row.path ? ` (${row.path})` : ''}`;
      if (!row.path) issues.push(`${label}: choose a parameter`);
      const names = DISTRIBUTION_PARAMS[row.distribution];
      const nums = names.map((name, i) => {
        const text = row.args[i] ?? '';
        const v = Number(text);
        if (!(text.trim() !== '' && Number.isFinite(v))) issues.push(`${label} ${name}: must be a number, not "${text}"`);
        return v;
      });
      const clipOf = (text: string, name: string) => {
        if (text.trim() === '') return undefined;
        const v = Number(text);
        if (!Number.isFinite(v)) issues.push(`${label} clip ${name}: must be a number or empty, not "${text}"`);
        return v;
      };
      const min = clipOf(row.clipMin, 'min');
      const max = clipOf(row.clipMax, 'max');
      const clip = min === undefined && max === undefined ? {} : { clip: { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) } };
      const [a = NaN, b = NaN, c = NaN] = nums;
      const d: Distribution =
        row.distribution === 'normal'
          ? { kind: 'normal', mean: a, std: b, ...clip }
          : row.distribution === 'uniform'
            ? { kind: 'uniform', min: a, max: b, ...clip }
            : row.distribution === 'triangular'
              ? { kind: 'triangular', min: a, mode: b, max: c, ...clip }
              : { kind: 'lognormal', mu: a, sigma: b, ...clip };
      params.push({ path: row.path, distribution: d });
    });
    if (params.some((p, i) => p.path && params.findIndex((q) => q.path === p.path) !== i)) issues.push('Monte Carlo: a parameter appears in two rows');
    design = { kind: 'monte-carlo', params, samples, seed };
  } else if (form.design === 'tornado') {
    const deltaPct = Number(form.deltaPct);
    if (form.tornadoParams.length === 0) issues.push('tornado: choose at least one parameter');
    if (!(form.deltaPct.trim() !== '' && Number.isFinite(deltaPct) && deltaPct > 0)) issues.push(`±%: must be a number above 0, not "${form.deltaPct}"`);
    design = { kind: 'tornado', params: form.tornadoParams, deltaPct };
  } else {
    const first = param(form.param, form.values, 'parameter');
    const second = form.grid ? param(form.param2, form.values2, 'second parameter') : null;
    if (first && (!form.grid || second)) design = second ? { kind: 'grid', param: first, param2: second } : { kind: 'sweep', param: first };
  }
  if (form.outputs.length === 0) issues.push('outputs: choose at least one output');
  if (issues.length > 0 || !design) return { ok: false, issues };
  const study: Study = { base, design, outputs: form.outputs };
  const checked = checkStudy(study);
  return checked.length > 0 ? { ok: false, issues: checked.map(formatIssue) } : { ok: true, study };
}

const cache = new Map<string, PointOutcome>();

let controller: AbortController | null = null;

export async function runWhatif(): Promise<void> {
  const state = useWhatif.getState();
  if (state.running) return;
  const scenario = useDocument.getState().scenario;
  const prepared = prepareStudy(scenario, state.form, useSession.getState().jobOptions[state.form.kind]);
  if (!prepared.ok) {
    useWhatif.setState({ issues: prepared.issues });
    return;
  }
  await run(prepared.study, studySaver(host(), state.form, prepared.study));
}

/**
 * At startup: a study that a reload, crash or killed window interrupted is
 * resumed from its saved points (savedStudy.ts); only the others are solved.
 */
let resumeChecked = false;
export async function resumeSavedStudy(): Promise<void> {
  if (resumeChecked) return; // once per page
  resumeChecked = true;
  const saved = await readSavedStudy(host());
  if (!saved || useWhatif.getState().running) return;
  for (const [key, outcome] of saved.points) cache.set(key, outcome);
  useWhatif.setState({ form: saved.form });
  log('info', `what-if ${saved.study.design.kind}: resuming the interrupted study from its ${saved.points.length} saved points`);
  await run(saved.study, studySaver(host(), saved.form, saved.study, saved.points));
}

async function run(study: Study, saver: ReturnType<typeof studySaver>): Promise<void> {
  controller = new AbortController();
  useWhatif.setState({ running: true, progress: null, issues: [] });
  try {
    const result = await runStudy(study, hostExecutor(host()), {
      cache,
      onPoint: (_point, key, outcome) => saver.add(key, outcome),
      concurrency: pointsInFlight(host()),
      // the app plots the answers: agreeing with a cold run within the solver's tolerance is enough
      warmStart: true,
      signal: controller.signal,
      onProgress: (progress) => useWhatif.setState({ progress }),
    });
    const count = certificationCount(result);
    const failed = count.noAnswer;
    const cancelled = controller.signal.aborted;
    log(cancelled || failed || count.uncertified ? 'warn' : 'info', `what-if ${result.study.kind}: ${result.points.length - failed} of ${result.points.length} points solved${cancelled ? ' (cancelled)' : ''}, ${count.certified} certified, ${count.uncertified} uncertified in ${(result.timingsMs.total / 1000).toFixed(1)} s`);
    // the comparison keeps the last two completed studies (a cancelled one is not complete)
    useWhatif.setState((s) => ({ result, history: cancelled ? s.history : [...s.history, result].slice(-2) }));
  } catch (e) {
    useWhatif.setState({ issues: [e instanceof Error ? e.message : String(e)] });
  } finally {
    controller = null;
    await saver.finish();
    useWhatif.setState({ running: false });
  }
}

export function cancelWhatif(): void {
  controller?.abort();
}
