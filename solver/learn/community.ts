/**
 * The 15-minute double-auction community (MODELS.md §11): prosumers with
 * load, PV and a battery bid every quarter-hour into a mechanism-laboratory
 * rule; what the auction does not match is bought from the retailer at the
 * retail price or sold to it at the feed-in price.
 *
 * Each household's battery follows a fixed self-consumption rule (charge
 * from surplus, discharge into deficit, within power and capacity), so the
 * learners learn the bid price only: the quantity each household brings to
 * the market is its net position after the battery. Its reservation price
 * is the retail price as a buyer and the feed-in price as a seller (the
 * fallback it always has): that is the "truthful" bid. An agent's action
 * a ∈ [−1, 1] maps onto a bid price in [feed-in, retail].
 *
 * Reward: the agent's saving against the fallback in this quarter-hour,
 * (fallback bill − bill) / (retail − feed-in), i.e. in kWh-equivalents of
 * the full spread. The critic also sees the market price signal — the last
 * clearing price scaled to [−1, 1] — which all agents observe.
 */
import { mechanismRunner, type Bid, type BidBook, type Outcome, type Trade } from '../market/index.ts';
import { rngOf } from '../forecast/random.ts';
import { QUARTERS, type DayProfile } from './profiles.ts';
import { actionToPrice } from './fixedBook.ts';

export const COMMUNITY_MECHANISMS = ['uniform-price', 'pay-as-bid', 'bilateral'] as const;
export type CommunityMechanism = (typeof COMMUNITY_MECHANISMS)[number];

export interface CommunitySpec {
  households: number;
  /** share of households with PV (the rest are consumers) */
  pvShare: number;
  /** share of households with a battery */
  batteryShare: number;
  /** kWh, kW, round-trip efficiency */
  battery: { capacity: number; power: number; efficiency: number };
  /** currency per kWh */
  retail: number;
  feedIn: number;
  mechanism: CommunityMechanism;
  /** price weight of the bid (uniform price, bilateral) */
  k: number;
  /** quarter-hours per episode (96: a day); an episode starts at midnight */
  steps: number;
}

export interface Household {
  id: string;
  /** PV scale against the data's PV (0: no PV) */
  pvScale: number;
  battery: { capacity: number; power: number; efficiency: number } | null;
}

/** Local observation width: sin, cos of the time of day, side, quantity, state of charge. */
export const OBS_WIDTH = 5;
/** kWh that scales a quarter-hour's quantity in observations */
const Q_SCALE = 1;

export interface StepRecord {
  /** bid price per household, null when it did not bid */
  prices: (number | null)[];
  /** + buys, − sells, kWh */
  quantities: number[];
  /** kWh each household traded inside the community (the rule's fill) */
  p2p: number[];
  /** the rule's trades (who delivered to whom at what price) */
  trades: Trade[];
  /** money each household pays this quarter-hour (P2P and fallback; negative: receives) */
  bills: number[];
  fallbackBills: number[];
  clearing: number | null;
  /** kWh traded inside the community, and the most that could have been */
  traded: number;
  tradable: number;
  gridImport: number;
  gridExport: number;
  /** kWh of the community's load and PV this quarter-hour */
  load: number;
  pv: number;
  /** kWh into each battery at its terminals (negative: out of it) */
  battery: number[];
}

/** The households of a community: who has PV (scaled) and a battery, drawn once from the seed. */
export function makeHouseholds(spec: CommunitySpec, seed: number): Household[] {
  const rng = rngOf(seed ^ 0x5eed);
  return Array.from({ length: spec.households }, (_, i) => {
    const hasPv = (i + 0.5) / spec.households <= spec.pvShare;
    const hasBattery = (i + 0.5) / spec.households <= spec.batteryShare;
    return { id: `h${i + 1}`, pvScale: hasPv ? 0.6 + 0.8 * rng.next() : 0, battery: hasBattery ? { ...spec.battery } : null };
  });
}

export class CommunityMarket {
  readonly agents: number;
  readonly obsWidth = OBS_WIDTH;
  private readonly run: (b: BidBook) => Outcome;
  private day: DayProfile[] = [];
  private soc: number[] = [];
  private t = 0;
  private net: number[] = [];
  /** kWh into each battery at its terminals this quarter-hour (negative: out) */
  private flow: number[] = [];
  private lastPrice: number | null = null;

  constructor(readonly spec: CommunitySpec, readonly households: Household[], readonly days: DayProfile[]) {
    if (days.length === 0) throw new RangeError('the community needs at least one complete day of load and PV');
    if (!(spec.retail > spec.feedIn)) throw new RangeError(`retail (${spec.retail}) must exceed feed-in (${spec.feedIn})`);
    this.agents = households.length;
    this.run = mechanismRunner(spec.mechanism, { units: 'divisible', bids: [] }, { k: spec.k });
  }

  /** Starts episode `e`: household i lives day (e + 7·i) mod D (distinct days, changing every episode), batteries half full. */
  reset(episode: number): number[][] {
    const D = this.days.length;
    this.day = this.households.map((_, i) => this.days[(((episode + 7 * i) % D) + D) % D]!);
    this.soc = this.households.map((h) => (h.battery ? h.battery.capacity / 2 : 0));
    this.t = 0;
    this.lastPrice = null;
    this.positions();
    return this.observe();
  }

