/**
 * The misreport search's fast path (deviators.ts on deviation.ts's views)
 * against the straightforward re-clear of the rebuilt book: the deviator's
 * utility at every candidate report and quantity factor, for every rule with
 * a fast path, on random books with ties, several quantities, zero
 * quantities and multi-bid agents (which fall back); and the views'
 * clearing against allocation.ts's walk.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agentUtility, candidateReports, compareMechanisms, efficientAllocation, mechanismRunner, prepare, reportBook, vcg, type BidBook } from '../../../solver/market/index.ts';
import { deviators } from '../../../solver/market/deviators.ts';
import { bookSides, clearViews, SideView } from '../../../solver/market/deviation.ts';
import type { MechanismId } from '../../../solver/market/mechanismIds.ts';

/** Books with few distinct prices (ties), integer quantities 0..4 (or unit), one or two bids per agent. */
const book = (unit: boolean) =>
  fc
    .array(
      fc.record({
        side: fc.constantFrom('buy' as const, 'sell' as const),
        steps: fc.array(fc.record({ price: fc.integer({ min: 0, max: 12 }), quantity: fc.integer({ min: 0, max: 4 }) }), { minLength: 1, maxLength: unit ? 1 : 2 }),
      }),
      { minLength: 2, maxLength: 9 },
    )
    .chain((agents) => fc.constantFrom<BidBook['units']>('blocks', 'divisible').map((units) => ({ agents, units })))
    .map(({ agents, units }): BidBook => ({
      units,
      bids: agents.flatMap((a, i) => a.steps.map((s) => ({ agent: `a${i}`, side: a.side, price: s.price / 4, quantity: unit ? 1 : s.quantity }))),
    }));

const FAST: MechanismId[] = ['uniform-price', 'pay-as-bid', 'bilateral', 'vcg', 'iterative'];
const UNIT: MechanismId[] = ['mcafee', 'sbba', 'cpa'];

function agree(b: BidBook, ids: MechanismId[], factors: number[]): number {
  const p = prepare(b);
  let checked = 0;
  for (const id of ids) {
    const run = mechanismRunner(id, b, { k: 0.3 });
    const runFor = id === 'vcg' ? (x: BidBook, agent: string) => vcg(x, { only: agent }) : run;
    const fast = deviators(id, p, { k: 0.3 })!;
    expect(fast).not.toBeNull();
    p.agents.forEach((agent, a) => {
      const f = fast(a);
      if (p.bidsOf[a]!.length > 1) return expect(f).toBeNull();
      const first = b.bids[p.bidsOf[a]![0]!]!;
      for (const factor of factors)
        for (const r of [...candidateReports(b, agent, { gridPoints: 9 }), first.price]) {
          const u = f!(r, factor);
          if (u === undefined) continue;
          const slow = agentUtility(p, runFor(reportBook(p, a, r - first.price, factor), agent), a);
          if (Math.abs(u - slow) > 1e-9) throw new Error(`${id}: ${agent} reporting ${r} ×${factor}: fast ${u}, re-clear ${slow} in ${JSON.stringify(b)}`);
          checked++;
        }
    });
  }
  return checked;
}

describe('fast misreport utilities', () => {
  it('equal the re-clear on random multi-unit books with ties and zero quantities', () => {
    let checked = 0;
    fc.assert(fc.property(book(false), (b) => void (checked += agree(b, FAST, [1, 0.5, 2]))), { numRuns: 80, seed: 21 });
    expect(checked).toBeGreaterThan(5_000);
  });

  it('equal the re-clear of the unit rules on random unit books', () => {
    let checked = 0;
    fc.assert(fc.property(book(true), (b) => void (checked += agree(b, [...FAST, ...UNIT], [1]))), { numRuns: 80, seed: 22 });
    expect(checked).toBeGreaterThan(5_000);
  });

  it('leave the search\'s result unchanged (gain, agent, report, count, curves)', () => {
    fc.assert(
      fc.property(book(false), (b) => {
        const ids: MechanismId[] = [...FAST, 'sdr', 'mmr', 'bill-sharing', ...UNIT];
        const options = { misreport: { gridPoints: 9, quantityFactors: [1, 2], curves: true } };
        const fast = compareMechanisms(b, ids, options);
        const slow = compareMechanisms(b, ids, { ...options, fastSearch: false });
        fast.forEach((f, k) => {
          const s = slow[k]!;
          expect(f.status).toBe(s.status);
          if (f.status !== 'ok' || s.status !== 'ok') return;
          const [mf, ms] = [f.metrics.misreport!, s.metrics.misreport!];
          expect(mf.maxGain).toBeCloseTo(ms.maxGain, 9);
          expect(mf.evaluated).toBe(ms.evaluated);
          if (ms.maxGain > 1e-9) expect([mf.agent, mf.report, mf.quantityFactor]).toEqual([ms.agent, ms.report, ms.quantityFactor]);
          expect(f.metrics.misreportCurves!.map((c) => c.agent)).toEqual(s.metrics.misreportCurves!.map((c) => c.agent));
          f.metrics.misreportCurves!.forEach((c, j) => c.utility.forEach((u, m) => expect(u).toBeCloseTo(s.metrics.misreportCurves![j]!.utility[m]!, 9)));
        });
      }),
      { numRuns: 40, seed: 23 },
    );
  });
});

