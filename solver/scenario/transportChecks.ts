/**
 * Cross-checks of the `transport` section that zod cannot express: unique
 * node and link ids, links between nodes that exist, demand between distinct
 * nodes that exist, one row per origin–destination pair, and every
 * destination reachable from its origin (without passing through a zone
 * centroid) — an unreachable pair has no equilibrium, so it is refused here,
 * with its path, rather than failing inside the solver.
 */
import type { Transport } from './schema.ts';

type Add = (path: ReadonlyArray<PropertyKey>, message: string) => void;

export function crossCheckTransport(t: Transport, add: Add): void {
  const nodeIds = new Map<string, number>();
  t.nodes.forEach((n, i) => {
    if (nodeIds.has(n.id)) add(['transport', 'nodes', i, 'id'], `node id "${n.id}" is used twice (also transport.nodes[${nodeIds.get(n.id)}])`);
    else nodeIds.set(n.id, i);
  });
  const linkIds = new Map<string, number>();
  const out: number[][] = t.nodes.map(() => []);
  let linksOk = true;
  t.links.forEach((l, i) => {
    const at = ['transport', 'links', i];
    if (linkIds.has(l.id)) add([...at, 'id'], `link id "${l.id}" is used twice (also transport.links[${linkIds.get(l.id)}])`);
    else linkIds.set(l.id, i);
    const from = nodeIds.get(l.from), to = nodeIds.get(l.to);
    if (from === undefined) add([...at, 'from'], `node "${l.from}" does not exist`);
    if (to === undefined) add([...at, 'to'], `node "${l.to}" does not exist`);
    if (l.from === l.to) add([...at, 'to'], `a link cannot lead from node "${l.from}" to itself`);
    if (from === undefined || to === undefined) linksOk = false;
    else out[from]!.push(to);
  });
  const pairs = new Map<string, number>();
  const demandOk: boolean[] = t.demand.map((d, i) => {
    const at = ['transport', 'demand', i];
    let ok = true;
    if (!nodeIds.has(d.from)) (add([...at, 'from'], `node "${d.from}" does not exist`), (ok = false));
    if (!nodeIds.has(d.to)) (add([...at, 'to'], `node "${d.to}" does not exist`), (ok = false));
    if (d.from === d.to) (add([...at, 'to'], `trips from node "${d.from}" to itself use no road; leave them out`), (ok = false));
    const key = `${d.from}\u0000${d.to}`;
    if (pairs.has(key)) (add(at, `the pair ${d.from} → ${d.to} is listed twice (also transport.demand[${pairs.get(key)}]); give each pair one row`), (ok = false));
    else pairs.set(key, i);
    return ok;
  });
  if (!linksOk) return;
  // reachability, one search per origin; zone centroids (through: false) end a search unless they are its origin
  const reached = new Map<string, Uint8Array>();
  t.demand.forEach((d, i) => {
    if (!demandOk[i] || d.vehPerH === 0) return;
    let seen = reached.get(d.from);
    if (!seen) {
      seen = reachableFrom(nodeIds.get(d.from)!, out, t.nodes.map((n) => n.through));
      reached.set(d.from, seen);
    }
    if (!seen[nodeIds.get(d.to)!]) add(['transport', 'demand', i, 'to'], `node "${d.to}" cannot be reached from node "${d.from}" by the links (zone centroids are not passed through)`);
  });
}

function reachableFrom(origin: number, out: readonly number[][], through: readonly boolean[]): Uint8Array {
  const seen = new Uint8Array(out.length);
  seen[origin] = 1;
  const stack = [origin];
  while (stack.length > 0) {
    const i = stack.pop()!;
    if (i !== origin && !through[i]) continue;
    for (const j of out[i]!) if (!seen[j]) (seen[j] = 1), stack.push(j);
  }
  return seen;
}
