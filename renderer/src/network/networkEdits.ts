/** Edits of the network as immer recipes on the document (each one undo step). */
import type { Draft } from 'immer';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import { useDocument } from '../state/document.ts';

type Doc = Draft<ScenarioInput>;
type Lists = 'buses' | 'lines';

/** Sets a field of a bus or line; `undefined` clears an optional field. */
export function setListField(list: Lists, index: number, key: string, value: unknown) {
  useDocument.getState().setField(`network.${list}[${index}].${key}`, value);
}

/** Smallest positive integer id not in use: bus ids are MATPOWER-like numbers. */
function nextId(ids: string[], prefix = ''): string {
  const used = new Set(ids);
  for (let n = ids.length + 1; ; n++) if (!used.has(prefix + n)) return prefix + n;
}

export function addBus(afterBusId: string | null) {
  useDocument.getState().edit((d: Doc) => {
    const ids = d.network.buses.map((b) => b.id);
    const id = nextId(ids);
    d.network.buses.push({ id, name: `Bus ${id}`, pdKw: 0, qdKvar: 0 });
    // a new bus hangs off the selected one so the feeder stays radial and connected
    const from = afterBusId ?? d.network.substation.busId;
    d.network.lines ??= [];
    d.network.lines.push({ id: nextId(d.network.lines.map((l) => l.id), 'L'), from, to: id, rOhm: 0.1, xOhm: 0.05 });
  });
}

export function deleteBus(index: number) {
  useDocument.getState().edit((d: Doc) => {
    const bus = d.network.buses[index];
    if (!bus) return;
    d.network.buses.splice(index, 1);
    // lines left dangling would only produce errors
    d.network.lines = (d.network.lines ?? []).filter((l) => l.from !== bus.id && l.to !== bus.id);
  });
}

export function addLine(fromBusId: string | null) {
  useDocument.getState().edit((d: Doc) => {
    d.network.lines ??= [];
    const from = fromBusId ?? d.network.substation.busId;
    d.network.lines.push({ id: nextId(d.network.lines.map((l) => l.id), 'L'), from, to: from, rOhm: 0.1, xOhm: 0.05 });
  });
}

export function deleteLine(index: number) {
  useDocument.getState().edit((d: Doc) => void d.network.lines?.splice(index, 1));
}

/** Stores dragged positions on the buses (one undo step per drag). */
export function moveBuses(positions: Map<string, { x: number; y: number }>) {
  useDocument.getState().edit((d: Doc) => {
    for (const b of d.network.buses) {
      const p = positions.get(b.id);
      if (p) {
        b.x = Math.round(p.x);
        b.y = Math.round(p.y);
      }
    }
  });
}

/** Forgets dragged positions so the automatic layout takes over again. */
export function resetLayout() {
  useDocument.getState().edit((d: Doc) => {
    for (const b of d.network.buses) {
      delete b.x;
      delete b.y;
    }
  });
}
