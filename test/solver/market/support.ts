/** The classroom book of MODELS.md §6: buyers {10, 8, 6, 4}, sellers {2, 3, 5, 7}, one unit each. */
import type { BidBook } from '../../../solver/market/index.ts';

export const classroom: BidBook = {
  units: 'blocks',
  bids: [
    ...[10, 8, 6, 4].map((price, i) => ({ agent: `b${i + 1}`, side: 'buy' as const, price, quantity: 1 })),
    ...[2, 3, 5, 7].map((price, i) => ({ agent: `s${i + 1}`, side: 'sell' as const, price, quantity: 1 })),
  ],
};
