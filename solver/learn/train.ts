/**
 * Training the federated bidders on the 15-minute community, with the
 * baselines on the same episodes (the `train` job, docs/models/learning.md):
 *
 * - one set of bidders per seed, trained side by side one episode at a
 *   time, so the learning curve and its 95 % band over seeds grow together
 *   (the progress of every episode carries them: a view can draw the curve
 *   while it is being learned);
 * - every episode is also cleared with truthful bids (each household bids
 *   its reservation price) on the same days — the truthful baseline — and
 *   read as retail-only (outcomes.ts), so the three are compared on equal
 *   footing;
 * - at the end each seed's greedy policy (no exploration) is evaluated on
 *   the first `evalEpisodes` episodes' days (the same for every checkpoint,
 *   so saved policies compare; training saw them) with the baselines, and every evaluated
 *   step is checked: energy balances and bills recomputed from the rule's
 *   trades (checks.ts).
 *
 * A run may start from saved actor weights (one per seed, or one for all)
 * and may train zero episodes: that evaluates a saved policy.
 */
import type { NetWeights } from './network.ts';
import { Net } from './network.ts';
import { FederatedBidders, type BidderConfig, type BidEnv } from './bidders.ts';
import { CommunityMarket, makeHouseholds, type CommunitySpec, type Household, type StepRecord } from './community.ts';
import type { DayProfile } from './profiles.ts';
import { OutcomeTally, band, type MarketOutcome } from './outcomes.ts';
import { actionToPrice } from './fixedBook.ts';
import { stepChecks, type StepChecks } from './checks.ts';

export interface TrainSetup {
  community: CommunitySpec;
  bidder: Partial<BidderConfig>;
  episodes: number;
  evalEpisodes: number;
  seeds: number[];
  /** seed of the households (who has PV, a battery) */
  householdSeed: number;
  /** episodes between policy snapshots kept in the result (0: none) */
  checkpointEvery?: number;
  /** start from these actors (one per seed, or one for all) */
  initial?: NetWeights[];
}

export interface Band { mean: number; lo: number; hi: number }

/** One training episode, across seeds. Money in currency for the whole community and episode. */
export interface EpisodeCurve {
  episode: number;
  /** saving against retail-only with the learners' (exploring) bids, per seed */
  saving: number[];
  savingBand: Band;
  /** the same days with truthful bids */
  truthfulSaving: number;
  /** mean bid price of the policies (no noise) per side, per seed; null when nobody bid on that side */
  buyBid: (number | null)[];
  sellBid: (number | null)[];
  noise: number;
}

export interface PolicyMap {
  /** hours of the day (columns) and kWh per quarter-hour (rows) */
  hours: number[];
  quantities: number[];
  /** bid price [row][column] with the battery half full */
  buy: number[][];
  sell: number[][];
}

export interface TrainResult {
  households: Household[];
  days: number;
  curves: EpisodeCurve[];
  evaluation: { learned: MarketOutcome[]; learnedBand: { saving: Band; bills: Band; selfSufficiency: Band; efficiency: Band | null }; truthful: MarketOutcome; retailOnly: MarketOutcome; episodes: number };
  policies: NetWeights[];
  /** the policies every `checkpointEvery` episodes (per seed), for checkpoints */
  snapshots: { episode: number; policies: NetWeights[] }[];
  policyMap: PolicyMap;
  checks: StepChecks;
}

export interface TrainProgress {
  fraction: number;
  stage: string;
  metrics: Record<string, number>;
}

/** A community that tallies every step it clears. */
class Tallied implements BidEnv {
  tally = new OutcomeTally();
  constructor(readonly market: CommunityMarket, readonly onStep?: (r: StepRecord) => void) {}
  get agents() { return this.market.agents; }
  get obsWidth() { return this.market.obsWidth; }
  reset(e: number) { this.tally = new OutcomeTally(); return this.market.reset(e); }
  priceSignal() { return this.market.priceSignal(); }
  active() { return this.market.active(); }
  step(actions: readonly number[]) {
    const s = this.market.step(actions);
    this.tally.add(s.record);
    this.onStep?.(s.record);
    return s;
  }
}

/** One episode with a fixed policy (greedy learners or truthful bids). */
function runEpisode(env: Tallied, e: number, policy: (obs: number[][]) => number[]): OutcomeTally {
  let obs = env.reset(e);
  for (let done = false; !done; ) {
    const s = env.step(policy(obs));
    obs = s.obs;
    done = s.done;
  }
  return env.tally;
}

const truthfulPolicy = (m: CommunityMarket) => () => Array.from({ length: m.agents }, (_, i) => m.truthfulAction(i));

