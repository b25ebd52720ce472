/**
 * A what-if study run from a result view's card (the microgrids' communication
 * and privacy studies): through the Host's workers with progress, Cancel and
 * a session cache, its result kept in a store for the card. One runner per card.
 */
import { create, type UseBoundStore, type StoreApi } from 'zustand';
import { certificationCount } from '../../../solver/whatif/summary.ts';
import { runStudy, type PointOutcome, type StudyProgress } from '../../../solver/whatif/execute.ts';
import type { StudyResult } from '../../../solver/whatif/result.ts';
import type { Study } from '../../../solver/whatif/study.ts';
import { hostExecutor } from '../whatif/runWhatif.ts';
import { host } from '../host/hostRef.ts';
import { pointsInFlight } from '../host/parallelism.ts';
import { log } from '../state/session.ts';

export interface StudyRunState {
  running: boolean;
  progress: StudyProgress | null;
  result: StudyResult | null;
  error: string | null;
}

export interface StudyRunner {
  useRun: UseBoundStore<StoreApi<StudyRunState>>;
  /** runs the study `make` builds, or shows its error (a string) without running */
  run(make: () => Study | string): Promise<void>;
  cancel(): void;
}

/** `name` heads the session log line ("communication study: 4 of 4 settings solved …"). */
export function createStudyRunner(name: string): StudyRunner {
  const useRun = create<StudyRunState>(() => ({ running: false, progress: null, result: null, error: null }));
  const cache = new Map<string, PointOutcome>();
  let controller: AbortController | null = null;
  const run = async (make: () => Study | string) => {
    if (useRun.getState().running) return;
    const study = make();
    if (typeof study === 'string') {
      useRun.setState({ error: study });
      return;
    }
    controller = new AbortController();
    useRun.setState({ running: true, progress: null, error: null });
    try {
      const result = await runStudy(study, hostExecutor(host()), {
        cache,
        concurrency: pointsInFlight(host()),
        signal: controller.signal,
        onProgress: (progress) => useRun.setState({ progress }),
      });
      const count = certificationCount(result);
      const cancelled = controller.signal.aborted;
      log(cancelled || count.certified < result.points.length ? 'warn' : 'info', `${name}: ${count.certified + count.uncertified} of ${result.points.length} points solved${cancelled ? ' (cancelled)' : ''}${count.uncertified ? `, ${count.uncertified} uncertified` : ''} in ${(result.timingsMs.total / 1000).toFixed(1)} s`);
      useRun.setState({ result });
    } catch (e) {
      useRun.setState({ error: e instanceof Error ? e.message : String(e) });
    } finally {
      controller = null;
      useRun.setState({ running: false });
    }
  };
  return { useRun, run, cancel: () => controller?.abort() };
}
