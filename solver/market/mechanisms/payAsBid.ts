/**
 * Pay-as-bid (discriminatory) double auction: the efficient quantity trades;
 * each buyer pays its own bid and each seller receives its own ask, so the
 * auctioneer keeps the whole gains from trade (a budget surplus equal to the
 * welfare) and no truthful agent gains anything — which is why bidders shade.
 */
import { efficientAllocation, prepare } from '../allocation.ts';
import type { BidBook } from '../book.ts';
import { paymentsAtBidPrices, tradesAt, type Outcome } from '../outcome.ts';

export function payAsBid(book: BidBook): Outcome {
  const p = prepare(book);
  const a = efficientAllocation(p, { keepMatches: true });
  return {
    mechanism: 'pay-as-bid',
    agents: p.agents,
    fills: [...a.fills],
    trades: tradesAt(p, a.matches, (m) => book.bids[m.buy]!.price),
    payments: paymentsAtBidPrices(p, a.fills, (i) => book.bids[i]!.price),
    prices: {},
    notes: ['each leg is listed at the buyer\'s bid; the seller receives its own ask'],
  };
}
