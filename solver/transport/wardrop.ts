/**
 * The Wardrop check of an assignment: every used path of an OD pair costs no
 * more than its shortest path, within a relative tolerance (Wardrop 1952,
 * first principle). Two forms, one per representation:
 *
 *  - paths (gradient projection): each path carrying at least `usedShare` of
 *    its OD's demand, against the OD's shortest-path cost;
 *  - origin flows (Frank–Wolfe): the links each origin's traffic uses (flow ≥
 *    `usedShare` × its smallest OD demand) form its support; the worst path
 *    through the support to a destination has excess cost Σ reduced costs
 *    r_a = d(i) + c_a − d(j) along it, found by a longest-path pass over the
 *    support in topological order. A support with a cycle cannot be an
 *    equilibrium (positive cycle cost) and fails the check.
 */
import type { RoadGraph } from './roadGraph.ts';
import { Dijkstra } from './shortestPaths.ts';
import type { OdPaths } from './gradientProjection.ts';

export interface WardropCheck {
  form: 'paths' | 'origin-flows';
  /** largest (cost of a used path − shortest cost) / shortest cost */
  maxRelativeExcess: number;
  worst: { from: string; to: string; excessMin: number; shortestMin: number } | null;
  /** used paths examined (paths form) or links in the supports (origin-flows form) */
  examined: number;
  usedShare: number;
}

export function wardropOfPaths(g: RoadGraph, ods: readonly OdPaths[], cost: Float64Array, usedShare: number): WardropCheck {
  const sp = new Dijkstra(g);
  let worst: WardropCheck['worst'] = null, maxRel = 0, examined = 0;
  let origin = -1;
  for (const od of ods) {
    if (od.origin !== origin) sp.run((origin = od.origin), cost);
    const shortest = sp.tree.dist[od.dest]!;
    od.paths.forEach((p, k) => {
      if (od.flows[k]! < usedShare * od.demand) return;
      examined++;
      let cp = 0;
      for (const a of p) cp += cost[a]!;
      const excess = Math.max(0, cp - shortest);
      const rel = shortest > 0 ? excess / shortest : excess > 0 ? Infinity : 0;
      if (worst === null || rel > maxRel) {
        maxRel = Math.max(maxRel, rel);
        worst = { from: g.nodeIds[od.origin]!, to: g.nodeIds[od.dest]!, excessMin: excess, shortestMin: shortest };
      }
    });
  }
  return { form: 'paths', maxRelativeExcess: maxRel, worst, examined, usedShare };
}

export function wardropOfOriginFlows(g: RoadGraph, originFlows: Float64Array, cost: Float64Array, usedShare: number): WardropCheck {
  const m = g.linkIds.length, n = g.nodeIds.length;
  const sp = new Dijkstra(g);
  const indegree = new Int32Array(n), excess = new Float64Array(n), queue = new Int32Array(n);
  let worst: WardropCheck['worst'] = null, maxRel = 0, examined = 0;
  g.origins.forEach((o, k) => {
    const { dist } = sp.run(o.node, cost);
    const flows = originFlows.subarray(k * m, (k + 1) * m);
    const threshold = usedShare * Math.min(...o.demand);
    indegree.fill(0);
    excess.fill(0);
    for (let a = 0; a < m; a++) if (flows[a]! >= threshold) (indegree[g.to[a]!]!++, examined++);
    // longest reduced-cost path over the support, Kahn's order from the nodes nothing enters
    let head = 0, tail = 0;
    for (let i = 0; i < n; i++) if (indegree[i] === 0) queue[tail++] = i;
    while (head < tail) {
      const i = queue[head++]!;
      for (let q = g.outStart[i]!; q < g.outStart[i + 1]!; q++) {
        const a = g.outLinks[q]!;
        if (flows[a]! < threshold) continue;
        const j = g.to[a]!;
        excess[j] = Math.max(excess[j]!, excess[i]! + Math.max(0, dist[i]! + cost[a]! - dist[j]!));
        if (--indegree[j]! === 0) queue[tail++] = j;
      }
    }
    const cyclic = tail < n;
    o.dests.forEach((d) => {
      const e = cyclic && indegree[d]! > 0 ? Infinity : excess[d]!;
      const rel = dist[d]! > 0 ? e / dist[d]! : e > 0 ? Infinity : 0;
      if (worst === null || rel > maxRel) {
        maxRel = Math.max(maxRel, rel);
        worst = { from: g.nodeIds[o.node]!, to: g.nodeIds[d]!, excessMin: e, shortestMin: dist[d]! };
      }
    });
  });
  return { form: 'origin-flows', maxRelativeExcess: maxRel, worst, examined, usedShare };
}
