/**
 * Prior shapes for the k-double auction's type grids. The scenario stores
 * only weights (`kda.buyerPrior`, `kda.sellerPrior`, absent = uniform); a
 * shape is a way to write them: uniform, triangular with a chosen mode, or
 * custom (edited weight by weight).
 */
import { isUniform } from '../../../solver/auction/kDoubleAuction.ts';
import { uniformGrid } from '../../../solver/bayes/grid.ts';

export type PriorShape = 'uniform' | 'triangular' | 'custom';

/** The type grid: typePoints points over [min, max], both ends included. */
export const kdaTypes = (min: number, max: number, typePoints: number): number[] => Array.from(uniformGrid(min, max, typePoints));

/**
 * Triangular weights peaking at `mode`: 1 at the mode, falling linearly to 0
 * at min and max (a mode at an end makes that end the peak).
 */
export function triangularPrior(types: readonly number[], mode: number): number[] {
  const lo = types[0]!;
  const hi = types[types.length - 1]!;
  const m = Math.min(hi, Math.max(lo, mode));
  return types.map((t) => {
    const w = t <= m ? (m === lo ? 1 : (t - lo) / (m - lo)) : hi === m ? 1 : (hi - t) / (hi - m);
    return Number(Math.max(0, w).toPrecision(6));
  });
}

/** Weights normalised to sum 1 (uniform when absent or all zero). */
export function normalisedWeights(weights: readonly number[] | undefined, typePoints: number): number[] {
  const total = weights?.reduce((a, b) => a + (Number.isFinite(b) && b > 0 ? b : 0), 0) ?? 0;
  if (!weights || !(total > 0)) return Array.from({ length: typePoints }, () => 1 / typePoints);
  return weights.map((w) => (Number.isFinite(w) && w > 0 ? w / total : 0));
}

/** The shape the stored weights show: uniform when absent or all equal, custom otherwise. */
export function inferShape(weights: readonly number[] | undefined): PriorShape {
  return !weights || (weights.length > 0 && isUniform(weights)) ? 'uniform' : 'custom';
}

/** Weights on a grid of another size, by linear interpolation over the same range (for a changed typePoints). */
export function resampleWeights(weights: readonly number[], typePoints: number): number[] {
  const n = weights.length;
  if (n === typePoints) return weights.slice();
  if (n === 1) return Array.from({ length: typePoints }, () => weights[0]!);
  return Array.from({ length: typePoints }, (_, i) => {
    const u = typePoints === 1 ? 0 : (i * (n - 1)) / (typePoints - 1);
    const k = Math.min(n - 2, Math.floor(u));
    const f = u - k;
    return Number((weights[k]! * (1 - f) + weights[k + 1]! * f).toPrecision(6));
  });
}
