import { describe, expect, it } from 'vitest';
import { fixedBookCheck, fixedBookMarket } from '../../../solver/learn/knownOptimum.ts';

// the case the train job's certificate runs: a buyer (value 0.25, 2 kWh) against five fixed bids
const market = fixedBookMarket();

describe('a single bidder against a fixed book (uniform price, k = ½)', () => {
  it('the exact best response comes from the mechanism laboratory’s deviation search', () => {
    const br = market.bestResponse();
    // shading to 0.12 (the second buyer's price) keeps both kWh and sets the price to (0.12 + 0.10)/2 = 0.11
    expect(br.report).toBeCloseTo(0.12, 6);
    expect(br.utility).toBeCloseTo(2 * (0.25 - 0.11), 9);
    expect(br.truthful).toBeCloseTo(0.2, 9);
    // no price in the action range does better (a dense scan)
    for (let p = 0.05; p <= 0.3; p += 0.0025) expect(market.utilityAt(p)).toBeLessThanOrEqual(br.utility + 1e-9);
  });

  it('learns (close to) the best response: most of the gain over truthful bidding, its bid shaded to just above the best report', () => {
    const br = market.bestResponse();
    const check = fixedBookCheck(700, 1);
    const report = check.learnedReport;
    const u = market.utilityAt(report);
    expect(u).toBeCloseTo(check.learnedUtility, 12);
    expect(u).toBeGreaterThan(br.truthful + 0.6 * (br.utility - br.truthful));
    expect(check.passed).toBe(true);
    expect(report).toBeGreaterThanOrEqual(br.report);
    expect(report).toBeLessThan(br.report + 0.04);
  }, 120_000); // 700 training episodes: seconds on a quiet machine, far more under load
});
