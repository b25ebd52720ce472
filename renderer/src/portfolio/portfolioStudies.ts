/**
 * Session state of the "Frontier & compare" section (not in the document,
 * not undoable): the frontier run (values per mode, progress, the study
 * result and the document it belongs to), the portfolios evaluated with
 * `portfolio-evaluate` (the user's, or a frontier point's with its scenario
 * costs), and which two are compared.
 */
import { create } from 'zustand';
import type { JobResult, PortfolioMetrics } from '../../../solver/contract.ts';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import { runStudy, type Executor, type PointOutcome, type StudyProgress } from '../../../solver/whatif/execute.ts';
import { extractOutputs } from '../../../solver/whatif/outputs.ts';
import { getAtPath } from '../../../solver/scenario/paths.ts';
import type { StudyResult } from '../../../solver/whatif/result.ts';
import { host } from '../host/hostRef.ts';
import { pointsInFlight } from '../host/parallelism.ts';
import { hostExecutor } from '../whatif/runWhatif.ts';
import { useDocument } from '../state/document.ts';
import { log, useSession } from '../state/session.ts';
import { DEFAULT_LAMBDAS, FRONTIER_OUTPUTS, FRONTIER_PATH, frontierPoint, frontierPoints, frontierStudy, type FrontierMode, type FrontierPoint } from './frontierStudy.ts';

/** A portfolio with every scenario's cost: a job's result, the user's, or a frontier point evaluated. */
export interface EvaluatedPortfolio {
  label: string;
  metrics: PortfolioMetrics;
  /** the document it was costed on */
  scenario: ScenarioInput;
}

interface StudiesState {
  mode: FrontierMode;
  values: Record<FrontierMode, string>;
  running: boolean;
  progress: StudyProgress | null;
  result: StudyResult | null;
  /** the points of `result`, in value order */
  points: FrontierPoint[];
  /** the mode and document the points were computed for (a later edit makes them stale) */
  pointsMode: FrontierMode;
  scenario: ScenarioInput | null;
  issues: string[];
  /** the user's volumes as typed, contract id → text ('' = the contract's heldKw) */
  userVolumes: Record<string, string>;
  evaluating: string | null;
  evaluated: Record<string, EvaluatedPortfolio>;
  /** keys of the two portfolios compared: 'result', 'user' or 'frontier:<value>' */
  compare: [string | null, string | null];
  compareIssue: string | null;
}

export const useStudies = create<StudiesState>(() => ({
  mode: 'lambda',
  values: { lambda: DEFAULT_LAMBDAS, cvarLimit: '' },
  running: false,
  progress: null,
  result: null,
  points: [],
  pointsMode: 'lambda',
  scenario: null,
  issues: [],
  userVolumes: {},
  evaluating: null,
  evaluated: {},
  compare: ['result', 'user'],
  compareIssue: null,
}));

const cache = new Map<string, PointOutcome>();
let controller: AbortController | null = null;

export async function runFrontier(): Promise<void> {
  const s = useStudies.getState();
  if (s.running) return;
  const scenario = useDocument.getState().scenario;
  const prepared = frontierStudy(scenario, s.mode, s.values[s.mode], useSession.getState().lpBackend);
  if (!prepared.ok) return void useStudies.setState({ issues: prepared.issues });
  controller = new AbortController();
  const mode = s.mode;
  // the previous frontier's points evaluated for the comparison belong to its document: drop them
  const evaluated = Object.fromEntries(Object.entries(s.evaluated).filter(([key]) => !key.startsWith('frontier:')));
  useStudies.setState({ running: true, progress: null, issues: [], result: null, points: [], pointsMode: mode, scenario, evaluated });
  try {
    const h = host();
    const run = hostExecutor(h);
    const path = FRONTIER_PATH[mode];
    // each point is drawn as soon as its job ends (runStudy hands over the points only at the end)
    const executor: Executor = (request, ctx) =>
      run(request, ctx).then((r) => {
        const answer = r.outputs ?? (r.status === 'ok' && r.data ? extractOutputs('portfolio', r.data as never, FRONTIER_OUTPUTS) : { outputs: {} });
        const point = frontierPoint(getAtPath(request.scenario, path) as number, { status: r.status, message: r.message, outputs: answer.outputs });
        if (!controller?.signal.aborted) useStudies.setState((st) => ({ points: [...st.points.filter((p) => p.value !== point.value), point].sort((a, b) => a.value - b.value) }));
        return r;
      });
    const result = await runStudy(prepared.study, executor, {
      cache,
      concurrency: pointsInFlight(h),
      signal: controller.signal,
      onProgress: (progress) => useStudies.setState({ progress }),
    });
    const points = frontierPoints(result, mode);
    const solved = points.filter((p) => p.status === 'ok').length;
    const cancelled = controller.signal.aborted ? ' (cancelled)' : '';
    log(solved === points.length ? 'info' : 'warn', `frontier over ${mode === 'lambda' ? 'λ' : 'the CVaR limit'}: ${solved} of ${points.length} points solved${cancelled} in ${(result.timingsMs.total / 1000).toFixed(1)} s`);
    useStudies.setState({ result, points });
    // a frontier point chosen for the comparison is costed again on the new frontier's document
    const chosen = useStudies.getState().compare;
    for (const side of [0, 1] as const) if (chosen[side]?.startsWith('frontier:')) void chooseCompared(side, chosen[side]);
  } catch (e) {
    useStudies.setState({ issues: [e instanceof Error ? e.message : String(e)] });
  } finally {
    controller = null;
    useStudies.setState({ running: false });
  }
}

export function cancelFrontier(): void {
  controller?.abort();
}

/** Runs `portfolio-evaluate` for the given volumes on `scenario` and keeps the portfolio under `key`. */
export async function evaluatePortfolio(key: string, label: string, scenario: ScenarioInput, volumesKw: Record<string, number>): Promise<JobResult> {
  useStudies.setState({ evaluating: key });
  try {
    const result = await host().runJob({ kind: 'portfolio-evaluate', scenario, options: { volumesKw } }, () => {}).promise;
    if (result.status === 'ok' && result.data) useStudies.setState((s) => ({ evaluated: { ...s.evaluated, [key]: { label, metrics: result.data as PortfolioMetrics, scenario } } }));
    else log('error', `evaluating ${label}: ${result.status}: ${result.message}`);
    return result;
  } finally {
    useStudies.setState({ evaluating: null });
  }
}

export const frontierKey = (value: number) => `frontier:${value}`;

/** Chooses the portfolio shown on one side; a frontier point is evaluated first (its scenario costs feed the histogram). */
export async function chooseCompared(side: 0 | 1, key: string | null): Promise<void> {
  useStudies.setState((s) => ({ compare: (side === 0 ? [key, s.compare[1]] : [s.compare[0], key]) as [string | null, string | null], compareIssue: null }));
  const s = useStudies.getState();
  if (!key?.startsWith('frontier:') || s.evaluated[key] || !s.scenario) return;
  const value = Number(key.slice('frontier:'.length));
  const point = s.points.find((p) => p.value === value);
  if (!point || point.status !== 'ok') return void useStudies.setState({ compareIssue: `the frontier point ${value} has no portfolio (${point?.status ?? 'missing'})` });
  const label = `frontier ${s.pointsMode === 'lambda' ? 'λ' : 'CVaR ≤'} ${value}`;
  await evaluatePortfolio(key, label, s.scenario, point.volumes);
}
