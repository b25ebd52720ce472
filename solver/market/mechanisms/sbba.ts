/**
 * SBBA, the strongly budget-balanced McAfee variant (E. Segal-Halevi,
 * A. Hassidim, Y. Aumann, "SBBA: a strongly-budget-balanced double-auction
 * mechanism", SAGT 2016, arXiv:1607.05139), unit demand only. With k the
 * number of efficient trades and s_{k+1} = +∞ when there is no further ask,
 * the price is p = min(b_k, s_{k+1}):
 *  - p = s_{k+1}: all k buyers and k sellers trade at p;
 *  - p = b_k: buyers 1..k−1 trade at p, and k−1 of the sellers 1..k, drawn
 *    uniformly at random, sell at p.
 * The lottery is returned in expectation (each of the k sellers sells
 * (k−1)/k of a unit), which keeps the function deterministic; every draw of
 * the lottery, and so the expectation, balances the budget exactly.
 */
import { prepare } from '../allocation.ts';
import { requireUnitDemand, type BidBook } from '../book.ts';
import { zeroPayments, type Outcome, type Trade } from '../outcome.ts';
import { sortedUnitBook } from './unitBook.ts';

export function sbba(book: BidBook): Outcome {
  const p = prepare(book);
  const unit = requireUnitDemand(book, 'SBBA', p.agents.length);
  const { b, s, m: k, buyerAt, sellerAt, buyerIx, sellerIx } = sortedUnitBook(p);
  const fills = new Array<number>(book.bids.length).fill(0);
  const payments = zeroPayments(p);
  const trades: Trade[] = [];
  if (k === 0) return { mechanism: 'sbba', agents: p.agents, fills, trades, payments, prices: {}, notes: ['no efficient trade'] };
  const next = k < s.length ? s[k]! : Infinity;
  const price = Math.min(b[k - 1]!, next);
  const allTrade = next <= b[k - 1]!;
  const buyers = allTrade ? k : k - 1;
  const sellerShare = allTrade ? 1 : (k - 1) / k;
  for (let i = 0; i < buyers; i++) {
    fills[p.buys[i]!] = unit;
    payments[buyerIx(i)]! += unit * price;
  }
  for (let i = 0; i < k; i++) {
    fills[p.sells[i]!] = unit * sellerShare;
    payments[sellerIx(i)]! -= unit * sellerShare * price;
  }
  // legs in expectation: buyer i is served by the k sellers in equal parts when a seller is dropped by lottery
  for (let i = 0; i < buyers; i++)
    if (allTrade) trades.push({ buyer: buyerAt(i), seller: sellerAt(i), quantity: unit, price });
    else for (let j = 0; j < k; j++) trades.push({ buyer: buyerAt(i), seller: sellerAt(j), quantity: unit / k, price });
  return {
    agents: p.agents,
    mechanism: 'sbba',
    fills,
    trades,
    payments,
    prices: { clearing: price },
    notes: [allTrade ? `all ${k} efficient trades at s_{k+1}` : `${k - 1} trades at b_k; ${k - 1} of the ${k} cheapest sellers by lottery, shown in expectation`],
  };
}
