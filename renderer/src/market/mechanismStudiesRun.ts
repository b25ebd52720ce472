/**
 * Runs the mechanism laboratory's studies (mechanismStudies.ts) through the
 * Host — the web build's Web Worker pool or the desktop's worker pool, as many
 * points at once as it has workers — with progress and Cancel, a session
 * cache, and each point drawn as soon as it finishes (runStudy's onPoint).
 */
import { create } from 'zustand';
import { runStudy, type PointOutcome, type StudyProgress } from '../../../solver/whatif/execute.ts';
import { certificationCount } from '../../../solver/whatif/summary.ts';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import type { Study } from '../../../solver/whatif/study.ts';
import { hostExecutor } from '../whatif/runWhatif.ts';
import { host } from '../host/hostRef.ts';
import { pointsInFlight } from '../host/parallelism.ts';
import { log } from '../state/session.ts';
import { linkedExecutor, PATHS, type StudyId, type StudyPointView } from './mechanismStudies.ts';

export interface StudyRunState {
  running: boolean;
  progress: StudyProgress | null;
  /** finished points, in the order they finished */
  points: StudyPointView[];
  issues: string[];
  /** the document the points were computed for (a later edit makes them stale) */
  scenario: ScenarioInput | null;
  /** the mechanisms the study ran, in order (colours and categories) */
  mechanisms: string[];
}

const idle = (): StudyRunState => ({ running: false, progress: null, points: [], issues: [], scenario: null, mechanisms: [] });

export const useMechanismStudies = create<Record<StudyId, StudyRunState>>(() => ({ size: idle(), ratio: idle(), 'monte-carlo': idle() }));

const patch = (id: StudyId, p: Partial<StudyRunState> | ((s: StudyRunState) => Partial<StudyRunState>)) =>
  useMechanismStudies.setState((all) => ({ [id]: { ...all[id], ...(typeof p === 'function' ? p(all[id]) : p) } }));

const cache = new Map<string, PointOutcome>();
const controllers: Partial<Record<StudyId, AbortController>> = {};

const LABEL: Record<StudyId, string> = { size: 'market size', ratio: 'supply–demand ratio', 'monte-carlo': 'Monte Carlo over random books' };

export async function runMechanismStudy(id: StudyId, prepared: { ok: true; study: Study<'mechanism'> } | { ok: false; issues: string[] }, scenario: ScenarioInput): Promise<void> {
  if (useMechanismStudies.getState()[id].running) return;
  if (!prepared.ok) return patch(id, { issues: prepared.issues });
  const controller = new AbortController();
  controllers[id] = controller;
  const mechanisms = (prepared.study.base.options?.['mechanisms'] as string[] | undefined) ?? [];
  patch(id, { running: true, progress: null, points: [], issues: [], scenario, mechanisms });
  try {
    const h = host();
    // the size study sweeps buyers; sellers follow them
    const executor = id === 'size' ? linkedExecutor(hostExecutor(h), [{ from: PATHS.buyers, to: PATHS.sellers }]) : hostExecutor(h);
    const result = await runStudy(prepared.study, executor, {
      cache,
      concurrency: pointsInFlight(h),
      signal: controller.signal,
      onProgress: (progress) => patch(id, { progress }),
      onPoint: (point, _key, outcome) => {
        const values = Object.fromEntries(point.assignments.map((a) => [a.path, a.value]));
        patch(id, (s) => ({ points: [...s.points, { values, status: outcome.status, outputs: outcome.outputs }] }));
      },
    });
    const count = certificationCount(result);
    const cancelled = controller.signal.aborted;
    log(cancelled || count.certified < result.points.length ? 'warn' : 'info', `mechanisms, ${LABEL[id]}: ${count.certified + count.uncertified} of ${result.points.length} books solved${cancelled ? ' (cancelled)' : ''}${count.uncertified ? `, ${count.uncertified} uncertified` : ''} in ${(result.timingsMs.total / 1000).toFixed(1)} s`);
  } catch (e) {
    patch(id, { issues: [e instanceof Error ? e.message : String(e)] });
  } finally {
    delete controllers[id];
    patch(id, { running: false });
  }
}

export function cancelMechanismStudy(id: StudyId): void {
  controllers[id]?.abort();
}
