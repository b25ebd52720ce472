/**
 * The `kda` job kind: the k-double auction's Bayesian equilibrium
 * (docs/models/kda.md; solver: solver/auction/kdaJob.ts). Options, result
 * data and certificate, warm start, what-if outputs, CLI summary and CSV
 * tables; registered in solver/jobs/kindRegistry.ts.
 */
import { z } from 'zod';
import type { Scenario } from '../../scenario/schema.ts';
import type { Table } from '../../results/table.ts';
import { defineJobKind } from '../kindModule.ts';
import type { OutputSpecOf } from '../outputSpec.ts';
import { certificateLine, convergenceTable, type BayesCertificate } from './bayesCertificate.ts';

export const KdaOptions = z
  .object({
    /** best-response sweeps before giving up */
    maxIterations: z.number().int().min(1).max(100_000).default(1000),
    /** fraction of the way to the best response moved per sweep; 1 = pure best response */
    damping: z.number().gt(0).max(1).default(1),
    /** a type keeps its action unless another beats it by more than this (money per unit) */
    tolerance: z.number().nonnegative().max(1e-3).default(1e-12),
    /** the stated ε: the answer is an ε-Bayesian-Nash equilibrium when maxDeviationGain ≤ ε */
    epsilon: z.number().nonnegative().max(1).default(1e-9),
    /** certificate grid = action grid with this many sub-steps per step */
    certificateRefinement: z.number().int().min(1).max(64).default(4),
    schedule: z.enum(['sequential', 'simultaneous']).default('sequential'),
  })
  .strict();
export type KdaOptions = z.output<typeof KdaOptions>;

export interface BayesStrategyPoint {
  /** the type: value (buyer) or cost (seller), money per unit */
  type: number;
  /** bid (buyer) or ask (seller), money per unit */
  action: number;
  /** interim expected utility of the type under the returned profile */
  expectedUtility: number;
}

export interface KdaData {
  k: number;
  min: number;
  max: number;
  typePoints: number;
  actionPoints: number;
  start: 'linear' | 'truthful';
  buyer: BayesStrategyPoint[];
  seller: BayesStrategyPoint[];
  /** Chatterjee–Samuelson linear strategies (uniform priors on [min, max]), for the plot */
  linear: { buyer: { type: number; action: number }[]; seller: { type: number; action: number }[] };
  /** E[(v − c)·1{trade}] under the returned profile */
  expectedGainsFromTrade: number;
  tradeProbability: number;
  /** ex-post efficient benchmark E[(v − c)⁺] on the same type grid and priors */
  efficientGainsFromTrade: number;
  /** expectedGainsFromTrade / efficientGainsFromTrade */
  efficiency: number;
  /** expected gains from trade of the (grid-snapped) linear profile on the same grid */
  linearGainsFromTrade: number;
  myersonSatterthwaite: {
    note: string;
    /** continuous-uniform benchmarks on [min, max], present when both priors are uniform */
    continuousUniform: { firstBest: number; secondBest: number } | null;
  };
  convergence: { maxGain: number[]; maxStrategyChange: number[] };
}

export interface KdaCertificate extends BayesCertificate {
  typePoints: number;
  actionPoints: number;
}

/** per player, per type: the action the best-response iteration starts from */
export interface BayesWarmStart {
  strategies: number[][];
}

/** Type shares of [min, max] at which a kda strategy is recorded: five types per player, not the whole grid of ~100. */
const KDA_TYPE_SHARES = [0, 0.25, 0.5, 0.75, 1];

/** `v=0.25` (a buyer's value), `c=0.25` (a seller's cost): not a bare number, which objects would sort before the others. */
const typeKey = (letter: 'v' | 'c', type: number) => `${letter}=${Number(type.toPrecision(4))}`;

/** Grid indexes of the recorded types on a grid of n points (fewer than five on a grid of fewer than five). */
const kdaTypeIndexes = (n: number) => [...new Set(KDA_TYPE_SHARES.map((f) => Math.round(f * (n - 1))))];

