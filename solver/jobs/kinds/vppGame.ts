/**
 * The `vpp-game` job kind: the multi-VPP P2P trading game, a Nash equilibrium
 * by best response (docs/models/vpp.md; solver: solver/vpp/vppGameJob.ts).
 * Options, result data and certificate, warm start, what-if outputs, CLI
 * summary and CSV tables; registered in solver/jobs/kindRegistry.ts.
 */
import { z } from 'zod';
import type { Table } from '../../results/table.ts';
import { defineJobKind } from '../kindModule.ts';
import type { OutputSpecOf } from '../outputSpec.ts';

export const VppGameOptions = z
  .object({
    /** building control: as each building says, or all constant-temperature, or all flexible */
    control: z.enum(['scenario', 'constant', 'flexible']).default('scenario'),
    /** also solve the game with every building constant and every building flexible, side by side */
    compareControl: z.boolean().default(false),
    /** best-response iteration stops when no quantity moves by more than this in a sweep, kW */
    toleranceKw: z.number().positive().max(100).default(1e-6),
    maxSweeps: z.number().int().min(1).max(10_000).default(200),
    /** solve the potential-maximisation program and compare its quantities with the equilibrium */
    potentialCheck: z.boolean().default(true),
    /** best-response curves: the two VPPs (default the first two), the period (default the one with the largest P2P volume), the samples per curve (0 = none) */
    curveVpps: z.tuple([z.string(), z.string()]).optional(),
    curvePeriod: z.number().int().min(0).optional(),
    curvePoints: z.number().int().min(0).max(201).default(21),
  })
  .strict();
export type VppGameOptions = z.output<typeof VppGameOptions>;

export interface VppBuildingResult {
  id: string;
  name: string;
  control: 'constant' | 'flexible';
  /** AC electric power per period, kW */
  acKw: number[];
  /** indoor temperature T[0..T] (start of the horizon, then the end of each period), °C */
  tempC: number[];
  /** comfort band of each period, °C */
  minC: number[];
  maxC: number[];
}

export interface VppEquilibrium {
  id: string;
  name: string;
  busId: string;
  /** P2P sale per period, kW */
  q: number[];
  /** P2P sales net of fee + grid exports − grid imports, currency */
  revenue: number;
  p2pRevenue: number;
  gridRevenue: number;
  batteryWear: number;
  discomfort: number;
  /** revenue − batteryWear − discomfort: the VPP's payoff in the game */
  payoff: number;
  /** share of all P2P energy sold, 0..1 */
  marketShare: number;
  /** market power: quantity-weighted (p − f − λ)/p over periods with sales, λ the VPP's marginal value of energy; null without sales */
  priceCostMargin: number | null;
  exportKw: number[];
  importKw: number[];
  /** λ_t, currency/kWh */
  marginalValue: number[];
  /** battery energy at the end of each period, kWh (empty without a battery) */
  energyKwh: number[];
  buildings: VppBuildingResult[];
}

/** The equilibrium's headline numbers under one control strategy. */
export interface VppControlSummary {
  control: 'constant' | 'flexible';
  totalRevenue: number;
  volumeKwh: number;
  vpps: { id: string; revenue: number; payoff: number; marketShare: number; priceCostMargin: number | null; volumeKwh: number }[];
}

/** A point of the best-response plane, kW. */
export interface CurvePoint {
  a: number;
  b: number;
}

