import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CommunityMarket, makeHouseholds, type CommunitySpec, type StepRecord } from '../../../solver/learn/community.ts';
import { dayProfiles, type DayProfile } from '../../../solver/learn/profiles.ts';
import { uniformPrice, type Bid } from '../../../solver/market/index.ts';

/** A fortnight of the shipped OPSD household (June), from the forecast sample. */
function days(): DayProfile[] {
  const s = JSON.parse(readFileSync('assets/scenarios/household-forecast.ggs.json', 'utf8')).forecast;
  const load = s.series.find((x: { role: string }) => x.role === 'load').values;
  const pv = s.series.find((x: { role: string }) => x.role === 'pv').values;
  return dayProfiles({ start: s.start, stepMinutes: s.stepMinutes, load, pv }).filter((d) => d.date >= '2016-06-01').slice(0, 14);
}
const DAYS = days();
const spec = (over: Partial<CommunitySpec> = {}): CommunitySpec => ({
  households: 6, pvShare: 0.5, batteryShare: 0.5, battery: { capacity: 5, power: 2.5, efficiency: 0.9 },
  retail: 0.3, feedIn: 0.08, mechanism: 'uniform-price', k: 0.5, steps: 96, ...over,
});

/** One episode with the given policy (action per agent per step), every step's record. */
function episode(spec: CommunitySpec, policy: (env: CommunityMarket, t: number) => number[], e = 0): StepRecord[] {
  const env = new CommunityMarket(spec, makeHouseholds(spec, 3), DAYS);
  env.reset(e);
  const out: StepRecord[] = [];
  for (let t = 0, done = false; !done; t++) {
    const s = env.step(policy(env, t));
    out.push(s.record);
    done = s.done;
  }
  return out;
}
const truthful = (env: CommunityMarket) => Array.from({ length: env.agents }, (_, i) => env.truthfulAction(i));
/** A deterministic, non-truthful policy: actions that vary by agent and step. */
const wobbly = (env: CommunityMarket, t: number) => Array.from({ length: env.agents }, (_, i) => Math.sin(1.7 * i + 0.31 * t));

