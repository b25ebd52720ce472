/**
 * Invariants of the mechanisms on random books (fast-check): AGV balances
 * its budget to 1e-9; VCG, McAfee and the CPA are truthful by search; McAfee
 * and the CPA never run a deficit; the iterative auction ends at a price of
 * the direct solve's clearing interval with the efficient welfare; the
 * community rules' payments equal the grid bill.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  agv,
  billSharing,
  clearingInterval,
  compareMechanisms,
  cpa,
  efficientAllocation,
  expostMisreportGain,
  iterativeAuction,
  mcafee,
  mmrPricing,
  outcomeMetrics,
  prepare,
  sbba,
  sdrPricing,
  vcg,
  type BidBook,
  type Prior,
} from '../../../solver/market/index.ts';

/** Unit books: distinct integer-ish prices in [0, 20] (ties are legal but make thresholds ambiguous in a grid search). */
const unitBook = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 1e6 }))
  .chain(([nb, ns]) => fc.uniqueArray(fc.integer({ min: 0, max: 200 }), { minLength: nb + ns, maxLength: nb + ns }).map((ps) => ({ nb, ps })))
  .map(({ nb, ps }): BidBook => ({
    units: 'blocks',
    bids: ps.map((p, i) => (i < nb ? { agent: `b${i}`, side: 'buy', price: p / 10, quantity: 1 } : { agent: `s${i}`, side: 'sell', price: p / 10, quantity: 1 })),
  }));

/** Multi-unit divisible books: agents with one to three bids of any quantity. */
const multiBook = fc
  .array(fc.record({ side: fc.constantFrom('buy' as const, 'sell' as const), steps: fc.array(fc.record({ price: fc.integer({ min: 0, max: 100 }), quantity: fc.integer({ min: 1, max: 5 }) }), { minLength: 1, maxLength: 3 }) }), { minLength: 2, maxLength: 6 })
  .map((agents): BidBook => ({
    units: 'divisible',
    bids: agents.flatMap((a, i) => a.steps.map((s) => ({ agent: `a${i}`, side: a.side, price: s.price / 10, quantity: s.quantity / 2 }))),
  }));

const singleBidBook = multiBook.map((b): BidBook => {
  const seen = new Set<string>();
  return { units: b.units, bids: b.bids.filter((x) => (seen.has(x.agent) ? false : (seen.add(x.agent), true))) };
});

const runs = { numRuns: 60, seed: 14 };

describe('budget', () => {
  it('AGV transfers sum to 0 within 1e-9 on every book', () => {
    fc.assert(
      fc.property(singleBidBook, (book) => {
        const priors: Record<string, Prior> = Object.fromEntries(book.bids.map((b) => [b.agent, { kind: 'uniform', min: 0, max: 10 }]));
        const out = agv(book, { priors, integration: { method: 'crn', samples: 64, seed: 3 } });
        const sum = Object.values(out.payments).reduce((a, b) => a + b, 0);
        expect(Math.abs(sum)).toBeLessThanOrEqual(1e-9);
      }),
      runs,
    );
  });

  it('McAfee and the CPA never run a deficit; SBBA balances exactly', () => {
    fc.assert(
      fc.property(unitBook, (book) => {
        expect(outcomeMetrics(book, mcafee(book)).budget).toBeGreaterThanOrEqual(-1e-12);
        expect(outcomeMetrics(book, cpa(book)).budget).toBeGreaterThanOrEqual(-1e-12);
        expect(Math.abs(outcomeMetrics(book, sbba(book)).budget)).toBeLessThanOrEqual(1e-9);
      }),
      runs,
    );
  });

  it('community pricing: members pay exactly the grid bill (SDR, MMR, bill sharing)', () => {
    fc.assert(
      fc.property(multiBook, fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 99 }), (book, a, b) => {
        fc.pre(a !== b);
        const tariff = { gridBuy: Math.max(a, b) / 100, gridSell: Math.min(a, b) / 100 };
        for (const rule of [sdrPricing, mmrPricing, billSharing]) {
          const out = rule(book, tariff);
          const paid = Object.values(out.payments).reduce((x, y) => x + y, 0);
          expect(paid).toBeCloseTo(out.grid!.bill, 10);
          expect(outcomeMetrics(book, out).budget).toBeCloseTo(0, 10);
        }
      }),
      runs,
    );
  });
});

describe('truthfulness by search (against truthful others)', () => {
  it('VCG: no agent gains by shifting its prices, on multi-unit books', () => {
    fc.assert(
      fc.property(multiBook, (book) => {
        const gain = expostMisreportGain(book, vcg, vcg(book), { gridPoints: 15 });
        expect(gain.maxGain).toBeLessThanOrEqual(1e-9);
      }),
      { ...runs, numRuns: 40 },
    );
  });

  it('McAfee, SBBA and the CPA: no agent gains on unit books', () => {
    fc.assert(
      fc.property(unitBook, (book) => {
        for (const rule of [mcafee, sbba, cpa]) {
          const gain = expostMisreportGain(book, rule, rule(book), { gridPoints: 15 });
          expect(gain.maxGain, `${rule.name} gains ${gain.maxGain} for ${gain.agent} reporting ${gain.report}`).toBeLessThanOrEqual(1e-9);
        }
      }),
      runs,
    );
  });

  it('AGV: no interim gain in expectation over the priors (common random numbers)', () => {
    fc.assert(
      fc.property(singleBidBook, (book) => {
        const priors: Record<string, Prior> = Object.fromEntries(book.bids.map((b) => [b.agent, { kind: 'uniform', min: 0, max: 10 }]));
        const [r] = compareMechanisms(book, ['agv'], { priors, integration: { method: 'crn', samples: 48, seed: 5 }, misreport: { gridPoints: 9, maxCriticalPrices: 0 } });
        if (r!.status !== 'ok') throw new Error(r!.message);
        expect(r!.metrics.misreport!.kind).toBe('interim');
        expect(r!.metrics.misreport!.maxGain).toBeLessThanOrEqual(1e-9);
      }),
      { ...runs, numRuns: 25 },
    );
  });
});

describe('iterative double auction', () => {
  it('ends at a price of the direct solve\'s clearing interval with the efficient welfare', () => {
    fc.assert(
      fc.property(multiBook, (book) => {
        const p = prepare(book);
        const direct = efficientAllocation(p);
        fc.pre(direct.volume > 0);
        const { low, high } = clearingInterval(p, direct);
        const out = iterativeAuction(book, { tolerance: 1e-10 });
        expect(out.prices.clearing!).toBeGreaterThanOrEqual(low - 1e-9);
        expect(out.prices.clearing!).toBeLessThanOrEqual(high + 1e-9);
        expect(outcomeMetrics(book, out).welfare).toBeCloseTo(direct.welfare, 6);
      }),
      runs,
    );
  });
});
