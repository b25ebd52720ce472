/**
 * One colour per VPP, the same in every plot (DESIGN.md: consistent colours per
 * participant). Assigned by the VPP's position in the scenario, so a result
 * and the editors agree; Tableau 10, which stays distinct when projected.
 */
const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

export function vppColour(index: number): string {
  return PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length]!;
}

/** id → colour for the VPPs of a result, in result order. */
export function vppColours(ids: readonly string[]): Map<string, string> {
  return new Map(ids.map((id, i) => [id, vppColour(i)]));
}

/** The colour with an alpha, for bands and the constant-control bars. */
export function withAlpha(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`;
}
