/**
 * A two-level market on a partition (MODELS.md §11, "a mechanism inside
 * and between communities"), every quarter-hour:
 *
 * 1. **inside** each community, its households' net positions are cleared
 *    by a mechanism-laboratory rule (uniform price or bilateral, k = ½) on
 *    truthful bids: buyers at the retail price, sellers at the feed-in
 *    price (their fallbacks, community.ts);
 * 2. **between** communities, what each community did not match inside
 *    (its residual, one-sided because truthful bids match all that can)
 *    is bid by the community as one agent into a second-level uniform-price
 *    market (or not at all: `none`), again at retail / feed-in;
 * 3. what is left trades with the retailer (retail / feed-in).
 *
 * The network is not free: every kWh traded between two households pays a
 * wheeling charge proportional to the electrical distance between them
 * (currency per kWh per ohm, paid by the buyer), and a kWh between two
 * communities pays it on the mean distance between their members. Running
 * a community costs a fixed platform fee per day. So big communities trade
 * more but over longer distances, and many communities pay more fees: the
 * trade-off the design choices make.
 *
 * Community welfare = Σ households' saving against retail-only (fallback
 * bill − bill, bills including wheeling) − platform fees. Both rules are
 * budget balanced, so money only moves between households: welfare is the
 * spread times kWh traded, less wheeling and fees.
 */
import { mechanismRunner, type Bid, type BidBook, type Outcome } from '../../market/index.ts';
import { communityCount } from './detect.ts';
import type { Population } from './population.ts';

export const INSIDE_MECHANISMS = ['uniform-price', 'bilateral'] as const;
export type InsideMechanism = (typeof INSIDE_MECHANISMS)[number];
export const BETWEEN_MECHANISMS = ['uniform-price', 'none'] as const;
export type BetweenMechanism = (typeof BETWEEN_MECHANISMS)[number];

export interface Tariff {
  /** currency per kWh */
  retail: number;
  feedIn: number;
  /** currency per kWh per ohm of electrical distance between the trading parties */
  wheeling: number;
  /** currency per community per day of 96 quarter-hours (pro rata for shorter runs) */
  platformFee: number;
}

export interface CommunityOutcome {
  households: number;
  /** currency over the run: bills (incl. wheeling), what retail-only would cost, the saving */
  bills: number;
  fallbackBills: number;
  /** kWh traded inside, bought from other communities, sold to them, imported, load */
  inside: number;
  bought: number;
  sold: number;
  gridImport: number;
  load: number;
  selfSufficiency: number;
}

export interface DesignOutcome {
  welfare: number;
  /** Σ fallback bills − Σ bills (before platform fees) */
  saving: number;
  wheeling: number;
  platformFees: number;
  selfSufficiency: number;
  /** kWh inside communities and between them */
  insideKwh: number;
  betweenKwh: number;
  communities: CommunityOutcome[];
  /** kWh: largest imbalance over steps between what households net and what trades + retailer deliver */
  balanceResidual: number;
}

const runners = new Map<string, (b: BidBook) => Outcome>();
function runner(id: InsideMechanism | 'uniform-price'): (b: BidBook) => Outcome {
  let r = runners.get(id);
  if (!r) runners.set(id, (r = mechanismRunner(id, { units: 'divisible', bids: [] }, { k: 0.5 })));
  return r;
}

