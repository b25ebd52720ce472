/**
 * The efficient allocation of a bid book, shared by every mechanism: buy bids
 * in falling price order are matched with sell bids in rising price order
 * while the bid is at least the ask (the merit order; optimal for the linear
 * program "maximise Σ value − Σ cost subject to bought = sold", and integral
 * on block books because all quantities are integers).
 *
 * `Prepared` sorts a book once so that mechanisms needing many allocations
 * (VCG without each agent, AGV over samples) do not sort again.
 */
import { withReport, type BidBook } from './book.ts';

export interface Prepared {
  book: BidBook;
  agents: string[];
  /** agent index of each bid */
  agentOf: Int32Array;
  /** bid indices of buy bids, price falling (ties by book order) */
  buys: Int32Array;
  /** bid indices of sell bids, price rising */
  sells: Int32Array;
  /** bid indices of each agent */
  bidsOf: number[][];
}

/** Books prepared by reportBook from a truthful book's merit order (a cache of derived values: results are the same). */
const derived = new WeakMap<BidBook, Prepared>();

export function prepare(book: BidBook): Prepared {
  const known = derived.get(book);
  if (known) return known;
  const agents: string[] = [];
  const index = new Map<string, number>();
  const n = book.bids.length;
  const agentOf = new Int32Array(n);
  const price = new Float64Array(n);
  let nBuy = 0;
  for (let i = 0; i < n; i++) {
    const b = book.bids[i]!;
    let a = index.get(b.agent);
    if (a === undefined) index.set(b.agent, (a = agents.push(b.agent) - 1));
    agentOf[i] = a;
    price[i] = b.price;
    if (b.side === 'buy') nBuy++;
  }
  const buys = new Int32Array(nBuy), sells = new Int32Array(n - nBuy);
  for (let i = 0, jb = 0, js = 0; i < n; i++) book.bids[i]!.side === 'buy' ? (buys[jb++] = i) : (sells[js++] = i);
  buys.sort((i, j) => price[j]! - price[i]! || i - j);
  sells.sort((i, j) => price[i]! - price[j]! || i - j);
  const bidsOf = agents.map((): number[] => []);
  agentOf.forEach((a, i) => bidsOf[a]!.push(i));
  return { book, agents, agentOf, buys, sells, bidsOf };
}

/**
 * A misreport for the search: the book with one agent's prices shifted and
 * quantities scaled (book.ts withReport), prepared by moving only that
 * agent's bids within the truthful merit order — O(n) per bid instead of a
 * new sort, the same order a sort would give (price, then book order).
 */
export function reportBook(base: Prepared, agent: number, shift: number, quantityFactor = 1): BidBook {
  const book = withReport(base.book, base.agents[agent]!, shift, quantityFactor);
  const own = base.bidsOf[agent]!;
  const bids = book.bids;
  const place = (order: Int32Array, side: 'buy' | 'sell') => {
    const mine = own.filter((i) => bids[i]!.side === side);
    if (mine.length === 0) return order; // the agent has no bid on this side: the order is unchanged
    const out = new Int32Array(order.length);
    let n = 0;
    for (let k = 0; k < order.length; k++) if (base.agentOf[order[k]!] !== agent) out[n++] = order[k]!;
    const sign = side === 'buy' ? -1 : 1; // compare on sign·price rising
    for (const i of mine) {
      const key = sign * bids[i]!.price;
      // first position whose bid comes after bid i in the merit order (price, then book order)
      let lo = 0, hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const j = out[mid]!, q = sign * bids[j]!.price;
        if (q > key || (q === key && j > i)) hi = mid;
        else lo = mid + 1;
      }
      out.copyWithin(lo + 1, lo, n);
      out[lo] = i;
      n++;
    }
    return out;
  };
  derived.set(book, { ...base, book, buys: place(base.buys, 'buy'), sells: place(base.sells, 'sell') });
  return book;
}

export interface Match {
  buy: number;
  sell: number;
  quantity: number;
}

export interface Allocation {
  /** filled kWh per bid (book order) */
  fills: Float64Array;
  /** bilateral legs of the merit-order matching */
  matches: Match[];
  /** kWh traded */
  volume: number;
  /** Σ value − Σ cost of what trades */
  welfare: number;
  /** the last matched buy and sell bid (the marginal pair), or −1 */
  marginalBuy: number;
  marginalSell: number;
}

