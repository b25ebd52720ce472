/**
 * Competition padding auction (CPA), unit demand only. The rule implemented
 * (see docs/models/mechanisms.md for the derivation and its source, Chu's
 * padding method: L. Y. Chu, "Truthful bundle/multiunit double auctions",
 * Management Science 55(7), 2009; L. Y. Chu & Z.-J. M. Shen, "Truthful
 * double auction mechanisms", Operations Research 56(1), 2008):
 *
 * each side is padded with the best losing competitor of both sides. With
 * bids b1 ≥ b2 ≥ …, asks s1 ≤ s2 ≤ … (b_{n+1} = −∞, s_{n+1} = +∞ pad the
 * ends), x trades take place, x the largest j with
 *     b_j ≥ s_{j+1}  and  b_{j+1} ≥ s_j
 * (each winning buyer beats the first excluded seller, each winning seller
 * undercuts the first excluded buyer). x is the efficient m or m − 1. Every
 * winning buyer pays its critical value max(b_{x+1}, s_{x+1}); every winning
 * seller receives min(b_{x+1}, s_{x+1}). Payments are the thresholds of a
 * monotone rule, so truthful bidding is dominant (checked by search in the
 * tests); the surplus x·|s_{x+1} − b_{x+1}| is never negative; at most one
 * efficient trade is lost, so efficiency → 1 as the market grows.
 */
import { prepare } from '../allocation.ts';
import { requireUnitDemand, type BidBook } from '../book.ts';
import { zeroPayments, type Outcome, type Trade } from '../outcome.ts';
import { sortedUnitBook } from './unitBook.ts';

export function cpa(book: BidBook): Outcome {
  const p = prepare(book);
  const unit = requireUnitDemand(book, 'the competition padding auction', p.agents.length);
  const { b, s, m, buyerAt, sellerAt, buyerIx, sellerIx } = sortedUnitBook(p);
  const bid = (j: number) => (j < b.length ? b[j]! : -Infinity); // j is 0-based: b_{j+1}
  const ask = (j: number) => (j < s.length ? s[j]! : Infinity);
  const padded = (x: number) => bid(x - 1) >= ask(x) && bid(x) >= ask(x - 1);
  let x = m;
  while (x > 0 && !padded(x)) x--;
  const fills = new Array<number>(book.bids.length).fill(0);
  const payments = zeroPayments(p);
  const trades: Trade[] = [];
  if (x === 0) return { mechanism: 'cpa', agents: p.agents, fills, trades, payments, prices: {}, notes: [m === 0 ? 'no efficient trade' : 'the padded market admits no trade'] };
  const buyerPrice = Math.max(bid(x), ask(x)), sellerPrice = Math.min(bid(x), ask(x));
  for (let i = 0; i < x; i++) {
    fills[p.buys[i]!] = unit;
    fills[p.sells[i]!] = unit;
    payments[buyerIx(i)]! += unit * buyerPrice;
    payments[sellerIx(i)]! -= unit * sellerPrice;
    trades.push({ buyer: buyerAt(i), seller: sellerAt(i), quantity: unit, price: buyerPrice });
  }
  return { mechanism: 'cpa', agents: p.agents, fills, trades, payments, prices: { buyerPrice, sellerPrice }, notes: [`${x} of ${m} efficient trades`] };
}
