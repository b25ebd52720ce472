/**
 * The `adn-operator` job kind: soft actor-critic learns the ADN operator's
 * tariff adders over the dual-ascent P2P market, reward = social welfare
 * (MODELS.md §11, SAC-DTC; docs/models/learning.md; solver:
 * solver/learn/operatorJob.ts). Registered in solver/jobs/kindRegistry.ts.
 */
import { z } from 'zod';
import type { Table } from '../../results/table.ts';
import { defineJobKind } from '../kindModule.ts';
import type { OutputSpecOf } from '../outputSpec.ts';
import { SavedActor } from './train.ts';

export const AdnOperatorOptions = z
  .object({
    /** tariff blocks: the horizon split evenly, one adder each (the oracle's grid grows as points^blocks) */
    blocks: z.number().int().min(1).max(24).default(1),
    /** the adder's range, currency/kWh (added to every microgrid's ADN buy and sell price) */
    adderMin: z.number().min(-10).max(10).default(-0.05),
    adderMax: z.number().min(-10).max(10).default(0.15),
    /** κ of the ADN's loss and congestion cost κ·D², currency per kW² per hour (D: net import of all microgrids) */
    lossCostPerKw2h: z.number().min(0).default(2e-4),
    /** training episodes, one market clearing each (0: evaluate `policy` only) */
    episodes: z.number().int().min(0).max(100_000).default(60),
    hidden: z.array(z.number().int().min(1).max(256)).min(1).max(4).default([16, 16]),
    actorLr: z.number().positive().max(1).default(3e-3),
    criticLr: z.number().positive().max(1).default(3e-3),
    /** Adam step of the temperature log α */
    alphaLr: z.number().positive().max(1).default(3e-3),
    initialAlpha: z.number().positive().max(10).default(0.1),
    /** H̄; default −blocks */
    targetEntropy: z.number().optional(),
    tau: z.number().positive().max(1).default(0.01),
    batch: z.number().int().min(1).max(4096).default(32),
    buffer: z.number().int().min(16).max(1_000_000).default(10_000),
    /** uniformly random controls before the first update */
    warmup: z.number().int().min(1).default(16),
    /** gradient steps per clearing (clearings are dear, updates cheap) */
    updatesPerStep: z.number().int().min(1).max(64).default(8),
    /** reward = (W − W₀) / (rewardScale·|W₀|), W₀ the welfare at zero adders */
    rewardScale: z.number().positive().default(0.01),
    /** adders per block of the grid-search oracle (0 skips it) */
    oraclePoints: z.number().int().min(0).max(101).default(11),
    /** certified when the learned welfare is within this share of the oracle's gain over zero adders */
    oracleGapTolerance: z.number().min(0).max(1).default(0.1),
    /** the market every clearing runs (the dual-ascent job's options): exact reports by default */
    privacy: z.boolean().default(false),
    maxIterations: z.number().int().min(1).max(100_000).default(100),
    regularisation: z.number().positive().max(10).default(1e-3),
    /** a saved actor (`data.policy.actor` of an earlier run) to start from or, with episodes 0, to evaluate */
    policy: z.object({ actor: SavedActor, alpha: z.number().positive() }).strict().optional(),
    /** default: the request's seed */
    seed: z.number().int().optional(),
  })
  .strict();
export type AdnOperatorOptions = z.output<typeof AdnOperatorOptions>;

export interface AdnOperatorOutcome {
  /** per block, currency/kWh */
  adders: number[];
  welfare: number;
  /** Σ_i C_i */
  microgridCost: number;
  adnRevenue: number;
  adnCost: number;
  /** D_t, kW */
  netImportKw: number[];
  poolPricePerKwh: number[];
}

export interface AdnOperatorData {
  T: number;
  blocks: number;
  /** block of each period */
  blockOfPeriod: number[];
  adderMin: number;
  adderMax: number;
  lossCostPerKw2h: number;
  /** c_t, currency/kWh */
  upstreamPricePerKwh: number[];
  episodes: number;
  /** per episode: the sampled adders, their welfare, and the deterministic policy's adders after the episode's updates */
  curve: { episode: number; adders: number[]; welfare: number; policyAdders: number[]; alpha: number }[];
  /** zero adders (the scenario's own tariffs) */
  baseline: AdnOperatorOutcome;
  /** the learned control re-cleared by the market */
  learned: AdnOperatorOutcome;
  /** the grid-search oracle's best, or null when skipped */
  oracle: (AdnOperatorOutcome & { points: number; step: number }) | null;
  /** the oracle's grid (adders, welfare) for plots */
  grid: { adders: number[]; welfare: number }[];
  policy: { actor: z.output<typeof SavedActor>; alpha: number };
  /** market clearings run (training, baseline, oracle, final) */
  clearings: number;
}