export interface VppGameData {
  T: number;
  dtHours: number;
  control: 'scenario' | 'constant' | 'flexible';
  /** fee charged per kWh sold P2P: min(f, f_max) */
  feePerKwh: number;
  /** P2P price per period, currency/kWh */
  price: number[];
  /** total P2P supply per period, kW */
  volumeKw: number[];
  equilibrium: VppEquilibrium[];
  totalRevenue: number;
  /** the oracle: quantities of the potential's maximiser against the equilibrium's; null when not asked */
  potentialCheck: { maxQuantityDiffKw: number; potentialAtEquilibrium: number; potentialMaximum: number; solveMs: number } | null;
  /** quantities after each Gauss–Seidel sweep (for the best-response animation) */
  iterations: { sweep: number; residual: number; q: number[][] }[];
  /**
   * Best responses of two VPPs to each other in one period, the others held at
   * equilibrium. Every point lies in the (a, b) plane: a = q of vpps[0], b = q of vpps[1], kW.
   */
  bestResponseCurves: {
    period: number;
    vpps: [string, string];
    /** [0]: a = BR of vpps[0] to b; [1]: b = BR of vpps[1] to a */
    curves: [CurvePoint[], CurvePoint[]];
    equilibrium: CurvePoint;
    /** after each best response of either VPP, from (0, 0): the Gauss–Seidel staircase */
    path: CurvePoint[];
  } | null;
  comparison: { constant: VppControlSummary; flexible: VppControlSummary } | null;
}

export interface VppGameCertificate {
  /** largest payoff gain any VPP gets by re-optimising against the others' equilibrium quantities, currency */
  maxDeviationGain: number;
  /** the same gain relative to that VPP's payoff */
  maxRelativeDeviationGain: number;
  deviationGains: { id: string; gain: number; payoff: number }[];
  sweeps: number;
  /** largest quantity change in each sweep, kW */
  residualHistory: number[];
  toleranceKw: number;
  bestResponses: number;
  /** solver time summed over best responses, ms */
  bestResponseMs: number;
  /** the best responses are QPs: always HiGHS */
  backend: 'highs';
}

/** per VPP id: its P2P quantities per period, kW (Gauss–Seidel starts there instead of at 0) */
export interface VppGameWarmStart {
  q: Record<string, number[]>;
}

const byVpp = (d: VppGameData, value: (v: VppGameData['equilibrium'][number]) => number | null) =>
  Object.fromEntries(d.equilibrium.flatMap((v) => {
    const x = value(v);
    return x === null ? [] : [[v.id, x]];
  }));

const vppIds = { entity: 'VPP', entities: (s: { vpps: { id: string }[] }) => s.vpps.map((v) => v.id) };

/** What a what-if study can read off a vpp-game result. */
export const vppGameOutputs: OutputSpecOf<VppGameData>[] = [
  { id: 'p2pVolumeKwh', label: 'P2P energy traded over the horizon', unit: 'kWh', shape: 'scalar', extract: (d) => d.volumeKw.reduce((a, b) => a + b, 0) * d.dtHours },
  { id: 'totalRevenue', label: 'Total revenue of the VPPs', unit: 'currency', shape: 'scalar', extract: (d) => d.totalRevenue },
  { id: 'price', label: 'P2P price per period', unit: 'currency/kWh', shape: 'series', extract: (d) => d.price },
  { id: 'volumeKw', label: 'P2P supply per period', unit: 'kW', shape: 'series', extract: (d) => d.volumeKw },
  { id: 'revenue', label: 'Revenue per VPP', unit: 'currency', shape: 'per-entity', ...vppIds, extract: (d) => byVpp(d, (v) => v.revenue) },
  { id: 'marketShare', label: 'P2P market share per VPP', unit: 'fraction', shape: 'per-entity', ...vppIds, extract: (d) => byVpp(d, (v) => v.marketShare) },
  { id: 'priceCostMargin', label: 'Price–cost margin (market power) per VPP', unit: 'fraction', shape: 'per-entity', ...vppIds, extract: (d) => byVpp(d, (v) => v.priceCostMargin) },
  // the equilibrium itself: what each VPP sells P2P (its strategy, summed over the horizon) and its payoff in the game (revenue − battery wear − discomfort)
  { id: 'p2pSalesKwh', label: 'P2P sales per VPP', unit: 'kWh', shape: 'per-entity', ...vppIds, equilibrium: 'strategy', extract: (d) => byVpp(d, (v) => v.q.reduce((a, b) => a + b, 0) * d.dtHours) },
  { id: 'payoff', label: 'Payoff per VPP', unit: 'currency', shape: 'per-entity', ...vppIds, equilibrium: 'payoff', extract: (d) => byVpp(d, (v) => v.payoff) },
];

