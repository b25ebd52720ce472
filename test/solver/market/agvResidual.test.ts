/**
 * AGV's fast expectation (each node's merit order with the deviating agent
 * re-inserted, cleared from prefix sums) against the plain definition: on the same common random draws,
 * re-solve the merit order with the agent at its report and sum the others'
 * values. Also the O(n) re-placement of a misreporting agent's bids in the truthful merit order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agvModel, efficientAllocation, prepare, reportBook, withReport, type BidBook, type Prior } from '../../../solver/market/index.ts';
import { createRng } from '../../../solver/whatif/random.ts';

const book = fc
  .array(fc.record({ side: fc.constantFrom('buy' as const, 'sell' as const), price: fc.double({ min: 0, max: 10, noNaN: true }), quantity: fc.integer({ min: 1, max: 4 }) }), { minLength: 2, maxLength: 7 })
  .map((bids): BidBook => ({ units: 'divisible', bids: bids.map((b, i) => ({ agent: `a${i}`, ...b })) }));

describe('AGV residual-market expectation', () => {
  it('equals re-solving the merit order on every draw, for every agent and report', () => {
    fc.assert(
      fc.property(book, fc.double({ min: -1, max: 11, noNaN: true }), (b, report) => {
        const n = b.bids.length, M = 24, seed = 11;
        const priors: Record<string, Prior> = Object.fromEntries(b.bids.map((x) => [x.agent, { kind: 'uniform', min: 0, max: 10 }]));
        const model = agvModel(b, { priors, integration: { method: 'crn', samples: M, seed } });
        const rng = createRng(seed);
        const draws = Array.from({ length: M }, () => Array.from({ length: n }, () => 10 * rng.next()));
        const p = prepare(b);
        for (let i = 0; i < n; i++) {
          let others = 0, own = 0;
          for (const d of draws) {
            const prices = d.slice();
            prices[i] = report;
            const a = efficientAllocation(p, { prices });
            for (let j = 0; j < n; j++) if (j !== i) others += (b.bids[j]!.side === 'buy' ? 1 : -1) * prices[j]! * a.fills[j]!;
            own += (b.bids[i]!.side === 'buy' ? 1 : -1) * a.fills[i]!;
          }
          const e = model.expect(i, report);
          expect(e.others).toBeCloseTo(others / M, 9);
          expect(e.ownFill).toBeCloseTo(own / M, 9);
        }
      }),
      { numRuns: 60, seed: 21 },
    );
  });
});

describe('a misreport prepared from the truthful merit order', () => {
  const multi = fc
    .array(fc.record({ agent: fc.constantFrom('a', 'b', 'c', 'd'), side: fc.constantFrom('buy' as const, 'sell' as const), price: fc.integer({ min: 0, max: 6 }), quantity: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 9 })
    .map((bids): BidBook => ({ units: 'blocks', bids }));
  it('has the order a fresh sort gives, ties included', () => {
    fc.assert(
      fc.property(multi, fc.nat(), fc.integer({ min: -7, max: 7 }), fc.constantFrom(1, 0.5), (b, k, shift, factor) => {
        const base = prepare(b);
        const agent = k % base.agents.length;
        const derived = prepare(reportBook(base, agent, shift, factor));
        const fresh = prepare(withReport(b, base.agents[agent]!, shift, factor));
        expect(Array.from(derived.buys)).toEqual(Array.from(fresh.buys));
        expect(Array.from(derived.sells)).toEqual(Array.from(fresh.sells));
        expect(derived.book.bids).toEqual(fresh.book.bids);
      }),
      { numRuns: 300, seed: 23 },
    );
  });
});
