/**
 * Automatic one-line layout of a radial feeder: a tidy tree (d3-hierarchy)
 * grown from the substation, depth running left to right. Buses the user
 * dragged keep their stored x/y. Buses not reachable from the substation
 * (an invalid or unfinished network) are lined up underneath, so they can
 * still be seen and connected.
 */
import { hierarchy, tree } from 'd3-hierarchy';

export interface LayoutBus {
  id: string;
  x?: number | undefined;
  y?: number | undefined;
}
export interface LayoutLine {
  from: string;
  to: string;
  inService?: boolean | undefined;
}

export const COLUMN_GAP = 64;
export const ROW_GAP = 60;

interface TreeNode {
  id: string;
  children: TreeNode[];
}

export function feederLayout(buses: LayoutBus[], lines: LayoutLine[], rootId: string): Map<string, { x: number; y: number }> {
  const neighbours = new Map<string, string[]>(buses.map((b) => [b.id, []]));
  for (const l of lines) {
    if (l.inService === false) continue;
    neighbours.get(l.from)?.push(l.to);
    neighbours.get(l.to)?.push(l.from);
  }
  const out = new Map<string, { x: number; y: number }>();
  const seen = new Set<string>();
  let maxY = 0;
  if (neighbours.has(rootId)) {
    // breadth-first spanning tree: a loop (meshed network) is drawn but not followed twice
    const root: TreeNode = { id: rootId, children: [] };
    seen.add(rootId);
    const queue = [root];
    for (let q = 0; q < queue.length; q++) {
      const node = queue[q]!;
      for (const n of neighbours.get(node.id) ?? []) {
        if (seen.has(n)) continue;
        seen.add(n);
        const child = { id: n, children: [] };
        node.children.push(child);
        queue.push(child);
      }
    }
    const laid = tree<TreeNode>().nodeSize([ROW_GAP, COLUMN_GAP])(hierarchy(root));
    for (const n of laid.descendants()) {
      out.set(n.data.id, { x: n.y, y: n.x });
      maxY = Math.max(maxY, n.x);
    }
  }
  let k = 0;
  for (const b of buses) if (!seen.has(b.id)) out.set(b.id, { x: k++ * COLUMN_GAP, y: maxY + 2 * ROW_GAP });
  for (const b of buses) if (b.x !== undefined && b.y !== undefined) out.set(b.id, { x: b.x, y: b.y });
  return out;
}
