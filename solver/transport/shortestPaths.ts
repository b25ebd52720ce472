/**
 * One-to-all shortest paths by Dijkstra's algorithm with a binary heap
 * (lazy deletion: a node may sit in the heap more than once; stale entries
 * are skipped). Written here rather than taken from a graph library: the
 * assignment calls it once per origin per iteration with new link costs, on
 * typed arrays it already holds (docs/dependencies.md says why).
 * Zone centroids (`through` = 0) are reached but not expanded, except the origin.
 */
import type { RoadGraph } from './roadGraph.ts';

export interface ShortestPathTree {
  dist: Float64Array;
  /** the link entering each node on its shortest path; -1 for the origin and unreached nodes */
  predLink: Int32Array;
  /** nodes in the order they were settled (increasing distance) */
  order: Int32Array;
  settled: number;
}

export class Dijkstra {
  private readonly heapNode: Int32Array;
  private readonly heapKey: Float64Array;
  private readonly done: Uint8Array;
  readonly tree: ShortestPathTree;

  constructor(private readonly g: RoadGraph) {
    const n = g.nodeIds.length, m = g.linkIds.length;
    this.heapNode = new Int32Array(m + 1);
    this.heapKey = new Float64Array(m + 1);
    this.done = new Uint8Array(n);
    this.tree = { dist: new Float64Array(n), predLink: new Int32Array(n), order: new Int32Array(n), settled: 0 };
  }

  /** the tree from `origin` under link costs `cost`; the returned object is reused by the next call */
  run(origin: number, cost: Float64Array): ShortestPathTree {
    const { g, heapNode, heapKey, done, tree } = this;
    const { dist, predLink, order } = tree;
    dist.fill(Infinity);
    predLink.fill(-1);
    done.fill(0);
    let size = 0;
    let settled = 0;
    const push = (node: number, key: number) => {
      let i = size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (heapKey[parent]! <= key) break;
        heapNode[i] = heapNode[parent]!;
        heapKey[i] = heapKey[parent]!;
        i = parent;
      }
      heapNode[i] = node;
      heapKey[i] = key;
    };
    const pop = (): number => {
      const top = heapNode[0]!;
      const lastNode = heapNode[--size]!, lastKey = heapKey[size]!;
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= size) break;
        if (child + 1 < size && heapKey[child + 1]! < heapKey[child]!) child++;
        if (heapKey[child]! >= lastKey) break;
        heapNode[i] = heapNode[child]!;
        heapKey[i] = heapKey[child]!;
        i = child;
      }
      heapNode[i] = lastNode;
      heapKey[i] = lastKey;
      return top;
    };
    dist[origin] = 0;
    push(origin, 0);
    while (size > 0) {
      const i = pop();
      if (done[i]) continue;
      done[i] = 1;
      order[settled++] = i;
      if (i !== origin && !g.through[i]) continue;
      const di = dist[i]!;
      for (let k = g.outStart[i]!; k < g.outStart[i + 1]!; k++) {
        const a = g.outLinks[k]!, j = g.to[a]!;
        const dj = di + cost[a]!;
        if (dj < dist[j]!) {
          dist[j] = dj;
          predLink[j] = a;
          push(j, dj);
        }
      }
    }
    tree.settled = settled;
    return tree;
  }
}

/**
 * All-or-nothing loading of one origin's demand on its tree, added to `load`:
 * nodes in reverse settling order pass their accumulated flow to their predecessor link.
 */
export function loadTree(g: RoadGraph, tree: ShortestPathTree, dests: Int32Array, demand: Float64Array, nodeFlow: Float64Array, load: Float64Array): void {
  nodeFlow.fill(0);
  for (let k = 0; k < dests.length; k++) nodeFlow[dests[k]!]! += demand[k]!;
  for (let k = tree.settled - 1; k > 0; k--) {
    const j = tree.order[k]!;
    const f = nodeFlow[j]!;
    if (f === 0) continue;
    const a = tree.predLink[j]!;
    load[a]! += f;
    nodeFlow[g.from[a]!]! += f;
  }
}