  /** The market price signal the critics see: the last clearing price on [−1, 1] (0 before the first). */
  priceSignal(): number {
    const { retail, feedIn } = this.spec;
    return this.lastPrice === null ? 0 : (2 * (this.lastPrice - feedIn)) / (retail - feedIn) - 1;
  }

  /** Which agents bid this quarter-hour. */
  active(): boolean[] {
    return this.net.map((q) => Math.abs(q) > 1e-9);
  }

  /** The bid price the action `a` stands for, and the truthful action (the reservation price) of agent i now. */
  priceOf(a: number): number {
    return actionToPrice(a, this.spec.feedIn, this.spec.retail);
  }
  truthfulAction(i: number): number {
    return this.net[i]! > 0 ? 1 : -1;
  }

  /** Battery rule, then the net position each household brings to the market. */
  private positions(): void {
    const q = this.t % QUARTERS;
    this.flow = this.households.map(() => 0);
    this.net = this.households.map((h, i) => {
      const d = this.day[i]!;
      let net = d.load[q]! - h.pvScale * d.pv[q]!;
      const b = h.battery;
      if (b) {
        const eta = Math.sqrt(b.efficiency), limit = b.power / 4;
        if (net < 0) {
          const charge = Math.min(-net, limit, (b.capacity - this.soc[i]!) / eta);
          this.soc[i]! += charge * eta;
          this.flow[i] = charge;
          net += charge;
        } else if (net > 0) {
          const discharge = Math.min(net, limit, this.soc[i]! * eta);
          this.soc[i]! -= discharge / eta;
          this.flow[i] = -discharge;
          net -= discharge;
        }
      }
      return Math.abs(net) < 1e-9 ? 0 : net;
    });
  }

  private observe(): number[][] {
    const angle = (2 * Math.PI * (this.t % QUARTERS)) / QUARTERS;
    return this.households.map((h, i) => {
      const n = this.net[i]!;
      return [Math.sin(angle), Math.cos(angle), n > 0 ? 1 : n < 0 ? -1 : 0, Math.abs(n) / Q_SCALE, h.battery ? this.soc[i]! / h.battery.capacity : 0];
    });
  }

  /** Clears one quarter-hour with the agents' actions (inactive agents' actions are ignored). */
  step(actions: readonly number[]): { obs: number[][]; rewards: number[]; done: boolean; record: StepRecord } {
    const { retail, feedIn } = this.spec;
    const bids: Bid[] = [];
    const bidOf: number[] = [];
    const prices = this.net.map((q, i): number | null => {
      if (q === 0) return null;
      const price = this.priceOf(actions[i]!);
      bidOf[i] = bids.push({ agent: this.households[i]!.id, side: q > 0 ? 'buy' : 'sell', price, quantity: Math.abs(q) }) - 1;
      return price;
    });
    const outcome = bids.length > 0 ? this.run({ units: 'divisible', bids }) : null;
    const paid = new Map(outcome?.agents.map((a, j) => [a, outcome.payments[j]!]) ?? []);
    let traded = 0, demand = 0, supply = 0, gridImport = 0, gridExport = 0, load = 0, pv = 0;
    const bills: number[] = [], fallbackBills: number[] = [], rewards: number[] = [], p2p: number[] = [];
    this.net.forEach((q, i) => {
      load += this.day[i]!.load[this.t % QUARTERS]!;
      pv += this.households[i]!.pvScale * this.day[i]!.pv[this.t % QUARTERS]!;
      const fill = q === 0 ? 0 : outcome!.fills[bidOf[i]!]!;
      const unmatched = Math.abs(q) - fill;
      const fallback = q > 0 ? q * retail : q * feedIn;
      const bill = q === 0 ? 0 : paid.get(this.households[i]!.id)! + (q > 0 ? unmatched * retail : -unmatched * feedIn);
      if (q > 0) (demand += q, traded += fill, gridImport += unmatched);
      else if (q < 0) (supply -= q, gridExport += unmatched);
      p2p.push(fill);
      bills.push(bill);
      fallbackBills.push(fallback);
      rewards.push((fallback - bill) / (retail - feedIn));
    });
    const clearing = outcome?.prices.clearing ?? (traded > 0 ? averagePrice(outcome!, traded) : null);
    if (clearing !== null) this.lastPrice = clearing;
    const record: StepRecord = { prices, quantities: [...this.net], p2p, trades: outcome?.trades ?? [], bills, fallbackBills, clearing, traded, tradable: Math.min(demand, supply), gridImport, gridExport, load, pv, battery: [...this.flow] };
    this.t++;
    const done = this.t >= this.spec.steps;
    if (!done) this.positions();
    return { obs: this.observe(), rewards, done, record };
  }
}

/** The volume-weighted price buyers paid (discriminatory rules announce no single clearing price). */
function averagePrice(outcome: { trades: { quantity: number; price: number }[] }, traded: number): number {
  return outcome.trades.reduce((s, t) => s + t.quantity * t.price, 0) / traded;
}
