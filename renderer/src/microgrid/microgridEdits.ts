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

// ───────────── per-link communication settings (microgridCoordination.communication.links) ─────────────

type Delay = { kind: 'fixed'; iterations: number } | { kind: 'uniform'; maxIterations: number } | { kind: 'geometric'; meanIterations: number; maxIterations?: number };

/** A link's delay as the grid shows it: `fixed 2`, `uniform 3`, `geometric 1.5` or `geometric 1.5 10` (mean, cut). */
export function formatDelay(delay: unknown): string {
  if (delay === undefined) return '';
  if (typeof delay === 'string') return delay;
  const d = delay as Delay;
  if (d.kind === 'fixed') return `fixed ${d.iterations}`;
  if (d.kind === 'uniform') return `uniform ${d.maxIterations}`;
  if (d.kind === 'geometric') return `geometric ${d.meanIterations}${d.maxIterations === undefined ? '' : ` ${d.maxIterations}`}`;
  return JSON.stringify(delay);
}

/** The inverse of formatDelay; null when the text is not of that form (it is then stored as typed, so validation names `…links[i].delay`). */
export function parseDelay(text: string): Delay | null {
  const [kind, a, b, ...rest] = text.trim().split(/\s+/);
  const n = (v: string | undefined) => (v === undefined || v === '' ? NaN : Number(v));
  if (rest.length > 0 || !Number.isFinite(n(a))) return null;
  if (kind === 'fixed' && b === undefined) return { kind, iterations: n(a) };
  if (kind === 'uniform' && b === undefined) return { kind, maxIterations: n(a) };
  if (kind === 'geometric') {
    if (b === undefined) return { kind, meanIterations: n(a) };
    return Number.isFinite(n(b)) ? { kind, meanIterations: n(a), maxIterations: n(b) } : null;
  }
  return null;
}

const linksOf = (d: Draft<ScenarioInput>) => {
  const coord = (d.microgridCoordination ??= {}) as Obj;
  const comm = (coord.communication ??= {}) as Obj;
  return ((comm.links ??= []) as Obj[]);
};

/** Grid keys: `between[0]`, `between[1]` (the two agents), `lossProbability`, `delay` (text), `bandwidthKbitPerIteration`. */
export const setCommunicationLinkField = (i: number, key: string, value: unknown) =>
  edit((d) => {
    const link = linksOf(d)[i];
    if (!link) return;
    const end = /^between\[(0|1)\]$/.exec(key);
    if (end) {
      const between = (Array.isArray(link.between) ? [...(link.between as unknown[])] : ['', '']) as unknown[];
      between[Number(end[1])] = value ?? '';
      link.between = between;
      return;
    }
    if (value === undefined || value === '') delete link[key];
    else if (key === 'delay') link.delay = typeof value === 'string' ? (parseDelay(value) ?? value) : value;
    else link[key] = value;
  });

/** A new link between the first two microgrids without one (the user changes the ends and fills in what it overrides). */
export const addCommunicationLink = () =>
  edit((d) => {
    const links = linksOf(d);
    const ids = [...(d.microgrids ?? []).map((m) => m.id), 'adn'];
    const taken = new Set(links.map((l) => [...((l.between as string[]) ?? [])].sort().join(' ')));
    const free = ids.flatMap((a, i) => ids.slice(i + 1).map((b) => [a, b] as [string, string])).find((p) => !taken.has([...p].sort().join(' ')));
    links.push({ between: free ?? [ids[0] ?? '', ids[1] ?? ''], lossProbability: 0.1 });
  });

export const deleteCommunicationLink = (i: number) =>
  edit((d) => {
    const links = linksOf(d);
    links.splice(i, 1);
    if (links.length === 0) delete ((d.microgridCoordination as Obj).communication as Obj).links;
  });

// ───────────── the communication network of mg-energy-comm (scenario.communicationNetwork) ─────────────

/** A link's field, by its key in the grid (`id`, `from`, `to`, `bandwidthKbps`, `costPerKbpsH`, `latencyMs`). */
export const setCommNetworkLinkField = (i: number, key: string, value: unknown) =>
  edit((d) => {
    const link = d.communicationNetwork?.links[i] as Obj | undefined;
    if (!link) return;
    if (value === undefined) delete link[key];
    else link[key] = value;
  });

/** `communicationNetwork.<field>` (κ, δ), creating the section with one link when absent. */
export const setCommNetworkField = (path: string, value: unknown) =>
  edit((d) => {
    const field = path.split('.')[1]!;
    const net = (d.communicationNetwork ??= { links: [newCommLink(d, 0)] }) as Obj;
    if (value === undefined) delete net[field];
    else net[field] = value;
  });

function newCommLink(d: Draft<ScenarioInput>, n: number) {
  const ids = (d.microgrids ?? []).map((m) => m.id);
  return { id: `link${n + 1}`, from: ids[n % Math.max(1, ids.length)] ?? 'a', to: 'hub', bandwidthKbps: 100 };
}

/** A link from the next microgrid to a router `hub` at 100 kbit/s (the user renames its ends). */
export const addCommNetworkLink = () =>
  edit((d) => {
    if (!d.communicationNetwork) d.communicationNetwork = { links: [newCommLink(d, 0)] };
    else {
      const taken = new Set(d.communicationNetwork.links.map((l) => l.id));
      let n = d.communicationNetwork.links.length;
      while (taken.has(`link${n + 1}`)) n++;
      d.communicationNetwork.links.push(newCommLink(d, n));
    }
  });

/** Removing the last link removes the section (a network needs a link). */
export const deleteCommNetworkLink = (i: number) =>
  edit((d) => {
    d.communicationNetwork?.links.splice(i, 1);
    if (d.communicationNetwork && d.communicationNetwork.links.length === 0) delete d.communicationNetwork;
  });
