/**
 * Edits of the VPPs, their buildings and the P2P market, as immer recipes on
 * the document (each one undo step). Grid columns name fields by their path
 * inside the row (`comfort.minC`, `battery.kwh`), so one function sets any of
 * them, creating or removing the optional object a field lives in.
 */
import type { Draft } from 'immer';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import { useDocument } from '../state/document.ts';

type Doc = Draft<ScenarioInput>;
type Obj = Record<string, unknown>;

/** Clearing one of these removes the optional object it belongs to (no battery, no separate unoccupied band). */
const CLEARING_REMOVES = new Set(['battery.kwh', 'battery.kw', 'comfortUnoccupied.minC', 'comfortUnoccupied.maxC']);

/** A new optional object, filled so that setting one of its fields gives a valid whole. */
const NEW_OBJECT: Record<string, (owner: Obj) => Obj> = {
  battery: (vpp) => ({ id: `${String(vpp.id)}-battery`, kwh: 200, kw: 100 }),
  comfortUnoccupied: (building) => ({ ...(building.comfort as Obj | undefined) }),
};

/** Which fields' clearing removes their object, and how a new optional object starts (the VPP ones by default; microgrids have their own). */
export interface RowObjectRules {
  clearingRemoves: ReadonlySet<string>;
  newObject: Record<string, (owner: Obj) => Obj>;
}

/** Sets `key` (one level of nesting at most) on `owner`; `undefined` clears it. */
export function setRowField(owner: Obj, key: string, value: unknown, rules: RowObjectRules = { clearingRemoves: CLEARING_REMOVES, newObject: NEW_OBJECT }) {
  const { clearingRemoves, newObject } = rules;
  const [head, leaf] = key.split('.') as [string, string | undefined];
  if (leaf === undefined) {
    if (value === undefined) delete owner[head];
    else owner[head] = value;
    return;
  }
  if (value === undefined && clearingRemoves.has(key)) {
    delete owner[head];
    return;
  }
  let inner = owner[head] as Obj | undefined;
  if (!inner) {
    if (value === undefined) return;
    inner = owner[head] = newObject[head]?.(owner) ?? {};
  }
  if (value === undefined) delete inner[leaf];
  else inner[leaf] = value;
}

const edit = (recipe: (d: Doc) => void) => useDocument.getState().edit(recipe);

export const setVppField = (vi: number, key: string, value: unknown) =>
  edit((d) => {
    const vpp = d.vpps?.[vi];
    if (vpp) setRowField(vpp as unknown as Obj, key, value);
  });

export const setBuildingField = (vi: number, bi: number, key: string, value: unknown) =>
  edit((d) => {
    const building = d.vpps?.[vi]?.buildings?.[bi];
    if (building) setRowField(building as unknown as Obj, key, value);
  });

function nextId(used: string[], prefix: string): string {
  const taken = new Set(used);
  for (let n = used.length + 1; ; n++) if (!taken.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

/** A VPP on the substation bus with 100 kWp following the first profile (the user picks real ones). */
export const addVpp = () =>
  edit((d) => {
    d.vpps ??= [];
    const id = nextId(
      d.vpps.map((v) => v.id),
      'vpp-',
    );
    d.vpps.push({ id, name: `VPP ${d.vpps.length + 1}`, busId: d.network.substation.busId, pvKwp: 100, pvProfile: 0.5, otherLoadKw: 50, outdoorTempC: 30, buildings: [] });
  });

export const deleteVpp = (vi: number) => edit((d) => void d.vpps?.splice(vi, 1));

/** A mid-sized office with flexible control (the RC values of scripts/samples/vpps.mjs for 2000 m²). */
export const addBuilding = (vi: number) =>
  edit((d) => {
    const vpp = d.vpps?.[vi];
    if (!vpp) return;
    vpp.buildings ??= [];
    const id = nextId(
      d.vpps!.flatMap((v) => (v.buildings ?? []).map((b) => b.id)),
      'building-',
    );
    vpp.buildings.push({ id, name: 'New building', floorAreaM2: 2000, rCPerKw: 0.1, cKwhPerC: 100, acKw: 80, cop: 3.5, setpointC: 24, comfort: { minC: 22, maxC: 26 }, control: 'flexible' });
  });

export const deleteBuilding = (vi: number, bi: number) => edit((d) => void d.vpps?.[vi]?.buildings?.splice(bi, 1));

/** Market settings of the seed paper's sample: ToU retail, flat feed-in, f = 0.02 capped at 0.015. */
export const addMarket = () =>
  edit((d) => {
    d.market ??= { retailPricePerKwh: 0.18, feedInPricePerKwh: 0.05, buyerDemandKw: 500, serviceFeePerKwh: 0.02, serviceFeeMaxPerKwh: 0.015 };
  });
