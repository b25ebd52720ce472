/** The energy–spectrum iterative auction against the direct solve on the combined supply curve. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coupledDirect, coupledIterativeAuction, type BidBook, type SpectrumMarket } from '../../../solver/market/index.ts';

const step = fc.record({ price: fc.integer({ min: 0, max: 100 }), quantity: fc.integer({ min: 1, max: 6 }) });
const market = fc.tuple(fc.array(step, { minLength: 1, maxLength: 5 }), fc.array(step, { minLength: 1, maxLength: 5 }), fc.array(step, { minLength: 1, maxLength: 4 }), fc.constantFrom(0.5, 1, 2)).map(([b, s, sp, beta]) => ({
  book: { units: 'divisible', bids: [...b.map((x, i) => ({ agent: `b${i}`, side: 'buy' as const, price: x.price / 5, quantity: x.quantity })), ...s.map((x, i) => ({ agent: `s${i}`, side: 'sell' as const, price: x.price / 10, quantity: x.quantity }))] } as BidBook,
  spectrum: { perKwh: beta, asks: sp.map((x, i) => ({ agent: `w${i}`, price: x.price / 20, quantity: x.quantity })) } as SpectrumMarket,
}));

describe('coupled energy–spectrum iterative auction', () => {
  it('a hand example: buyer 10, energy asks 2 and 5, spectrum ask 1 per unit with β = 2, capacity 2 units → 1 kWh at delivered price in [4, 7]', () => {
    const book: BidBook = { units: 'divisible', bids: [{ agent: 'b', side: 'buy', price: 10, quantity: 3 }, { agent: 's1', side: 'sell', price: 2, quantity: 1 }, { agent: 's2', side: 'sell', price: 5, quantity: 2 }] };
    const out = coupledIterativeAuction(book, { perKwh: 2, asks: [{ agent: 'w', price: 1, quantity: 2 }] });
    expect(out.cleared).toBe(true);
    expect(out.volume).toBeCloseTo(1, 9);
    expect(out.welfare).toBeCloseTo(10 - 2 - 2, 9);
    expect(coupledDirect(book, { perKwh: 2, asks: [{ agent: 'w', price: 1, quantity: 2 }] })).toEqual({ volume: 1, welfare: 6 });
  });

  it('whenever it clears, it reaches the direct solve\'s welfare (random markets; it can stall, see docs/models/mechanisms.md)', () => {
    let cleared = 0;
    fc.assert(
      fc.property(market, ({ book, spectrum }) => {
        const direct = coupledDirect(book, spectrum);
        const out = coupledIterativeAuction(book, spectrum, { tolerance: 1e-10, maxRounds: 5000 });
        if (!out.cleared) return;
        cleared++;
        expect(out.welfare).toBeCloseTo(direct.welfare, 6);
        // spectrum used = β × energy traded
        expect(out.spectrumFills.reduce((a, b) => a + b, 0)).toBeCloseTo(spectrum.perKwh * out.volume, 6);
      }),
      { numRuns: 100, seed: 31 },
    );
    expect(cleared).toBeGreaterThan(0);
  });
});
