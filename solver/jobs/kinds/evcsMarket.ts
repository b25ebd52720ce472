/**
 * The `evcs-market` job kind: EV charging stations on a coupled road network
 * and feeder — station choice inside the traffic equilibrium, the
 * hierarchical P2P market cleared by ADMM, the AC power flow, iterated to a
 * fixed point of prices and flows (docs/models/evcs.md; solver:
 * solver/evcs/evcsJob.ts). Options, result data and certificate, what-if
 * outputs, CLI summary and CSV tables; registered in solver/jobs/kindRegistry.ts.
 */
import { z } from 'zod';
import type { Table } from '../../results/table.ts';
import { defineJobKind } from '../kindModule.ts';
import type { OutputSpecOf } from '../outputSpec.ts';
import type { AdmmIteration } from '../../microgrid/resultTypes.ts';
import type { WardropCheck } from '../../transport/wardrop.ts';

export const EvcsMarketOptions = z
  .object({
    /** the coupling: at most this many rounds of traffic → market → power flow → prices */
    maxCouplingIterations: z.number().int().min(1).max(1000).default(60),
    /** 'msa': the new prices are the running average of the market's answers (step 1/k); 'fixed': a fixed step `damping` towards the market's answer */
    averaging: z.enum(['msa', 'fixed']).default('fixed'),
    /** the step of 'fixed' averaging, in (0, 1]: 1 = take the market's prices as they are */
    damping: z.number().gt(0).max(1).default(0.5),
    /** the fixed point holds when no station's price moves by more than this between the price quoted and the market's answer to it, currency/kWh */
    priceTolerancePerKwh: z.number().positive().default(1e-3),
    /** traffic assignment (gradient projection) per round */
    relativeGap: z.number().positive().max(0.1).default(1e-4),
    maxPathIterations: z.number().int().min(1).max(100_000).default(2000),
    wardropTolerance: z.number().positive().max(1).default(1e-2),
    usedShare: z.number().positive().max(1).default(1e-3),
    /** the market's balance: largest |supply − demand| of a participant and |p_ij + p_ji| of a pair, kW */
    balanceToleranceKw: z.number().positive().default(0.05),
    /** include the feeder's LinDistFlow limits (the DSO as ADMM's ADN agent) */
    network: z.boolean().default(true),
    polygonSides: z.number().int().min(4).max(64).default(12),
    /** the AC power flow (backward/forward sweep) */
    tolerancePu: z.number().positive().max(1e-2).default(1e-8),
    maxSweeps: z.number().int().min(1).max(1000).default(100),
  })
  .strict();
export type EvcsMarketOptions = z.output<typeof EvcsMarketOptions>;

export interface EvcsStationResult {
  id: string;
  node: string;
  busId: string;
  chargers: number;
  capacityVehPerH: number;
  /** EVs charging per hour (the station link's equilibrium flow) */
  evPerH: number;
  /** evPerH / capacity: above 1 the queue grows without bound in reality */
  utilisation: number;
  /** EVs × energy per EV, kW over the hour */
  loadKw: number;
  chargeMin: number;
  waitMin: number;
  /** the station's energy cost from the market, and the price drivers pay, currency/kWh */
  energyPricePerKwh: number;
  pricePerKwh: number;
  voltagePu: number;
}

export interface EvcsParticipantResult {
  id: string;
  kind: 'station' | 'prosumer';
  busId: string;
  loadKw: number;
  pvKw: number;
  genKw: number;
  buyKw: number;
  sellKw: number;
  p2pKw: number;
  injectionKw: number;
  netCost: number;
  balanceKw: number;
}

export interface EvcsTradeResult {
  seller: string;
  buyer: string;
  kw: number;
  pricePerKwh: number;
}

export interface EvcsRoadLink {
  id: string;
  from: string;
  to: string;
  flowVehPerH: number;
  vc: number;
  timeMin: number;
}

export interface EvcsOriginResult {
  from: string;
  vehPerH: number;
  /** equilibrium generalised cost of charging from here (travel + charge + wait + price), minutes */
  costMin: number;
  /** EVs per hour going to each station */
  byStation: Record<string, number>;
}

