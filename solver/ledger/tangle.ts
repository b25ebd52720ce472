/**
 * DAG tangles (the seed's spectrum–energy chain): micro-transactions that do
 * not wait for a block. Each new transaction approves two earlier tips chosen
 * by a weighted random walk from the genesis (each step moves to an approver
 * y of the current x with probability ∝ exp(α·H_y), H the cumulative weight,
 * and stops at a tip), so walkers favour the heavy, honest part of the DAG.
 * A transaction's cumulative weight is its own weight (1) plus that of every
 * transaction approving it directly or indirectly; it is confirmed once that
 * reaches `confirmWeight`. An energy tangle and a spectrum tangle grow side
 * by side (Poisson arrivals at their own rates, seeded) and every
 * `anchorEvery` time units the main chain records an anchor for each: the
 * Merkle root of its confirmed transactions and the hash of the previous
 * anchor, so the tangles inherit the chain's finality.
 */
import { createRng, type Rng } from '../whatif/random.ts';
import { canonicalHash } from './canonical.ts';
import { merkleRoot } from './merkle.ts';

export interface TangleOptions {
  /** arrivals per time unit of each tangle */
  rates: { energy: number; spectrum: number };
  duration: number;
  alpha: number;
  confirmWeight: number;
  anchorEvery: number;
  seed: number;
}

export interface TangleTx {
  id: string;
  tangle: 'energy' | 'spectrum';
  index: number;
  t: number;
  /** indices (within its tangle) of the transactions it approves; the genesis approves none */
  approves: number[];
  cumulativeWeight: number;
  /** time its cumulative weight reached the confirmation threshold, null if never */
  confirmedAt: number | null;
}

export interface TangleAnchor {
  height: number;
  t: number;
  tangle: 'energy' | 'spectrum';
  confirmed: number;
  total: number;
  merkleRoot: string;
  prevHash: string;
  hash: string;
}

export interface TangleResult {
  transactions: TangleTx[];
  anchors: TangleAnchor[];
  options: TangleOptions;
}

function grow(tangle: 'energy' | 'spectrum', rate: number, o: TangleOptions, rng: Rng): TangleTx[] {
  const txs: TangleTx[] = [];
  const approvers: number[][] = [];
  const add = (t: number, approves: number[]) => {
    const index = txs.length;
    const body = { tangle, index, t, approves: approves.map((i) => txs[i]!.id) };
    txs.push({ id: canonicalHash(body), tangle, index, t, approves, cumulativeWeight: 1, confirmedAt: null });
    approvers.push([]);
    for (const a of new Set(approves)) approvers[a]!.push(index);
    // the new transaction adds its weight to everything it approves, directly or not
    const seen = new Set<number>(), stack = [...approves];
    while (stack.length) {
      const i = stack.pop()!;
      if (seen.has(i)) continue;
      seen.add(i);
      const x = txs[i]!;
      x.cumulativeWeight++;
      if (x.confirmedAt === null && x.cumulativeWeight >= o.confirmWeight) x.confirmedAt = t;
      stack.push(...x.approves);
    }
  };
  const walk = (): number => {
    let x = 0;
    for (;;) {
      const next = approvers[x]!;
      if (next.length === 0) return x;
      const h = next.map((y) => txs[y]!.cumulativeWeight);
      const top = Math.max(...h);
      const w = h.map((v) => Math.exp(o.alpha * (v - top)));
      let u = rng.next() * w.reduce((a, b) => a + b, 0);
      let k = 0;
      while (k < w.length - 1 && (u -= w[k]!) > 0) k++;
      x = next[k]!;
    }
  };
  add(0, []);
  let t = 0;
  for (;;) {
    t += -Math.log(1 - rng.next()) / rate;
    if (t > o.duration) break;
    add(t, [walk(), walk()]);
  }
  return txs;
}

export function simulateTangles(o: TangleOptions): TangleResult {
  const rng = createRng(o.seed);
  const energy = grow('energy', o.rates.energy, o, rng);
  const spectrum = grow('spectrum', o.rates.spectrum, o, rng);
  const anchors: TangleAnchor[] = [];
  let prevHash = '0'.repeat(64);
  for (let t = o.anchorEvery, height = 0; t <= o.duration + 1e-9; t += o.anchorEvery) {
    for (const [tangle, txs] of [['energy', energy], ['spectrum', spectrum]] as const) {
      const confirmed = txs.filter((x) => x.confirmedAt !== null && x.confirmedAt <= t);
      const body = { height, t, tangle, confirmed: confirmed.length, total: txs.filter((x) => x.t <= t).length, merkleRoot: merkleRoot(confirmed.map((x) => x.id)), prevHash };
      const hash = canonicalHash(body);
      anchors.push({ ...body, hash });
      prevHash = hash;
      height++;
    }
  }
  return { transactions: [...energy, ...spectrum], anchors, options: o };
}
