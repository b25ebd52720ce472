/**
 * The public examples of MODELS.md §6: buyers {10, 8, 6, 4}, sellers
 * {2, 3, 5, 7}, one unit each (VCG payments and deficit, McAfee's p0); AGV
 * with one buyer and one seller uniform on [0, 1] (closed form); SDR prices.
 */
import { describe, expect, it } from 'vitest';
import { classroom } from './support.ts';
import { paymentsByAgent, agv, compareMechanisms, cpa, efficientAllocation, mcafee, outcomeMetrics, prepare, sbba, sdrPricing, vcg, MechanismError, type BidBook } from '../../../solver/market/index.ts';

describe('the classroom book: buyers {10, 8, 6, 4}, sellers {2, 3, 5, 7}', () => {
  it('has 3 efficient trades and welfare 14', () => {
    const a = efficientAllocation(prepare(classroom));
    expect(a.volume).toBe(3);
    expect(a.welfare).toBe(14);
  });

  it('VCG: the three trading buyers pay 5, the three trading sellers get 6, deficit 3, efficiency 1', () => {
    const out = vcg(classroom);
    const pay = paymentsByAgent(out);
    for (const b of ['b1', 'b2', 'b3']) expect(pay[b]).toBeCloseTo(5, 12);
    for (const s of ['s1', 's2', 's3']) expect(pay[s]).toBeCloseTo(-6, 12);
    expect(pay.b4).toBe(0);
    expect(pay.s4).toBe(0);
    const m = outcomeMetrics(classroom, out);
    expect(m.budget).toBeCloseTo(-3, 12);
    expect(m.efficiency).toBe(1);
  });

  it('McAfee: p0 = 5.5 and all 3 trade at it (budget 0)', () => {
    const out = mcafee(classroom);
    expect(out.prices.p0).toBe(5.5);
    expect(out.trades).toHaveLength(3);
    expect(out.trades.every((t) => t.price === 5.5)).toBe(true);
    expect(outcomeMetrics(classroom, out).budget).toBeCloseTo(0, 12);
  });

  it('SBBA: p = min(b_3, s_4) = b_3 = 6, so buyers 1–2 trade at 6 and 2 of the 3 cheapest sellers (2/3 each in expectation); budget 0', () => {
    const out = sbba(classroom);
    expect(out.prices.clearing).toBe(6);
    const m = outcomeMetrics(classroom, out);
    expect(m.budget).toBeCloseTo(0, 12);
    expect(m.volume).toBe(2);
    expect(out.fills.slice(4, 7).every((f) => Math.abs(f - 2 / 3) < 1e-15)).toBe(true);
    expect(out.fills[7]).toBe(0);
  });

  it('CPA: b_3 = 6 < s_4 = 7, so 2 trade; buyers pay max(b_3, s_3) = 6, sellers get min = 5', () => {
    const out = cpa(classroom);
    expect(out.prices).toEqual({ buyerPrice: 6, sellerPrice: 5 });
    const m = outcomeMetrics(classroom, out);
    expect(m.volume).toBe(2);
    expect(m.budget).toBe(2);
  });

  it('the comparison of every mechanism finds VCG and McAfee truthful and uniform price manipulable', () => {
    const results = compareMechanisms(classroom, ['vcg', 'mcafee', 'uniform-price']);
    const gain = (id: string) => {
      const r = results.find((x) => x.id === id)!;
      if (r.status !== 'ok') throw new Error(r.message);
      return r.metrics.misreport!.maxGain;
    };
    expect(gain('vcg')).toBeLessThanOrEqual(1e-9);
    expect(gain('mcafee')).toBeLessThanOrEqual(1e-9);
    expect(gain('uniform-price')).toBeGreaterThan(0.1);
  });
});

describe('unit-demand rules refuse other books with a typed error', () => {
  const multi: BidBook = { units: 'blocks', bids: [...classroom.bids, { agent: 'b1', side: 'buy', price: 9, quantity: 1 }] };
  it.each([['mcafee', mcafee], ['sbba', sbba], ['cpa', cpa]] as const)('%s', (_, rule) => {
    expect(() => rule(multi)).toThrow(MechanismError);
    const results = compareMechanisms(multi, ['mcafee', 'vcg'], { misreport: false });
    expect(results[0]).toMatchObject({ status: 'refused', code: 'single-bid-only' });
    expect(results[1]!.status).toBe('ok');
  });
  it('unequal quantities are not unit demand', () => {
    const uneven: BidBook = { units: 'blocks', bids: classroom.bids.map((b, i) => (i === 0 ? { ...b, quantity: 2 } : b)) };
    expect(() => mcafee(uneven)).toThrow(/unit demand only/);
  });
});

describe('AGV, one buyer and one seller, values uniform on [0, 1]', () => {
  const book: BidBook = { units: 'divisible', bids: [{ agent: 'buyer', side: 'buy', price: 0.8, quantity: 1 }, { agent: 'seller', side: 'sell', price: 0.3, quantity: 1 }] };
  const priors = { buyer: { kind: 'uniform' as const, min: 0, max: 1 }, seller: { kind: 'uniform' as const, min: 0, max: 1 } };
  it('ξ_buyer(0.8) = −0.32 and ξ_seller(0.3) = 0.455, so the buyer pays 0.775, within the stated integration error', () => {
    const out = agv(book, { priors, integration: { method: 'quadrature', points: 4000 } });
    expect(out.integrationError).toBeLessThan(1e-3);
    const pay = paymentsByAgent(out);
    expect(Math.abs(pay.buyer! - 0.775)).toBeLessThanOrEqual(out.integrationError! + 1e-12);
    expect(pay.buyer! + pay.seller!).toBeCloseTo(0, 12);
  });
  it('common random numbers agree within a few standard errors', () => {
    const out = agv(book, { priors, integration: { method: 'crn', samples: 20000, seed: 7 } });
    expect(Math.abs(paymentsByAgent(out).buyer! - 0.775)).toBeLessThanOrEqual(4 * out.integrationError!);
  });
});

describe('community pricing (λb = 0.20, λs = 0.05)', () => {
  it('SDR with supply 30 and demand 60: P_sell = 0.08, P_buy = 0.14', () => {
    const book: BidBook = { units: 'divisible', bids: [{ agent: 'c', side: 'buy', price: 0.3, quantity: 60 }, { agent: 'p', side: 'sell', price: 0.01, quantity: 30 }] };
    const out = sdrPricing(book, { gridBuy: 0.2, gridSell: 0.05 });
    expect(out.prices.sell).toBeCloseTo(0.08, 14);
    expect(out.prices.buy).toBeCloseTo(0.14, 14);
    expect(out.grid!.bill).toBeCloseTo(6, 12);
  });
});