export interface EvcsCouplingRound {
  k: number;
  /** the prices quoted this round, and the market's answer to the traffic they drew, currency/kWh */
  pricePerKwh: number[];
  answerPerKwh: number[];
  stationEvPerH: number[];
  /** max |answer − quoted|, currency/kWh */
  priceResidual: number;
  /** max |station flow − last round's|, EVs per hour (null in the first round) */
  flowChangeVehPerH: number | null;
  trafficIterations: number;
  admmIterations: number;
  admmConverged: boolean;
}

export interface EvcsBus {
  id: string;
  vmPu: number;
  x?: number;
  y?: number;
}

export interface EvcsMarketData {
  stations: EvcsStationResult[];
  participants: EvcsParticipantResult[];
  trades: EvcsTradeResult[];
  links: EvcsRoadLink[];
  origins: EvcsOriginResult[];
  nodes: { id: string; x: number; y: number }[];
  buses: EvcsBus[];
  lines: { id: string; from: string; to: string; pKw: number }[];
  coupling: { converged: boolean; iterations: number; rounds: EvcsCouplingRound[]; averaging: 'msa' | 'fixed' };
  /** the last round's ADMM */
  admm: { converged: boolean; iterations: number; history: AdmmIteration[]; solves: number };
  totals: {
    evPerH: number;
    stationLoadKw: number;
    /** EV-weighted mean charging price, currency/kWh */
    meanPricePerKwh: number;
    totalTravelTimeVehMin: number;
    lossesKw: number;
    substationKw: number;
    minVoltagePu: number;
    minVoltageBus: string;
    maxVc: number;
  };
  dso: { buyPricePerKwh: number; sellPricePerKwh: number; tradeFeePerKwh: number };
  energyPerEvKwh: number;
}

export interface EvcsMarketCertificate {
  coupling: { converged: boolean; iterations: number; priceResidualPerKwh: number; tolerancePerKwh: number };
  traffic: { relativeGap: number; wardrop: WardropCheck; maxWardropExcess: number; tolerance: { relativeGap: number; wardrop: number } };
  powerflow: { maxMismatchKva: number; lastVoltageChangePu: number; tolerancePu: number };
  market: { admmConverged: boolean; maxBalanceKw: number; maxTradeMismatchKw: number; paymentSum: number; toleranceKw: number };
  backend: string;
}

export const evcsMarketOutputs: OutputSpecOf<EvcsMarketData>[] = [
  { id: 'meanPricePerKwh', label: 'Mean charging price', unit: 'currency/kWh', shape: 'scalar', extract: (d) => d.totals.meanPricePerKwh },
  { id: 'stationLoadKw', label: 'Charging load', unit: 'kW', shape: 'scalar', extract: (d) => d.totals.stationLoadKw },
  { id: 'minVoltagePu', label: 'Lowest voltage', unit: 'p.u.', shape: 'scalar', extract: (d) => d.totals.minVoltagePu, at: (d) => d.totals.minVoltageBus },
  { id: 'totalTravelTimeVehMin', label: 'Total road travel time', unit: 'veh·min/h', shape: 'scalar', extract: (d) => d.totals.totalTravelTimeVehMin },
  { id: 'couplingIterations', label: 'Coupling iterations', unit: 'rounds', shape: 'scalar', extract: (d) => d.coupling.iterations },
  {
    id: 'stationPricePerKwh',
    label: 'Charging price per station',
    unit: 'currency/kWh',
    shape: 'per-entity',
    entity: 'station',
    entities: (s) => s.evcs?.stations.map((x) => x.id) ?? [],
    extract: (d) => Object.fromEntries(d.stations.map((x) => [x.id, x.pricePerKwh])),
  },
  {
    id: 'stationEvPerH',
    label: 'EVs charging per station',
    unit: 'veh/h',
    shape: 'per-entity',
    entity: 'station',
    entities: (s) => s.evcs?.stations.map((x) => x.id) ?? [],
    extract: (d) => Object.fromEntries(d.stations.map((x) => [x.id, x.evPerH])),
  },
];

const f2 = (x: number) => x.toFixed(2);

