/**
 * Community detection, two methods on two bases (MODELS.md §11):
 *
 * - **Louvain** (graphology-communities-louvain on a graphology graph):
 *   modularity maximisation on the complete graph of households whose edge
 *   weights are similarities — exp(−d / d̄) for electrical distance d (d̄
 *   the mean over pairs), (1 + ρ) / 2 for profile correlation ρ. Louvain
 *   picks its own number of communities; to ask it for k, the resolution
 *   γ is swept over a fixed ladder and the partition whose count is
 *   closest to k is kept (ties: γ nearest 1, the classic modularity). Its
 *   random visiting order comes from our seeded generator (`rng` option).
 * - **k-means** (ml-kmeans, k-means++ with its own seed) on a vector per
 *   household: its row of electrical distances, or its standardised net
 *   load (whose squared Euclidean distance is 2n(1 − ρ), so k-means groups
 *   by correlation).
 *
 * Partitions are canonical: community ids in order of first appearance
 * (household order), so equal partitions compare equal.
 */
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import { kmeans } from 'ml-kmeans';
import { rngOf } from '../../forecast/random.ts';
import { electricalDistances, profileCorrelations, standardised } from './distance.ts';
import type { Population } from './population.ts';

export const DETECTION_METHODS = ['louvain', 'kmeans'] as const;
export type DetectionMethod = (typeof DETECTION_METHODS)[number];
export const DETECTION_BASES = ['electrical', 'correlation'] as const;
export type DetectionBasis = (typeof DETECTION_BASES)[number];

/** Louvain resolutions tried when a number of communities is asked for. */
export const RESOLUTIONS = [0.05, 0.1, 0.2, 0.35, 0.5, 0.7, 0.85, 1, 1.2, 1.5, 2, 3, 5];

/** Relabels communities 0, 1, … in order of first appearance. */
export function canonical(labels: readonly number[]): number[] {
  const map = new Map<number, number>();
  return labels.map((l) => {
    if (!map.has(l)) map.set(l, map.size);
    return map.get(l)!;
  });
}

export function communityCount(partition: readonly number[]): number {
  return new Set(partition).size;
}

/** Household-pair similarities on a basis, in [0, 1] (1: together). */
export function similarities(p: Population, basis: DetectionBasis): number[][] {
  if (basis === 'correlation') return profileCorrelations(p).map((row) => row.map((r) => (1 + r) / 2));
  const d = electricalDistances(p);
  const n = d.length;
  let sum = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) sum += d[i]![j]!;
  const mean = n > 1 ? sum / ((n * (n - 1)) / 2) : 0;
  return d.map((row) => row.map((v) => (mean > 0 ? Math.exp(-v / mean) : 1)));
}

export function louvainPartition(p: Population, basis: DetectionBasis, k: number, seed: number): number[] {
  const w = similarities(p, basis);
  const g = new Graph({ type: 'undirected' });
  p.households.forEach((h) => g.addNode(h.id));
  for (let i = 0; i < w.length; i++) for (let j = i + 1; j < w.length; j++) if (w[i]![j]! > 1e-12) g.addEdge(p.households[i]!.id, p.households[j]!.id, { weight: w[i]![j]! });
  let best: number[] | null = null, bestGap = Infinity, bestRes = Infinity;
  for (const resolution of RESOLUTIONS) {
    const rng = rngOf(seed);
    const map = louvain(g, { getEdgeWeight: 'weight', resolution, rng: () => rng.next() });
    const part = canonical(p.households.map((h) => map[h.id]!));
    const gap = Math.abs(communityCount(part) - k), off = Math.abs(Math.log(resolution));
    if (gap < bestGap || (gap === bestGap && off < bestRes)) (best = part, bestGap = gap, bestRes = off);
  }
  return best!;
}

export function kmeansPartition(p: Population, basis: DetectionBasis, k: number, seed: number): number[] {
  const points = basis === 'electrical' ? electricalDistances(p) : p.households.map((h) => standardised(h.net));
  const kk = Math.min(k, p.households.length);
  if (kk <= 1) return p.households.map(() => 0);
  // ml-kmeans seeds its own generator (ml-random) from an integer; derive it from ours
  return canonical(kmeans(points, kk, { seed: (seed >>> 0) % 2147483647, initialization: 'kmeans++', maxIterations: 100 }).clusters);
}

export function detect(p: Population, method: DetectionMethod, basis: DetectionBasis, k: number, seed: number): number[] {
  if (k <= 1) return p.households.map(() => 0);
  return method === 'louvain' ? louvainPartition(p, basis, k, seed) : kmeansPartition(p, basis, k, seed);
}
