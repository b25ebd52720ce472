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
import type { BidBook } from './book.ts';

export interface Prepared {
  book: BidBook;
  agents: string[];
  /** agent index of each bid */
  agentOf: Int32Array;
  /** bid indices of buy bids, price falling (ties by book order) */
  buys: Int32Array;
  /** bid indices of sell bids, price rising */
  sells: Int32Array;
}

export function prepare(book: BidBook): Prepared {
  const agents: string[] = [];
  const index = new Map<string, number>();
  const agentOf = new Int32Array(book.bids.length);
  book.bids.forEach((b, i) => {
    let a = index.get(b.agent);
    if (a === undefined) index.set(b.agent, (a = agents.push(b.agent) - 1));
    agentOf[i] = a;
  });
  const ids = book.bids.map((_, i) => i);
  const buys = ids.filter((i) => book.bids[i]!.side === 'buy').sort((i, j) => book.bids[j]!.price - book.bids[i]!.price || i - j);
  const sells = ids.filter((i) => book.bids[i]!.side === 'sell').sort((i, j) => book.bids[i]!.price - book.bids[j]!.price || i - j);
  return { book, agents, agentOf, buys: Int32Array.from(buys), sells: Int32Array.from(sells) };
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

/**
 * Merit-order matching. `skipAgent` leaves one agent out (VCG's "without i");
 * `prices` replaces the book's prices (AGV's sampled types) without copying it.
 */
export function efficientAllocation(p: Prepared, opts: { skipAgent?: number; prices?: ArrayLike<number>; keepMatches?: boolean } = {}): Allocation {
  const { bids } = p.book;
  const skip = opts.skipAgent ?? -1;
  const price = opts.prices ?? null;
  let buys = p.buys, sells = p.sells;
  if (price) {
    // sampled prices change the order: sort this sample's copy
    buys = Int32Array.from(p.buys).sort((i, j) => price[j]! - price[i]! || i - j);
    sells = Int32Array.from(p.sells).sort((i, j) => price[i]! - price[j]! || i - j);
  }
  const priceOf = (i: number) => (price ? price[i]! : bids[i]!.price);
  const fills = new Float64Array(bids.length);
  const matches: Match[] = [];
  let bi = 0, si = 0, volume = 0, welfare = 0, marginalBuy = -1, marginalSell = -1;
  let remB = 0, remS = 0;
  const nextBuy = () => {
    while (bi < buys.length && (p.agentOf[buys[bi]!] === skip || bids[buys[bi]!]!.quantity === 0)) bi++;
    remB = bi < buys.length ? bids[buys[bi]!]!.quantity : 0;
  };
  const nextSell = () => {
    while (si < sells.length && (p.agentOf[sells[si]!] === skip || bids[sells[si]!]!.quantity === 0)) si++;
    remS = si < sells.length ? bids[sells[si]!]!.quantity : 0;
  };
  nextBuy();
  nextSell();
  while (bi < buys.length && si < sells.length) {
    const b = buys[bi]!, s = sells[si]!;
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
    if (remB <= 0) (bi++, nextBuy());
    if (remS <= 0) (si++, nextSell());
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
    if (b.side === 'buy') {
      if (f > 0) high = Math.min(high, b.price);
      if (f < b.quantity) low = Math.max(low, b.price);
    } else {
      if (f > 0) low = Math.max(low, b.price);
      if (f < b.quantity) high = Math.min(high, b.price);
    }
  });
  return { low, high };
}
