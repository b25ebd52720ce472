/**
 * The energy–spectrum iterative auction (nested price rounds) against two
 * oracles: the direct solve on the combined supply curve and the coupled
 * LP (max Σ value − energy cost − spectrum cost s.t. kWh bought = kWh sold,
 * β·kWh = spectrum units; glpk.js through the LP layer). With spectrum that
 * never binds (free and ample) the energy price is the one-commodity
 * auction's clearing price; with scarce spectrum the rounds reach the coupled
 * optimum and every fill is supported by the announced prices.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clearingInterval, coupledDirect, coupledIterativeAuction, iterativeAuction, prepare, type BidBook, type SpectrumMarket } from '../../../solver/market/index.ts';
import { lpOptimum } from './coupledLp.ts';

const step = fc.record({ price: fc.integer({ min: 0, max: 100 }), quantity: fc.integer({ min: 1, max: 6 }) });
const market = fc.tuple(fc.array(step, { minLength: 1, maxLength: 5 }), fc.array(step, { minLength: 1, maxLength: 5 }), fc.array(step, { minLength: 1, maxLength: 4 }), fc.constantFrom(0.5, 1, 2)).map(([b, s, sp, beta]) => ({
  book: { units: 'divisible', bids: [...b.map((x, i) => ({ agent: `b${i}`, side: 'buy' as const, price: x.price / 5, quantity: x.quantity })), ...s.map((x, i) => ({ agent: `s${i}`, side: 'sell' as const, price: x.price / 10, quantity: x.quantity }))] } as BidBook,
  spectrum: { perKwh: beta, asks: sp.map((x, i) => ({ agent: `w${i}`, price: x.price / 20, quantity: x.quantity })) } as SpectrumMarket,
}));

describe('coupled energy–spectrum iterative auction', () => {
  it('a hand example: buyer 10, energy asks 2 and 5, spectrum ask 1 per unit with β = 2, capacity 2 units → 1 kWh, the buyer rationed at its bid (delivered price 10: below it, it would want all 3 kWh)', () => {
    const book: BidBook = { units: 'divisible', bids: [{ agent: 'b', side: 'buy', price: 10, quantity: 3 }, { agent: 's1', side: 'sell', price: 2, quantity: 1 }, { agent: 's2', side: 'sell', price: 5, quantity: 2 }] };
    const out = coupledIterativeAuction(book, { perKwh: 2, asks: [{ agent: 'w', price: 1, quantity: 2 }] });
    expect(out.cleared).toBe(true);
    expect(out.volume).toBeCloseTo(1, 9);
    expect(out.welfare).toBeCloseTo(10 - 2 - 2, 9);
    expect(out.deliveredPrice).toBeCloseTo(out.energyPrice + 2 * out.spectrumPrice, 12);
    expect(out.deliveredPrice).toBeCloseTo(10, 9);
    expect(out.energyPrice).toBeGreaterThanOrEqual(2 - 1e-9);
    expect(out.energyPrice).toBeLessThanOrEqual(5 + 1e-9);
    expect(out.spectrumPrice).toBeGreaterThanOrEqual(1 - 1e-9);
    expect(coupledDirect(book, { perKwh: 2, asks: [{ agent: 'w', price: 1, quantity: 2 }] })).toEqual({ volume: 1, welfare: 6 });
  });

  it('with free, ample spectrum the energy price is the one-commodity auction\'s clearing price', () => {
    let traded = 0;
    fc.assert(
      fc.property(market, ({ book, spectrum }) => {
        // enough spectrum for every kWh of the book: it never binds
        const total = book.bids.reduce((s, b) => s + b.quantity, 0);
        const free: SpectrumMarket = { perKwh: spectrum.perKwh, asks: [{ agent: 'w', price: 0, quantity: 2 * spectrum.perKwh * total }] };
        const out = coupledIterativeAuction(book, free);
        const single = iterativeAuction(book);
        expect(out.cleared).toBe(true);
        expect(out.deliveredPrice).toBeCloseTo(single.prices['clearing']!, 9);
        // with nothing to trade the split of the delivered price is not pinned down; otherwise spectrum is free and energy takes it all
        if (out.volume > 0) {
          expect(out.spectrumPrice).toBeCloseTo(0, 9);
          expect(out.energyPrice).toBeCloseTo(single.prices['clearing']!, 9);
          traded++;
        }
        const interval = clearingInterval(prepare(book));
        if (Number.isFinite(interval.low)) expect(out.deliveredPrice).toBeGreaterThanOrEqual(interval.low - 1e-9);
        if (Number.isFinite(interval.high)) expect(out.deliveredPrice).toBeLessThanOrEqual(interval.high + 1e-9);
      }),
      { numRuns: 100, seed: 32 },
    );
    expect(traded).toBeGreaterThan(30);
  });

  it('clears every random market at the coupled optimum (LP and combined curve), with fills the prices support', async () => {
    const cases = fc.sample(market, { numRuns: 120, seed: 31 });
    let binding = 0;
    for (const { book, spectrum } of cases) {
      const out = coupledIterativeAuction(book, spectrum, { tolerance: 1e-10, maxRounds: 5000 });
      expect(out.cleared).toBe(true);
      const optimum = await lpOptimum(book, spectrum);
      expect(out.welfare).toBeCloseTo(optimum, 6);
      expect(coupledDirect(book, spectrum).welfare).toBeCloseTo(optimum, 6);
      const beta = spectrum.perKwh;
      expect(out.spectrumFills.reduce((a, b) => a + b, 0)).toBeCloseTo(beta * out.volume, 6);
      // spectrum binds when the market would trade more with unlimited spectrum at these asks' cheapest price
      const capacity = spectrum.asks.reduce((a, x) => a + x.quantity, 0);
      if (beta * out.volume >= capacity - 1e-9) binding++;
      // supported: nobody filled out of the money, nobody in the money left out
      const tol = 1e-6;
      book.bids.forEach((b, i) => {
        const at = b.side === 'buy' ? out.deliveredPrice : out.energyPrice;
        const inMoney = b.side === 'buy' ? b.price > at + tol : b.price < at - tol;
        const outMoney = b.side === 'buy' ? b.price < at - tol : b.price > at + tol;
        if (outMoney) expect(out.fills[i]).toBeCloseTo(0, 9);
        if (inMoney) expect(out.fills[i]).toBeCloseTo(b.quantity, 9);
      });
      spectrum.asks.forEach((a, w) => {
        if (a.price > out.spectrumPrice + tol) expect(out.spectrumFills[w]).toBeCloseTo(0, 9);
        if (a.price < out.spectrumPrice - tol) expect(out.spectrumFills[w]).toBeCloseTo(a.quantity, 9);
      });
    }
    expect(binding).toBeGreaterThan(20);
  });
});