export function evaluateDesign(p: Population, partition: readonly number[], inside: InsideMechanism, between: BetweenMechanism, distances: readonly (readonly number[])[], tariff: Tariff): DesignOutcome {
  const { retail, feedIn, wheeling } = tariff;
  const n = p.households.length;
  if (partition.length !== n) throw new RangeError(`the partition has ${partition.length} entries for ${n} households`);
  const C = communityCount(partition);
  const members = Array.from({ length: C }, () => [] as number[]);
  partition.forEach((c, i) => members[c]!.push(i));
  // mean distance between two communities' members: the wheeling distance of a kWh between them
  const across = members.map((a) => members.map((b) => (a.length && b.length ? a.reduce((s, i) => s + b.reduce((t, j) => t + distances[i]![j]!, 0), 0) / (a.length * b.length) : 0)));
  const steps = p.households[0]!.net.length;
  const bill = new Array<number>(n).fill(0), fallback = new Array<number>(n).fill(0);
  const comm = members.map((m): CommunityOutcome => ({ households: m.length, bills: 0, fallbackBills: 0, inside: 0, bought: 0, sold: 0, gridImport: 0, load: 0, selfSufficiency: 1 }));
  let wheel = 0, insideKwh = 0, betweenKwh = 0, balanceResidual = 0;
  const index = new Map(p.households.map((h, i) => [h.id, i]));
  for (let t = 0; t < steps; t++) {
    const net = p.households.map((h) => (Math.abs(h.net[t]!) < 1e-9 ? 0 : h.net[t]!));
    const unmatched = net.map(Math.abs);
    net.forEach((q, i) => (fallback[i]! += q > 0 ? q * retail : q * feedIn));
    // 1. inside each community
    members.forEach((m, c) => {
      const bids: Bid[] = m.filter((i) => net[i] !== 0).map((i) => ({ agent: p.households[i]!.id, side: net[i]! > 0 ? 'buy' : 'sell', price: net[i]! > 0 ? retail : feedIn, quantity: Math.abs(net[i]!) }));
      if (!bids.some((b) => b.side === 'buy') || !bids.some((b) => b.side === 'sell')) return;
      const o = runner(inside)({ units: 'divisible', bids });
      o.agents.forEach((a, j) => (bill[index.get(a)!]! += o.payments[j]!));
      bids.forEach((b, j) => (unmatched[index.get(b.agent)!]! -= o.fills[j]!));
      for (const tr of o.trades) {
        const charge = wheeling * distances[index.get(tr.buyer)!]![index.get(tr.seller)!]! * tr.quantity;
        bill[index.get(tr.buyer)!]! += charge;
        wheel += charge;
        insideKwh += tr.quantity;
        comm[c]!.inside += tr.quantity;
      }
    });
    // 2. between communities, on their residuals; each community's payment is shared by its unmatched households pro rata
    if (between !== 'none' && C > 1) {
      const residual = members.map((m) => m.reduce((s, i) => s + Math.sign(net[i]!) * unmatched[i]!, 0));
      const bids: Bid[] = residual.flatMap((r, c): Bid[] => (Math.abs(r) < 1e-9 ? [] : [{ agent: `c${c}`, side: r > 0 ? 'buy' : 'sell', price: r > 0 ? retail : feedIn, quantity: Math.abs(r) }]));
      if (bids.some((b) => b.side === 'buy') && bids.some((b) => b.side === 'sell')) {
        const o = runner(between)({ units: 'divisible', bids });
        const cOf = (a: string) => Number(a.slice(1));
        const pay = new Array<number>(C).fill(0), fill = new Array<number>(C).fill(0);
        o.agents.forEach((a, j) => (pay[cOf(a)]! += o.payments[j]!));
        bids.forEach((b, j) => (fill[cOf(b.agent)]! += o.fills[j]!));
        for (const tr of o.trades) {
          const charge = wheeling * across[cOf(tr.buyer)]![cOf(tr.seller)]! * tr.quantity;
          pay[cOf(tr.buyer)]! += charge;
          wheel += charge;
          betweenKwh += tr.quantity;
          comm[cOf(tr.buyer)]!.bought += tr.quantity;
          comm[cOf(tr.seller)]!.sold += tr.quantity;
        }
        members.forEach((m, c) => {
          const open = m.filter((i) => unmatched[i]! > 1e-12 && Math.sign(net[i]!) === Math.sign(residual[c]!));
          const total = open.reduce((s, i) => s + unmatched[i]!, 0);
          if (total <= 0) return;
          const share = Math.min(1, fill[c]! / total);
          for (const i of open) (bill[i]! += (pay[c]! * unmatched[i]!) / total, unmatched[i]! -= share * unmatched[i]!);
        });
      }
    }
    // 3. the retailer takes the rest; check each household's energy: P2P + retailer = its net position
    members.forEach((m, c) => m.forEach((i) => {
      const q = net[i]!;
      if (q > 0) (bill[i]! += unmatched[i]! * retail, comm[c]!.gridImport += unmatched[i]!);
      else if (q < 0) bill[i]! -= unmatched[i]! * feedIn;
      comm[c]!.load += p.households[i]!.load[t]!;
      if (unmatched[i]! < -1e-9 || unmatched[i]! > Math.abs(q) + 1e-9) balanceResidual = Math.max(balanceResidual, Math.abs(unmatched[i]!));
    }));
  }
  members.forEach((m, c) => {
    const o = comm[c]!;
    o.bills = m.reduce((s, i) => s + bill[i]!, 0);
    o.fallbackBills = m.reduce((s, i) => s + fallback[i]!, 0);
    o.selfSufficiency = o.load > 0 ? 1 - o.gridImport / o.load : 1;
  });
  const saving = comm.reduce((s, o) => s + o.fallbackBills - o.bills, 0);
  const platformFees = tariff.platformFee * C * (steps / 96);
  const load = comm.reduce((s, o) => s + o.load, 0), imp = comm.reduce((s, o) => s + o.gridImport, 0);
  return { welfare: saving - platformFees, saving, wheeling: wheel, platformFees, selfSufficiency: load > 0 ? 1 - imp / load : 1, insideKwh, betweenKwh, communities: comm, balanceResidual };
}
