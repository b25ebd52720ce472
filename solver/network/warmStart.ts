/**
 * Warm start of the power flow: each period's sweep starts from given bus
 * voltages (a neighbouring what-if point's) instead of the flat start. A
 * start that does not fit the scenario (another horizon or bus count, a bad
 * number) is ignored with the reason.
 */
import type { PowerflowData, WarmStartUse, WarmStarts } from '../contract.ts';

type PowerflowWarmStart = WarmStarts['powerflow'];

export interface PeriodStart {
  vRe: Float64Array;
  vIm: Float64Array;
}

const isRow = (row: unknown, n: number): row is number[] => Array.isArray(row) && row.length === n && row.every((x) => typeof x === 'number' && Number.isFinite(x));

/** Starting voltages per period, or why the warm start cannot be used. */
export function warmVoltages(T: number, n: number, warm: unknown): { starts?: PeriodStart[]; use: WarmStartUse } {
  const { vmPu, vaDeg } = (warm ?? {}) as Partial<PowerflowWarmStart>;
  if (!Array.isArray(vmPu) || !Array.isArray(vaDeg) || vmPu.length !== T || vaDeg.length !== T)
    return { use: { used: false, note: `the warm start has no voltages for the ${T} periods` } };
  const starts: PeriodStart[] = [];
  for (let t = 0; t < T; t++) {
    const m = vmPu[t], a = vaDeg[t];
    if (!isRow(m, n) || !isRow(a, n) || m.some((x) => x <= 0)) return { use: { used: false, note: `the warm start's period ${t} does not hold ${n} finite voltages (magnitudes above 0)` } };
    const rad = Math.PI / 180;
    starts.push({ vRe: Float64Array.from(m, (x, i) => x * Math.cos(a[i]! * rad)), vIm: Float64Array.from(m, (x, i) => x * Math.sin(a[i]! * rad)) });
  }
  return { starts, use: { used: true, note: `the sweeps of ${T} periods started from the given voltages` } };
}

/** An answer as the warm start of a neighbouring run: every period's bus voltages. */
export const powerflowWarmState = (data: PowerflowData): PowerflowWarmStart => ({
  vmPu: data.periods.map((p) => p.buses.map((b) => b.vmPu)),
  vaDeg: data.periods.map((p) => p.buses.map((b) => b.vaDeg)),
});