export function evcsMarketSummary(data: EvcsMarketData, c: EvcsMarketCertificate | null): string[] {
  const t = data.totals;
  const lines = [
    `coupling       ${data.coupling.iterations} rounds (${data.coupling.averaging} averaging), ${data.coupling.converged ? 'settled' : 'NOT settled'}`,
    `EVs            ${f2(t.evPerH)} veh/h charging ${f2(t.stationLoadKw)} kW, mean price ${t.meanPricePerKwh.toFixed(4)}/kWh`,
    ...data.stations.map((s) => `  ${s.id.padEnd(12)} node ${s.node}, bus ${s.busId}: ${f2(s.evPerH)} EV/h (${(100 * s.utilisation).toFixed(0)} %), ${f2(s.loadKw)} kW, wait ${s.waitMin.toFixed(2)} min, price ${s.pricePerKwh.toFixed(4)} (energy ${s.energyPricePerKwh.toFixed(4)}), ${s.voltagePu.toFixed(4)} p.u.`),
    `market         ${data.trades.length} P2P trades, ADMM ${data.admm.iterations} iterations${data.admm.converged ? '' : ' (not converged)'}`,
    `feeder         substation ${f2(t.substationKw)} kW, losses ${f2(t.lossesKw)} kW, min voltage ${t.minVoltagePu.toFixed(5)} p.u. at bus ${t.minVoltageBus}`,
    `roads          ${f2(t.totalTravelTimeVehMin)} veh·min/h, max v/c ${t.maxVc.toFixed(3)}`,
  ];
  if (c)
    lines.push(
      `certificate    price residual ${c.coupling.priceResidualPerKwh.toExponential(2)} (≤ ${c.coupling.tolerancePerKwh}), relative gap ${c.traffic.relativeGap.toExponential(2)}, Wardrop excess ${c.traffic.maxWardropExcess.toExponential(2)}, power mismatch ${c.powerflow.maxMismatchKva.toExponential(2)} kVA, market balance ${Math.max(c.market.maxBalanceKw, c.market.maxTradeMismatchKw).toExponential(2)} kW`,
    );
  return lines;
}

export function evcsMarketTables(data: EvcsMarketData): Record<'stations' | 'participants' | 'trades' | 'links' | 'coupling', Table> {
  return {
    stations: {
      columns: ['station', 'node', 'busId', 'evPerH', 'utilisation', 'loadKw', 'chargeMin', 'waitMin', 'energyPricePerKwh', 'pricePerKwh', 'voltagePu'],
      rows: data.stations.map((s) => [s.id, s.node, s.busId, s.evPerH, s.utilisation, s.loadKw, s.chargeMin, s.waitMin, s.energyPricePerKwh, s.pricePerKwh, s.voltagePu]),
    },
    participants: {
      columns: ['id', 'kind', 'busId', 'loadKw', 'pvKw', 'genKw', 'buyKw', 'sellKw', 'p2pKw', 'injectionKw', 'netCost'],
      rows: data.participants.map((p) => [p.id, p.kind, p.busId, p.loadKw, p.pvKw, p.genKw, p.buyKw, p.sellKw, p.p2pKw, p.injectionKw, p.netCost]),
    },
    trades: { columns: ['seller', 'buyer', 'kw', 'pricePerKwh'], rows: data.trades.map((t) => [t.seller, t.buyer, t.kw, t.pricePerKwh]) },
    links: { columns: ['link', 'from', 'to', 'flowVehPerH', 'vc', 'timeMin'], rows: data.links.map((l) => [l.id, l.from, l.to, l.flowVehPerH, l.vc, l.timeMin]) },
    coupling: {
      columns: ['round', 'priceResidual', 'flowChangeVehPerH', 'trafficIterations', 'admmIterations', ...data.stations.map((s) => `price_${s.id}`), ...data.stations.map((s) => `ev_${s.id}`)],
      rows: data.coupling.rounds.map((r) => [r.k, r.priceResidual, r.flowChangeVehPerH, r.trafficIterations, r.admmIterations, ...r.pricePerKwh, ...r.stationEvPerH]),
    },
  };
}

export const evcsMarketKind = defineJobKind<'evcs-market', EvcsMarketOptions, EvcsMarketData, EvcsMarketCertificate>({
  kind: 'evcs-market',
  label: 'EV charging stations: traffic ↔ P2P market ↔ feeder fixed point (ADMM)',
  options: EvcsMarketOptions,
  outputs: evcsMarketOutputs,
  summary: evcsMarketSummary,
  tables: evcsMarketTables,
  warmStart: false,
});
