/**
 * McAfee's trade reduction (R. P. McAfee, "A dominant strategy double
 * auction", J. Economic Theory 56(2), 1992), unit demand only: sort bids
 * b1 ≥ b2 ≥ …, asks s1 ≤ s2 ≤ …, m = number of efficient trades,
 * p0 = (b_{m+1} + s_{m+1})/2. If s_m ≤ p0 ≤ b_m all m trade at p0; otherwise
 * (or when b_{m+1} or s_{m+1} does not exist) the m − 1 best pairs trade,
 * buyers paying b_m and sellers receiving s_m. Truthful, individually
 * rational, never in deficit.
 */
import { prepare } from '../allocation.ts';
import { requireUnitDemand, type BidBook } from '../book.ts';
import { zeroPayments, type Outcome, type Trade } from '../outcome.ts';
import { sortedUnitBook } from './unitBook.ts';

export function mcafee(book: BidBook): Outcome {
  const p = prepare(book);
  const unit = requireUnitDemand(book, 'McAfee trade reduction', p.agents.length);
  const { b, s, m, buyerAt, sellerAt, buyerIx, sellerIx } = sortedUnitBook(p);
  const fills = new Array<number>(book.bids.length).fill(0);
  const payments = zeroPayments(p);
  const trades: Trade[] = [];
  const settle = (count: number, buyerPrice: number, sellerPrice: number) => {
    for (let i = 0; i < count; i++) {
      fills[p.buys[i]!] = unit;
      fills[p.sells[i]!] = unit;
      payments[buyerIx(i)]! += unit * buyerPrice;
      payments[sellerIx(i)]! -= unit * sellerPrice;
      trades.push({ buyer: buyerAt(i), seller: sellerAt(i), quantity: unit, price: buyerPrice });
    }
  };
  if (m === 0) return { mechanism: 'mcafee', agents: p.agents, fills, trades, payments, prices: {}, notes: ['no efficient trade'] };
  const p0 = m < b.length && m < s.length ? (b[m]! + s[m]!) / 2 : NaN;
  if (s[m - 1]! <= p0 && p0 <= b[m - 1]!) {
    settle(m, p0, p0);
    return { mechanism: 'mcafee', agents: p.agents, fills, trades, payments, prices: { p0 }, notes: [`all ${m} efficient trades at p0`] };
  }
  settle(m - 1, b[m - 1]!, s[m - 1]!);
  return {
    agents: p.agents,
    mechanism: 'mcafee',
    fills,
    trades,
    payments,
    prices: { ...(Number.isNaN(p0) ? {} : { p0 }), buyerPrice: b[m - 1]!, sellerPrice: s[m - 1]! },
    notes: [`trade reduction: ${m - 1} of ${m} efficient trades; the surplus ${(m - 1) * unit * (b[m - 1]! - s[m - 1]!)} stays with the auctioneer`],
  };
}
