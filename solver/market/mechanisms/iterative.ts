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

export interface Answers {
  /** kWh firmly demanded / supplied (strictly in the money) */
  demand: number;
  supply: number;
  /** kWh of bids exactly at the price (indifferent) */
  demandTied: number;
  supplyTied: number;
}

/**
 * What the price process needs to know of a book: its price range and total
 * quantity, the answers at a price, and the bid prices near a price (in
 * book order). The book itself is one market; the misreport search's fast
 * path (deviators.ts) is another, answering from sorted prefix sums.
 */
export interface AnsweringMarket {
  lo: number;
  hi: number;
  total: number;
  answers(price: number): Answers;
  /** the bid prices within `window` of `price`, in book order */
  near(price: number, window: number): number[];
}

function bookMarket(book: BidBook): AnsweringMarket {
  const prices = book.bids.map((b) => b.price);
  return {
    lo: Math.min(...prices),
    hi: Math.max(...prices),
    total: book.bids.reduce((s, b) => s + b.quantity, 0),
    answers: (price) => answers(book, price),
    near: (price, window) => prices.filter((x) => Math.abs(x - price) <= window),
  };
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

export interface PriceRounds {
  price: number;
  /** excess demand at the final price (0: cleared) */
  z: number;
  rounds: number;
  step: number;
  path: number[];
}

/** The auctioneer's price rounds on any answering market (the rule in the module comment). */
export function priceRounds(market: AnsweringMarket, options: IterativeOptions = {}, keepPath = true): PriceRounds {
  const tolerance = options.tolerance ?? 1e-9;
  const maxRounds = options.maxRounds ?? 10_000;
  if (!(tolerance > 0)) throw new MechanismError('bad-option', `the iterative auction needs a positive tolerance, got ${tolerance}`);
  const { lo, hi, total } = market;
  let price = (lo + hi) / 2;
  let step = Math.max(hi - lo, tolerance);
  let lastSign = 0, rounds = 0;
  const path = keepPath ? [price] : [];
  let z = excess(market.answers(price));
  while (z !== 0 && step >= tolerance && rounds < maxRounds) {
    const sign = Math.sign(z);
    if (lastSign !== 0 && sign !== lastSign) step /= 2;
    lastSign = sign;
    // move with the excess demand, at least a tolerance so that a small excess still moves the price
    price += sign * Math.max(step * Math.min(1, Math.abs(z) / total), tolerance / 2);
    if (keepPath) path.push(price);
    rounds++;
    z = excess(market.answers(price));
  }
  if (z !== 0) {
    // The rounds close in on a price where a bid is exactly at the margin (the
    // clearing interval is that single point): announce that bid's price, at
    // which its owner is indifferent and can be rationed, if it clears.
    const window = 2 * Math.max(step, tolerance);
    const near = market.near(price, window).sort((x, y) => Math.abs(x - price) - Math.abs(y - price));
    const snapped = near.find((x) => excess(market.answers(x)) === 0);
    if (snapped !== undefined) (price = snapped), (z = 0), keepPath && path.push(price);
  }
  return { price, z, rounds, step, path };
}

/** The traded volume and rationing shares at the final price: every firm answer on the short side, tied answers pro rata, and the long side pro rata if the price did not clear. */
export function rationing(a: Answers) {
  const volume = Math.min(a.demand + a.demandTied, a.supply + a.supplyTied, Math.max(a.demand, a.supply));
  const share = (firm: number, tied: number) => (tied > 0 ? Math.min(1, Math.max(0, (volume - firm) / tied)) : 0);
  return {
    volume,
    buyTie: share(a.demand, a.demandTied),
    sellTie: share(a.supply, a.supplyTied),
    buyFirm: a.demand > 0 ? Math.min(1, volume / a.demand) : 0,
    sellFirm: a.supply > 0 ? Math.min(1, volume / a.supply) : 0,
  };
}

/** What one bid fills at the final price. */
export function rationedFill(r: ReturnType<typeof rationing>, side: 'buy' | 'sell', bidPrice: number, quantity: number, price: number): number {
  if (bidPrice === price) return quantity * (side === 'buy' ? r.buyTie : r.sellTie);
  if (side === 'buy') return bidPrice > price ? quantity * r.buyFirm : 0;
  return bidPrice < price ? quantity * r.sellFirm : 0;
}

export function iterativeAuction(book: BidBook, options: IterativeOptions = {}): Outcome & { rounds: number; path: number[] } {
  const { price, z, rounds, step, path } = priceRounds(bookMarket(book), options);
  const p = prepare(book);
  const r = rationing(answers(book, price));
  const volume = r.volume;
  const fills = book.bids.map((b) => rationedFill(r, b.side, b.price, b.quantity, price));
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
