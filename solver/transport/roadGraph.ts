/**
 * The road network of a scenario's `transport` section in arrays: links by
 * index with their BPR parameters, a forward star (links leaving each node),
 * and the demand grouped by origin. The assignment algorithms work on
 * indices only; ids come back in the job's result.
 */
import type { Transport } from '../scenario/schema.ts';

export interface OriginDemand {
  /** node index of the origin */
  node: number;
  /** destination node indices and their trips, vehicles per hour (positive demand only) */
  dests: Int32Array;
  demand: Float64Array;
}

export interface RoadGraph {
  nodeIds: string[];
  linkIds: string[];
  from: Int32Array;
  to: Int32Array;
  freeFlow: Float64Array;
  capacity: Float64Array;
  alpha: Float64Array;
  beta: Float64Array;
  /** flow-independent generalised cost: tollWeight·toll + lengthWeight·length, minutes */
  fixed: Float64Array;
  /** links leaving node i: outLinks[outStart[i] … outStart[i+1]) */
  outStart: Int32Array;
  outLinks: Int32Array;
  /** 0: a zone centroid that no path may pass through */
  through: Uint8Array;
  origins: OriginDemand[];
  totalDemand: number;
}

export function roadGraph(t: Transport): RoadGraph {
  const nodeIndex = new Map(t.nodes.map((n, i) => [n.id, i]));
  const n = t.nodes.length, m = t.links.length;
  const from = new Int32Array(m), to = new Int32Array(m);
  const freeFlow = new Float64Array(m), capacity = new Float64Array(m), alpha = new Float64Array(m), beta = new Float64Array(m), fixed = new Float64Array(m);
  const degree = new Int32Array(n + 1);
  t.links.forEach((l, a) => {
    from[a] = nodeIndex.get(l.from)!;
    to[a] = nodeIndex.get(l.to)!;
    freeFlow[a] = l.freeFlowMin;
    capacity[a] = l.capacityVehPerH;
    alpha[a] = l.bprAlpha;
    beta[a] = l.bprBeta;
    fixed[a] = t.tollWeight * (l.toll ?? 0) + t.lengthWeight * (l.length ?? 0);
    degree[from[a]! + 1]!++;
  });
  const outStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) outStart[i + 1] = outStart[i]! + degree[i + 1]!;
  const fill = outStart.slice(0, n);
  const outLinks = new Int32Array(m);
  for (let a = 0; a < m; a++) outLinks[fill[from[a]!]!++] = a;

  const byOrigin = new Map<number, { dests: number[]; demand: number[] }>();
  let totalDemand = 0;
  for (const d of t.demand) {
    if (d.vehPerH <= 0) continue;
    const o = nodeIndex.get(d.from)!;
    const entry = byOrigin.get(o) ?? { dests: [], demand: [] };
    entry.dests.push(nodeIndex.get(d.to)!);
    entry.demand.push(d.vehPerH);
    byOrigin.set(o, entry);
    totalDemand += d.vehPerH;
  }
  const origins = [...byOrigin].sort((a, b) => a[0] - b[0]).map(([node, e]) => ({ node, dests: Int32Array.from(e.dests), demand: Float64Array.from(e.demand) }));
  return {
    nodeIds: t.nodes.map((x) => x.id),
    linkIds: t.links.map((x) => x.id),
    from, to, freeFlow, capacity, alpha, beta, fixed, outStart, outLinks,
    through: Uint8Array.from(t.nodes, (x) => (x.through ? 1 : 0)),
    origins,
    totalDemand,
  };
}
