/**
 * User equilibrium by the Frank–Wolfe algorithm (LeBlanc, Morlok & Pierskalla
 * 1975): linearise the Beckmann objective at the current link flows, whose
 * minimiser is the all-or-nothing assignment on the current shortest paths,
 * and move towards it with the exact step that minimises the objective on the
 * segment (bisection on its derivative, which is increasing).
 *
 * It keeps the flows of each origin apart (x = Σ_o x^o), so the Wardrop check
 * can look at the paths each origin's traffic actually uses (wardrop.ts).
 * Relative gap (Boyce et al. 2004): 1 − Σ_od d·(shortest cost) / Σ_a x_a·c_a(x_a).
 */
import type { RoadGraph } from './roadGraph.ts';
import { costs, linkCost } from './bpr.ts';
import { Dijkstra, loadTree } from './shortestPaths.ts';

export interface AssignmentProgress {
  iteration: number;
  gap: number;
}

export interface AssignmentResult {
  /** link flows, vehicles per hour */
  x: Float64Array;
  gaps: number[];
  iterations: number;
  converged: boolean;
}

export interface FrankWolfeResult extends AssignmentResult {
  /** flows of origin k on link a at originFlows[k·m + a] */
  originFlows: Float64Array;
}

export interface AssignmentOptions {
  relativeGap: number;
  maxIterations: number;
}

/** Σ_od d·(shortest cost) under `cost`, the lower bound in the relative gap; fills `trees` callbacks per origin. */
export function shortestPathTravelTime(g: RoadGraph, sp: Dijkstra, cost: Float64Array, each?: (k: number) => void): number {
  let sptt = 0;
  g.origins.forEach((o, k) => {
    const tree = sp.run(o.node, cost);
    for (let d = 0; d < o.dests.length; d++) sptt += o.demand[d]! * tree.dist[o.dests[d]!]!;
    each?.(k);
  });
  return sptt;
}

export function relativeGap(totalCost: number, sptt: number): number {
  return totalCost > 0 ? Math.max(0, 1 - sptt / totalCost) : 0;
}

export function* frankWolfe(g: RoadGraph, opts: AssignmentOptions): Generator<AssignmentProgress, FrankWolfeResult, void> {
  const m = g.linkIds.length, n = g.nodeIds.length, O = g.origins.length;
  const sp = new Dijkstra(g);
  const nodeFlow = new Float64Array(n);
  const x = new Float64Array(m), y = new Float64Array(m), c = new Float64Array(m);
  const xo = new Float64Array(O * m), yo = new Float64Array(O * m);

  // the start: all or nothing at free flow
  const allOrNothing = (cost: Float64Array): number => {
    y.fill(0);
    yo.fill(0);
    return shortestPathTravelTime(g, sp, cost, (k) => {
      const o = g.origins[k]!;
      const row = yo.subarray(k * m, (k + 1) * m);
      loadTree(g, sp.tree, o.dests, o.demand, nodeFlow, row);
      for (let a = 0; a < m; a++) y[a]! += row[a]!;
    });
  };
  allOrNothing(costs(g, x, c));
  x.set(y);
  xo.set(yo);

  const gaps: number[] = [];
  for (let it = 1; ; it++) {
    costs(g, x, c);
    const sptt = allOrNothing(c);
    let tstt = 0;
    for (let a = 0; a < m; a++) tstt += x[a]! * c[a]!;
    const gap = relativeGap(tstt, sptt);
    gaps.push(gap);
    yield { iteration: it, gap };
    if (gap <= opts.relativeGap || it >= opts.maxIterations) return { x, originFlows: xo, gaps, iterations: it, converged: gap <= opts.relativeGap };
    const lambda = exactStep(g, x, y);
    for (let a = 0; a < m; a++) x[a] = x[a]! + lambda * (y[a]! - x[a]!);
    for (let k = 0; k < xo.length; k++) xo[k] = xo[k]! + lambda * (yo[k]! - xo[k]!);
  }
}

/** argmin over λ ∈ [0, 1] of the Beckmann objective at x + λ(y − x): the root of Σ_a (y_a − x_a)·c_a(x_a + λ(y_a − x_a)), by bisection. */
export function exactStep(g: RoadGraph, x: Float64Array, y: Float64Array): number {
  const slope = (lambda: number) => {
    let s = 0;
    for (let a = 0; a < x.length; a++) {
      const d = y[a]! - x[a]!;
      if (d !== 0) s += d * linkCost(g, a, x[a]! + lambda * d);
    }
    return s;
  };
  if (slope(1) <= 0) return 1;
  if (slope(0) >= 0) return 0;
  let lo = 0, hi = 1;
  while (hi - lo > 1e-14) {
    const mid = 0.5 * (lo + hi);
    if (slope(mid) > 0) hi = mid;
    else lo = mid;
  }
  return 0.5 * (lo + hi);
}
