/**
 * Opposition-based coyote optimisation (COA: Pierezan & dos Santos Coelho,
 * 2018; opposition-based learning: Tizhoosh, 2005), a minimiser over a box.
 *
 * Coyotes live in packs. Each iteration, in every pack, a coyote moves by
 * random fractions of two differences — towards the pack's alpha (its best)
 * from a random packmate, and towards the pack's cultural tendency (the
 * coordinate-wise median) from another — and keeps the move if it is
 * better; a pup is born from two random parents' coordinates plus random
 * genes and replaces the oldest coyote it beats; now and then a coyote moves
 * to another pack. Opposition: the initial population is the better half of
 * random points and their opposites (lower + upper − x), and with
 * probability `jumpRate` per iteration the population is compared with its
 * dynamic opposite (within the current per-coordinate range) and the better
 * half kept.
 */
import { rngOf } from '../random.ts';
import { clip, type Box, type MinimizeResult, type RunOptions } from './problem.ts';

export interface CoyoteOptions extends RunOptions {
  /** coyotes per pack (population / packSize packs) */
  packSize: number;
  jumpRate: number;
}

export const COYOTE_DEFAULTS = { packSize: 5, jumpRate: 0.3 };

interface Coyote {
  x: number[];
  f: number;
  age: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export function coyoteMinimize(f: (x: number[]) => number, box: Box, options: RunOptions & Partial<CoyoteOptions>): MinimizeResult {
  const o = { ...COYOTE_DEFAULTS, ...options };
  const rng = rngOf(o.seed);
  const d = box.lower.length;
  let evaluations = 0;
  const evaluate = (x: number[]): number => (evaluations++, f(x));
  const random = () => box.lower.map((lo, j) => lo + rng.next() * (box.upper[j]! - lo));
  const packs = Math.max(1, Math.round(o.population / o.packSize));
  const n = packs * o.packSize;

  // opposition-based initialisation: the better n of n random points and their opposites
  const start = Array.from({ length: n }, random);
  const both = [...start, ...start.map((x) => x.map((v, j) => box.lower[j]! + box.upper[j]! - v))].map((x): Coyote => ({ x, f: evaluate(x), age: 0 }));
  both.sort((a, b) => a.f - b.f);
  let all = both.slice(0, n);
  // shuffle into packs so that packs are not sorted by quality
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  let pack: Coyote[][] = Array.from({ length: packs }, (_, p) => all.slice(p * o.packSize, (p + 1) * o.packSize));
  const ps = 1 / d, pa = (1 - ps) / 2, pe = Math.min(1, 0.005 * o.packSize ** 2);
  const history: number[] = [];
  let best = all.reduce((a, b) => (b.f < a.f ? b : a));

  for (let it = 0; it < o.iterations; it++) {
    for (const members of pack) {
      const alpha = members.reduce((a, b) => (b.f < a.f ? b : a));
      const culture = Array.from({ length: d }, (_, j) => median(members.map((c) => c.x[j]!)));
      for (const [i, c] of members.entries()) {
        const others = members.map((_, k) => k).filter((k) => k !== i);
        const r1 = members[others[rng.int(others.length)]!]!, r2 = members[others[rng.int(others.length)]!]!;
        const a = rng.next(), b = rng.next();
        const x = clip(c.x.map((v, j) => v + a * (alpha.x[j]! - r1.x[j]!) + b * (culture[j]! - r2.x[j]!)), box);
        const fx = evaluate(x);
        if (fx < c.f) (c.x = x), (c.f = fx);
      }
      // a pup from two parents
      if (members.length >= 2) {
        const p1 = members[rng.int(members.length)]!, p2 = members[rng.int(members.length)]!;
        const j1 = rng.int(d), j2 = rng.int(d);
        const pup = box.lower.map((lo, j) => {
          const r = rng.next();
          if (j === j1 || (j !== j2 && r < ps)) return p1.x[j]!;
          if (j === j2 || r >= ps + pa) return p2.x[j]!;
          return lo + rng.next() * (box.upper[j]! - lo);
        });
        const fp = evaluate(pup);
        const worse = members.filter((c) => c.f > fp).sort((a, b) => b.age - a.age || b.f - a.f)[0];
        if (worse) (worse.x = pup), (worse.f = fp), (worse.age = 0);
      }
    }
    // transition between packs
    if (packs > 1 && rng.next() < pe) {
      const from = rng.int(packs), to = (from + 1 + rng.int(packs - 1)) % packs;
      const i = rng.int(pack[from]!.length), k = rng.int(pack[to]!.length);
      [pack[from]![i], pack[to]![k]] = [pack[to]![k]!, pack[from]![i]!];
    }
    // generation jumping: the dynamic opposite of the population
    if (rng.next() < o.jumpRate) {
      all = pack.flat();
      const lo = Array.from({ length: d }, (_, j) => Math.min(...all.map((c) => c.x[j]!)));
      const hi = Array.from({ length: d }, (_, j) => Math.max(...all.map((c) => c.x[j]!)));
      const opposite = all.map((c): Coyote => {
        const x = clip(c.x.map((v, j) => lo[j]! + hi[j]! - v), box);
        return { x, f: evaluate(x), age: 0 };
      });
      const kept = [...all, ...opposite].sort((a, b) => a.f - b.f).slice(0, n);
      pack = Array.from({ length: packs }, (_, p) => kept.filter((_, i) => i % packs === p));
    }
    for (const c of pack.flat()) c.age++;
    const itBest = pack.flat().reduce((a, b) => (b.f < a.f ? b : a));
    if (itBest.f < best.f) best = { ...itBest, x: [...itBest.x] };
    history.push(best.f);
    o.onIteration?.(it, best.f);
  }
  return { best: best.x, value: best.f, history, evaluations };
}
