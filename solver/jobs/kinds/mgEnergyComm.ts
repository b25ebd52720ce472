/**
 * The `mg-energy-comm` job kind: the microgrids' P2P trades with the
 * communication they need routed over a network of limited bandwidth — the
 * energy–communication multi-commodity variant of MODELS.md §7, solved
 * centrally as one LP/QP (docs/models/microgrids.md; solver:
 * solver/microgrid/energyCommJob.ts). Registered in solver/jobs/kindRegistry.ts.
 */
import { z } from 'zod';
import type { Table } from '../../results/table.ts';
import { defineJobKind } from '../kindModule.ts';
import type { OutputSpecOf } from '../outputSpec.ts';

export const MgEnergyCommOptions = z
  .object({
    /** include the ADN's LinDistFlow limits, as in mg-bargaining's P1 */
    network: z.boolean().default(true),
    polygonSides: z.number().int().min(4).max(64).default(12),
    /** certified when flow conservation, the bandwidths and the cheapest-route check hold within this (relative to the largest data rate) */
    tolerance: z.number().positive().max(1e-2).default(1e-6),
  })
  .strict();
export type MgEnergyCommOptions = z.output<typeof MgEnergyCommOptions>;

export interface MgCommRoute {
  /** node ids from the pair's first microgrid to its second */
  path: string[];
  kbps: number;
  /** link cost + bandwidth price along the route, and along the cheapest route, per kbit/s·h */
  pricePerKbpsH: number;
  cheapestPerKbpsH: number;
}

export interface MgEnergyCommData {
  T: number;
  dtHours: number;
  kbpsPerKw: number;
  network: boolean;
  /** the communication network's nodes (microgrids first, then routers) */
  nodes: string[];
  microgrids: {
    id: string;
    costAlone: number;
    /** C_i at the joint optimum */
    cost: number;
    /** half the communication cost of each pair it trades in */
    communicationShare: number;
    /** C_i at P1 without the communication network (free, unlimited data) */
    costFreeCommunication: number;
    /** Nash-bargaining payment on the joint costs (received > 0) and the equal gain */
    payment: number;
    gain: number;
  }[];
  pairs: {
    a: string;
    b: string;
    /** [t] kW, > 0 when a receives from b; and the same pair's trade with free communication */
    tradeKw: number[];
    freeTradeKw: number[];
    rateKbps: number[];
    /** [t] the routes of its data */
    routes: MgCommRoute[][];
    communicationCost: number;
  }[];
  links: { id: string; from: string; to: string; bandwidthKbps: number; loadKbps: number[]; pricePerKbpsH: number[] }[];
  energyCost: number;
  communicationCost: number;
  /** energy + communication at the joint optimum, and P1's social cost with free communication */
  socialCost: number;
  freeCommunicationCost: number;
  cutRounds: number;
}

export interface MgEnergyCommCertificate {
  /** largest |flow out − flow in − demand|, kbit/s */
  conservationResidual: number;
  /** largest load − bandwidth, kbit/s */
  capacityExcess: number;
  /** largest route price above the cheapest route's, per kbit/s·h */
  routeGap: number;
  /** the scale the tolerances are relative to: the largest data rate, kbit/s (≥ 1), and the largest link price */
  rateScale: number;
  priceScale: number;
  tolerance: number;
  /** socialCost − freeCommunicationCost: ≥ 0 (the joint problem only adds costs and limits) */
  costAboveFree: number;
  backend: string;
}

export const mgEnergyCommOutputs: OutputSpecOf<MgEnergyCommData>[] = [
  { id: 'socialCost', label: 'Social cost with communication (energy + data)', unit: 'currency', shape: 'scalar', extract: (d) => d.socialCost },
  { id: 'communicationCost', label: 'Cost of the trades’ communication', unit: 'currency', shape: 'scalar', extract: (d) => d.communicationCost },
  { id: 'costOfCommunicationLimits', label: 'Social cost above free, unlimited communication', unit: 'currency', shape: 'scalar', extract: (d) => d.socialCost - d.freeCommunicationCost },
  {
    id: 'tradedKw',
    label: 'Energy traded P2P per period',
    unit: 'kW',
    shape: 'series',
    extract: (d) => Array.from({ length: d.T }, (_, t) => d.pairs.reduce((s, p) => s + Math.abs(p.tradeKw[t]!), 0)),
  },
  {
    id: 'linkLoad',
    label: 'Largest load of a communication link over the periods',
    unit: 'kbit/s',
    shape: 'per-entity',
    entity: 'communication link',
    entities: (s) => s.communicationNetwork?.links.map((l) => l.id) ?? [],
    extract: (d) => Object.fromEntries(d.links.map((l) => [l.id, Math.max(0, ...l.loadKbps)])),
  },
];

