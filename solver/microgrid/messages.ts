/**
 * The message network the distributed agents talk over (MODELS.md §7,
 * "Communication"). Each directed link carries one vector per iteration (a
 * trade proposal, an injection, a report). A message posted at iteration k
 * arrives at k + d, d drawn uniformly from 0..maxDelay iterations, unless it
 * is lost (probability `lossProbability`); a receiver reads the newest
 * message that has arrived and reuses it until a newer one comes. Draws come
 * from one seeded stream in posting order, so a run replays exactly.
 *
 * Time-varying links: `schedule` lists phases, each from an iteration on,
 * with its own loss probability and largest delay (e.g. a link that degrades
 * at iteration 50 and recovers at 120). A message takes the phase of the
 * iteration it is posted in; a message delayed past a phase change still
 * arrives when its own draw said.
 *
 * Per-link settings (`links`): the link between two agents (microgrid ids,
 * or `adn` for the operator) may override the loss probability, the delay
 * distribution (fixed, uniform or geometric in iterations) and the bandwidth
 * (kbit per iteration, each direction). What a link overrides holds in every
 * iteration; what it does not follows the network-wide setting and its
 * schedule. Bandwidth: a message of n numbers is 0.064·n kbit (float64); a
 * link sends its queue first-in first-out at its bandwidth, so a message
 * larger than one iteration's budget, or behind another, arrives later (then
 * the link's delay is added). A message still waiting to start when a newer
 * one is posted on the same link is dropped ("superseded"): receivers use
 * only the newest value, and without this a link slower than its traffic
 * would queue without end.
 */
import { createRng, type Rng } from '../whatif/random.ts';
import type { MessageStats } from './resultTypes.ts';

export interface LinkSettings {
  /** probability that a message is lost, 0..1 */
  lossProbability: number;
  /** largest delay, iterations; each message's delay is uniform on 0..maxDelay */
  maxDelayIterations: number;
  /** phases of a time-varying network, by increasing `fromIteration`; before the first, the settings above hold */
  schedule?: readonly LinkPhase[];
  /** the bandwidth of every link without its own, kbit per iteration and direction; unlimited when absent */
  bandwidthKbitPerIteration?: number;
  /** per-link overrides (the link between two agents, both directions) */
  links?: readonly LinkOverride[];
}

/** How many iterations a message is late. */
export type DelayDistribution =
  | { kind: 'fixed'; iterations: number }
  /** uniform on 0..maxIterations */
  | { kind: 'uniform'; maxIterations: number }
  /** P(d = n) = p(1 − p)^n, n ≥ 0, with p = 1/(1 + mean), cut at maxIterations */
  | { kind: 'geometric'; meanIterations: number; maxIterations: number };

export interface LinkOverride {
  /** the two agents: microgrid ids, or `adn` for the operator */
  between: readonly [string, string];
  lossProbability?: number;
  delay?: DelayDistribution;
  bandwidthKbitPerIteration?: number;
}

/** Size of a message of n float64 numbers, kbit. */
export const KBIT_PER_NUMBER = 0.064;

export interface LinkPhase {
  /** the first iteration (≥ 1) this phase holds for */
  fromIteration: number;
  lossProbability: number;
  maxDelayIterations: number;
}

/** The loss and delay a message posted at iteration k meets. */
export function linkAt(settings: LinkSettings, k: number): { lossProbability: number; maxDelayIterations: number } {
  let now: { lossProbability: number; maxDelayIterations: number } = settings;
  for (const phase of settings.schedule ?? []) if (phase.fromIteration <= k) now = phase;
  return now;
}

/** No message is ever lost or late, in any phase, on any link. */
export function isPerfect(settings: LinkSettings): boolean {
  return (
    [settings, ...(settings.schedule ?? [])].every((p) => p.lossProbability === 0 && p.maxDelayIterations === 0) &&
    settings.bandwidthKbitPerIteration === undefined &&
    (settings.links ?? []).every((l) => !l.lossProbability && (!l.delay || delayIsZero(l.delay)) && l.bandwidthKbitPerIteration === undefined)
  );
}

const delayIsZero = (d: DelayDistribution) => (d.kind === 'fixed' ? d.iterations === 0 : d.kind === 'uniform' ? d.maxIterations === 0 : d.meanIterations === 0 || d.maxIterations === 0);

