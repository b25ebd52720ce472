import { useMemo } from 'react';
import type { JobResult, PowerflowData, PowerflowPeriod } from '../../../solver/contract.ts';
import { requestHash } from '../../../solver/jobs/requestHash.ts';
import { useSession } from '../state/session.ts';
import { useDocument } from '../state/document.ts';
import { lpBackendFor } from '../opf/lpJobs.ts';

export interface ShownResult {
  result: JobResult;
  /** the result's request hash (its key in the cache) */
  hash: string;
  /** the scenario changed since this result was computed */
  stale: boolean;
}

/** The result on screen and whether the document has moved on since. */
export function useShownResult(): ShownResult | null {
  const hash = useSession((s) => s.shownResult);
  const result = useSession((s) => (s.shownResult ? s.results[s.shownResult] : undefined));
  const scenario = useDocument((s) => s.scenario);
  const kind = useSession((s) => s.job.kind);
  const options = useSession((s) => s.jobOptions[s.job.kind]);
  const backend = useSession((s) => s.lpBackend);
  const current = useMemo(() => requestHash({ kind, scenario, options: options ?? {}, ...lpBackendFor(kind, backend) }), [kind, scenario, options, backend]);
  if (!result || !hash) return null;
  return { result, hash, stale: hash !== current };
}

/** The power-flow period selected by the period slider (clamped to the result's horizon). */
export function usePowerflowPeriod(): { data: PowerflowData; period: PowerflowPeriod; stale: boolean } | null {
  const shown = useShownResult();
  const t = useSession((s) => s.period);
  if (!shown || shown.result.job !== 'powerflow' || !shown.result.data) return null;
  const data = shown.result.data as PowerflowData;
  const period = data.periods[Math.min(t, data.periods.length - 1)];
  return period ? { data, period, stale: shown.stale } : null;
}
