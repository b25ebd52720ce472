/**
 * compareMechanisms on the classroom book (what the `mechanism` job will
 * return), and the CPA's efficiency approaching 1 as the market grows.
 */
import { describe, expect, it } from 'vitest';
import { compareMechanisms, cpa, generateBook, MECHANISM_IDS, outcomeMetrics, vcg } from '../../../solver/market/index.ts';
import { classroom } from './support.ts';

describe('compareMechanisms on the classroom book', () => {
  const results = compareMechanisms(classroom, MECHANISM_IDS, { history: [{ agent: 'b1', side: 'buy', price: 9.5 }, { agent: 'b1', side: 'buy', price: 10 }, { agent: 'b1', side: 'buy', price: 9 }] });
  const ok = (id: string) => {
    const r = results.find((x) => x.id === id)!;
    if (r.status !== 'ok') throw new Error(`${id}: ${r.message}`);
    return r;
  };
  it('runs every mechanism, in the order asked', () => {
    expect(results.map((r) => r.id)).toEqual([...MECHANISM_IDS]);
    // every rule runs on the classroom book but the coupled auction, which needs a spectrum market
    expect(results.filter((r) => r.status !== 'ok').map((r) => [r.id, r.status === 'refused' && r.code])).toEqual([['iterative-coupled', 'needs-spectrum']]);
  });
  it('shows side by side who is efficient, who runs a deficit and who can gain by lying', () => {
    expect(ok('vcg').metrics.efficiency).toBe(1);
    expect(ok('vcg').metrics.budget).toBeCloseTo(-3, 12);
    expect(ok('mcafee').metrics.budget).toBeCloseTo(0, 12);
    expect(ok('cpa').metrics.efficiency).toBeCloseTo(13 / 14, 12); // trades (10, 2) and (8, 3): 8 + 5 of 14
    expect(ok('agv').metrics.budget).toBeCloseTo(0, 9);
    expect(ok('agv').metrics.misreport!.kind).toBe('interim');
    expect(ok('pay-as-bid').metrics.misreport!.maxGain).toBeGreaterThan(0);
    for (const id of ['vcg', 'mcafee', 'sbba', 'cpa']) expect(ok(id).metrics.misreport!.maxGain, id).toBeLessThanOrEqual(1e-9);
    expect(ok('sdr').outcome.grid).toBeDefined();
  });
  it('lists individual-rationality violations computed from utilities', () => {
    for (const r of results) if (r.status === 'ok') for (const v of r.metrics.irViolations) expect(r.metrics.utilities[v.agent]).toBe(v.utility);
    expect(ok('vcg').metrics.irViolations).toEqual([]);
  });
  it('refuses a book with several periods', () => {
    const two = { units: classroom.units, bids: classroom.bids.map((b, i) => ({ ...b, period: i % 2 ? 2 : 1 })) };
    expect(compareMechanisms(two, ['vcg'], { misreport: false })[0]).toMatchObject({ status: 'refused', code: 'several-periods' });
  });
});

describe('market size', () => {
  const mean = (n: number, f: (seed: number) => number) => Array.from({ length: 20 }, (_, s) => f(1000 * n + s)).reduce((a, b) => a + b, 0) / 20;
  const book = (n: number, seed: number) => generateBook({ buyers: n, sellers: n, seed, values: { kind: 'uniform', min: 0, max: 1 }, costs: { kind: 'uniform', min: 0, max: 1 } });
  it('the CPA loses at most one trade, so its mean efficiency rises towards 1 (4 → 64 agents a side)', () => {
    const eff = (n: number) => mean(n, (seed) => outcomeMetrics(book(n, seed), cpa(book(n, seed))).efficiency ?? 1);
    const small = eff(4), large = eff(64);
    expect(large).toBeGreaterThan(small);
    expect(large).toBeGreaterThan(0.99);
  });
  it('VCG\'s deficit grows with the market', () => {
    const deficit = (n: number) => -mean(n, (seed) => outcomeMetrics(book(n, seed), vcg(book(n, seed))).budget);
    expect(deficit(64)).toBeGreaterThan(deficit(4));
  });
});
