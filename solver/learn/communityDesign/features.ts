/**
 * What the chooser sees of a population and its tariff (MODELS.md §11:
 * "features of the population"): size, PV share, statistics of the
 * households' net-load correlations, the feeder's size and electrical
 * spread, the energy balance, and the two network prices that make
 * communities cost something (wheeling, platform fee).
 */
import { electricalDistances, profileCorrelations } from './distance.ts';
import type { Tariff } from './mechanism.ts';
import type { Population } from './population.ts';

export const FEATURE_NAMES = [
  'households', 'pvShare', 'meanCorrelation', 'sdCorrelation', 'minCorrelation', 'buses', 'meanDistance', 'maxDistance', 'pvToLoad', 'wheeling', 'platformFee',
] as const;

export function populationFeatures(p: Population, t: Tariff): number[] {
  const n = p.households.length;
  const rho = profileCorrelations(p), d = electricalDistances(p);
  const pairs: number[] = [], dist: number[] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) (pairs.push(rho[i]![j]!), dist.push(d[i]![j]!));
  const mean = (x: number[]) => x.reduce((a, b) => a + b, 0) / Math.max(1, x.length);
  const m = mean(pairs);
  const load = p.households.reduce((s, h) => s + h.load.reduce((a, b) => a + b, 0), 0);
  const pv = p.households.reduce((s, h) => s + h.pv.reduce((a, b) => a + b, 0), 0);
  return [
    n, p.households.filter((h) => h.pvScale > 0).length / n, m, Math.sqrt(mean(pairs.map((r) => (r - m) ** 2))), Math.min(...pairs),
    p.feeder.parent.length, mean(dist), Math.max(...dist), load > 0 ? pv / load : 0, t.wheeling, t.platformFee,
  ];
}
