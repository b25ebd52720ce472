/**
 * Warm start of the VPP game: Gauss–Seidel starts from given equilibrium
 * quantities (a neighbouring what-if point's) instead of zero. A start that
 * does not fit the scenario (another VPP set or horizon, a bad number) is
 * ignored with the reason, never half-used.
 */
import type { VppGameData, WarmStartUse, WarmStarts } from '../contract.ts';

type VppWarmStart = WarmStarts['vpp-game'];

/** Quantities per VPP (scenario order) from `warm`, or why not. */
export function warmQuantities(ids: readonly string[], T: number, warm: unknown): { start?: Float64Array[]; use: WarmStartUse } {
  const q = (warm as Partial<VppWarmStart> | null)?.q;
  if (typeof q !== 'object' || q === null) return { use: { used: false, note: 'the warm start has no quantities (q)' } };
  const start: Float64Array[] = [];
  for (const id of ids) {
    const row = (q as Record<string, unknown>)[id];
    if (!Array.isArray(row) || row.length !== T) return { use: { used: false, note: `the warm start has no ${T} quantities for VPP "${id}"` } };
    if (!row.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0)) return { use: { used: false, note: `the warm start's quantities for VPP "${id}" are not all finite and ≥ 0` } };
    start.push(Float64Array.from(row as number[]));
  }
  return { start, use: { used: true, note: `best responses started from the given quantities of ${ids.length} VPPs` } };
}

/** An answer as the warm start of a neighbouring run: its equilibrium quantities. */
export const vppWarmState = (data: VppGameData): VppWarmStart => ({ q: Object.fromEntries(data.equilibrium.map((v) => [v.id, v.q])) });
