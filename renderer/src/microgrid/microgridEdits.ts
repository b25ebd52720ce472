/**
 * Edits of the microgrids and their coordination settings, as immer recipes
 * on the document (each one undo step). Grid columns name fields by their
 * path inside the microgrid (`generator.pMaxKw`, `adn.buyPricePerKwh`);
 * the partners list is edited as text, `mg2:0.005, mg3:0.01:80` (id, trading
 * cost per kWh, optional kW limit).
 */
import type { Draft } from 'immer';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import { useDocument } from '../state/document.ts';
import { setRowField, type RowObjectRules } from '../vpp/vppEdits.ts';

type Obj = Record<string, unknown>;

/** Clearing a generator's pMax or a battery's kWh removes the generator or battery. */
const RULES: RowObjectRules = {
  clearingRemoves: new Set(['generator.pMaxKw', 'battery.kwh']),
  newObject: {
    generator: () => ({ pMaxKw: 100, costLinearPerKwh: 0.15 }),
    battery: () => ({ kwh: 100, kw: 50 }),
    adn: () => ({ buyPricePerKwh: 0.2, sellPricePerKwh: 0.05 }),
  },
};

export interface PartnerInput {
  microgrid: string;
  costPerKwh?: number;
  maxKw?: number;
}

/** The partners as the grid shows them. */
export function formatPartners(partners: readonly PartnerInput[]): string {
  return partners.map((p) => [p.microgrid, p.costPerKwh ?? 0, ...(p.maxKw === undefined ? [] : [p.maxKw])].join(':')).join(', ');
}

/**
 * `mg2:0.005, mg3:0.01:80` → partners; null when the text is not of that form
 * (it is then stored as typed, so validation names `microgrids[i].partners`
 * and the user's text stays in the cell).
 */
export function parsePartners(text: string): PartnerInput[] | null {
  const items = text.split(',').map((x) => x.trim()).filter((x) => x !== '');
  const out: PartnerInput[] = [];
  for (const item of items) {
    const [id, cost, max, ...rest] = item.split(':').map((x) => x.trim());
    if (!id || rest.length > 0) return null;
    const p: PartnerInput = { microgrid: id };
    for (const [k, v] of [['costPerKwh', cost], ['maxKw', max]] as const) {
      if (v === undefined || v === '') continue;
      const n = Number(v);
      if (!Number.isFinite(n)) return null;
      p[k] = n;
    }
    out.push(p);
  }
  return out;
}

const edit = (recipe: (d: Draft<ScenarioInput>) => void) => useDocument.getState().edit(recipe);

export const setMicrogridField = (i: number, key: string, value: unknown) =>
  edit((d) => {
    const mg = d.microgrids?.[i];
    if (!mg) return;
    if (key === 'partners') {
      const parsed = typeof value === 'string' ? parsePartners(value) : null;
      (mg as unknown as Obj).partners = parsed ?? value ?? [];
      return;
    }
    setRowField(mg as unknown as Obj, key, value, RULES);
  });

/** A microgrid at the substation bus: 100 kW of load, buying at 0.2 and selling at 0.05 (the user fills in the rest). */
export const addMicrogrid = () =>
  edit((d) => {
    d.microgrids ??= [];
    const taken = new Set(d.microgrids.map((m) => m.id));
    let n = d.microgrids.length + 1;
    while (taken.has(`mg${n}`)) n++;
    d.microgrids.push({ id: `mg${n}`, name: '', busId: d.network.substation.busId, loadKw: 100, adn: { buyPricePerKwh: 0.2, sellPricePerKwh: 0.05 }, partners: [] });
  });

export const deleteMicrogrid = (i: number) => edit((d) => void d.microgrids?.splice(i, 1));

/** Sets `microgridCoordination.<group>.<field>`, creating the optional section and group (their other fields take the schema defaults). */
export const setCoordinationField = (path: string, value: unknown) =>
  edit((d) => {
    const [, group, field] = path.split('.') as [string, 'admm' | 'communication' | 'privacy', string];
    const coord = (d.microgridCoordination ??= {}) as Obj;
    const g = (coord[group] ??= {}) as Obj;
    if (value === undefined) delete g[field];
    else g[field] = value;
  });
