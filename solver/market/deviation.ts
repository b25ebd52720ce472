/**
 * One agent's deviation cleared without re-sorting or re-walking the book:
 * the truthful merit order of each side is kept with prefix sums of
 * quantity and money, and the book with one bid moved is a *view* of it —
 * one position removed, one inserted (found by bisection) — on which the
 * merit-order matching of allocation.ts is located in O(log² n):
 *
 *  - a buy element j takes part iff at its first kWh (cumulative position
 *    B_j) there is a sell element left whose price is at most its own
 *    (the walk matches while bid ≥ ask); prices falling on the buy side and
 *    rising on the sell side make that a prefix j < J;
 *  - the last of them, J − 1, trades until its end B_J or the first ask
 *    above its price, whichever comes first: that is the volume V;
 *  - every fill, the marginal pair and the welfare follow from V and the
 *    prefix sums.
 *
 * Used where the misreport search and AGV re-clear a book thousands of
 * times with one bid changed. The positions and fills equal the walk's
 * exactly when the quantities are integers (sums of integers are exact in
 * any order; `integral` says whether a book qualifies); money sums may differ
 * from the walk's in the last bits (a different summation order).
 */
import type { Prepared } from './allocation.ts';

/**
 * One side of a book in merit order (zero-quantity bids left out, as the
 * walk skips them) — or of several price profiles of it ("nodes": AGV's
 * sampled types), stored node-major in flat arrays so that thousands of
 * nodes cost a few arrays, not thousands of objects.
 */
export interface SideOrder {
  buy: boolean;
  /** elements per node (the side's bids with a positive quantity) */
  n: number;
  bidCount: number;
  nodes: number;
  /** [node·n + merit position] → bid index */
  bid: Int32Array;
  /** [node·bidCount + bid index] → merit position, −1 when left out */
  position: Int32Array;
  price: Float64Array;
  quantity: Float64Array;
  /** kWh and money (Σ price·quantity) before each position: [node·(n + 1) + position] */
  cumQ: Float64Array;
  cumV: Float64Array;
}

/**
 * A side over `nodes` price profiles: `order` lists the side's bids (sorted
 * already when `sorted`, else each node sorts it by its prices: price, then
 * book order).
 */
export function sideOrder(order: Int32Array, buy: boolean, bidCount: number, quantity: (bid: number) => number, price: (node: number, bid: number) => number, nodes = 1, sorted = false): SideOrder {
  const kept = order.filter((i) => quantity(i) > 0);
  const n = kept.length;
  const s: SideOrder = {
    buy, n, bidCount, nodes,
    bid: new Int32Array(nodes * n), position: new Int32Array(nodes * bidCount).fill(-1),
    price: new Float64Array(nodes * n), quantity: new Float64Array(nodes * n),
    cumQ: new Float64Array(nodes * (n + 1)), cumV: new Float64Array(nodes * (n + 1)),
  };
  const prices = new Float64Array(bidCount);
  for (let m = 0; m < nodes; m++) {
    for (const i of kept) prices[i] = price(m, i);
    const mine = sorted ? kept : Int32Array.from(kept).sort(buy ? (i, j) => prices[j]! - prices[i]! || i - j : (i, j) => prices[i]! - prices[j]! || i - j);
    const o = m * n, c = m * (n + 1);
    for (let j = 0; j < n; j++) {
      const i = mine[j]!, q = quantity(i), pr = prices[i]!;
      s.bid[o + j] = i;
      s.position[m * bidCount + i] = j;
      s.price[o + j] = pr;
      s.quantity[o + j] = q;
      s.cumQ[c + j + 1] = s.cumQ[c + j]! + q;
      s.cumV[c + j + 1] = s.cumV[c + j]! + pr * q;
    }
  }
  return s;
}

/** Both sides of a prepared book at its own prices. */
export function bookSides(p: Prepared): { buys: SideOrder; sells: SideOrder } {
  const bids = p.book.bids, n = bids.length;
  const price = (_: number, i: number) => bids[i]!.price, quantity = (i: number) => bids[i]!.quantity;
  return { buys: sideOrder(p.buys, true, n, quantity, price, 1, true), sells: sideOrder(p.sells, false, n, quantity, price, 1, true) };
}

/** Whether every quantity of the book is an integer (and their sum exact): the views then reproduce the walk's fills exactly. */
export function integral(p: Prepared): boolean {
  let total = 0;
  for (const b of p.book.bids) {
    if (!Number.isInteger(b.quantity)) return false;
    total += b.quantity;
  }
  return total <= Number.MAX_SAFE_INTEGER;
}

/**
 * A side with at most one position removed and one element inserted. Reset
 * it in place (`set`) for each deviation: the search allocates nothing per
 * report.
 */
export class SideView {
  /** removed position in the base, −1 none */
  private rem = -1;
  private remQ = 0;
  private remV = 0;
  /** offsets of the current node in the base's flat arrays */
  private m = 0;
  private o = 0;
  private c = 0;
  /** inserted position in the view, −1 none */
  ins = -1;
  insPrice = 0;
  insQuantity = 0;
  length: number;
  constructor(readonly base: SideOrder) {
    this.length = base.n;
  }

