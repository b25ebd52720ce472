/**
 * Uniform-price (pay-as-clear) k-double auction: the efficient quantity
 * trades at one price k·b + (1 − k)·s set by the marginal pair (the last
 * matched bid b and ask s). k = 1/2 splits the marginal gap. Multi-unit and
 * divisible books are fine. (Chatterjee & Samuelson 1983 for the two-agent
 * case; Satterthwaite & Williams, "The rate of convergence to efficiency in
 * the buyer's bid double auction as the market becomes large", RES 56, 1989.)
 */
import { efficientAllocation, prepare } from '../allocation.ts';
import type { BidBook } from '../book.ts';
import { paymentsAtBidPrices, tradesAt, type Outcome } from '../outcome.ts';

export interface KOptions {
  /** weight of the bid in the price, in [0, 1] */
  k?: number;
}

export function uniformPrice(book: BidBook, options: KOptions = {}): Outcome {
  const k = options.k ?? 0.5;
  const p = prepare(book);
  const a = efficientAllocation(p, { keepMatches: true });
  if (a.volume === 0) return { mechanism: 'uniform-price',
    agents: p.agents, fills: [...a.fills], trades: [], payments: paymentsAtBidPrices(p, a.fills, () => 0), prices: {}, notes: ['no bid reaches an ask: nothing trades'] };
  const price = k * book.bids[a.marginalBuy]!.price + (1 - k) * book.bids[a.marginalSell]!.price;
  return {
    mechanism: 'uniform-price',
    agents: p.agents,
    fills: [...a.fills],
    trades: tradesAt(p, a.matches, () => price),
    payments: paymentsAtBidPrices(p, a.fills, () => price),
    prices: { clearing: price },
    notes: [],
  };
}
