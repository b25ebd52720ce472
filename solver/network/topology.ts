/**
 * Radial topology of a feeder: the tree of in-service lines rooted at the
 * substation bus, in breadth-first order, with each line oriented away from
 * the substation (a line may be listed to→from relative to the flow).
 *
 * Sweep-based power flow (Kersting, "Distribution System Modeling and
 * Analysis", ch. 10) needs this order: the backward sweep visits buses from the
 * leaves up, the forward sweep from the root down.
 */
import type { Network } from '../scenario/schema.ts';
import { SolverError } from '../jobs/errors.ts';

export interface RadialTopology {
  /** bus ids, indexed like network.buses */
  busIds: string[];
  /** index of the substation bus */
  root: number;
  /** bus indices in breadth-first order from the root (root first) */
  order: Int32Array;
  /** parent bus of each bus, -1 for the root */
  parent: Int32Array;
  /** index in network.lines of the line feeding each bus, -1 for the root */
  parentLine: Int32Array;
  /** children of each bus, in the order their lines are listed */
  children: number[][];
  /** per line of network.lines: true when its `from` end is the downstream bus; false for out-of-service lines */
  reversed: boolean[];
  /** per line of network.lines: the bus it feeds, -1 for out-of-service lines */
  fedBus: Int32Array;
}

/** How many names an error message lists before it says "and N more". */
const LIST_LIMIT = 10;

function listNames(names: string[]): string {
  const shown = names.slice(0, LIST_LIMIT).map((n) => `"${n}"`).join(', ');
  return names.length > LIST_LIMIT ? `${shown} and ${names.length - LIST_LIMIT} more` : shown;
}

/**
 * Builds the radial tree. Throws SolverError `meshed-network` naming the lines
 * that close a loop (parallel lines included), or `disconnected-bus` naming the
 * buses the substation cannot reach through in-service lines.
 */
export function radialTopology(network: Network): RadialTopology {
  const n = network.buses.length;
  const busIds = network.buses.map((b) => b.id);
  const index = new Map<string, number>(busIds.map((id, i) => [id, i]));
  const indexOf = (id: string, path: string): number => {
    const i = index.get(id);
    if (i === undefined) throw new SolverError({ code: 'invalid-scenario', message: `${path}: bus "${id}" does not exist`, path });
    return i;
  };
  const root = indexOf(network.substation.busId, 'network.substation.busId');

  // adjacency as (line index) lists per bus
  const incident: number[][] = Array.from({ length: n }, () => []);
  network.lines.forEach((line, k) => {
    if (!line.inService) return;
    incident[indexOf(line.from, `network.lines[${k}].from`)]!.push(k);
    incident[indexOf(line.to, `network.lines[${k}].to`)]!.push(k);
  });

  const parent = new Int32Array(n).fill(-1);
  const parentLine = new Int32Array(n).fill(-1);
  const visited = new Uint8Array(n);
  const order = new Int32Array(n);
  const children: number[][] = Array.from({ length: n }, () => []);
  const reversed = network.lines.map(() => false);
  const fedBus = new Int32Array(network.lines.length).fill(-1);
  const loopLines: number[] = [];
  const used = new Uint8Array(network.lines.length);

  let head = 0;
  let tail = 0;
  order[tail++] = root;
  visited[root] = 1;
  while (head < tail) {
    const bus = order[head++]!;
    for (const k of incident[bus]!) {
      if (used[k]) continue;
      used[k] = 1;
      const line = network.lines[k]!;
      const fromIdx = index.get(line.from)!;
      const other = fromIdx === bus ? index.get(line.to)! : fromIdx;
      if (visited[other]) {
        // reaching a bus twice means this line closes a loop
        loopLines.push(k);
        continue;
      }
      visited[other] = 1;
      parent[other] = bus;
      parentLine[other] = k;
      reversed[k] = fromIdx !== bus;
      fedBus[k] = other;
      children[bus]!.push(other);
      order[tail++] = other;
    }
  }

  if (loopLines.length > 0) {
    const loops = loopLines.map((k) => loopThrough(network, k, index, parent, parentLine).map((j) => network.lines[j]!.id));
    const described = loops.slice(0, LIST_LIMIT).map((ids) => `one through lines ${listNames(ids)}`).join(', ');
    const closing = loopLines.map((k) => network.lines[k]!.id);
    throw new SolverError({
      code: 'meshed-network',
      message: `the network is meshed: ${loops.length === 1 ? `lines ${listNames(loops[0]!)} form a loop` : `${loops.length} loops, ${described}${loops.length > LIST_LIMIT ? ', …' : ''}`}; the sweep power flow needs a radial feeder`,
      path: `network.lines[${loopLines[0]}]`,
      hint: `take one line of each loop out of service (inService: false), e.g. ${listNames(closing.slice(0, 3))}`,
      details: { lines: closing.join(', '), loops: loops.length },
    });
  }
  if (tail < n) {
    const missing: number[] = [];
    for (let i = 0; i < n; i++) if (!visited[i]) missing.push(i);
    const names = missing.map((i) => busIds[i]!);
    throw new SolverError({
      code: 'disconnected-bus',
      message: `bus${names.length > 1 ? 'es' : ''} ${listNames(names)} cannot be reached from the substation (bus "${busIds[root]}") through in-service lines`,
      path: `network.buses[${missing[0]}]`,
      hint: 'connect the bus with a line, put its line back in service, or delete the bus',
      details: { buses: names.join(', '), count: names.length },
    });
  }
  return { busIds, root, order, parent, parentLine, children, reversed, fedBus };
}

/** The lines of the loop that line `k` closes: the tree paths from both its ends up to their common ancestor, then `k`. */
function loopThrough(network: Network, k: number, index: Map<string, number>, parent: Int32Array, parentLine: Int32Array): number[] {
  const line = network.lines[k]!;
  const ancestors = (bus: number): number[] => {
    const chain = [bus];
    while (parent[chain[chain.length - 1]!]! >= 0) chain.push(parent[chain[chain.length - 1]!]!);
    return chain;
  };
  const a = ancestors(index.get(line.from)!);
  const b = ancestors(index.get(line.to)!);
  const onB = new Set(b);
  const meet = a.find((bus) => onB.has(bus))!;
  const up = (chain: number[]) => chain.slice(0, chain.indexOf(meet)).map((bus) => parentLine[bus]!);
  return [...up(a), ...up(b).reverse(), k];
}