  /** Works on node `m` of the base (reset the removal and insertion afterwards). */
  node(m: number): this {
    this.m = m;
    this.o = m * this.base.n;
    this.c = m * (this.base.n + 1);
    return this;
  }

  /** Merit position of a bid in the current node (−1: not on this side or zero quantity). */
  positionOf(bid: number): number {
    return this.base.position[this.m * this.base.bidCount + bid]!;
  }

  /** Removes base position `removed` (−1: none) and inserts nothing. */
  set(removed: number): this {
    this.rem = removed;
    this.remQ = removed >= 0 ? this.base.quantity[this.o + removed]! : 0;
    this.remV = removed >= 0 ? this.base.price[this.o + removed]! * this.remQ : 0;
    this.ins = -1;
    this.length = this.base.n - (removed >= 0 ? 1 : 0);
    return this;
  }

  /** Inserts an element of price `price` and quantity `quantity` (> 0) at view position `at` (see insertionPoint). */
  insert(at: number, price: number, quantity: number): this {
    this.ins = at;
    this.insPrice = price;
    this.insQuantity = quantity;
    this.length++;
    return this;
  }

  /**
   * The view position at which an element of price `price` goes, after the
   * removal: after the elements of equal price whose bid index is below
   * `bid` and before those above (allocation.ts's order: price, then book
   * order); with bid < 0, ahead of every equal price.
   */
  insertionPoint(price: number, bid: number): number {
    const base = this.base, n = base.n, rem = this.rem, o = this.o;
    const sign = base.buy ? -1 : 1; // merit order: sign·price rising
    const key = sign * price;
    let lo = 0, hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const q = sign * base.price[o + mid]!;
      if (q > key || (q === key && (bid < 0 || base.bid[o + mid]! > bid))) hi = mid;
      else lo = mid + 1;
    }
    return rem >= 0 && rem < lo ? lo - 1 : lo;
  }

  price(j: number): number {
    const ins = this.ins;
    if (ins >= 0) {
      if (j === ins) return this.insPrice;
      if (j > ins) j--;
    }
    return this.base.price[this.o + (this.rem >= 0 && j >= this.rem ? j + 1 : j)]!;
  }

  /** kWh before view position j (0 ≤ j ≤ length). */
  start(j: number): number {
    const ins = this.ins;
    if (ins >= 0 && j > ins) return this.startRemoved(j - 1) + this.insQuantity;
    return this.startRemoved(j);
  }

  /** money before view position j. */
  money(j: number): number {
    const ins = this.ins;
    if (ins >= 0 && j > ins) return this.moneyRemoved(j - 1) + this.insPrice * this.insQuantity;
    return this.moneyRemoved(j);
  }

  private startRemoved(j: number): number {
    const rem = this.rem;
    return rem >= 0 && j > rem ? this.base.cumQ[this.c + j + 1]! - this.remQ : this.base.cumQ[this.c + j]!;
  }

  private moneyRemoved(j: number): number {
    const rem = this.rem;
    return rem >= 0 && j > rem ? this.base.cumV[this.c + j + 1]! - this.remV : this.base.cumV[this.c + j]!;
  }

  /** The element covering kWh position x (start(j) ≤ x < start(j + 1)); length when x is past the end. */
  at(x: number): number {
    let lo = 0, hi = this.length;
    // the last j with start(j) ≤ x
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.start(mid) <= x) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The first element (from `from`) whose price is worse than `price` for matching against it: above it on the sell side, below on the buy side. */
  firstWorse(price: number, from = 0): number {
    let lo = from, hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.base.buy ? this.price(mid) < price : this.price(mid) > price) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** kWh element j fills when the first `volume` kWh of the side trade. */
  fill(j: number, volume: number): number {
    const s = this.start(j), e = this.start(j + 1);
    return volume <= s ? 0 : volume >= e ? e - s : volume - s;
  }
}

export interface Clearing {
  /** kWh traded */
  volume: number;
  /** Σ value − Σ cost of what trades (reported prices) */
  welfare: number;
  /** view positions of the marginal pair (the last matched buy and sell), −1 when nothing trades */
  marginalBuy: number;
  marginalSell: number;
}

/** The merit-order matching of two views (see the module comment). */
export function clearViews(b: SideView, s: SideView): Clearing {
  const totalSell = s.start(s.length);
  // J: the first buy element that finds no ask at or below its price at its first kWh
  let lo = 0, hi = b.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const x = b.start(mid);
    if (x < totalSell && b.price(mid) >= s.price(s.at(x))) lo = mid + 1;
    else hi = mid;
  }
  const J = lo;
  if (J === 0) return { volume: 0, welfare: 0, marginalBuy: -1, marginalSell: -1 };
  const last = J - 1, pb = b.price(last);
  const worse = s.firstWorse(pb, s.at(b.start(last)));
  const volume = Math.min(b.start(J), s.start(worse));
  // the marginal ask: the one covering the last kWh traded
  const ms = s.at(volume) - (s.start(s.at(volume)) >= volume ? 1 : 0);
  const marginalSell = Math.min(ms, s.length - 1);
  const bought = b.money(last) + pb * (volume - b.start(last));
  const sold = s.money(marginalSell) + s.price(marginalSell) * (volume - s.start(marginalSell));
  return { volume, welfare: bought - sold, marginalBuy: last, marginalSell };
}
