/**
 * The known-optimum check of the bidders: one learning bidder against a
 * fixed book of the others' bids, cleared by a mechanism-laboratory rule.
 * The bidder has a true price (value as a buyer, cost as a seller) and a
 * quantity; its action in [−1, 1] maps linearly onto the reports it may make
 * in [lo, hi]; its reward is its true utility (value of what it trades −
 * what it pays) in the cleared outcome.
 *
 * `bestResponse` computes the exact best report with the laboratory's own
 * misreport search: its candidate reports (every other agent's price ± ε
 * and a grid; utilities under these rules are piecewise linear in the
 * report with breaks only at others' prices, so the maximum is at one of
 * them or an end of the range) evaluated by the fast deviator of the rule
 * (deviators.ts) where it applies, else by re-clearing the book.
 */
import { agentUtility, candidateReports, mechanismRunner, prepare, reportBook, type Bid, type BidBook, type MechanismId, type Outcome, type Prepared } from '../market/index.ts';
import { deviators } from '../market/deviators.ts';

export interface FixedBookSpec {
  /** the others' bids */
  others: Bid[];
  /** the learner's true bid (its price is its value or cost) */
  own: Bid;
  mechanism: MechanismId;
  /** the range of reports the learner's action spans */
  lo: number;
  hi: number;
  /** price weight of the bid (uniform price, bilateral) */
  k?: number;
}

export const actionToPrice = (a: number, lo: number, hi: number): number => lo + ((Math.min(1, Math.max(-1, a)) + 1) / 2) * (hi - lo);
export const priceToAction = (p: number, lo: number, hi: number): number => (2 * (p - lo)) / (hi - lo) - 1;

export class FixedBookMarket {
  readonly book: BidBook;
  private readonly agent: number;
  private readonly run: (b: BidBook) => Outcome;
  private readonly truth: Prepared;

  constructor(readonly spec: FixedBookSpec) {
    this.book = { units: 'divisible', bids: [spec.own, ...spec.others] };
    this.truth = prepare(this.book);
    this.agent = this.truth.agents.indexOf(spec.own.agent);
    this.run = mechanismRunner(spec.mechanism, this.book, { k: spec.k });
  }

  /** The learner's true utility when it reports `report` (others as booked). */
  utilityAt(report: number): number {
    const shifted = reportBook(this.truth, this.agent, report - this.spec.own.price);
    return agentUtility(this.truth, this.run(shifted), this.agent);
  }

  /** Utility of the action a ∈ [−1, 1]. */
  reward(a: number): number {
    return this.utilityAt(actionToPrice(a, this.spec.lo, this.spec.hi));
  }

  /** The exact best report within [lo, hi] and its utility (the laboratory's misreport search, restricted to the action range). */
  bestResponse(): { report: number; utility: number; truthful: number } {
    const { lo, hi, own } = this.spec;
    const fast = deviators(this.spec.mechanism, this.truth, { k: this.spec.k ?? 0.5 })?.(this.agent) ?? null;
    const utility = (r: number) => fast?.(r, 1) ?? this.utilityAt(r);
    const candidates = [...candidateReports(this.book, own.agent, { gridPoints: 201 }), lo, hi].filter((r) => r >= lo && r <= hi);
    let best = { report: own.price, utility: utility(own.price) };
    for (const r of candidates) {
      const u = utility(r);
      if (u > best.utility + 1e-12) best = { report: r, utility: u };
    }
    return { ...best, truthful: utility(own.price) };
  }
}

/** The fixed book as a one-agent, one-step market for the bidders (observation: a constant). */
export class FixedBookEnv {
  readonly agents = 1;
  readonly obsWidth = 1;
  constructor(readonly market: FixedBookMarket, readonly rewardScale = 1) {}
  reset(): number[][] {
    return [[1]];
  }
  priceSignal(): number {
    return 0;
  }
  active(): boolean[] {
    return [true];
  }
  step(actions: readonly number[]): { obs: number[][]; rewards: number[]; done: boolean } {
    return { obs: [[1]], rewards: [this.market.reward(actions[0]!) / this.rewardScale], done: true };
  }
}