describe('views', () => {
  it('clear like the walk with any one bid removed and re-inserted at another price', () => {
    fc.assert(
      fc.property(book(false), fc.nat(), fc.integer({ min: -2, max: 14 }), (b, pick, price) => {
        const p = prepare(b);
        const sides = bookSides(p);
        const bv = new SideView(sides.buys), sv = new SideView(sides.sells);
        const i = pick % b.bids.length;
        const own = b.bids[i]!.side === 'buy' ? bv : sv;
        const other = own === bv ? sv : bv;
        const r = price / 4;
        own.set(own.positionOf(i));
        other.set(-1);
        if (b.bids[i]!.quantity > 0) own.insert(own.insertionPoint(r, i), r, b.bids[i]!.quantity);
        const c = clearViews(bv, sv);
        const moved = { units: b.units, bids: b.bids.map((x, j) => (j === i ? { ...x, price: r } : x)) };
        const walk = efficientAllocation(prepare(moved));
        expect(c.volume).toBe(walk.volume);
        expect(c.welfare).toBeCloseTo(walk.welfare, 9);
        if (walk.volume > 0) {
          expect(bv.price(c.marginalBuy)).toBe(moved.bids[walk.marginalBuy]!.price);
          expect(sv.price(c.marginalSell)).toBe(moved.bids[walk.marginalSell]!.price);
        }
      }),
      { numRuns: 400, seed: 24 },
    );
  });
});

/** The candidate reports as first written (a sort of the other agents' prices per agent), the reference for the indexed version. */
function plainCandidates(b: BidBook, agent: string, gridPoints: number, maxCriticalPrices: number, neighbours: number): number[] {
  const prices = b.bids.map((x) => x.price);
  const lo = Math.min(...prices), hi = Math.max(...prices);
  const span = hi - lo || Math.max(1, Math.abs(hi));
  const from = lo - span / 4, to = hi + span / 4;
  const out = Array.from({ length: gridPoints }, (_, k) => from + ((to - from) * k) / Math.max(1, gridPoints - 1));
  const others = [...new Set(b.bids.filter((x) => x.agent !== agent).map((x) => x.price))].sort((x, y) => x - y);
  const eps = 1e-7 * span;
  if (others.length <= maxCriticalPrices) for (const x of others) out.push(x - eps, x, x + eps);
  else {
    const own = b.bids.find((x) => x.agent === agent)!.price;
    let at = others.findIndex((x) => x >= own);
    if (at < 0) at = others.length;
    for (const x of others.slice(Math.max(0, at - neighbours), at + neighbours)) out.push(x - eps, x, x + eps);
  }
  return out;
}

describe('candidate reports', () => {
  it('equal the plain per-agent computation, below and above the critical-price limit', () => {
    fc.assert(
      fc.property(book(false), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 3 }), (b, limit, neighbours) => {
        for (const agent of new Set(b.bids.map((x) => x.agent)))
          expect(candidateReports(b, agent, { gridPoints: 5, maxCriticalPrices: limit, neighbours })).toEqual(plainCandidates(b, agent, 5, limit, neighbours));
      }),
      { numRuns: 200, seed: 25 },
    );
  });
});