/** Walks a sorted order. */
function walker(order: Int32Array) {
  let k = 0;
  return (): number => (k < order.length ? order[k++]! : -1);
}

/**
 * Merit-order matching. `skipAgent` leaves one agent out (VCG's "without i");
 * `prices` replaces the book's prices without copying it (sorted afresh).
 */
export function efficientAllocation(p: Prepared, opts: { skipAgent?: number; prices?: ArrayLike<number>; keepMatches?: boolean } = {}): Allocation {
  const { bids } = p.book;
  const skip = opts.skipAgent ?? -1;
  const price = opts.prices ?? null;
  const order = price
    ? { buys: Int32Array.from(p.buys).sort((i, j) => price[j]! - price[i]! || i - j), sells: Int32Array.from(p.sells).sort((i, j) => price[i]! - price[j]! || i - j) }
    : p;
  const priceOf = price ? (i: number) => price[i]! : (i: number) => bids[i]!.price;
  const buyAt = walker(order.buys);
  const sellAt = walker(order.sells);
  const usable = (i: number) => i < 0 || (p.agentOf[i] !== skip && bids[i]!.quantity > 0);
  const next = (walk: () => number) => {
    let i = walk();
    while (!usable(i)) i = walk();
    return i;
  };
  const fills = new Float64Array(bids.length);
  const matches: Match[] = [];
  let volume = 0, welfare = 0, marginalBuy = -1, marginalSell = -1;
  let b = next(buyAt), s = next(sellAt);
  let remB = b >= 0 ? bids[b]!.quantity : 0, remS = s >= 0 ? bids[s]!.quantity : 0;
  while (b >= 0 && s >= 0) {
    const gain = priceOf(b) - priceOf(s);
    if (gain < 0) break;
    const q = Math.min(remB, remS);
    fills[b]! += q;
    fills[s]! += q;
    volume += q;
    welfare += q * gain;
    marginalBuy = b;
    marginalSell = s;
    if (opts.keepMatches) matches.push({ buy: b, sell: s, quantity: q });
    remB -= q;
    remS -= q;
    if (remB <= 0) (b = next(buyAt)), (remB = b >= 0 ? bids[b]!.quantity : 0);
    if (remS <= 0) (s = next(sellAt)), (remS = s >= 0 ? bids[s]!.quantity : 0);
  }
  return { fills, matches, volume, welfare, marginalBuy, marginalSell };
}

/** Signed value of a bid's fill: + value for buyers, − cost for sellers. */
export function bidValue(book: BidBook, bid: number, fill: number, price = book.bids[bid]!.price): number {
  return book.bids[bid]!.side === 'buy' ? price * fill : -price * fill;
}

/** Signed value per agent of given fills at the book's (true) prices. */
export function agentValues(p: Prepared, fills: ArrayLike<number>): Float64Array {
  const v = new Float64Array(p.agents.length);
  for (let i = 0; i < fills.length; i++) if (fills[i]) v[p.agentOf[i]!]! += bidValue(p.book, i, fills[i]!);
  return v;
}

/**
 * The Walrasian (market-clearing) price interval of the book: every price in
 * [low, high] lets each filled buyer's bid be ≥ p, each unfilled buyer's ≤ p,
 * and the reverse for sellers. Null when nothing trades and no bid constrains.
 */
export function clearingInterval(p: Prepared, alloc: Allocation = efficientAllocation(p)): { low: number; high: number } {
  let low = -Infinity, high = Infinity;
  p.book.bids.forEach((b, i) => {
    const f = alloc.fills[i]!;
    // a fill short of the quantity by rounding only (the walk's legs of fractional kWh do not sum exactly) counts as full
    const short = f < b.quantity - 1e-12 * b.quantity;
    if (b.side === 'buy') {
      if (f > 0) high = Math.min(high, b.price);
      if (short) low = Math.max(low, b.price);
    } else {
      if (f > 0) low = Math.max(low, b.price);
      if (short) high = Math.min(high, b.price);
    }
  });
  return { low, high };
}
