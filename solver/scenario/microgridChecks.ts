/**
 * Cross-checks of the `microgrids` section that zod cannot express: unique
 * ids, buses and profiles that exist, trading partners that exist and list
 * each other back, ordered limits, no risk-free arbitrage with the ADN, and a
 * load that the microgrid's own sources plus its import limit can cover.
 */
import type { Scenario, Series } from './schema.ts';

type Add = (path: ReadonlyArray<PropertyKey>, message: string) => void;

/** Values of a series for per-period checks; undefined when its profile is missing (reported elsewhere). */
function valuesOf(s: Scenario, series: Series): readonly number[] | undefined {
  if (typeof series === 'number') return new Array<number>(s.time.T).fill(series);
  const profile = s.profiles.find((p) => p.id === series.profile);
  return profile && profile.values.length === s.time.T ? profile.values : undefined;
}

export function crossCheckMicrogrids(s: Scenario, busIds: ReadonlyMap<string, number>, add: Add, checkSeries: (path: PropertyKey[], series: Series) => void): void {
  const ids = new Map<string, number>();
  s.microgrids.forEach((mg, i) => {
    if (ids.has(mg.id)) add(['microgrids', i, 'id'], `microgrid id "${mg.id}" is used twice (also microgrids[${ids.get(mg.id)}])`);
    else ids.set(mg.id, i);
  });

  checkCommunicationLinks(s, ids, add);
  checkCommunicationNetwork(s, add);

  s.microgrids.forEach((mg, i) => {
    const at = ['microgrids', i];
    if (!busIds.has(mg.busId)) add([...at, 'busId'], `bus "${mg.busId}" does not exist`);
    checkSeries([...at, 'loadKw'], mg.loadKw);
    checkSeries([...at, 'pvProfile'], mg.pvProfile);
    checkSeries([...at, 'adn', 'buyPricePerKwh'], mg.adn.buyPricePerKwh);
    checkSeries([...at, 'adn', 'sellPricePerKwh'], mg.adn.sellPricePerKwh);

    const g = mg.generator;
    if (g && g.pMinKw > g.pMaxKw) add([...at, 'generator', 'pMinKw'], `must not exceed pMaxKw (${g.pMaxKw})`);
    const b = mg.battery;
    if (b) {
      if (b.socMin > b.socMax) add([...at, 'battery', 'socMin'], `must not exceed socMax (${b.socMax})`);
      else if (b.socInitial < b.socMin || b.socInitial > b.socMax) add([...at, 'battery', 'socInitial'], `must lie between socMin (${b.socMin}) and socMax (${b.socMax})`);
    }

    const seen = new Map<string, number>();
    mg.partners.forEach((p, k) => {
      const pat = [...at, 'partners', k, 'microgrid'];
      if (p.microgrid === mg.id) return add(pat, `a microgrid cannot trade with itself ("${mg.id}")`);
      if (seen.has(p.microgrid)) return add(pat, `partner "${p.microgrid}" is listed twice (also partners[${seen.get(p.microgrid)}])`);
      seen.set(p.microgrid, k);
      const j = ids.get(p.microgrid);
      if (j === undefined) return add(pat, `microgrid "${p.microgrid}" does not exist`);
      if (!s.microgrids[j]!.partners.some((q) => q.microgrid === mg.id))
        add(pat, `microgrid "${p.microgrid}" does not list "${mg.id}" among its partners; a pair trades only when each lists the other`);
    });

    const buy = valuesOf(s, mg.adn.buyPricePerKwh), sell = valuesOf(s, mg.adn.sellPricePerKwh);
    if (buy && sell && (mg.adn.maxImportKw === undefined || mg.adn.maxExportKw === undefined)) {
      // buying from the ADN and selling straight back at a profit has no optimum without both limits
      const t = sell.findIndex((v, k) => v > buy[k]!);
      if (t >= 0)
        add([...at, 'adn', 'sellPricePerKwh'], `exceeds the buy price in period ${t} (${sell[t]} > ${buy[t]}): energy could be bought and sold back at a profit without limit; lower it or set both adn.maxImportKw and adn.maxExportKw`);
    }

    // without partners, the load must be coverable in every period by what the microgrid can draw on
    // (with partners a shortfall may be bought from them; the solve's diagnosis names what binds)
    const load = valuesOf(s, mg.loadKw), pv = valuesOf(s, mg.pvProfile);
    if (load && pv && mg.adn.maxImportKw !== undefined && mg.partners.length === 0) {
      const most = (t: number) => mg.adn.maxImportKw! + (g?.pMaxKw ?? 0) + Math.max(0, pv[t]!) * mg.pvKwp + (b?.kw ?? 0);
      const t = load.findIndex((l, k) => l > most(k) + 1e-9);
      if (t >= 0)
        add([...at, 'loadKw'], `the load of ${load[t]} kW in period ${t} exceeds everything the microgrid can get (${Number(most(t).toPrecision(6))} kW from the ADN import limit, generator, PV and battery): the microgrid is infeasible`);
    }
  });
}

/** The operator's end of a communication link (the ADN agent, the pool's price setter). */
export const OPERATOR_ENDPOINT = 'adn';

/** Per-link communication settings name two different known agents, each pair once. */
function checkCommunicationLinks(s: Scenario, ids: ReadonlyMap<string, number>, add: Add): void {
  const seen = new Map<string, number>();
  s.microgridCoordination?.communication.links?.forEach((link, k) => {
    const at = ['microgridCoordination', 'communication', 'links', k, 'between'];
    const [a, b] = link.between;
    for (const [end, id] of [[0, a], [1, b]] as const)
      if (id !== OPERATOR_ENDPOINT && !ids.has(id)) add([...at, end], `"${id}" is neither a microgrid nor "${OPERATOR_ENDPOINT}" (the operator)`);
    if (a === b) return add([...at, 1], `a link joins two different agents, not "${a}" with itself`);
    const key = [a, b].sort().join(' ');
    if (seen.has(key)) add(at, `the link ${a}–${b} is listed twice (also links[${seen.get(key)}])`);
    else seen.set(key, k);
  });
}

/** The communication network's links: unique ids, two different ends, no pair of ends twice. */
function checkCommunicationNetwork(s: Scenario, add: Add): void {
  const ids = new Map<string, number>(), ends = new Map<string, number>();
  s.communicationNetwork?.links.forEach((link, k) => {
    const at = ['communicationNetwork', 'links', k];
    if (ids.has(link.id)) add([...at, 'id'], `link id "${link.id}" is used twice (also links[${ids.get(link.id)}])`);
    else ids.set(link.id, k);
    if (link.from === link.to) return add([...at, 'to'], `a link joins two different nodes, not "${link.from}" with itself`);
    const key = [link.from, link.to].sort().join(' ');
    if (ends.has(key)) add([...at, 'to'], `${link.from}–${link.to} is already joined by links[${ends.get(key)}]; give one link the sum of the bandwidths`);
    else ends.set(key, k);
  });
}
