/**
 * User equilibrium by path-based gradient projection (Jayakrishnan, Tsai,
 * Prashker & Rajadhyaksha 1994, "A faster path-based algorithm for traffic
 * assignment", Transportation Research Record 1443, 75–83; see also Chen,
 * Lee & Jayakrishnan 2002).
 *
 * Each OD pair keeps the paths it uses. An iteration finds every origin's
 * shortest-path tree (column generation: a new shortest path joins its OD's
 * set), then, OD by OD, shifts flow from each other path p to the cheapest
 * path s of the set by the projected Newton step
 *   Δ = min(f_p, (c_p − c_s) / Σ_{a ∈ p △ s} t'_a(x_a)),
 * updating link flows and costs at once (Gauss–Seidel). Paths whose flow
 * reaches zero leave the set. The relative gap is evaluated on the trees at
 * the start of each iteration, as for Frank–Wolfe.
 */
import type { RoadGraph } from './roadGraph.ts';
import { linkCost, linkCostDerivative } from './bpr.ts';
import { Dijkstra } from './shortestPaths.ts';
import { relativeGap, type AssignmentOptions, type AssignmentProgress, type AssignmentResult } from './frankWolfe.ts';

export interface OdPaths {
  origin: number;
  dest: number;
  demand: number;
  /** link indices of each path, origin to destination */
  paths: Int32Array[];
  flows: number[];
}

export interface PathResult extends AssignmentResult {
  ods: OdPaths[];
}

function treePath(tree: { predLink: Int32Array }, from: Int32Array, dest: number): Int32Array {
  const links: number[] = [];
  for (let j = dest, a = tree.predLink[j]!; a >= 0; j = from[a]!, a = tree.predLink[j]!) links.push(a);
  return Int32Array.from(links.reverse());
}

const samePath = (p: Int32Array, q: Int32Array) => p.length === q.length && p.every((a, k) => a === q[k]);

export function* gradientProjection(g: RoadGraph, opts: AssignmentOptions): Generator<AssignmentProgress, PathResult, void> {
  const m = g.linkIds.length;
  const sp = new Dijkstra(g);
  const x = new Float64Array(m), c = new Float64Array(m);
  for (let a = 0; a < m; a++) c[a] = linkCost(g, a, 0);
  const ods: OdPaths[] = g.origins.flatMap((o) => Array.from(o.dests, (d, k) => ({ origin: o.node, dest: d, demand: o.demand[k]!, paths: [] as Int32Array[], flows: [] as number[] })));
  const byOrigin = g.origins.map((o, k) => ({ o, first: g.origins.slice(0, k).reduce((s, p) => s + p.dests.length, 0) }));

  const shift = (p: Int32Array, delta: number) => {
    for (let k = 0; k < p.length; k++) {
      const a = p[k]!;
      x[a] = Math.max(0, x[a]! + delta);
      c[a] = linkCost(g, a, x[a]!);
    }
  };
  const pathCost = (p: Int32Array) => {
    let s = 0;
    for (let k = 0; k < p.length; k++) s += c[p[k]!]!;
    return s;
  };

  // the start: all or nothing at free flow, one path per OD
  for (const { o, first } of byOrigin) {
    const tree = sp.run(o.node, c);
    for (let k = 0; k < o.dests.length; k++) {
      const od = ods[first + k]!;
      od.paths.push(treePath(tree, g.from, od.dest));
      od.flows.push(od.demand);
    }
  }
  for (const od of ods) shift(od.paths[0]!, od.demand);

  const gaps: number[] = [];
  const mark = new Int8Array(m);
  for (let it = 1; ; it++) {
    // gap on this iteration's trees, and each OD's shortest path joins its set
    let sptt = 0, tstt = 0;
    for (let a = 0; a < m; a++) tstt += x[a]! * c[a]!;
    const shortest: Int32Array[] = new Array<Int32Array>(ods.length);
    for (const { o, first } of byOrigin) {
      const tree = sp.run(o.node, c);
      for (let k = 0; k < o.dests.length; k++) {
        sptt += o.demand[k]! * tree.dist[o.dests[k]!]!;
        shortest[first + k] = treePath(tree, g.from, o.dests[k]!);
      }
    }
    const gap = relativeGap(tstt, sptt);
    gaps.push(gap);
    yield { iteration: it, gap };
    if (gap <= opts.relativeGap || it >= opts.maxIterations) return { x, ods, gaps, iterations: it, converged: gap <= opts.relativeGap };

    ods.forEach((od, i) => {
      const sNew = shortest[i]!;
      if (!od.paths.some((p) => samePath(p, sNew))) {
        od.paths.push(sNew);
        od.flows.push(0);
      }
      // the cheapest path of the set under the current (Gauss–Seidel) costs receives the flow
      let s = 0, cs = Infinity;
      od.paths.forEach((p, k) => {
        const cp = pathCost(p);
        if (cp < cs) (cs = cp), (s = k);
      });
      const ps = od.paths[s]!;
      for (let k = 0; k < od.paths.length; k++) {
        if (k === s || od.flows[k]! <= 0) continue;
        const p = od.paths[k]!;
        const excess = pathCost(p) - pathCost(ps);
        if (excess <= 0) continue;
        // second derivative along the direction: links on exactly one of the two paths
        for (const a of ps) mark[a] = 1;
        let curvature = 0;
        for (const a of p) {
          if (mark[a]) mark[a] = 2;
          else curvature += linkCostDerivative(g, a, x[a]!);
        }
        for (const a of ps) {
          if (mark[a] === 1) curvature += linkCostDerivative(g, a, x[a]!);
          mark[a] = 0;
        }
        const delta = curvature > 0 ? Math.min(od.flows[k]!, excess / curvature) : od.flows[k]!;
        od.flows[k] = od.flows[k]! - delta;
        od.flows[s] = od.flows[s]! + delta;
        shift(p, -delta);
        shift(ps, delta);
      }
      // drop the paths that lost (almost) all their flow (the shortest stays, even empty, until the next iteration)
      for (let k = od.paths.length - 1; k >= 0; k--)
        if (k !== s && od.flows[k]! <= 1e-12 * od.demand) {
          const rest = od.flows[k]!; // rounding dust, moved so that the demand stays met exactly
          if (rest > 0) (shift(od.paths[k]!, -rest), shift(od.paths[s]!, rest), (od.flows[s] = od.flows[s]! + rest));
          od.paths.splice(k, 1);
          od.flows.splice(k, 1);
          if (k < s) s--;
        }
    });
  }
}