const f2 = (x: number) => x.toFixed(2);

export function mgEnergyCommSummary(d: MgEnergyCommData, c: MgEnergyCommCertificate | null): string[] {
  const routeText = (r: MgCommRoute) => `${r.path.join('→')} ${r.kbps.toFixed(1)} kbit/s`;
  const lines = [
    `periods        ${d.T} × ${d.dtHours} h, ${d.microgrids.length} microgrids, ${d.pairs.length} trading pairs, ${d.links.length} communication links (${d.kbpsPerKw} kbit/s per kW traded)${d.network ? ', LinDistFlow network' : ''}`,
    `social cost    ${f2(d.socialCost)} = energy ${f2(d.energyCost)} + communication ${f2(d.communicationCost)}; with free, unlimited communication ${f2(d.freeCommunicationCost)}`,
    ...d.microgrids.map((m) => `  ${m.id.padEnd(12)} alone ${f2(m.costAlone)} → ${f2(m.cost)} + data ${f2(m.communicationShare)}, payment ${m.payment >= 0 ? '+' : ''}${f2(m.payment)} (gain ${f2(m.gain)})`),
    ...d.pairs.flatMap((p) =>
      p.tradeKw.map((kw, t) => `  t${t} ${p.a}–${p.b}  ${kw.toFixed(2)} kW (free: ${p.freeTradeKw[t]!.toFixed(2)})${p.routes[t]!.length > 0 ? `: ${p.routes[t]!.map(routeText).join(', ')}` : ''}`),
    ).slice(0, 24),
    ...d.links.map((l) => `  link ${l.id.padEnd(8)} ${l.from}–${l.to} ${l.bandwidthKbps} kbit/s: peak load ${Math.max(...l.loadKbps).toFixed(1)}, bandwidth price ${Math.max(...l.pricePerKbpsH).toFixed(4)} /kbit/s·h at most`),
  ];
  if (c) lines.push(`certificate    conservation ${c.conservationResidual.toExponential(2)}, capacity excess ${c.capacityExcess.toExponential(2)} kbit/s, route gap ${c.routeGap.toExponential(2)} (tolerance ${c.tolerance} relative)`);
  return lines;
}

export function mgEnergyCommTables(d: MgEnergyCommData): Record<'trades' | 'routes' | 'links' | 'microgrids', Table> {
  return {
    trades: { columns: ['t', 'a', 'b', 'tradeKw', 'freeTradeKw', 'rateKbps'], rows: d.pairs.flatMap((p) => p.tradeKw.map((kw, t) => [t, p.a, p.b, kw, p.freeTradeKw[t]!, p.rateKbps[t]!])) },
    routes: { columns: ['t', 'a', 'b', 'path', 'kbps', 'pricePerKbpsH', 'cheapestPerKbpsH'], rows: d.pairs.flatMap((p) => p.routes.flatMap((rs, t) => rs.map((r) => [t, p.a, p.b, r.path.join('>'), r.kbps, r.pricePerKbpsH, r.cheapestPerKbpsH]))) },
    links: { columns: ['t', 'link', 'from', 'to', 'bandwidthKbps', 'loadKbps', 'pricePerKbpsH'], rows: d.links.flatMap((l) => l.loadKbps.map((v, t) => [t, l.id, l.from, l.to, l.bandwidthKbps, v, l.pricePerKbpsH[t]!])) },
    microgrids: { columns: ['microgrid', 'costAlone', 'cost', 'communicationShare', 'costFreeCommunication', 'payment', 'gain'], rows: d.microgrids.map((m) => [m.id, m.costAlone, m.cost, m.communicationShare, m.costFreeCommunication, m.payment, m.gain]) },
  };
}

export const mgEnergyCommKind = defineJobKind<'mg-energy-comm', MgEnergyCommOptions, MgEnergyCommData, MgEnergyCommCertificate>({
  kind: 'mg-energy-comm',
  label: 'Microgrids: P2P energy with its communication routed over limited bandwidth (multi-commodity)',
  options: MgEnergyCommOptions,
  outputs: mgEnergyCommOutputs,
  summary: mgEnergyCommSummary,
  tables: mgEnergyCommTables,
  warmStart: false,
});
