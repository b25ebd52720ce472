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
}

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

/** No message is ever lost or late, in any phase. */
export function isPerfect(settings: LinkSettings): boolean {
  return [settings, ...(settings.schedule ?? [])].every((p) => p.lossProbability === 0 && p.maxDelayIterations === 0);
}

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

export function messageNetwork(settings: LinkSettings, seed: number): MessageNetwork {
  const perfect = isPerfect(settings);
  const rng: Rng | null = perfect ? null : createRng(seed);
  const links = new Map<string, { pending: InFlight[]; current: InFlight | undefined }>();
  let posted = 0, lost = 0, delivered = 0, delaySum = 0;
  const linkOf = (name: string) => {
    let l = links.get(name);
    if (!l) links.set(name, (l = { pending: [], current: undefined }));
    return l;
  };
  return {
    post(link, k, value) {
      posted++;
      const l = linkOf(link);
      const now = linkAt(settings, k);
      if (rng && rng.next() < now.lossProbability) {
        lost++;
        return;
      }
      const d = rng && now.maxDelayIterations > 0 ? Math.floor(rng.next() * (now.maxDelayIterations + 1)) : 0;
      delivered++;
      delaySum += d;
      l.pending.push({ sentAt: k, arrivesAt: k + d, value: Float64Array.from(value) });
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
    stats: () => ({ posted, lost, meanDelay: delivered > 0 ? delaySum / delivered : 0 }),
  };
}
