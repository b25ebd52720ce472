/**
 * The bid-history table (one row per past bid of an agent) from which the
 * Bayesian mechanisms estimate each agent's prior, and the priors
 * themselves: a KDE of the agent's own history (kde.ts) or, for an agent
 * without history, a uniform prior on the support — which the result says.
 */
import { z } from 'zod';
import { sideSchema } from './book.ts';
import { fitKde, kdeQuantile, kdeSample, type Kde } from './kde.ts';
import type { Rng } from '../whatif/random.ts';

export const historyRowSchema = z.object({
  agent: z.string().min(1),
  side: sideSchema,
  price: z.number().finite(),
  /** when the bid was placed (any ordinal; informative only) */
  period: z.number().int().optional(),
});
export type HistoryRow = z.infer<typeof historyRowSchema>;
export type BidHistory = HistoryRow[];

export type Prior = { kind: 'uniform'; min: number; max: number } | { kind: 'kde'; kde: Kde };

export function priorQuantile(p: Prior, u: number): number {
  return p.kind === 'uniform' ? p.min + u * (p.max - p.min) : kdeQuantile(p.kde, u);
}

export function priorSample(p: Prior, rng: Rng): number {
  return p.kind === 'uniform' ? p.min + rng.next() * (p.max - p.min) : kdeSample(p.kde, rng);
}

export function priorSupport(p: Prior): [number, number] {
  return p.kind === 'uniform' ? [p.min, p.max] : [p.kde.lower, p.kde.upper];
}

/**
 * One prior per agent: the KDE of its history on [lower, upper], or uniform
 * on [lower, upper] when it has none (listed in `uniformFallback`).
 */
export function priorsFromHistory(history: BidHistory, agents: readonly string[], lower: number, upper: number): { priors: Record<string, Prior>; uniformFallback: string[] } {
  const byAgent = new Map<string, number[]>();
  for (const r of history) byAgent.set(r.agent, [...(byAgent.get(r.agent) ?? []), r.price]);
  const priors: Record<string, Prior> = {};
  const uniformFallback: string[] = [];
  for (const a of agents) {
    const xs = byAgent.get(a);
    if (xs && xs.length > 0) priors[a] = { kind: 'kde', kde: fitKde(xs.map((x) => Math.min(upper, Math.max(lower, x))), lower, upper) };
    else (priors[a] = { kind: 'uniform', min: lower, max: upper }), uniformFallback.push(a);
  }
  return { priors, uniformFallback };
}
