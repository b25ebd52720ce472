/**
 * Vickrey–Clarke–Groves with the Clarke pivot (Vickrey 1961; Clarke 1971;
 * Groves 1973): the efficient allocation, and each agent pays its
 * externality — the others' best welfare without it minus the others'
 * welfare with it. Truthful in dominant strategies for any book (multi-unit
 * included, values being additive over bids); in a double auction it usually
 * runs a deficit (MODELS.md §6: buyers {10,8,6,4}, sellers {2,3,5,7} → deficit 3).
 */
import { agentValues, efficientAllocation, prepare } from '../allocation.ts';
import type { BidBook } from '../book.ts';
import { tradesAt, type Outcome } from '../outcome.ts';

export interface VcgOptions {
  /** compute the payment of this agent only (the misreport search needs one agent's; the others are left out) */
  only?: string;
}

export function vcg(book: BidBook, options: VcgOptions = {}): Outcome {
  const p = prepare(book);
  const a = efficientAllocation(p, { keepMatches: !options.only });
  const own = agentValues(p, a.fills);
  const payments = new Array<number>(p.agents.length).fill(0);
  p.agents.forEach((agent, i) => {
    if (options.only !== undefined && agent !== options.only) return;
    const without = efficientAllocation(p, { skipAgent: i }).welfare;
    payments[i] = without - (a.welfare - own[i]!);
  });
  // a leg's price is not defined by VCG; the buyer's average payment per kWh is shown
  const perKwh = (agent: string, side: 'buy' | 'sell') => {
    const q = book.bids.reduce((s, b, i) => s + (b.agent === agent && b.side === side ? a.fills[i]! : 0), 0);
    return q > 0 ? Math.abs(payments[p.agents.indexOf(agent)]!) / q : 0;
  };
  return {
    mechanism: 'vcg',
    agents: p.agents,
    fills: [...a.fills],
    trades: options.only ? [] : tradesAt(p, a.matches, (m) => perKwh(book.bids[m.buy]!.agent, 'buy')),
    payments,
    prices: {},
    notes: ['trade prices are the buyer\'s VCG payment per kWh; sellers are paid their own externality'],
  };
}