describe('the 15-minute community environment', () => {
  it('has complete June days with PV from the shipped household', () => {
    expect(DAYS.length).toBe(14);
    expect(DAYS.every((d) => d.load.length === 96 && d.pv.length === 96)).toBe(true);
    expect(DAYS.reduce((s, d) => s + d.pv.reduce((a, b) => a + b, 0), 0)).toBeGreaterThan(14 * 5);
  });

  for (const mechanism of ['uniform-price', 'pay-as-bid', 'bilateral'] as const) {
    it(`balances energy every quarter-hour, per household and for the community (${mechanism})`, () => {
      const s = spec({ mechanism });
      const hh = makeHouseholds(s, 3);
      const records = episode(s, wobbly, 2);
      expect(records).toHaveLength(96);
      let traded = 0;
      records.forEach((r, t) => {
        // household: load − PV + battery = what it brings to the market = P2P fill + fallback
        const q = t % 96;
        hh.forEach((h, i) => {
          const d = DAYS[(2 + 7 * i) % DAYS.length]!;
          expect(r.quantities[i]!).toBeCloseTo(d.load[q]! - h.pvScale * d.pv[q]! + r.battery[i]!, 9);
          expect(r.p2p[i]!).toBeLessThanOrEqual(Math.abs(r.quantities[i]!) + 1e-12);
          if (h.battery === null) expect(r.battery[i]).toBe(0);
          else expect(Math.abs(r.battery[i]!)).toBeLessThanOrEqual(h.battery.power / 4 + 1e-12);
        });
        // community: P2P trades cancel, so load − PV + batteries = import − export
        const batteries = r.battery.reduce((a, b) => a + b, 0);
        expect(r.load - r.pv + batteries).toBeCloseTo(r.gridImport - r.gridExport, 9);
        // what buyers receive inside the community, sellers deliver
        const bought = r.p2p.filter((_, i) => r.quantities[i]! > 0).reduce((a, b) => a + b, 0);
        const sold = r.p2p.filter((_, i) => r.quantities[i]! < 0).reduce((a, b) => a + b, 0);
        expect(bought).toBeCloseTo(sold, 9);
        expect(bought).toBeCloseTo(r.traded, 9);
        expect(r.traded).toBeLessThanOrEqual(r.tradable + 1e-12);
        traded += r.traded;
      });
      expect(traded).toBeGreaterThan(0.5);
    });

    it(`recomputes every bill from the rule's trades and the fallback tariffs (${mechanism})`, () => {
      const s = spec({ mechanism });
      for (const r of episode(s, wobbly, 5)) {
        r.quantities.forEach((q, i) => {
          const id = `h${i + 1}`;
          let p2pMoney = 0;
          for (const tr of r.trades) {
            if (tr.buyer === id) p2pMoney += tr.quantity * tr.price;
            // pay-as-bid: a seller receives its own ask, not the buyer's bid the leg is listed at
            if (tr.seller === id) p2pMoney -= tr.quantity * (mechanism === 'pay-as-bid' ? r.prices[i]! : tr.price);
          }
          const unmatched = Math.abs(q) - r.p2p[i]!;
          const expected = q > 0 ? p2pMoney + unmatched * s.retail : q < 0 ? p2pMoney - unmatched * s.feedIn : 0;
          expect(r.bills[i]!).toBeCloseTo(expected, 10);
          expect(r.fallbackBills[i]!).toBeCloseTo(q > 0 ? q * s.retail : q * s.feedIn, 12);
        });
      }
    });
  }

  it('clears with the mechanism laboratory’s own rule: re-clearing the step’s book gives the same fills and price', () => {
    const s = spec();
    for (const r of episode(s, wobbly, 1)) {
      const bids: Bid[] = [];
      r.quantities.forEach((q, i) => {
        if (q !== 0) bids.push({ agent: `h${i + 1}`, side: q > 0 ? 'buy' : 'sell', price: r.prices[i]!, quantity: Math.abs(q) });
      });
      if (bids.length === 0) continue;
      const o = uniformPrice({ units: 'divisible', bids }, { k: s.k });
      let j = 0;
      r.quantities.forEach((q, i) => {
        if (q !== 0) expect(r.p2p[i]!).toBeCloseTo(o.fills[j++]!, 12);
      });
      if (o.prices.clearing !== undefined) expect(r.clearing).toBeCloseTo(o.prices.clearing, 12);
    }
  });

  it('falls back to the retailer when nobody sells: every bill is the retail bill', () => {
    const s = spec({ pvShare: 0, batteryShare: 0 });
    for (const r of episode(s, wobbly)) {
      expect(r.traded).toBe(0);
      expect(r.bills).toEqual(r.fallbackBills);
      r.quantities.forEach((q, i) => expect(r.bills[i]).toBeCloseTo(q * s.retail, 12));
    }
  });

  it('truthful bids under a uniform price leave no household worse off than its fallback, and trade at k·retail + (1 − k)·feed-in', () => {
    const s = spec({ k: 0.25 });
    let saving = 0;
    for (const r of episode(s, truthful)) {
      r.bills.forEach((b, i) => expect(b).toBeLessThanOrEqual(r.fallbackBills[i]! + 1e-12));
      if (r.traded > 0) expect(r.clearing).toBeCloseTo(0.25 * s.retail + 0.75 * s.feedIn, 12);
      saving += r.fallbackBills.reduce((a, b) => a + b, 0) - r.bills.reduce((a, b) => a + b, 0);
    }
    expect(saving).toBeGreaterThan(0);
  });

  it('rejects a tariff with feed-in at or above retail, and no data', () => {
    expect(() => new CommunityMarket(spec({ feedIn: 0.3 }), makeHouseholds(spec(), 1), DAYS)).toThrow(/retail/);
    expect(() => new CommunityMarket(spec(), makeHouseholds(spec(), 1), [])).toThrow(/complete day/);
  });
});
