/** Number formats shared by the VPP views. */
export const fmtKw = (v: number) => `${Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 0.05 || v === 0 ? v.toFixed(1) : v.toExponential(1)} kW`;
export const fmtMoney = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2));
export const fmtPct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);

/** "13:00–14:00" for period t of dtHours (the sample days start at midnight). */
export function hourLabel(t: number, dtHours: number): string {
  const hm = (h: number) => `${String(Math.floor(h) % 24).padStart(2, '0')}:${String(Math.round((h % 1) * 60)).padStart(2, '0')}`;
  return `${hm(t * dtHours)}–${hm((t + 1) * dtHours)}`;
}
