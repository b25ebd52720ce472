/** Runs the communication study through the Host (progress, Cancel, a session cache) and keeps its result for the card. */
import { create } from 'zustand';
import { certificationCount } from '../../../solver/whatif/summary.ts';
import { runStudy, type PointOutcome, type StudyProgress } from '../../../solver/whatif/execute.ts';
import type { StudyResult } from '../../../solver/whatif/result.ts';
import { hostExecutor } from '../whatif/runWhatif.ts';
import { host } from '../host/hostRef.ts';
import { pointsInFlight } from '../host/parallelism.ts';
import { log, useSession } from '../state/session.ts';
import { useDocument } from '../state/document.ts';
import { communicationStudy, readCommunicationForm, type CommunicationForm } from './communicationStudy.ts';

interface CommunicationState {
  running: boolean;
  progress: StudyProgress | null;
  result: StudyResult | null;
  error: string | null;
}

export const useCommunicationStudy = create<CommunicationState>(() => ({ running: false, progress: null, result: null, error: null }));

const cache = new Map<string, PointOutcome>();
let controller: AbortController | null = null;

export async function runCommunicationStudy(form: CommunicationForm): Promise<void> {
  if (useCommunicationStudy.getState().running) return;
  const read = readCommunicationForm(form);
  if (!read.ok) {
    useCommunicationStudy.setState({ error: read.message });
    return;
  }
  const study = communicationStudy(useDocument.getState().scenario, read.loss, read.delay, useSession.getState().jobOptions['mg-bargaining']);
  controller = new AbortController();
  useCommunicationStudy.setState({ running: true, progress: null, error: null });
  try {
    const result = await runStudy(study, hostExecutor(host()), {
      cache,
      concurrency: pointsInFlight(host()),
      signal: controller.signal,
      onProgress: (progress) => useCommunicationStudy.setState({ progress }),
    });
    const count = certificationCount(result);
    const cancelled = controller.signal.aborted;
    log(cancelled || count.certified < result.points.length ? 'warn' : 'info', `communication study: ${count.certified + count.uncertified} of ${result.points.length} settings solved${cancelled ? ' (cancelled)' : ''}${count.uncertified ? `, ${count.uncertified} uncertified (ADMM at its limit or off the optimum)` : ''} in ${(result.timingsMs.total / 1000).toFixed(1)} s`);
    useCommunicationStudy.setState({ result });
  } catch (e) {
    useCommunicationStudy.setState({ error: e instanceof Error ? e.message : String(e) });
  } finally {
    controller = null;
    useCommunicationStudy.setState({ running: false });
  }
}

export function cancelCommunicationStudy(): void {
  controller?.abort();
}
