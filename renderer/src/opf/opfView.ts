/**
 * What the OPF result view shows: which quantity colours the buses of the
 * one-line diagram and whether the hour is playing. The hour itself is the
 * session's `period`, shared with every other multi-period view.
 */
import { hasAnswer } from '../../../solver/jobs/certification.ts';
import { create } from 'zustand';
import type { OpfCertificate, OpfData, OpfPeriod } from '../../../solver/contract.ts';
import { useSession } from '../state/session.ts';
import { useShownResult } from '../results/useShownResult.ts';

export type OpfMapLayer = 'voltage' | 'dlmp' | 'carbon';
export const OPF_MAP_LAYERS: { id: OpfMapLayer; label: string }[] = [
  { id: 'voltage', label: 'Voltage' },
  { id: 'dlmp', label: 'DLMP' },
  { id: 'carbon', label: 'Carbon intensity' },
];

export const useOpfView = create<{ layer: OpfMapLayer; playing: boolean }>(() => ({ layer: 'voltage', playing: false }));

export interface ShownOpf {
  data: OpfData;
  certificate: OpfCertificate | undefined;
  period: OpfPeriod;
  stale: boolean;
}

/** The OPF result on screen and the hour chosen by the slider (clamped to the horizon); null for any other result. */
export function useOpfResult(): ShownOpf | null {
  const shown = useShownResult();
  const t = useSession((s) => s.period);
  if (!shown || shown.result.job !== 'opf' || !hasAnswer(shown.result.status) || !shown.result.data) return null;
  const data = shown.result.data as OpfData;
  const period = data.periods[Math.min(t, data.periods.length - 1)];
  if (!period) return null;
  return { data, certificate: shown.result.certificate as OpfCertificate | undefined, period, stale: shown.stale };
}

/** Hour label of period t ("13:00" for hourly steps, "13:15" for quarter-hours). */
export function hourLabel(t: number, dtHours: number): string {
  const minutes = Math.round(t * dtHours * 60);
  return `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
