/**
 * The fields of each distribution kind a generator allows (the schema's
 * `Distribution`), a one-line description, and the conversion the kind
 * picker applies: the new distribution keeps the old one's centre and spread,
 * so switching kind never jumps to an unrelated fleet.
 */
import type { Distribution } from '../../../solver/scenario/schema.ts';
import { distributionMean } from './distributionHistogram.ts';

export type DistributionKind = Distribution['kind'];
export const DISTRIBUTION_KINDS: DistributionKind[] = ['fixed', 'uniform', 'normal', 'empirical'];

/** The scalar fields of each kind, in the order shown; `optional` fields may be left empty (a normal's clip bounds). */
export const DISTRIBUTION_FIELDS: Record<DistributionKind, { key: string; label: string; optional?: boolean; list?: boolean }[]> = {
  fixed: [{ key: 'value', label: 'value' }],
  uniform: [
    { key: 'min', label: 'min' },
    { key: 'max', label: 'max' },
  ],
  normal: [
    { key: 'mean', label: 'mean' },
    { key: 'sd', label: 'sd' },
    { key: 'min', label: 'clip min', optional: true },
    { key: 'max', label: 'clip max', optional: true },
  ],
  empirical: [
    { key: 'values', label: 'values', list: true },
    { key: 'weights', label: 'weights', optional: true, list: true },
  ],
};

export function describeDistribution(d: Distribution | undefined): string {
  if (!d) return 'default';
  const clip = (lo?: number, hi?: number) => (lo !== undefined || hi !== undefined ? `, clipped to [${lo ?? '−∞'}, ${hi ?? '∞'}]` : '');
  switch (d.kind) {
    case 'fixed':
      return `fixed ${d.value}`;
    case 'uniform':
      return `uniform [${d.min}, ${d.max}]`;
    case 'normal':
      return `normal mean ${d.mean}, sd ${d.sd}${clip(d.min, d.max)}`;
    case 'empirical':
      return `empirical ${d.values.join(', ')}${d.weights ? ` weights ${d.weights.join(', ')}` : ''}`;
  }
}

/** Three significant digits: what a user would type. */
const round = (x: number) => (x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(3)));

function spread(d: Distribution): number {
  switch (d.kind) {
    case 'fixed':
      return 0;
    case 'uniform':
      return Math.abs(d.max - d.min) / Math.sqrt(12);
    case 'normal':
      return d.sd;
    case 'empirical': {
      const m = distributionMean(d);
      const w = d.weights ?? d.values.map(() => 1);
      const total = w.reduce((a, b) => a + b, 0) || 1;
      return Math.sqrt(d.values.reduce((s, v, k) => s + (w[k] ?? 0) * (v - m) ** 2, 0) / total);
    }
  }
}

/** The distribution of another kind with the same mean and standard deviation (a fixed value gets a 10 % spread). */
export function convertDistribution(d: Distribution, kind: DistributionKind): Distribution {
  if (d.kind === kind) return d;
  const m = distributionMean(d);
  const sd = spread(d) || Math.abs(m) * 0.1 || 1;
  // a uniform's bounds become the normal's clip, so a 0..1 quantity stays in 0..1
  const bounds = d.kind === 'uniform' ? { min: d.min, max: d.max } : d.kind === 'normal' ? { ...(d.min === undefined ? {} : { min: d.min }), ...(d.max === undefined ? {} : { max: d.max }) } : {};
  switch (kind) {
    case 'fixed':
      return { kind, value: round(m) };
    case 'uniform':
      return { kind, min: round(bounds.min ?? m - Math.sqrt(3) * sd), max: round(bounds.max ?? m + Math.sqrt(3) * sd) };
    case 'normal':
      return { kind, mean: round(m), sd: round(sd), ...bounds };
    case 'empirical':
      // m ± √2·sd with weights 1, 2, 1 has standard deviation sd
      return { kind, values: [round(m - Math.SQRT2 * sd), round(m), round(m + Math.SQRT2 * sd)], weights: [1, 2, 1] };
  }
}

/** A list as typed ("40, 60, 75"); a token that is not a number is kept as typed, so validation points at it. */
export function parseNumberList(text: string): (number | string)[] | undefined {
  const tokens = text.split(/[,;\s]+/).filter((t) => t !== '');
  if (tokens.length === 0) return undefined;
  return tokens.map((t) => (Number.isFinite(Number(t)) ? Number(t) : t));
}
