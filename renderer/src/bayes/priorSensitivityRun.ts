/** Runs the prior-sensitivity sweep through the Host (progress, Cancel, a session cache) and keeps its result for the card. */
import { certificationCount } from '../../../solver/whatif/summary.ts';
import { create } from 'zustand';
import { runStudy, type PointOutcome, type StudyProgress } from '../../../solver/whatif/execute.ts';
import { hostExecutor } from '../whatif/runWhatif.ts';
import { host } from '../host/hostRef.ts';
import { pointsInFlight } from '../host/parallelism.ts';
import { log, useSession } from '../state/session.ts';
import { useDocument } from '../state/document.ts';
import { checkSensitivityForm, sensitivityStudy, type SensitivityForm, type SensitivityRun } from './priorSensitivity.ts';

interface SensitivityState {
  running: boolean;
  progress: StudyProgress | null;
  run: SensitivityRun | null;
  error: string | null;
}

export const usePriorSensitivity = create<SensitivityState>(() => ({ running: false, progress: null, run: null, error: null }));

const cache = new Map<string, PointOutcome>();
let controller: AbortController | null = null;

export async function runPriorSensitivity(form: SensitivityForm): Promise<void> {
  if (usePriorSensitivity.getState().running) return;
  const scenario = useDocument.getState().scenario;
  const why = checkSensitivityForm(scenario, form);
  if (why) {
    usePriorSensitivity.setState({ error: why });
    return;
  }
  const study = sensitivityStudy(scenario, form, useSession.getState().jobOptions['ev-bayesian']);
  const fleet = scenario.evFleets![form.fleet]!;
  controller = new AbortController();
  usePriorSensitivity.setState({ running: true, progress: null, error: null });
  try {
    const result = await runStudy(study, hostExecutor(host()), {
      cache,
      concurrency: pointsInFlight(host()),
      signal: controller.signal,
      onProgress: (progress) => usePriorSensitivity.setState({ progress }),
    });
    const count = certificationCount(result);
    const cancelled = controller.signal.aborted;
    log(cancelled || count.certified < result.points.length ? 'warn' : 'info', `prior sensitivity: ${count.certified + count.uncertified} of ${result.points.length} points solved${cancelled ? ' (cancelled)' : ''}${count.uncertified ? `, ${count.uncertified} uncertified` : ''} in ${(result.timingsMs.total / 1000).toFixed(1)} s`);
    usePriorSensitivity.setState({ run: { levels: fleet.responsiveness.map((l) => ({ ...l, name: l.name ?? '' })), fleetId: fleet.id, form, result } });
  } catch (e) {
    usePriorSensitivity.setState({ error: e instanceof Error ? e.message : String(e) });
  } finally {
    controller = null;
    usePriorSensitivity.setState({ running: false });
  }
}

export function cancelPriorSensitivity(): void {
  controller?.abort();
}
