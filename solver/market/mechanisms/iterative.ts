/**
 * Iterative double auction (the price-adjustment process of the
 * spectrum–energy chain seed; Walrasian tâtonnement): the auctioneer
 * announces a price p, every buyer answers with the quantity that maximises
 * its utility Σ (value − p)·q (all of a bid above p, none below, any amount
 * at a tie), every seller likewise, and the price moves with the excess
 * demand, p ← p + γ·z/Q (Q the book's total quantity), the step γ halving
 * each time z changes sign. It stops when the answers can be matched (the
 * announced price clears the market) or the step is below `tolerance`.
 * Tied answers are rationed pro rata. When the clearing interval is a single
 * bid's price, the rounds only close in on it; the auctioneer then announces
 * that price (within two last steps) if it clears. Oracle: the price ends in the direct
 * solve's clearing interval (allocation.ts, clearingInterval).
 */
import { prepare } from '../allocation.ts';
import { MechanismError, type BidBook } from '../book.ts';
import { paymentsAtBidPrices, type Outcome, type Trade } from '../outcome.ts';

export interface IterativeOptions {
  /** stop when the price step falls below this (currency per kWh) */
  tolerance?: number;
  maxRounds?: number;
}

interface Answers {
  /** kWh firmly demanded / supplied (strictly in the money) */
  demand: number;
  supply: number;
  /** kWh of bids exactly at the price (indifferent) */
  demandTied: number;
  supplyTied: number;
}

function answers(book: BidBook, price: number): Answers {
  const a: Answers = { demand: 0, supply: 0, demandTied: 0, supplyTied: 0 };
  for (const b of book.bids) {
    if (b.price === price) b.side === 'buy' ? (a.demandTied += b.quantity) : (a.supplyTied += b.quantity);
    else if (b.side === 'buy' && b.price > price) a.demand += b.quantity;
    else if (b.side === 'sell' && b.price < price) a.supply += b.quantity;
  }
  return a;
}

/** Excess demand the auctioneer cannot match at this price: > 0 too little supply, < 0 too much, 0 clears. */
function excess(a: Answers): number {
  if (a.demand > a.supply + a.supplyTied) return a.demand - (a.supply + a.supplyTied);
  if (a.supply > a.demand + a.demandTied) return -(a.supply - (a.demand + a.demandTied));
  return 0;
}

export function iterativeAuction(book: BidBook, options: IterativeOptions = {}): Outcome & { rounds: number; path: number[] } {
  const tolerance = options.tolerance ?? 1e-9;
  const maxRounds = options.maxRounds ?? 10_000;
  if (!(tolerance > 0)) throw new MechanismError('bad-option', `the iterative auction needs a positive tolerance, got ${tolerance}`);
  const prices = book.bids.map((b) => b.price);
  const total = book.bids.reduce((s, b) => s + b.quantity, 0);
  const lo = Math.min(...prices), hi = Math.max(...prices);
  let price = (lo + hi) / 2;
  let step = Math.max(hi - lo, tolerance);
  let lastSign = 0, rounds = 0;
  const path = [price];
  let z = excess(answers(book, price));
  while (z !== 0 && step >= tolerance && rounds < maxRounds) {
    const sign = Math.sign(z);
    if (lastSign !== 0 && sign !== lastSign) step /= 2;
    lastSign = sign;
    // move with the excess demand, at least a tolerance so that a small excess still moves the price
    price += sign * Math.max(step * Math.min(1, Math.abs(z) / total), tolerance / 2);
    path.push(price);
    rounds++;
    z = excess(answers(book, price));
  }
  if (z !== 0) {
    // The rounds close in on a price where a bid is exactly at the margin (the
    // clearing interval is that single point): announce that bid's price, at
    // which its owner is indifferent and can be rationed, if it clears.
    const window = 2 * Math.max(step, tolerance);
    const near = book.bids.map((b) => b.price).filter((x) => Math.abs(x - price) <= window).sort((x, y) => Math.abs(x - price) - Math.abs(y - price));
    const snapped = near.find((x) => excess(answers(book, x)) === 0);
    if (snapped !== undefined) (price = snapped), (z = 0), path.push(price);
  }
  const p = prepare(book);
  const a = answers(book, price);
  // the traded volume: every firm answer on the short side, tied answers rationed pro rata
  const volume = Math.min(a.demand + a.demandTied, a.supply + a.supplyTied, Math.max(a.demand, a.supply));
  const share = (firm: number, tied: number) => (tied > 0 ? Math.min(1, Math.max(0, (volume - firm) / tied)) : 0);
  const buyTie = share(a.demand, a.demandTied), sellTie = share(a.supply, a.supplyTied);
  // if the price did not clear, the long side is rationed pro rata as well
  const buyFirm = a.demand > 0 ? Math.min(1, volume / a.demand) : 0, sellFirm = a.supply > 0 ? Math.min(1, volume / a.supply) : 0;
  const fills = book.bids.map((b) => {
    if (b.price === price) return b.quantity * (b.side === 'buy' ? buyTie : sellTie);
    if (b.side === 'buy') return b.price > price ? b.quantity * buyFirm : 0;
    return b.price < price ? b.quantity * sellFirm : 0;
  });
  const trades: Trade[] = volume > 0 ? [{ buyer: '(pool)', seller: '(pool)', quantity: volume, price }] : [];
  return {
    mechanism: 'iterative',
    agents: p.agents,
    fills,
    trades,
    payments: paymentsAtBidPrices(p, fills, () => price),
    prices: { clearing: price },
    notes: [z === 0 ? `cleared after ${rounds} price rounds` : `stopped after ${rounds} rounds with excess demand ${z} kWh (step ${step})`],
    rounds,
    path,
  };
}
