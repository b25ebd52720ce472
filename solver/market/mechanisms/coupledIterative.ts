/**
 * The iterative double auction with two coupled commodities (the
 * spectrum–energy chain seed): every kWh traded peer to peer needs β units of
 * communication spectrum. The auctioneer announces an energy price pe and a
 * spectrum price ps; buyers answer at the delivered price pe + β·ps, energy
 * sellers at pe, spectrum sellers at ps (all of a bid in the money, none out
 * of it, anything at a tie); each price moves with its own excess demand
 * (energy: demand − energy supply; spectrum: β·demand − spectrum supply),
 * its step halving at each sign change, until the three answers can be
 * matched. As in the one-commodity auction, when the rounds close in on
 * prices set by a bid at the margin, the auctioneer announces those prices
 * if they clear. Oracle: the volume and welfare of the direct solve, the
 * merit order of buyers against the combined supply curve
 * c(z) = s(z) + β·σ(β·z) (`coupledDirect`).
 */
import { efficientAllocation, prepare } from '../allocation.ts';
import { MechanismError, type Bid, type BidBook } from '../book.ts';

export interface SpectrumMarket {
  /** spectrum units needed per kWh */
  perKwh: number;
  /** spectrum sellers: price per spectrum unit, quantity in units */
  asks: { agent: string; price: number; quantity: number }[];
}

export interface CoupledResult {
  energyPrice: number;
  spectrumPrice: number;
  /** kWh traded (and β times as many spectrum units) */
  volume: number;
  /** Σ buyers' value − energy cost − spectrum cost of what trades */
  welfare: number;
  /** filled kWh per energy bid (book order) and units per spectrum ask */
  fills: number[];
  spectrumFills: number[];
  rounds: number;
  cleared: boolean;
}

interface Range {
  firm: number;
  weak: number;
}

/** kWh (or units) answered at a price: firm = strictly in the money, weak = including ties. */
function answer(bids: { price: number; quantity: number }[], price: number, buyer: boolean): Range {
  let firm = 0, weak = 0;
  for (const b of bids) {
    if (b.price === price) weak += b.quantity;
    else if (buyer ? b.price > price : b.price < price) (firm += b.quantity), (weak += b.quantity);
  }
  return { firm, weak };
}

function excesses(buys: Bid[], sells: Bid[], spectrum: SpectrumMarket, pe: number, ps: number) {
  const beta = spectrum.perKwh;
  // a buyer's answer depends on the delivered price; ties are compared on the same float
  const d = answer(buys.map((b) => ({ price: b.price, quantity: b.quantity })), pe + beta * ps, true);
  const e = answer(sells, pe, false);
  const sRaw = answer(spectrum.asks, ps, false);
  const s = { firm: sRaw.firm / beta, weak: sRaw.weak / beta };
  const ze = d.firm > e.weak ? d.firm - e.weak : e.firm > d.weak ? -(e.firm - d.weak) : 0;
  const zs = d.firm > s.weak ? beta * (d.firm - s.weak) : s.firm > d.weak ? -beta * (s.firm - d.weak) : 0;
  // the three answers can be matched when their ranges share a volume
  const low = Math.max(d.firm, e.firm, s.firm), high = Math.min(d.weak, e.weak, s.weak);
  return { ze, zs, clears: low <= high, volume: low <= high ? low : Math.min(d.weak, e.weak, s.weak), d, e, s };
}