const kdaTypes = (letter: 'v' | 'c') => (s: Scenario) => {
  const { min, max, typePoints } = s.kda ?? { min: 0, max: 1, typePoints: 101 };
  return kdaTypeIndexes(typePoints).map((i) => typeKey(letter, min + ((max - min) * i) / (typePoints - 1)));
};

/** One value per recorded type, keyed by the type (money per unit). */
const byKdaType = (letter: 'v' | 'c', points: KdaData['buyer'], value: (p: KdaData['buyer'][number]) => number) =>
  Object.fromEntries(kdaTypeIndexes(points.length).map((i) => [typeKey(letter, points[i]!.type), value(points[i]!)]));

export const kdaOutputs: OutputSpecOf<KdaData>[] = [
  { id: 'expectedGainsFromTrade', label: 'Expected gains from trade', unit: 'money/unit', shape: 'scalar', extract: (d) => d.expectedGainsFromTrade },
  { id: 'efficiency', label: 'Share of the efficient gains from trade', unit: 'fraction', shape: 'scalar', extract: (d) => d.efficiency },
  { id: 'tradeProbability', label: 'Probability of trade', unit: 'fraction', shape: 'scalar', extract: (d) => d.tradeProbability },
  { id: 'bidByType', label: 'Buyer’s bid per value type', unit: 'money/unit', shape: 'per-entity', entity: 'buyer', equilibrium: 'strategy', entities: kdaTypes('v'), extract: (d) => byKdaType('v', d.buyer, (p) => p.action) },
  { id: 'askByType', label: 'Seller’s ask per cost type', unit: 'money/unit', shape: 'per-entity', entity: 'seller', equilibrium: 'strategy', entities: kdaTypes('c'), extract: (d) => byKdaType('c', d.seller, (p) => p.action) },
  { id: 'buyerUtilityByType', label: 'Buyer’s expected utility per value type', unit: 'money/unit', shape: 'per-entity', entity: 'buyer', equilibrium: 'payoff', entities: kdaTypes('v'), extract: (d) => byKdaType('v', d.buyer, (p) => p.expectedUtility) },
  { id: 'sellerUtilityByType', label: 'Seller’s expected utility per cost type', unit: 'money/unit', shape: 'per-entity', entity: 'seller', equilibrium: 'payoff', entities: kdaTypes('c'), extract: (d) => byKdaType('c', d.seller, (p) => p.expectedUtility) },
];

export function kdaSummary(data: KdaData, certificate: BayesCertificate | null): string[] {
  return [
    `auction        k = ${data.k}, ${data.typePoints} types and ${data.actionPoints} bids on [${data.min}, ${data.max}], start ${data.start}`,
    `gains          ${data.expectedGainsFromTrade.toFixed(6)} expected from trade, ${(100 * data.efficiency).toFixed(1)} % of the efficient ${data.efficientGainsFromTrade.toFixed(6)} (P(trade) ${data.tradeProbability.toFixed(4)})`,
    ...certificateLine(certificate),
  ];
}

/** CSV views (`ggs solve --out`): strategies by type, convergence. */
export function kdaTables(data: KdaData): Record<'strategies' | 'convergence', Table> {
  return {
    strategies: {
      columns: ['type', 'bid', 'buyerExpectedUtility', 'linearBid', 'ask', 'sellerExpectedUtility', 'linearAsk'],
      rows: data.buyer.map((b, t) => {
        const s = data.seller[t]!;
        return [b.type, b.action, b.expectedUtility, data.linear.buyer[t]?.action ?? null, s.action, s.expectedUtility, data.linear.seller[t]?.action ?? null];
      }),
    },
    convergence: convergenceTable(data.convergence),
  };
}

export const kdaKind = defineJobKind<'kda', KdaOptions, KdaData, KdaCertificate, BayesWarmStart>({
  kind: 'kda',
  label: 'k-double auction (Bayesian equilibrium)',
  options: KdaOptions,
  outputs: kdaOutputs,
  summary: kdaSummary,
  tables: kdaTables,
  warmStart: true,
});
