/**
 * The sorted view the unit-demand rules (McAfee, SBBA, CPA) share: bids
 * b1 ≥ b2 ≥ …, asks s1 ≤ s2 ≤ …, and m, the number of efficient trades
 * (b_m ≥ s_m, b_{m+1} < s_{m+1}).
 */
import type { Prepared } from '../allocation.ts';

export function sortedUnitBook(p: Prepared) {
  const bids = p.book.bids;
  const b = Array.from(p.buys, (i) => bids[i]!.price);
  const s = Array.from(p.sells, (i) => bids[i]!.price);
  let m = 0;
  while (m < b.length && m < s.length && b[m]! >= s[m]!) m++;
  return {
    b,
    s,
    m,
    buyerAt: (i: number) => bids[p.buys[i]!]!.agent,
    sellerAt: (i: number) => bids[p.sells[i]!]!.agent,
    /** agent index of the i-th buyer / seller (payments are indexed by agent) */
    buyerIx: (i: number) => p.agentOf[p.buys[i]!]!,
    sellerIx: (i: number) => p.agentOf[p.sells[i]!]!,
  };
}
