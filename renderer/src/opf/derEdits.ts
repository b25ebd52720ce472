/** Edits of the distributed resources (network.der) as immer recipes on the document (each one undo step). */
import type { Draft } from 'immer';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import { useDocument } from '../state/document.ts';

export type DerKind = 'pv' | 'batteries' | 'generators';
type Doc = Draft<ScenarioInput>;

/** The new row of each kind, at `busId`, with the id the caller picked. */
const NEW_ROW: Record<DerKind, (id: string, busId: string) => Record<string, unknown>> = {
  pv: (id, busId) => ({ id, name: `PV at bus ${busId}`, busId, kwp: 100, irradiance: 0 }),
  batteries: (id, busId) => ({ id, name: `Battery at bus ${busId}`, busId, kwh: 200, kw: 100 }),
  generators: (id, busId) => ({ id, name: `Generator at bus ${busId}`, busId, pMaxKw: 100, costPerKwh: 0.25 }),
};
const ID_PREFIX: Record<DerKind, string> = { pv: 'pv', batteries: 'bat', generators: 'gen' };

export function setDerField(kind: DerKind, index: number, key: string, value: unknown) {
  useDocument.getState().setField(`network.der.${kind}[${index}].${key}`, value);
}

export function addDer(kind: DerKind, busId: string | null) {
  useDocument.getState().edit((d: Doc) => {
    d.network.der ??= { pv: [], batteries: [], generators: [] };
    const list = (d.network.der[kind] ??= []) as { id: string }[];
    const bus = busId ?? d.network.buses[d.network.buses.length - 1]?.id ?? d.network.substation.busId;
    const used = new Set(list.map((r) => r.id));
    let n = 1;
    while (used.has(`${ID_PREFIX[kind]}${bus}${n === 1 ? '' : `-${n}`}`)) n++;
    list.push(NEW_ROW[kind](`${ID_PREFIX[kind]}${bus}${n === 1 ? '' : `-${n}`}`, bus) as never);
  });
}

export function deleteDer(kind: DerKind, index: number) {
  useDocument.getState().edit((d: Doc) => void d.network.der?.[kind]?.splice(index, 1));
}