export function coupledIterativeAuction(book: BidBook, spectrum: SpectrumMarket, options: { tolerance?: number; maxRounds?: number } = {}): CoupledResult {
  const beta = spectrum.perKwh;
  if (!(beta > 0)) throw new MechanismError('bad-option', `spectrum per kWh must be positive, got ${beta}`);
  const tolerance = options.tolerance ?? 1e-9, maxRounds = options.maxRounds ?? 20_000;
  const buys = book.bids.filter((b) => b.side === 'buy'), sells = book.bids.filter((b) => b.side === 'sell');
  const range = (xs: number[]) => [Math.min(...xs), Math.max(...xs)] as const;
  const [eLo, eHi] = range([...book.bids.map((b) => b.price), 0]);
  const [sLo, sHi] = range([...spectrum.asks.map((a) => a.price), 0]);
  let pe = (eLo + eHi) / 2, ps = (sLo + sHi) / 2;
  let stepE = Math.max(eHi - eLo, tolerance), stepS = Math.max(sHi - sLo, tolerance);
  const totalE = book.bids.reduce((a, b) => a + b.quantity, 0) || 1;
  const totalS = spectrum.asks.reduce((a, b) => a + b.quantity, 0) || 1;
  let signE = 0, signS = 0, rounds = 0;
  let x = excesses(buys, sells, spectrum, pe, ps);
  while (!x.clears && (stepE >= tolerance || stepS >= tolerance) && rounds < maxRounds) {
    const se = Math.sign(x.ze), ss = Math.sign(x.zs);
    if (se !== 0 && signE !== 0 && se !== signE) stepE /= 2;
    if (ss !== 0 && signS !== 0 && ss !== signS) stepS /= 2;
    if (se !== 0) signE = se;
    if (ss !== 0) signS = ss;
    pe += se * Math.max(stepE * Math.min(1, Math.abs(x.ze) / totalE), tolerance / 2);
    ps += ss * Math.max(stepS * Math.min(1, Math.abs(x.zs) / totalS), tolerance / 2);
    rounds++;
    x = excesses(buys, sells, spectrum, pe, ps);
  }
  if (!x.clears) {
    // snap to prices set by bids at the margin: energy asks, spectrum asks, and the prices a buyer's bid fixes given the other price
    const wE = 4 * Math.max(stepE, tolerance), wS = 4 * Math.max(stepS, tolerance);
    const near = (xs: number[], at: number, w: number) => [at, ...xs.filter((v) => Math.abs(v - at) <= w)];
    const peC = near([...sells.map((b) => b.price), ...buys.map((b) => b.price - beta * ps)], pe, wE);
    const psC = near([...spectrum.asks.map((a) => a.price), ...buys.map((b) => (b.price - pe) / beta)], ps, wS);
    search: for (const a of peC)
      for (const b of psC) {
        for (const [qe, qs] of [[a, b], ...buys.map((u) => [a, (u.price - a) / beta] as const), ...buys.map((u) => [u.price - beta * b, b] as const)]) {
          if (Math.abs(qe - pe) > wE || Math.abs(qs - ps) > wS) continue;
          const y = excesses(buys, sells, spectrum, qe, qs);
          if (y.clears) {
            (pe = qe), (ps = qs), (x = y);
            break search;
          }
        }
      }
  }
  // fills: firm answers in full, ties pro rata to the traded volume (all three sides)
  const V = x.volume;
  const fillSide = (bids: { price: number; quantity: number }[], r: Range, price: number, buyer: boolean, scale = 1) => {
    const firmShare = r.firm > 0 ? Math.min(1, (V * scale) / r.firm) : 0;
    const tieShare = r.weak > r.firm ? Math.max(0, Math.min(1, (V * scale - r.firm) / (r.weak - r.firm))) : 0;
    return bids.map((b) => (b.price === price ? b.quantity * tieShare : (buyer ? b.price > price : b.price < price) ? b.quantity * firmShare : 0));
  };
  const buyFill = fillSide(buys, x.d, pe + beta * ps, true), sellFill = fillSide(sells, x.e, pe, false);
  const spectrumFills = fillSide(spectrum.asks, { firm: x.s.firm * beta, weak: x.s.weak * beta }, ps, false, beta);
  const fills = book.bids.map(() => 0);
  let kb = 0, ks = 0;
  book.bids.forEach((b, i) => (fills[i] = b.side === 'buy' ? buyFill[kb++]! : sellFill[ks++]!));
  const welfare = book.bids.reduce((w, b, i) => w + (b.side === 'buy' ? 1 : -1) * b.price * fills[i]!, 0) - spectrum.asks.reduce((w, a, i) => w + a.price * spectrumFills[i]!, 0);
  return { energyPrice: pe, spectrumPrice: ps, volume: V, welfare, fills, spectrumFills, rounds, cleared: x.clears };
}

/** The direct solve: buyers against the combined supply curve s(z) + β·σ(β·z). */
export function coupledDirect(book: BidBook, spectrum: SpectrumMarket): { volume: number; welfare: number } {
  const beta = spectrum.perKwh;
  const energy = book.bids.filter((b) => b.side === 'sell').map((b) => ({ price: b.price, quantity: b.quantity })).sort((a, b) => a.price - b.price);
  const units = spectrum.asks.map((a) => ({ price: a.price, quantity: a.quantity / beta })).sort((a, b) => a.price - b.price);
  const combined: Bid[] = [];
  let i = 0, j = 0, re = energy[0]?.quantity ?? 0, rs = units[0]?.quantity ?? 0;
  while (i < energy.length && j < units.length) {
    const q = Math.min(re, rs);
    if (q > 0) combined.push({ agent: `combined${combined.length}`, side: 'sell', price: energy[i]!.price + beta * units[j]!.price, quantity: q });
    re -= q;
    rs -= q;
    if (re <= 0) re = energy[++i]?.quantity ?? 0;
    if (rs <= 0) rs = units[++j]?.quantity ?? 0;
  }
  const a = efficientAllocation(prepare({ units: 'divisible', bids: [...book.bids.filter((b) => b.side === 'buy'), ...combined] }));
  return { volume: a.volume, welfare: a.welfare };
}
