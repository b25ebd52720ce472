/**
 * Cross-checks of the `evcs` section that zod cannot express: a road network
 * and a feeder to put the stations on, stations at through nodes and buses
 * that exist, unique participant ids, price bounds in order, a DSO tariff
 * without arbitrage, and every origin of EVs able to reach some station (an
 * origin that cannot has no equilibrium).
 */
import type { Scenario } from './schema.ts';

type Add = (path: ReadonlyArray<PropertyKey>, message: string) => void;

export function crossCheckEvcs(s: Scenario, add: Add): void {
  const e = s.evcs;
  if (!e) return;
  const t = s.transport;
  if (!t) add(['evcs'], 'needs a road network: add a "transport" section (nodes, links) or import one with ggs import tntp');
  const nodes = new Map(t?.nodes.map((n, i) => [n.id, i]));
  const buses = new Set(s.network.buses.map((b) => b.id));
  const ids = new Map<string, string>();
  const unique = (id: string, at: (string | number)[]) => {
    const first = ids.get(id);
    if (first) add([...at, 'id'], `participant id "${id}" is used twice (also ${first})`);
    else ids.set(id, at.join('.').replace(/\.(\d+)/g, '[$1]'));
  };
  e.stations.forEach((st, i) => {
    const at = ['evcs', 'stations', i];
    unique(st.id, at);
    if (t) {
      const n = nodes.get(st.node);
      if (n === undefined) add([...at, 'node'], `transport node "${st.node}" does not exist`);
      else if (!t.nodes[n]!.through) add([...at, 'node'], `transport node "${st.node}" is a zone centroid (through: false); EVs could not pass it on to the charger — put the station at a through node`);
    }
    if (!buses.has(st.busId)) add([...at, 'busId'], `bus "${st.busId}" does not exist`);
    if (st.busId === s.network.substation.busId) add([...at, 'busId'], `bus "${st.busId}" is the substation; put the station on a feeder bus`);
    if (!(st.priceMinPerKwh <= st.priceMaxPerKwh)) add([...at, 'priceMaxPerKwh'], `must be at least priceMinPerKwh (${st.priceMinPerKwh})`);
  });
  e.prosumers.forEach((p, i) => {
    const at = ['evcs', 'prosumers', i];
    unique(p.id, at);
    if (!buses.has(p.busId)) add([...at, 'busId'], `bus "${p.busId}" does not exist`);
    if (p.generator && p.generator.pMinKw > p.generator.pMaxKw) add([...at, 'generator', 'pMinKw'], `must not exceed pMaxKw (${p.generator.pMaxKw})`);
  });
  if (e.dso.sellPricePerKwh > e.dso.buyPricePerKwh) add(['evcs', 'dso', 'sellPricePerKwh'], `must not exceed buyPricePerKwh (${e.dso.buyPricePerKwh}): buying from the DSO to sell it back would pay without limit`);
  if (!t) return;

  // which nodes reach a station: search backwards from the stations over links, not through centroids
  const incoming: number[][] = t.nodes.map(() => []);
  for (const l of t.links) {
    const a = nodes.get(l.from), b = nodes.get(l.to);
    if (a !== undefined && b !== undefined) incoming[b]!.push(a);
  }
  const reaches = new Uint8Array(t.nodes.length);
  const stack = e.stations.flatMap((st) => (nodes.has(st.node) ? [nodes.get(st.node)!] : []));
  for (const n of stack) reaches[n] = 1;
  while (stack.length) {
    const j = stack.pop()!;
    for (const i of incoming[j]!)
      if (!reaches[i]) {
        reaches[i] = 1;
        // a centroid can start a trip but passes none on
        if (t.nodes[i]!.through) stack.push(i);
      }
  }
  const origins = new Map<string, number>();
  e.demand.forEach((d, i) => {
    const at = ['evcs', 'demand', i];
    const n = nodes.get(d.from);
    if (n === undefined) return add([...at, 'from'], `transport node "${d.from}" does not exist`);
    if (origins.has(d.from)) add([...at, 'from'], `node "${d.from}" is listed twice (also evcs.demand[${origins.get(d.from)}])`);
    origins.set(d.from, i);
    if (!reaches[n]) add([...at, 'from'], `no charging station can be reached from node "${d.from}"`);
  });
}
