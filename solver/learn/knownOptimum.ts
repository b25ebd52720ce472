/**
 * The bidders' known-optimum check as a reusable case: one learning buyer
 * (value 0.25, 2 kWh) against a fixed book cleared at a uniform price with
 * k = ½, whose exact best response the mechanism laboratory computes
 * (fixedBook.ts: shading to 0.12, utility 0.28 against 0.20 truthful). The
 * `train` job runs it with the same learner code as part of its
 * certificate; test/solver/learn/bidders.test.ts asks the same threshold.
 */
import type { Bid } from '../market/index.ts';
import { FederatedBidders } from './bidders.ts';
import { FixedBookEnv, FixedBookMarket, actionToPrice } from './fixedBook.ts';

export const FIXED_BOOK_OTHERS: Bid[] = [
  { agent: 's1', side: 'sell', price: 0.06, quantity: 1 }, { agent: 's2', side: 'sell', price: 0.1, quantity: 2 }, { agent: 's3', side: 'sell', price: 0.16, quantity: 2 },
  { agent: 'b1', side: 'buy', price: 0.2, quantity: 1 }, { agent: 'b2', side: 'buy', price: 0.12, quantity: 2 },
];
export const fixedBookMarket = () => new FixedBookMarket({ own: { agent: 'me', side: 'buy', price: 0.25, quantity: 2 }, others: FIXED_BOOK_OTHERS, mechanism: 'uniform-price', lo: 0.05, hi: 0.3 });
/** hyper-parameters the check trains with (one agent, one-step episodes) */
export const FIXED_BOOK_CONFIG = { batch: 32, warmup: 32, noiseFrom: 0.6, noiseTo: 0.1, noiseDecay: 600, federatedEvery: 0, hidden: [16, 16], actorLr: 3e-3, criticLr: 1e-2 };
/** the share of the best response's gain over truthful bidding the learner must reach */
export const FIXED_BOOK_GAIN_SHARE = 0.6;

export interface FixedBookCheck {
  episodes: number;
  seed: number;
  bestReport: number;
  bestUtility: number;
  truthfulUtility: number;
  learnedReport: number;
  learnedUtility: number;
  /** (learned − truthful) / (best − truthful) */
  gainShare: number;
  passed: boolean;
}

export function fixedBookCheck(episodes: number, seed: number): FixedBookCheck {
  const market = fixedBookMarket();
  const br = market.bestResponse();
  const learner = new FederatedBidders(new FixedBookEnv(market, 0.3), FIXED_BOOK_CONFIG, seed);
  try {
    for (let e = 0; e < episodes; e++) learner.trainEpisode();
    const report = actionToPrice(learner.act([[1]])[0]!, 0.05, 0.3);
    const u = market.utilityAt(report);
    const gainShare = (u - br.truthful) / (br.utility - br.truthful);
    return { episodes, seed, bestReport: br.report, bestUtility: br.utility, truthfulUtility: br.truthful, learnedReport: report, learnedUtility: u, gainShare, passed: gainShare >= FIXED_BOOK_GAIN_SHARE };
  } finally {
    learner.dispose();
  }
}
