/**
 * Quality of transaction (QoT) over repeated markets (MODELS.md §9): the same
 * community trades round after round; each round's book is the recorded book
 * with every price moved by up to ±`priceNoise` (seeded), cleared by the
 * chosen rule. A seller then delivers part of what it promised and each party
 * settles its side on time or not. An agent's quality in a round is
 *   q = ½ · delivered / promised (its sales; 1 for a buyer) + ½ · share of its trades settled on time,
 * and its score is the exponentially weighted mean s ← (1 − α)·s + α·q,
 * starting at 1. An agent whose score falls below `threshold` may not bid
 * any more. The same draws are replayed without exclusion, so the effect of
 * the threshold is read off side by side: energy not delivered, and the
 * volume the excluded agents would have bid.
 *
 * Unreliable agents ("bad actors": among the agents that trade when the
 * recorded book is cleared, in book order, every one whose position is a
 * multiple of `1 / badShare` — at least one when badShare > 0 — so the choice
 * is plain to see and always matters) deliver 30–70 % and settle on time with
 * probability 0.6; the others deliver 95–100 % and settle on time with
 * probability 0.98.
 */
import { createRng } from '../whatif/random.ts';
import { mechanismRunner } from '../market/compare.ts';
import { agentsOf, type BidBook } from '../market/book.ts';
import type { MechanismId } from '../market/mechanismIds.ts';

export interface ReputationOptions {
  rounds: number;
  threshold: number;
  /** weight of the latest round in the score */
  alpha: number;
  badShare: number;
  priceNoise: number;
  seed: number;
  mechanism: MechanismId;
  k: number;
  tariff: { gridBuy: number; gridSell: number };
}

export interface ReputationRound {
  round: number;
  /** score of every agent after this round */
  scores: Record<string, number>;
  excluded: string[];
  /** kWh traded, promised by sellers, and not delivered */
  volume: number;
  shortfall: number;
  /** kWh the excluded agents bid in the recorded book (kept out of this round) */
  excludedVolume: number;
  /** the same round with nobody excluded */
  shortfallWithoutExclusion: number;
  volumeWithoutExclusion: number;
}

export interface ReputationResult {
  agents: string[];
  badActors: string[];
  threshold: number;
  rounds: ReputationRound[];
  /** shortfall over all rounds, with and without exclusion */
  totalShortfall: number;
  totalShortfallWithoutExclusion: number;
  /** round at which each excluded agent was excluded */
  excludedAt: Record<string, number>;
}

interface Behaviour {
  deliver: [number, number];
  onTime: number;
}
const RELIABLE: Behaviour = { deliver: [0.95, 1], onTime: 0.98 };
const UNRELIABLE: Behaviour = { deliver: [0.3, 0.7], onTime: 0.6 };

export function simulateReputation(book: BidBook, o: ReputationOptions): ReputationResult {
  const agents = agentsOf(book);
  const run = mechanismRunner(o.mechanism, book, { k: o.k, tariff: o.tariff });
  const inTrades = new Set(run(book).trades.filter((t) => t.quantity > 0).flatMap((t) => [t.seller, t.buyer]));
  const traders = agents.filter((a) => inTrades.has(a));
  const every = o.badShare > 0 ? Math.max(1, Math.min(traders.length, Math.round(1 / o.badShare))) : Infinity;
  const badActors = traders.filter((_, i) => (i + 1) % every === 0);
  const behaviour = (a: string) => (badActors.includes(a) ? UNRELIABLE : RELIABLE);
  // one world of draws per round, shared by the runs with and without exclusion
  const rng = createRng(o.seed);
  const worlds = Array.from({ length: o.rounds }, () => ({
    prices: book.bids.map(() => 1 + o.priceNoise * (2 * rng.next() - 1)),
    deliver: Object.fromEntries(agents.map((a) => [a, rng.next()])),
    onTime: Object.fromEntries(agents.map((a) => [a, rng.next()])),
  }));
  const play = (w: (typeof worlds)[number], allowed: (a: string) => boolean) => {
    const bids = book.bids.map((b, i) => ({ ...b, price: b.price * w.prices[i]! })).filter((b) => allowed(b.agent));
    const trades = bids.length ? run({ units: book.units, bids }).trades.filter((t) => t.quantity > 0) : [];
    const quality = new Map<string, { delivered: number; promised: number; trades: number; timely: number }>();
    const q = (a: string) => quality.get(a) ?? (quality.set(a, { delivered: 0, promised: 0, trades: 0, timely: 0 }), quality.get(a)!);
    let volume = 0, shortfall = 0;
    for (const t of trades) {
      const [lo, hi] = behaviour(t.seller).deliver;
      const delivered = t.quantity * (lo + (hi - lo) * w.deliver[t.seller]!);
      volume += t.quantity;
      shortfall += t.quantity - delivered;
      const s = q(t.seller);
      s.delivered += delivered;
      s.promised += t.quantity;
      for (const a of [t.seller, t.buyer]) {
        const x = q(a);
        x.trades++;
        if (w.onTime[a]! < behaviour(a).onTime) x.timely++;
      }
    }
    return { quality, volume, shortfall };
  };

  const scores: Record<string, number> = Object.fromEntries(agents.map((a) => [a, 1]));
  const excludedAt: Record<string, number> = {};
  const rounds: ReputationRound[] = [];
  for (const [r, w] of worlds.entries()) {
    const allowed = (a: string) => !(a in excludedAt);
    const excludedVolume = book.bids.filter((b) => !allowed(b.agent)).reduce((s, b) => s + b.quantity, 0);
    const withX = play(w, allowed);
    const without = play(w, () => true);
    for (const [a, x] of withX.quality) {
      const delivery = x.promised > 0 ? x.delivered / x.promised : 1;
      const quality = 0.5 * delivery + 0.5 * (x.timely / x.trades);
      scores[a] = (1 - o.alpha) * scores[a]! + o.alpha * quality;
    }
    for (const a of agents) if (allowed(a) && scores[a]! < o.threshold) excludedAt[a] = r + 1;
    rounds.push({
      round: r + 1,
      scores: { ...scores },
      excluded: agents.filter((a) => a in excludedAt),
      volume: withX.volume,
      shortfall: withX.shortfall,
      excludedVolume,
      shortfallWithoutExclusion: without.shortfall,
      volumeWithoutExclusion: without.volume,
    });
  }
  return {
    agents,
    badActors,
    threshold: o.threshold,
    rounds,
    totalShortfall: rounds.reduce((s, r) => s + r.shortfall, 0),
    totalShortfallWithoutExclusion: rounds.reduce((s, r) => s + r.shortfallWithoutExclusion, 0),
    excludedAt,
  };
}
