/**
 * Edits of the road network (`transport` section) as immer recipes on the
 * document, each one undo step. A field that does not parse is stored as
 * typed (CellInput), so validation names its path and the user's text stays
 * in the cell. Renaming a node renames it everywhere it is referenced (links,
 * trips, charging stations, EV origins), so a rename never strands data;
 * deleting a node takes its links and trips with it, as deleting a bus takes
 * its lines.
 */
import type { Draft } from 'immer';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import { useDocument } from '../state/document.ts';

type Doc = Draft<ScenarioInput>;
type Obj = Record<string, unknown>;

const edit = (recipe: (d: Doc) => void) => useDocument.getState().edit(recipe);

/** Smallest positive integer (with prefix) not in use; TNTP node ids are numbers. */
export function nextId(ids: readonly string[], prefix = ''): string {
  const used = new Set(ids);
  for (let n = ids.length + 1; ; n++) if (!used.has(prefix + n)) return prefix + n;
}

function setOrClear(owner: Obj, key: string, value: unknown) {
  if (value === undefined) delete owner[key];
  else owner[key] = value;
}

/** Every place of the document that names a road node. */
function renameNodeReferences(d: Doc, from: string, to: string) {
  const t = d.transport;
  if (!t) return;
  for (const l of t.links) {
    if (l.from === from) l.from = to;
    if (l.to === from) l.to = to;
  }
  for (const od of t.demand) {
    if (od.from === from) od.from = to;
    if (od.to === from) od.to = to;
  }
  for (const s of d.evcs?.stations ?? []) if (s.node === from) s.node = to;
  for (const e of d.evcs?.demand ?? []) if (e.from === from) e.from = to;
}

export const setNodeField = (i: number, key: string, value: unknown) =>
  edit((d) => {
    const node = d.transport?.nodes[i];
    if (!node) return;
    // a rename to a fresh, well-formed id follows the node everywhere; a clash or an empty id is stored as typed and flagged
    if (key === 'id' && typeof value === 'string' && value.trim() !== '' && !d.transport!.nodes.some((n) => n.id === value)) renameNodeReferences(d, node.id, value);
    setOrClear(node as unknown as Obj, key, value);
  });

export const setLinkField = (i: number, key: string, value: unknown) =>
  edit((d) => {
    const link = d.transport?.links[i];
    if (link) setOrClear(link as unknown as Obj, key, value);
  });

export const setOdField = (i: number, key: string, value: unknown) =>
  edit((d) => {
    const od = d.transport?.demand[i];
    if (od) setOrClear(od as unknown as Obj, key, value);
  });

/** A network-wide setting (`transport.tollWeight`, …). */
export const setTransportField = (path: string, value: unknown) =>
  edit((d) => {
    if (d.transport) setOrClear(d.transport as unknown as Obj, path.replace(/^transport\./, ''), value);
  });

/** A new node beside the selected one (or the last), so it lands on the map near where the user is working. */
export const addNode = (nearId: string | null) =>
  edit((d) => {
    const t = d.transport;
    if (!t) return;
    const near = t.nodes.find((n) => n.id === nearId) ?? t.nodes[t.nodes.length - 1];
    const xs = t.nodes.map((n) => n.x);
    const step = xs.length > 1 ? (Math.max(...xs) - Math.min(...xs)) / Math.max(4, Math.sqrt(t.nodes.length)) || 1 : 1;
    const id = nextId(t.nodes.map((n) => n.id));
    t.nodes.push({ id, name: '', x: (near?.x ?? 0) + step, y: (near?.y ?? 0) + step / 2, through: true });
  });

export const deleteNode = (i: number) =>
  edit((d) => {
    const t = d.transport;
    const node = t?.nodes[i];
    if (!t || !node) return;
    t.nodes.splice(i, 1);
    // links and trips left without their node would only produce errors; stations stay (flagged) — they are the user's own data
    t.links = t.links.filter((l) => l.from !== node.id && l.to !== node.id);
    t.demand = t.demand.filter((od) => od.from !== node.id && od.to !== node.id);
  });

/** A link out of the selected node (to the next node in the list), one lane of 1 800 veh/h at 1 min: the user sets the rest. */
export const addLink = (fromId: string | null) =>
  edit((d) => {
    const t = d.transport;
    if (!t || t.nodes.length === 0) return;
    const k = Math.max(0, t.nodes.findIndex((n) => n.id === fromId));
    const from = t.nodes[k]!.id;
    const to = t.nodes[(k + 1) % t.nodes.length]!.id;
    t.links.push({ id: nextId(t.links.map((l) => l.id), 'r'), from, to, freeFlowMin: 1, capacityVehPerH: 1800, bprAlpha: 0.15, bprBeta: 4 });
  });

/** The same road in the other direction (most streets are two-way): one undo step. */
export const addReverseLink = (i: number) =>
  edit((d) => {
    const t = d.transport;
    const l = t?.links[i];
    if (!t || !l) return;
    t.links.push({ ...l, id: nextId(t.links.map((x) => x.id), 'r'), from: l.to, to: l.from });
  });

export const deleteLink = (i: number) => edit((d) => void d.transport?.links.splice(i, 1));

export const addOd = () =>
  edit((d) => {
    const t = d.transport;
    if (!t || t.nodes.length < 2) return;
    t.demand.push({ from: t.nodes[0]!.id, to: t.nodes[t.nodes.length - 1]!.id, vehPerH: 100 });
  });

export const deleteOd = (i: number) => edit((d) => void d.transport?.demand.splice(i, 1));

/** A first road network: two nodes, a two-way road between them, 100 veh/h — a valid start the user grows. */
export const createRoadNetwork = () =>
  edit((d) => {
    if (d.transport) return;
    d.transport = {
      nodes: [
        { id: '1', name: '', x: 0, y: 0, through: true },
        { id: '2', name: '', x: 1000, y: 0, through: true },
      ],
      links: [
        { id: 'r1', from: '1', to: '2', freeFlowMin: 2, capacityVehPerH: 1800, bprAlpha: 0.15, bprBeta: 4 },
        { id: 'r2', from: '2', to: '1', freeFlowMin: 2, capacityVehPerH: 1800, bprAlpha: 0.15, bprBeta: 4 },
      ],
      demand: [{ from: '1', to: '2', vehPerH: 100 }],
      tollWeight: 0,
      lengthWeight: 0,
    };
  });
