/**
 * Bilateral matching: the highest bid is paired with the lowest ask, then
 * the next, while the bid covers the ask (the merit order); each pair trades
 * at its own price k·b + (1 − k)·s, so prices differ across pairs and the
 * budget balances exactly. Multi-unit books are split leg by leg.
 */
import { efficientAllocation, prepare } from '../allocation.ts';
import type { BidBook } from '../book.ts';
import { tradesAt, zeroPayments, type Outcome } from '../outcome.ts';
import type { KOptions } from './uniformPrice.ts';

export function bilateral(book: BidBook, options: KOptions = {}): Outcome {
  const k = options.k ?? 0.5;
  const p = prepare(book);
  const a = efficientAllocation(p, { keepMatches: true });
  const trades = tradesAt(p, a.matches, (m) => k * book.bids[m.buy]!.price + (1 - k) * book.bids[m.sell]!.price);
  const payments = zeroPayments(p);
  a.matches.forEach((m, k) => {
    payments[p.agentOf[m.buy]!]! += m.quantity * trades[k]!.price;
    payments[p.agentOf[m.sell]!]! -= m.quantity * trades[k]!.price;
  });
  return { mechanism: 'bilateral', agents: p.agents, fills: [...a.fills], trades, payments, prices: {}, notes: [] };
}
