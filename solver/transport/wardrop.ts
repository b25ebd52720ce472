/**
 * The Wardrop check of an assignment: every used path of an OD pair costs no
 * more than its shortest path, within a relative tolerance (Wardrop 1952,
 * first principle). Two forms, one per representation:
 *
 *  - paths (gradient projection): each path carrying at least `usedShare` of
 *    its OD's demand, against the OD's shortest-path cost;
 *  - origin flows (Frank–Wolfe): FW keeps each origin's link flows, not
 *    paths, so the check builds a path decomposition of them — a witness
 *    that the link flows can be carried by near-shortest paths. FW's origin
 *    flows, convex combinations of trees, may circulate (i→j in one tree,
 *    j→i in another): by the flow decomposition theorem x^o = paths + cycles
 *    and cycles carry no trip, so they are cancelled first (on a copy; the
 *    check reports how many and the largest flow one held). Then, for each
 *    destination in reverse topological order of the acyclic flow (so the
 *    flow entering it is its own demand), paths are traced back along the
 *    largest incoming flow and removed by their bottleneck; each path
 *    carrying at least `usedShare` of its OD's demand is checked.
 */
import type { RoadGraph } from './roadGraph.ts';
import { Dijkstra } from './shortestPaths.ts';
import type { OdPaths } from './gradientProjection.ts';

export interface WardropCheck {
  form: 'paths' | 'origin-flows';
  /** largest (cost of a used path − shortest cost) / shortest cost */
  maxRelativeExcess: number;
  worst: { from: string; to: string; excessMin: number; shortestMin: number } | null;
  /** used paths examined */
  examined: number;
  usedShare: number;
  /** origin-flows form: circulations cancelled before the check, and the largest flow one held, veh/h */
  cyclesCancelled?: number;
  maxCycleFlowVehPerH?: number;
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
  const indegree = new Int32Array(n), excess = new Float64Array(n), queue = new Int32Array(n), seen = new Int32Array(n);
  const inStart = new Int32Array(n + 1), inLinks = new Int32Array(m);
  for (let a = 0; a < m; a++) inStart[g.to[a]! + 1]!++;
  for (let i = 0; i < n; i++) inStart[i + 1]! += inStart[i]!;
  const fill = inStart.slice(0, n);
  for (let a = 0; a < m; a++) inLinks[fill[g.to[a]!]!++] = a;
  let worst: WardropCheck['worst'] = null, maxRel = 0, examined = 0, cycles = 0, maxCycleFlow = 0;
  g.origins.forEach((o, k) => {
    const { dist } = sp.run(o.node, cost);
    const flows = originFlows.slice(k * m, (k + 1) * m);
    // every link with flow counts here: the decomposition must account for all of it
    const used = (a: number) => flows[a]! > 1e-12 * o.demand.reduce((x, y) => Math.max(x, y), 0);
    // Kahn's order over the support; the nodes it cannot order lie on or behind a cycle
    const order = (): number => {
      indegree.fill(0);
      for (let a = 0; a < m; a++) if (used(a)) indegree[g.to[a]!]!++;
      let head = 0, tail = 0;
      for (let i = 0; i < n; i++) if (indegree[i] === 0) queue[tail++] = i;
      while (head < tail) {
        const i = queue[head++]!;
        for (let q = g.outStart[i]!; q < g.outStart[i + 1]!; q++) {
          const a = g.outLinks[q]!;
          if (used(a) && --indegree[g.to[a]!]! === 0) queue[tail++] = g.to[a]!;
        }
      }
      return tail;
    };
    while (order() < n) {
      // walk back along used links entering unordered nodes until a node repeats: a cycle
      seen.fill(-1);
      let i = 0;
      while (indegree[i] === 0) i++;
      const trail: number[] = [];
      while (seen[i]! < 0) {
        seen[i] = trail.length;
        let a = -1;
        for (let q = inStart[i]!; q < inStart[i + 1]!; q++) if (used(inLinks[q]!) && indegree[g.from[inLinks[q]!]!]! > 0) (a = inLinks[q]!), (q = inStart[i + 1]!);
        trail.push(a);
        i = g.from[a]!;
      }
      const cycle = trail.slice(seen[i]!);
      const f = Math.min(...cycle.map((a) => flows[a]!));
      for (const a of cycle) flows[a] = flows[a]! - f;
      cycles++;
      maxCycleFlow = Math.max(maxCycleFlow, f);
    }
    // a path decomposition of the (now acyclic) flow: destinations in reverse topological order, so the flow
    // entering each is its own demand; back from it along the largest incoming flow, by the bottleneck
    const position = new Int32Array(n);
    for (let q = 0; q < n; q++) position[queue[q]!] = q;
    const dests = Array.from(o.dests.keys()).sort((p, q) => position[o.dests[q]!]! - position[o.dests[p]!]!);
    for (const kd of dests) {
      const d = o.dests[kd]!;
      let remaining = o.demand[kd]!;
      while (remaining > 1e-9 * o.demand[kd]!) {
        const path: number[] = [];
        let f = remaining;
        for (let i = d; i !== o.node; ) {
          let a = -1;
          for (let q = inStart[i]!; q < inStart[i + 1]!; q++) if (flows[inLinks[q]!]! > 0 && (a < 0 || flows[inLinks[q]!]! > flows[a]!)) a = inLinks[q]!;
          if (a < 0 || path.length > n) break;
          path.push(a);
          f = Math.min(f, flows[a]!);
          i = g.from[a]!;
        }
        if (path.length === 0 || g.from[path[path.length - 1]!] !== o.node) break; // rounding dust: nothing left to trace
        for (const a of path) flows[a] = flows[a]! - f;
        remaining -= f;
        if (f < usedShare * o.demand[kd]!) continue;
        examined++;
        let cp = 0;
        for (const a of path) cp += cost[a]!;
        const e = Math.max(0, cp - dist[d]!);
        const rel = dist[d]! > 0 ? e / dist[d]! : e > 0 ? Infinity : 0;
        if (worst === null || rel > maxRel) {
          maxRel = Math.max(maxRel, rel);
          worst = { from: g.nodeIds[o.node]!, to: g.nodeIds[d]!, excessMin: e, shortestMin: dist[d]! };
        }
      }
    }
  });
  return { form: 'origin-flows', maxRelativeExcess: maxRel, worst, examined, usedShare, cyclesCancelled: cycles, maxCycleFlowVehPerH: maxCycleFlow };
}
