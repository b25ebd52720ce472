/**
 * The `dual-ascent` job kind: the microgrids trade in one P2P pool per period
 * under a price the operator sets by (accelerated) dual ascent on the pool's
 * energy balance; each microgrid's reported response carries Laplace noise of
 * scale Δ/ε (differential privacy). docs/models/microgrids.md; solver:
 * solver/microgrid/dualAscent.ts. Registered in solver/jobs/kindRegistry.ts.
 */
import { z } from 'zod';
import type { Table } from '../../results/table.ts';
import { defineJobKind } from '../kindModule.ts';
import type { OutputSpecOf } from '../outputSpec.ts';
import type { MessageStats } from '../../microgrid/resultTypes.ts';

export const DualAscentOptions = z
  .object({
    /** β of the proximal term β/2·q² on each microgrid's pool trade, currency per kW² per period: makes responses unique and the dual smooth */
    regularisation: z.number().positive().max(10).default(1e-3),
    /** Nesterov's acceleration of the price update */
    accelerated: z.boolean().default(true),
    /** add Laplace noise of scale Δ/ε (microgridCoordination.privacy) to every report */
    privacy: z.boolean().default(true),
    maxIterations: z.number().int().min(1).max(100_000).default(400),
    /** stop early when no price moves by more than this, currency/kWh (never with noise on) */
    priceTolerance: z.number().positive().default(1e-7),
    /** certified when the welfare gap to the centralised optimum is at most this (relative) … */
    gapTolerance: z.number().positive().max(1).default(1e-3),
    /** … and the largest pool imbalance of the true responses at most this, kW */
    balanceToleranceKw: z.number().positive().default(1),
  })
  .strict();
export type DualAscentOptions = z.output<typeof DualAscentOptions>;

export interface DualAscentIteration {
  k: number;
  /** largest |Σ_i reported q_i,t| over t, kW (what the operator sees) */
  reportedImbalanceKw: number;
  /** largest |Σ_i q_i,t|, kW (the truth) */
  imbalanceKw: number;
  /** Σ C_i + β/2·Σ q² of the current responses */
  cost: number;
}

export interface DualAscentData {
  T: number;
  dtHours: number;
  /** per microgrid: its cost alone and in the pool (its own C_i, incl. what it pays the ADN), its pool trade, and what it buys from and sells to the ADN (kW ≥ 0, per period) */
  microgrids: { id: string; costAlone: number; cost: number; poolKw: number[]; adnBuyKw: number[]; adnSellKw: number[] }[];
  /** final pool price per period, currency/kWh */
  pricePerKwh: number[];
  /** the centralised optimum's prices (duals of the pool balances), currency/kWh */
  optimumPricePerKwh: number[];
  iterations: DualAscentIteration[];
  /** Σ C_i + β/2 Σ q² at the final responses, and at the centralised optimum */
  cost: number;
  optimumCost: number;
  relativeGap: number;
  maxImbalanceKw: number;
  epsilon: number | null;
  noiseScaleKw: number | null;
  /** what the message network did (only when it is not perfect) */
  messages?: MessageStats;
}

export interface DualAscentCertificate {
  relativeGap: number;
  gapTolerance: number;
  maxImbalanceKw: number;
  balanceToleranceKw: number;
  iterations: number;
}

export const dualAscentOutputs: OutputSpecOf<DualAscentData>[] = [
  { id: 'welfareGap', label: 'Welfare gap to the centralised optimum (relative)', unit: 'p.u.', shape: 'scalar', extract: (d) => d.relativeGap },
  { id: 'maxImbalanceKw', label: 'Largest pool imbalance of the final responses', unit: 'kW', shape: 'scalar', extract: (d) => d.maxImbalanceKw },
  { id: 'pricePerKwh', label: 'Pool price per period', unit: 'currency/kWh', shape: 'series', extract: (d) => d.pricePerKwh },
];

export function dualAscentSummary(d: DualAscentData, c: DualAscentCertificate | null): string[] {
  return [
    `periods        ${d.T} × ${d.dtHours} h, ${d.microgrids.length} microgrids in one pool, ${d.iterations.length} price updates`,
    `privacy        ${d.epsilon === null ? 'off (exact reports)' : `Laplace noise of scale ${d.noiseScaleKw} kW (ε = ${d.epsilon}) on every report`}`,
    `cost           ${d.cost.toFixed(4)} vs optimum ${d.optimumCost.toFixed(4)}: gap ${d.relativeGap.toExponential(2)}; largest imbalance ${d.maxImbalanceKw.toFixed(3)} kW`,
    ...(d.messages ? [`messages       ${d.messages.posted} posted, ${d.messages.lost} lost, mean delay ${d.messages.meanDelay.toFixed(2)} iterations${d.messages.superseded !== undefined ? `, ${d.messages.queued} waited for bandwidth, ${d.messages.superseded} superseded` : ''}`] : []),
    `prices         ${d.pricePerKwh.map((p) => p.toFixed(4)).join(' ')} (optimum ${d.optimumPricePerKwh.map((p) => p.toFixed(4)).join(' ')}) per kWh`,
    ...(c ? [`certificate    gap ${c.relativeGap.toExponential(2)} (≤ ${c.gapTolerance}), imbalance ${c.maxImbalanceKw.toFixed(3)} kW (≤ ${c.balanceToleranceKw})`] : []),
  ];
}

export function dualAscentTables(d: DualAscentData): Record<'iterations' | 'periods', Table> {
  return {
    iterations: { columns: ['iteration', 'reportedImbalanceKw', 'imbalanceKw', 'cost'], rows: d.iterations.map((i) => [i.k, i.reportedImbalanceKw, i.imbalanceKw, i.cost]) },
    periods: {
      columns: ['t', 'pricePerKwh', 'optimumPricePerKwh', ...d.microgrids.map((m) => `pool_${m.id}`)],
      rows: d.pricePerKwh.map((p, t) => [t, p, d.optimumPricePerKwh[t]!, ...d.microgrids.map((m) => m.poolKw[t]!)]),
    },
  };
}

export const dualAscentKind = defineJobKind<'dual-ascent', DualAscentOptions, DualAscentData, DualAscentCertificate>({
  kind: 'dual-ascent',
  label: 'Microgrids: P2P pool priced by dual ascent with differentially private reports',
  options: DualAscentOptions,
  outputs: dualAscentOutputs,
  summary: dualAscentSummary,
  tables: dualAscentTables,
  warmStart: false,
});
