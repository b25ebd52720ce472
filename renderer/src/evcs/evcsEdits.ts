/**
 * Edits of the EV charging section (`evcs`: stations, prosumers, EV origins,
 * the DSO tariff) as immer recipes on the document, each one undo step.
 * Values that do not parse are stored as typed, so validation names the path
 * (`evcs.stations[2].chargerKw`) and the text stays in the cell. A prosumer's
 * generator is edited in its row (`generator.pMaxKw` …); clearing its pMax
 * removes it, as for a microgrid.
 */
import type { Draft } from 'immer';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import { useDocument } from '../state/document.ts';
import { setRowField, type RowObjectRules } from '../vpp/vppEdits.ts';
import { nextId } from '../transport/transportEdits.ts';

type Doc = Draft<ScenarioInput>;
type Obj = Record<string, unknown>;
type Lists = 'stations' | 'prosumers' | 'demand';

const edit = (recipe: (d: Doc) => void) => useDocument.getState().edit(recipe);

const RULES: RowObjectRules = {
  clearingRemoves: new Set(['generator.pMaxKw']),
  newObject: { generator: () => ({ pMaxKw: 100, costLinearPerKwh: 0.1 }) },
};

export const setEvcsListField = (list: Lists, i: number, key: string, value: unknown) =>
  edit((d) => {
    const row = d.evcs?.[list]?.[i] as Obj | undefined;
    if (row) setRowField(row, key, value, RULES);
  });

/** `evcs.energyPerEvKwh`, `evcs.dso.buyPricePerKwh`, …; the DSO object is created when absent (its other fields take the defaults). */
export const setEvcsField = (path: string, value: unknown) =>
  edit((d) => {
    if (!d.evcs) return;
    const [, head, leaf] = path.split('.') as [string, string, string | undefined];
    if (leaf === undefined) {
      if (value === undefined) delete (d.evcs as unknown as Obj)[head];
      else (d.evcs as unknown as Obj)[head] = value;
      return;
    }
    const inner = ((d.evcs as unknown as Obj)[head] ??= {}) as Obj;
    if (value === undefined) delete inner[leaf];
    else inner[leaf] = value;
  });

/** A through node that is not already a station's: where a new station goes by default. */
function freeNode(d: Doc): string | undefined {
  const taken = new Set(d.evcs?.stations.map((s) => s.node));
  const through = (d.transport?.nodes ?? []).filter((n) => n.through !== false);
  return (through.find((n) => !taken.has(n.id)) ?? through[0])?.id;
}

/** A feeder bus other than the substation (the checks refuse a station there). */
function loadBus(d: Doc, avoid: ReadonlySet<string> = new Set()): string {
  const buses = d.network.buses.filter((b) => b.id !== d.network.substation.busId);
  return (buses.find((b) => !avoid.has(b.id)) ?? buses[0] ?? d.network.buses[0])?.id ?? d.network.substation.busId;
}

const participantIds = (d: Doc) => [...(d.evcs?.stations ?? []), ...(d.evcs?.prosumers ?? [])].map((p) => p.id);

/** Ten 50 kW chargers at a free through node and a bus without a station. */
export const addStation = () =>
  edit((d) => {
    if (!d.evcs) return;
    d.evcs.stations.push({
      id: nextId(participantIds(d), 'cs'),
      name: '',
      node: freeNode(d) ?? '',
      busId: loadBus(d, new Set(d.evcs.stations.map((s) => s.busId))),
      chargers: 10,
      chargerKw: 50,
    } as never);
  });

export const addProsumer = () =>
  edit((d) => {
    if (!d.evcs) return;
    d.evcs.prosumers ??= [];
    d.evcs.prosumers.push({ id: nextId(participantIds(d), 'p'), name: '', busId: loadBus(d), loadKw: 50, pvKw: 0 });
  });

export const addEvOrigin = () =>
  edit((d) => {
    if (!d.evcs) return;
    const used = new Set(d.evcs.demand.map((e) => e.from));
    const node = (d.transport?.nodes ?? []).find((n) => !used.has(n.id));
    d.evcs.demand.push({ from: node?.id ?? '', vehPerH: 10 });
  });

export const deleteEvcsRow = (list: Lists, i: number) => edit((d) => void d.evcs?.[list]?.splice(i, 1));

/** A first charging market on the road network and feeder: one station, EVs from the first node; the DSO tariff at its defaults. */
export const createEvcs = () =>
  edit((d) => {
    if (d.evcs || !d.transport) return;
    d.evcs = {
      stations: [{ id: 'cs1', name: '', node: freeNode(d) ?? '', busId: loadBus(d), chargers: 10, chargerKw: 50 } as never],
      prosumers: [],
      demand: [{ from: d.transport.nodes[0]!.id, vehPerH: 10 }],
    } as never;
  });
