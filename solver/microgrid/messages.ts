/**
 * The message network the distributed agents talk over (MODELS.md §7,
 * "Communication"). Each directed link carries one vector per iteration (a
 * trade proposal, an injection, a report). A message posted at iteration k
 * arrives at k + d, d drawn uniformly from 0..maxDelay iterations, unless it
 * is lost (probability `lossProbability`); a receiver reads the newest
 * message that has arrived and reuses it until a newer one comes. Draws come
 * from one seeded stream in posting order, so a run replays exactly.
 */
import { createRng, type Rng } from '../whatif/random.ts';
import type { MessageStats } from './resultTypes.ts';

export interface LinkSettings {
  /** probability that a message is lost, 0..1 */
  lossProbability: number;
  /** largest delay, iterations; each message's delay is uniform on 0..maxDelay */
  maxDelayIterations: number;
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
  const perfect = settings.lossProbability === 0 && settings.maxDelayIterations === 0;
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
      if (rng && rng.next() < settings.lossProbability) {
        lost++;
        return;
      }
      const d = rng && settings.maxDelayIterations > 0 ? Math.floor(rng.next() * (settings.maxDelayIterations + 1)) : 0;
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