export function* trainCommunity(days: DayProfile[], setup: TrainSetup): Generator<TrainProgress, TrainResult, void> {
  const { community: spec, seeds, episodes } = setup;
  const households = makeHouseholds(spec, setup.householdSeed);
  const newMarket = () => new CommunityMarket(spec, households, days);
  const initialOf = (s: number) => setup.initial?.[setup.initial.length === 1 ? 0 : s];
  const learners = seeds.map((seed, s) => new FederatedBidders(new Tallied(newMarket()), setup.bidder, seed, initialOf(s)));
  const truthful = new Tallied(newMarket());
  const price = (a: number | null) => (a === null ? null : actionToPrice(a, spec.feedIn, spec.retail));
  try {
    const curves: EpisodeCurve[] = [];
    const snapshots: TrainResult['snapshots'] = [];
    for (let e = 0; e < episodes; e++) {
      const logs = learners.map((l) => l.trainEpisode());
      const saving = learners.map((l) => (l.env as Tallied).tally.outcome().saving);
      const truthfulSaving = runEpisode(truthful, e, truthfulPolicy(truthful.market)).outcome().saving;
      const curve: EpisodeCurve = {
        episode: e + 1, saving, savingBand: band(saving), truthfulSaving,
        buyBid: logs.map((g) => price(g.meanBuyAction)), sellBid: logs.map((g) => price(g.meanSellAction)), noise: logs[0]!.noise,
      };
      curves.push(curve);
      if (setup.checkpointEvery && (e + 1) % setup.checkpointEvery === 0 && e + 1 < episodes) snapshots.push({ episode: e + 1, policies: learners.map((l) => l.snapshot()) });
      const bid = (xs: (number | null)[]) => { const v = xs.filter((x): x is number => x !== null); return v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN; };
      yield {
        fraction: ((e + 1) / episodes) * 0.9, stage: `episode ${e + 1} of ${episodes}`,
        metrics: { episode: e + 1, saving: curve.savingBand.mean, savingLo: curve.savingBand.lo, savingHi: curve.savingBand.hi, truthfulSaving, buyBid: bid(curve.buyBid), sellBid: bid(curve.sellBid), noise: curve.noise },
      };
    }
    const policies = learners.map((l) => l.policy());
    // evaluation: greedy policies and the baselines on the episodes after training, every step checked
    let checks: StepChecks = { steps: 0, balanceResidual: 0, p2pResidual: 0, billDeviation: 0 };
    const check = (r: StepRecord) => { checks = stepChecks(checks, r, spec); };
    // the first episodes' days: the same for every checkpoint, so saved policies compare (training saw them)
    const evalFrom = 0;
    const learned = learners.map((l, s) => {
      const env = new Tallied(newMarket(), check);
      const total = new OutcomeTally();
      for (let e = 0; e < setup.evalEpisodes; e++) merge(total, runEpisode(env, evalFrom + e, (obs) => l.act(obs)));
      void s;
      return total.outcome();
    });
    yield { fraction: 0.95, stage: 'evaluating the baselines', metrics: {} };
    const base = new Tallied(newMarket(), check);
    const baseTotal = new OutcomeTally();
    for (let e = 0; e < setup.evalEpisodes; e++) merge(baseTotal, runEpisode(base, evalFrom + e, truthfulPolicy(base.market)));
    const eff = learned.map((o) => o.efficiency).filter((x): x is number => x !== null);
    return {
      households, days: days.length, curves, policies, snapshots, checks,
      evaluation: {
        learned, episodes: setup.evalEpisodes, truthful: baseTotal.outcome(), retailOnly: baseTotal.retailOnly(),
        learnedBand: { saving: band(learned.map((o) => o.saving)), bills: band(learned.map((o) => o.bills)), selfSufficiency: band(learned.map((o) => o.selfSufficiency)), efficiency: eff.length === learned.length ? band(eff) : null },
      },
      policyMap: policyMap(policies[0]!, spec),
    };
  } finally {
    learners.forEach((l) => l.dispose());
  }
}

function merge(into: OutcomeTally, from: OutcomeTally): void {
  into.bills += from.bills; into.fallbackBills += from.fallbackBills; into.traded += from.traded; into.tradable += from.tradable;
  into.gridImport += from.gridImport; into.deficit += from.deficit; into.load += from.load; into.steps += from.steps;
}

/** The policy as a teacher reads it: bid price by hour of day and quantity, for buyers and sellers, battery half full. */
export function policyMap(weights: NetWeights, spec: CommunitySpec, maxKwh = 1.5): PolicyMap {
  const hours = Array.from({ length: 24 }, (_, h) => h);
  const quantities = Array.from({ length: 13 }, (_, j) => (maxKwh * j) / 12);
  const net = Net.fromWeights(weights);
  try {
    const side = (sign: number) => quantities.map((q) => {
      const rows = hours.map((h) => { const a = (2 * Math.PI * h * 4) / 96; return [Math.sin(a), Math.cos(a), sign, q, 0.5]; });
      return net.predict(rows).map((r) => actionToPrice(r[0]!, spec.feedIn, spec.retail));
    });
    return { hours, quantities, buy: side(1), sell: side(-1) };
  } finally {
    net.dispose();
  }
}
