/**
 * The two ways to say which households belong together:
 *
 * - **electrical distance**: on a radial feeder the Thévenin impedance
 *   between two buses, Z_ii + Z_jj − 2·Z_ij of the bus impedance matrix,
 *   is the impedance of the path between them (the lines they do not
 *   share); here |z| summed along the path. Power traded between close
 *   households loads fewer lines.
 * - **profile correlation**: Pearson correlation of two households' net
 *   load (load − PV) over the evaluated quarter-hours. Households whose net
 *   loads move together have little to trade with each other; the
 *   detection methods group by similarity, and the chooser learns which
 *   grouping serves the market.
 */
import type { Feeder, Population } from './population.ts';

/** Impedance of the path between every pair of buses (ohms). */
export function busDistances(f: Feeder): number[][] {
  const n = f.parent.length;
  // distance from the substation and depth of each bus (parents come first)
  const root = new Array<number>(n).fill(0), depth = new Array<number>(n).fill(0);
  for (let b = 1; b < n; b++) (root[b] = root[f.parent[b]!]! + f.impedance[b]!, depth[b] = depth[f.parent[b]!]! + 1);
  const lca = (a: number, b: number) => {
    while (depth[a]! > depth[b]!) a = f.parent[a]!;
    while (depth[b]! > depth[a]!) b = f.parent[b]!;
    while (a !== b) (a = f.parent[a]!, b = f.parent[b]!);
    return a;
  };
  return Array.from({ length: n }, (_, a) => Array.from({ length: n }, (_, b) => root[a]! + root[b]! - 2 * root[lca(a, b)]!));
}

export function electricalDistances(p: Population): number[][] {
  const bus = busDistances(p.feeder);
  return p.households.map((h) => p.households.map((g) => bus[h.bus]![g.bus]!));
}

/** Pearson correlation of net loads (a flat profile correlates 0 with everything, 1 with itself). */
export function profileCorrelations(p: Population): number[][] {
  const z = p.households.map((h) => standardised(h.net));
  return z.map((a, i) => z.map((b, j) => (i === j ? 1 : a.reduce((s, v, t) => s + v * b[t]!, 0) / a.length)));
}

/** (x − mean) / sd; zeros for a flat series. Euclidean distance² between two of them is 2n(1 − ρ): what k-means on them clusters by. */
export function standardised(x: readonly number[]): number[] {
  const m = x.reduce((a, b) => a + b, 0) / x.length;
  const sd = Math.sqrt(x.reduce((a, v) => a + (v - m) ** 2, 0) / x.length);
  return sd > 1e-12 ? x.map((v) => (v - m) / sd) : x.map(() => 0);
}
