import { describe, expect, it } from 'vitest';
import { FederatedBidders } from '../../../solver/learn/bidders.ts';
import { FixedBookEnv, FixedBookMarket, actionToPrice } from '../../../solver/learn/fixedBook.ts';
import type { Bid } from '../../../solver/market/index.ts';

const others: Bid[] = [
  { agent: 's1', side: 'sell', price: 0.06, quantity: 1 }, { agent: 's2', side: 'sell', price: 0.1, quantity: 2 }, { agent: 's3', side: 'sell', price: 0.16, quantity: 2 },
  { agent: 'b1', side: 'buy', price: 0.2, quantity: 1 }, { agent: 'b2', side: 'buy', price: 0.12, quantity: 2 },
];
const market = new FixedBookMarket({ own: { agent: 'me', side: 'buy', price: 0.25, quantity: 2 }, others, mechanism: 'uniform-price', lo: 0.05, hi: 0.3 });
const config = { batch: 32, warmup: 32, noiseFrom: 0.6, noiseTo: 0.1, noiseDecay: 600, federatedEvery: 0, hidden: [16, 16], actorLr: 3e-3, criticLr: 1e-2 };

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
    const learner = new FederatedBidders(new FixedBookEnv(market, 0.3), config, 1);
    for (let e = 0; e < 700; e++) learner.trainEpisode();
    const report = actionToPrice(learner.act([[1]])[0]!, 0.05, 0.3);
    learner.dispose();
    const u = market.utilityAt(report);
    expect(u).toBeGreaterThan(br.truthful + 0.6 * (br.utility - br.truthful));
    expect(report).toBeGreaterThanOrEqual(br.report);
    expect(report).toBeLessThan(br.report + 0.04);
  }, 120_000); // 700 training episodes: seconds on a quiet machine, far more under load
});
