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

/** One side of a book in merit order (zero-quantity bids left out, as the walk skips them). */
export interface SideOrder {
  buy: boolean;
  /** merit position → bid index */
  bid: Int32Array;
  /** bid index → merit position, −1 when left out */
  position: Int32Array;
  price: Float64Array;
  quantity: Float64Array;
  /** kWh and money (Σ price·quantity) before each position; length + 1 entries */
  cumQ: Float64Array;
  cumV: Float64Array;
}

/** The side in the order given (a merit order), at the given prices. */
export function sideOrder(order: Int32Array, buy: boolean, bidCount: number, price: (bid: number) => number, quantity: (bid: number) => number): SideOrder {
  let n = 0;
  for (let k = 0; k < order.length; k++) if (quantity(order[k]!) > 0) n++;
  const s: SideOrder = { buy, bid: new Int32Array(n), position: new Int32Array(bidCount).fill(-1), price: new Float64Array(n), quantity: new Float64Array(n), cumQ: new Float64Array(n + 1), cumV: new Float64Array(n + 1) };
  for (let k = 0, j = 0; k < order.length; k++) {
    const i = order[k]!, q = quantity(i);
    if (!(q > 0)) continue;
    const pr = price(i);
    s.bid[j] = i;
    s.position[i] = j;
    s.price[j] = pr;
    s.quantity[j] = q;
    s.cumQ[j + 1] = s.cumQ[j]! + q;
    s.cumV[j + 1] = s.cumV[j]! + pr * q;
    j++;
  }
  return s;
}

/** Both sides of a prepared book at its own prices. */
export function bookSides(p: Prepared): { buys: SideOrder; sells: SideOrder } {
  const bids = p.book.bids, n = bids.length;
  const price = (i: number) => bids[i]!.price, quantity = (i: number) => bids[i]!.quantity;
  return { buys: sideOrder(p.buys, true, n, price, quantity), sells: sideOrder(p.sells, false, n, price, quantity) };
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
  /** inserted position in the view, −1 none */
  ins = -1;
  insPrice = 0;
  insQuantity = 0;
  length: number;
  constructor(readonly base: SideOrder) {
    this.length = base.bid.length;
  }

  /** Removes base position `removed` (−1: none) and inserts nothing. */
  set(removed: number): this {
    this.rem = removed;
    this.remQ = removed >= 0 ? this.base.quantity[removed]! : 0;
    this.remV = removed >= 0 ? this.base.price[removed]! * this.remQ : 0;
    this.ins = -1;
    this.length = this.base.bid.length - (removed >= 0 ? 1 : 0);
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
   * removal: `afterTies` places it after the elements of equal price whose
   * bid index is below `bid` and before those above (allocation.ts's order:
   * price, then book order); `beforeTies` (bid < 0) ahead of every equal price.
   */
  insertionPoint(price: number, bid: number): number {
    const base = this.base, n = base.bid.length, rem = this.rem;
    const sign = base.buy ? -1 : 1; // merit order: sign·price rising
    const key = sign * price;
    let lo = 0, hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const q = sign * base.price[mid]!;
      if (q > key || (q === key && (bid < 0 || base.bid[mid]! > bid))) hi = mid;
      else lo = mid + 1;
    }
    return rem >= 0 && rem < lo ? lo - 1 : lo;
  }

  private baseIndex(j: number): number {
    return this.rem >= 0 && j >= this.rem ? j + 1 : j;
  }

  price(j: number): number {
    const ins = this.ins;
    if (ins >= 0) {
      if (j === ins) return this.insPrice;
      if (j > ins) j--;
    }
    return this.base.price[this.baseIndex(j)]!;
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
    return rem >= 0 && j > rem ? this.base.cumQ[j + 1]! - this.remQ : this.base.cumQ[j]!;
  }

  private moneyRemoved(j: number): number {
    const rem = this.rem;
    return rem >= 0 && j > rem ? this.base.cumV[j + 1]! - this.remV : this.base.cumV[j]!;
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
