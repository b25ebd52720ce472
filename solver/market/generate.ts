/**
 * Seeded bid-book generators for classroom books and Monte Carlo
 * comparisons: every agent places one bid, buyers' values and sellers' costs
 * drawn from a uniform or normal distribution (normals clipped to be ≥ 0),
 * on the project's one seeded generator (solver/whatif/random.ts), so a
 * book replays from its seed on any machine.
 */
import { createRng, sample, type Distribution } from '../whatif/random.ts';
import type { Bid, BidBook } from './book.ts';

export interface BookSpec {
  buyers: number;
  sellers: number;
  seed: number;
  /** distribution of buyers' values and sellers' costs, currency per kWh */
  values: { kind: 'uniform'; min: number; max: number } | { kind: 'normal'; mean: number; std: number };
  costs: { kind: 'uniform'; min: number; max: number } | { kind: 'normal'; mean: number; std: number };
  /** kWh per bid: a fixed quantity (1 → unit demand) or uniform on [min, max] */
  quantity?: number | { min: number; max: number };
  units?: BidBook['units'];
  period?: number;
}

export function generateBook(spec: BookSpec): BidBook {
  const rng = createRng(spec.seed);
  const units = spec.units ?? 'blocks';
  const dist = (d: BookSpec['values']): Distribution => (d.kind === 'normal' ? { ...d, clip: { min: 0 } } : d);
  const quantity = (): number => {
    const q = spec.quantity ?? 1;
    if (typeof q === 'number') return q;
    const x = q.min + rng.next() * (q.max - q.min);
    return units === 'blocks' ? Math.round(x) : x;
  };
  const bids: Bid[] = [];
  const add = (side: Bid['side'], prefix: string, n: number, d: BookSpec['values']) => {
    for (let i = 0; i < n; i++) bids.push({ agent: `${prefix}${i + 1}`, side, price: sample(dist(d), rng), quantity: quantity(), ...(spec.period ? { period: spec.period } : {}) });
  };
  add('buy', 'b', spec.buyers, spec.values);
  add('sell', 's', spec.sellers, spec.costs);
  return { units, bids };
}