export interface AdnOperatorCertificate {
  /** the final control's clearing: the dual-ascent job's own gap to the centralised pool optimum, and its verdict */
  marketGap: number;
  marketImbalanceKw: number;
  marketCertified: boolean;
  /** W_oracle − W_learned (currency; negative when the learned control beats the grid) */
  welfareGap: number | null;
  /** (W_oracle − W_learned) / max(W_oracle − W₀, 1e-9·|W₀|): the share of the oracle's gain not reached */
  gainGap: number | null;
  oracleGapTolerance: number;
  scope: string;
}

const f = (x: number, n = 4) => x.toFixed(n);

export const adnOperatorOutputs: OutputSpecOf<AdnOperatorData>[] = [
  { id: 'learnedWelfare', label: 'Social welfare at the learned tariff', unit: 'currency', shape: 'scalar', extract: (d) => d.learned.welfare },
  { id: 'oracleWelfare', label: 'Social welfare at the grid-search oracle', unit: 'currency', shape: 'scalar', extract: (d) => d.oracle?.welfare ?? null },
  { id: 'baselineWelfare', label: 'Social welfare at the scenario\'s tariffs (zero adders)', unit: 'currency', shape: 'scalar', extract: (d) => d.baseline.welfare },
  { id: 'learnedAdders', label: 'Learned tariff adder per block', unit: 'currency/kWh', shape: 'series', extract: (d) => d.learned.adders },
  { id: 'welfareCurve', label: 'Welfare per training episode (sampled controls)', unit: 'currency', shape: 'series', extract: (d) => d.curve.map((c) => c.welfare) },
];

function outcomeLine(name: string, o: AdnOperatorOutcome): string {
  return `${name.padEnd(15)}adders ${o.adders.map((a) => f(a)).join(' ')}  welfare ${f(o.welfare, 2)} (microgrids ${f(-o.microgridCost, 2)}, ADN revenue ${f(o.adnRevenue, 2)}, ADN cost ${f(-o.adnCost, 2)})`;
}

export function adnOperatorSummary(d: AdnOperatorData, c: AdnOperatorCertificate | null): string[] {
  return [
    `control        ${d.blocks} tariff block(s) over ${d.T} periods, adder in [${d.adderMin}, ${d.adderMax}] currency/kWh; ADN loss cost κ = ${d.lossCostPerKw2h} per kW²h`,
    d.episodes > 0 ? `training       SAC, ${d.episodes} episodes (one dual-ascent clearing each), ${d.clearings} clearings in all` : `training       none: the saved policy evaluated (${d.clearings} clearings)`,
    outcomeLine('zero adders', d.baseline),
    outcomeLine('learned', d.learned),
    d.oracle ? `${outcomeLine('oracle', d.oracle)}  [grid of ${d.oracle.points} per block, step ${f(d.oracle.step)}]` : 'oracle         not run (oraclePoints = 0)',
    ...(c
      ? [`certificate    final control re-cleared: market gap ${c.marketGap.toExponential(2)} (${c.marketCertified ? 'certified' : 'NOT certified'}), imbalance ${f(c.marketImbalanceKw, 3)} kW; ${c.gainGap === null ? 'no oracle' : `welfare ${f(c.welfareGap!, 2)} below the oracle, ${(100 * c.gainGap).toFixed(1)} % of its gain (≤ ${100 * c.oracleGapTolerance} %)`}`]
      : []),
  ];
}

export function adnOperatorTables(d: AdnOperatorData): Record<'curve' | 'periods' | 'grid', Table> {
  const b = Array.from({ length: d.blocks }, (_, i) => i);
  return {
    curve: { columns: ['episode', 'welfare', 'alpha', ...b.map((i) => `adder_${i}`), ...b.map((i) => `policyAdder_${i}`)], rows: d.curve.map((c) => [c.episode, c.welfare, c.alpha, ...c.adders, ...c.policyAdders]) },
    periods: {
      columns: ['t', 'block', 'upstreamPricePerKwh', 'learnedAdder', 'learnedNetImportKw', 'learnedPoolPrice', 'baselineNetImportKw', 'baselinePoolPrice'],
      rows: d.blockOfPeriod.map((blk, t) => [t, blk, d.upstreamPricePerKwh[t]!, d.learned.adders[blk]!, d.learned.netImportKw[t]!, d.learned.poolPricePerKwh[t]!, d.baseline.netImportKw[t]!, d.baseline.poolPricePerKwh[t]!]),
    },
    grid: { columns: [...b.map((i) => `adder_${i}`), 'welfare'], rows: d.grid.map((g) => [...g.adders, g.welfare]) },
  };
}

export const adnOperatorKind = defineJobKind<'adn-operator', AdnOperatorOptions, AdnOperatorData, AdnOperatorCertificate>({
  kind: 'adn-operator',
  label: 'Learning: SAC for the ADN operator\'s tariff over the dual-ascent market',
  options: AdnOperatorOptions,
  outputs: adnOperatorOutputs,
  summary: adnOperatorSummary,
  tables: adnOperatorTables,
  warmStart: false,
});