/** The two agents of a link name `from>to` or `from>to:topic`. */
export function endpointsOf(link: string): [string, string] {
  const bare = link.split(':')[0]!;
  const at = bare.indexOf('>');
  return at < 0 ? [bare, ''] : [bare.slice(0, at), bare.slice(at + 1)];
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/** One delay draw; `u` uniform on [0, 1). */
export function drawDelay(d: DelayDistribution, u: number): number {
  if (d.kind === 'fixed') return d.iterations;
  if (d.kind === 'uniform') return Math.floor(u * (d.maxIterations + 1));
  if (d.meanIterations <= 0) return 0;
  // inversion of the geometric distribution function: d = ⌊ln(1 − u)/ln(1 − p)⌋
  const p = 1 / (1 + d.meanIterations);
  return Math.min(d.maxIterations, Math.floor(Math.log(1 - u) / Math.log(1 - p)));
}

/** Whether a delay distribution needs a random draw (a fixed delay, or none, does not). */
const drawsDelay = (d: DelayDistribution) => !delayIsZero(d) && d.kind !== 'fixed';

export type { MessageStats };

export interface MessageNetwork {
  post(link: string, k: number, value: Float64Array): void;
  /** the newest message on `link` that has arrived by iteration k; undefined before the first arrives */
  read(link: string, k: number): Float64Array | undefined;
  stats(): MessageStats;
}

interface InFlight {
  sentAt: number;
  arrivesAt: number;
  value: Float64Array;
}

interface LinkState {
  pending: InFlight[];
  current: InFlight | undefined;
  override: LinkOverride | undefined;
  bandwidth: number | undefined;
  /** the time (iterations, fractional) the link's sender is busy until */
  busyUntil: number;
  /** the message queued behind the one in transmission, not yet started: a newer post supersedes it */
  waiting: { message: InFlight; start: number; busyBefore: number } | undefined;
}

export function messageNetwork(settings: LinkSettings, seed: number): MessageNetwork {
  const perfect = isPerfect(settings);
  const rng: Rng | null = perfect ? null : createRng(seed);
  const overrides = new Map((settings.links ?? []).map((l) => [pairKey(l.between[0], l.between[1]), l]));
  const links = new Map<string, LinkState>();
  let posted = 0, lost = 0, delivered = 0, delaySum = 0, superseded = 0, queued = 0;
  const linkOf = (name: string) => {
    let l = links.get(name);
    if (!l) {
      const [from, to] = endpointsOf(name);
      const override = overrides.get(pairKey(from, to));
      links.set(name, (l = { pending: [], current: undefined, override, bandwidth: override?.bandwidthKbitPerIteration ?? settings.bandwidthKbitPerIteration, busyUntil: 0, waiting: undefined }));
    }
    return l;
  };
  return {
    post(link, k, value) {
      posted++;
      const l = linkOf(link);
      const now = linkAt(settings, k);
      const loss = l.override?.lossProbability ?? now.lossProbability;
      // the draws keep the order of the network-wide model (loss, then delay) so a network without overrides replays as before
      if (rng && rng.next() < loss) {
        lost++;
        return;
      }
      const delay: DelayDistribution = l.override?.delay ?? { kind: 'uniform', maxIterations: now.maxDelayIterations };
      const d = rng && drawsDelay(delay) ? drawDelay(delay, rng.next()) : drawDelay(delay, 0);
      let done = k;
      if (l.bandwidth !== undefined) {
        // first-in first-out at the link's bandwidth; a message not yet started is superseded by this one
        if (l.waiting && l.waiting.start > k && l.pending.includes(l.waiting.message)) {
          const dropped = l.waiting;
          l.pending = l.pending.filter((m) => m !== dropped.message);
          l.busyUntil = dropped.busyBefore;
          superseded++;
          delivered--;
          delaySum -= dropped.message.arrivesAt - dropped.message.sentAt;
        }
        const start = Math.max(k, l.busyUntil);
        const finish = start + (KBIT_PER_NUMBER * value.length) / l.bandwidth;
        // sent within iteration ⌈finish⌉ − 1 (iteration k spans [k, k + 1))
        done = Math.max(k, Math.ceil(finish - 1e-12) - 1);
        if (done > k) queued++;
        const message = { sentAt: k, arrivesAt: done + d, value: Float64Array.from(value) };
        l.waiting = { message, start, busyBefore: l.busyUntil };
        l.busyUntil = finish;
        l.pending.push(message);
      } else l.pending.push({ sentAt: k, arrivesAt: k + d, value: Float64Array.from(value) });
      delivered++;
      delaySum += done - k + d;
    },
    read(link, k) {
      const l = linkOf(link);
      const still: InFlight[] = [];
      for (const m of l.pending) {
        if (m.arrivesAt > k) still.push(m);
        // an overtaken message (sent earlier, arriving later) is stale: keep the newest by send time
        else if (!l.current || m.sentAt >= l.current.sentAt) l.current = m;
      }
      l.pending = still;
      return l.current?.value;
    },
    stats: () => ({ posted, lost, meanDelay: delivered > 0 ? delaySum / delivered : 0, ...(superseded + queued > 0 ? { superseded, queued } : {}) }),
  };
}
