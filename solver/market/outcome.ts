/**
 * The one transactions type every mechanism returns: what each bid fills,
 * the bilateral trades (who delivers to whom at what price), what each agent
 * pays (negative: receives), the announced prices, and for the community
 * rules the trade with the grid. Metrics are computed from this by
 * metrics.ts, never by the mechanisms themselves.
 */
import type { Match, Prepared } from './allocation.ts';

export interface Trade {
  buyer: string;
  seller: string;
  /** kWh */
  quantity: number;
  /** currency per kWh the buyer pays for this leg (discriminatory rules) or the uniform price */
  price: number;
}

export interface GridExchange {
  /** kWh bought from the grid at the buy price λb */
  import: number;
  /** kWh sold to the grid at the sell price λs */
  export: number;
  /** λb·import − λs·export */
  bill: number;
}

export interface Outcome {
  mechanism: string;
  /** filled kWh per bid, book order */
  fills: number[];
  trades: Trade[];
  /** the book's agents, in order of first appearance */
  agents: string[];
  /** money each agent pays (negative: receives), aligned with `agents` (an array: the misreport search builds thousands of outcomes, and a 1 000-key record costs more than the rule) */
  payments: number[];
  /** named prices the rule announces (e.g. clearing, buyerPrice, sellerPrice) */
  prices: Record<string, number>;
  grid?: GridExchange;
  /** the coupled energy–spectrum auction: spectrum units filled per ask of the spectrum market (its sellers are appended to `agents`) */
  spectrumFills?: number[];
  /** integration error of expected quantities (AGV), absolute, currency */
  integrationError?: number;
  notes: string[];
}

/** Trades from merit-order matches, every leg at one price. */
export function tradesAt(p: Prepared, matches: readonly Match[], price: (m: Match) => number): Trade[] {
  return matches.map((m) => ({
    buyer: p.book.bids[m.buy]!.agent,
    seller: p.book.bids[m.sell]!.agent,
    quantity: m.quantity,
    price: price(m),
  }));
}

/** Payments per agent starting from zero for everyone in the book. */
export function zeroPayments(p: Prepared): number[] {
  return new Array<number>(p.agents.length).fill(0);
}

/** agent → payment, for display and JSON. */
export function paymentsByAgent(outcome: Outcome): Record<string, number> {
  return Object.fromEntries(outcome.agents.map((a, i) => [a, outcome.payments[i]!]));
}

/** Payments when every filled bid settles at a per-bid price: buyers pay it, sellers receive it. */
export function paymentsAtBidPrices(p: Prepared, fills: ArrayLike<number>, priceOf: (bid: number) => number): number[] {
  const pay = zeroPayments(p);
  for (let i = 0; i < fills.length; i++) {
    const f = fills[i]!;
    if (!f) continue;
    const b = p.book.bids[i]!;
    pay[p.agentOf[i]!]! += (b.side === 'buy' ? 1 : -1) * f * priceOf(i);
  }
  return pay;
}