const money = (x: number) => x.toFixed(2);

export function vppGameSummary(data: VppGameData, certificate: VppGameCertificate | null): string[] {
  const peak = data.volumeKw.indexOf(Math.max(...data.volumeKw));
  const lines = [
    `periods        ${data.T} × ${data.dtHours} h, fee ${data.feePerKwh}/kWh, control ${data.control}`,
    `P2P volume     ${(data.volumeKw.reduce((a, b) => a + b, 0) * data.dtHours).toFixed(1)} kWh, peak ${data.volumeKw[peak]!.toFixed(1)} kW at t=${peak} (price ${data.price[peak]!.toFixed(4)})`,
    ...data.equilibrium.map(
      (v) => `${v.id.padEnd(14)} revenue ${money(v.revenue)}, share ${(100 * v.marketShare).toFixed(1)} %, margin ${v.priceCostMargin === null ? '—' : v.priceCostMargin.toFixed(3)}`,
    ),
    `total revenue  ${money(data.totalRevenue)}`,
  ];
  if (data.potentialCheck) lines.push(`potential      max |q − q_potential| = ${data.potentialCheck.maxQuantityDiffKw.toExponential(2)} kW`);
  if (certificate)
    lines.push(`certificate    max deviation gain ${certificate.maxDeviationGain.toExponential(2)} (relative ${certificate.maxRelativeDeviationGain.toExponential(2)}), ${certificate.sweeps} sweeps, last residual ${certificate.residualHistory.at(-1)!.toExponential(2)} kW`);
  return lines;
}

/** CSV views (`ggs solve --out`) of a vpp-game result: prices and quantities per period, one row per VPP, building schedules, the residual history. */
export function vppGameTables(data: VppGameData): Record<'periods' | 'vpps' | 'buildings' | 'iterations', Table> {
  const ids = data.equilibrium.map((v) => v.id);
  return {
    periods: {
      columns: ['t', 'pricePerKwh', 'volumeKw', ...ids.map((id) => `q_${id}`)],
      rows: data.price.map((p, t) => [t, p, data.volumeKw[t]!, ...data.equilibrium.map((v) => v.q[t]!)]),
    },
    vpps: {
      columns: ['vpp', 'revenue', 'p2pRevenue', 'gridRevenue', 'batteryWear', 'discomfort', 'payoff', 'marketShare', 'priceCostMargin'],
      rows: data.equilibrium.map((v) => [v.id, v.revenue, v.p2pRevenue, v.gridRevenue, v.batteryWear, v.discomfort, v.payoff, v.marketShare, v.priceCostMargin]),
    },
    buildings: {
      columns: ['vpp', 'building', 'control', 't', 'acKw', 'tempEndC', 'minC', 'maxC'],
      rows: data.equilibrium.flatMap((v) => v.buildings.flatMap((b) => b.acKw.map((p, t) => [v.id, b.id, b.control, t, p, b.tempC[t + 1]!, b.minC[t]!, b.maxC[t]!]))),
    },
    iterations: {
      columns: ['sweep', 'residualKw'],
      rows: data.iterations.map((s) => [s.sweep, s.residual]),
    },
  };
}

export const vppGameKind = defineJobKind<'vpp-game', VppGameOptions, VppGameData, VppGameCertificate, VppGameWarmStart>({
  kind: 'vpp-game',
  label: 'Multi-VPP P2P trading game: Nash equilibrium by best response (QP)',
  options: VppGameOptions,
  outputs: vppGameOutputs,
  summary: vppGameSummary,
  tables: vppGameTables,
  warmStart: true,
});
