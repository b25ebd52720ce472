/**
 * A fixed-capacity replay buffer of transitions (s, a, r, s′, done) plus any
 * extra per-transition columns an algorithm needs (the market price its
 * critic sees, the other agents' actions of a centralised critic). Stored as
 * flat Float64Arrays, overwritten oldest-first once full; mini-batches are
 * drawn uniformly with replacement from the seeded generator, so a run
 * replays exactly from its seed.
 */
import type { Rng } from '../forecast/random.ts';

export interface Batch {
  size: number;
  /** row-major [size × width] per column */
  columns: Record<string, number[][]>;
}

export class ReplayBuffer {
  private readonly data: Record<string, Float64Array>;
  private next = 0;
  private count = 0;

  /** `widths`: column name → numbers per transition (e.g. { obs: 5, action: 1, reward: 1, nextObs: 5, done: 1 }) */
  constructor(readonly capacity: number, readonly widths: Readonly<Record<string, number>>) {
    if (!(capacity > 0) || !Number.isInteger(capacity)) throw new RangeError(`replay capacity must be a positive integer, got ${capacity}`);
    this.data = Object.fromEntries(Object.entries(widths).map(([k, w]) => [k, new Float64Array(capacity * w)]));
  }

  get size(): number {
    return this.count;
  }

  add(transition: Readonly<Record<string, ArrayLike<number>>>): void {
    for (const [k, w] of Object.entries(this.widths)) {
      const v = transition[k];
      if (!v || v.length !== w) throw new RangeError(`transition column ${k} needs ${w} numbers, got ${v?.length ?? 'none'}`);
      this.data[k]!.set(v, this.next * w);
    }
    this.next = (this.next + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
  }

  /** `size` transitions drawn uniformly with replacement. */
  sample(size: number, rng: Rng): Batch {
    if (this.count === 0) throw new RangeError('cannot sample an empty replay buffer');
    const idx = Array.from({ length: size }, () => rng.int(this.count));
    return this.rows(idx);
  }

  /** The transitions at the given positions (oldest storage order). */
  rows(idx: readonly number[]): Batch {
    const columns: Record<string, number[][]> = {};
    for (const [k, w] of Object.entries(this.widths)) {
      const d = this.data[k]!;
      columns[k] = idx.map((i) => Array.from(d.subarray(i * w, i * w + w)));
    }
    return { size: idx.length, columns };
  }
}
