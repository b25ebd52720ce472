/**
 * The `train` job kind: federated actor-critic bidders learning in the
 * scenario's 15-minute double-auction community (its `learning` section on
 * the `forecast` section's load and PV), with truthful bidding and
 * retail-only on the same episodes (docs/models/learning.md; solver:
 * solver/learn/trainJob.ts). Options, result data and certificate, what-if
 * outputs, CLI summary and CSV tables; registered in
 * solver/jobs/kindRegistry.ts.
 */
import { z } from 'zod';
import type { Table } from '../../results/table.ts';
import type { TrainResult } from '../../learn/train.ts';
import type { FixedBookCheck } from '../../learn/knownOptimum.ts';
import { defineJobKind } from '../kindModule.ts';
import { LearningTraining } from '../../scenario/schema.ts';
import type { OutputSpecOf } from '../outputSpec.ts';

/** Saved actor weights (NetWeights): what a checkpoint holds and a run may start from. */
export const SavedActor = z
  .object({
    spec: z.object({ inputs: z.number().int().positive(), hidden: z.array(z.number().int().positive()), outputs: z.number().int().positive(), output: z.enum(['tanh', 'linear']) }).strict(),
    weights: z.array(z.array(z.number().finite())),
  })
  .strict();

/** The scenario's `learning.training` fields (unset: the scenario's, then LEARNING_TRAINING_DEFAULTS; see resolveTraining) and the run's own. */
export const TrainOptions = z
  .object({
    ...LearningTraining.shape,
    /** keep the policies every this many episodes in the result (`ggs train --checkpoint` writes each); 0: only the final one */
    checkpointEvery: z.number().int().min(0).default(0),
    /** start from saved actors: one per seed, or one for all (a checkpoint's `policies`) */
    policy: z.array(SavedActor).min(1).optional(),
    /** default: the request's seed */
    seed: z.number().int().optional(),
    /** energy balance (kWh) and bill recomputation (currency) the certificate allows */
    tolerance: z.number().positive().max(1e-3).default(1e-9),
  })
  .strict();
export type TrainOptions = z.output<typeof TrainOptions>;

export interface TrainData extends TrainResult {
  seeds: number[];
  episodes: number;
  retail: number;
  feedIn: number;
  mechanism: string;
  stepsPerEpisode: number;
}

export interface TrainCertificate {
  /** evaluated quarter-hours checked */
  steps: number;
  /** kWh: load − PV + batteries against import − export, largest over steps */
  balanceResidual: number;
  /** kWh: P2P bought vs sold vs the rule's trades */
  p2pResidual: number;
  /** currency: bills recomputed from the rule's trades and the fallback tariffs */
  billDeviation: number;
  /** the bidders' known-optimum check, or null when skipped */
  knownOptimum: FixedBookCheck | null;
  scope: string;
}

const mean = (xs: (number | null)[]) => { const v = xs.filter((x): x is number => x !== null); return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null; };
const last = (d: TrainData) => d.curves.at(-1);

export const trainOutputs: OutputSpecOf<TrainData>[] = [
  { id: 'learnedSaving', label: 'Saving against retail-only, learned bids (evaluation, mean over seeds)', unit: 'currency', shape: 'scalar', extract: (d) => d.evaluation.learnedBand.saving.mean },
  { id: 'truthfulSaving', label: 'Saving against retail-only, truthful bids (evaluation)', unit: 'currency', shape: 'scalar', extract: (d) => d.evaluation.truthful.saving },
  { id: 'learnedSelfSufficiency', label: 'Self-sufficiency with learned bids', unit: 'share', shape: 'scalar', extract: (d) => d.evaluation.learnedBand.selfSufficiency.mean },
  { id: 'learnedEfficiency', label: 'Market efficiency with learned bids (traded / tradable)', unit: 'share', shape: 'scalar', extract: (d) => d.evaluation.learnedBand.efficiency?.mean ?? null },
  { id: 'finalBuyBid', label: 'Mean buy bid in the last training episode', unit: 'currency/kWh', shape: 'scalar', extract: (d) => (last(d) ? mean(last(d)!.buyBid) : null) },
  { id: 'finalSellBid', label: 'Mean sell bid in the last training episode', unit: 'currency/kWh', shape: 'scalar', extract: (d) => (last(d) ? mean(last(d)!.sellBid) : null) },
  { id: 'savingCurve', label: 'Learning curve: saving per training episode (mean over seeds)', unit: 'currency', shape: 'series', extract: (d) => d.curves.map((c) => c.savingBand.mean) },
];

const f = (x: number | null | undefined, n = 3) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(n));
const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(100 * x).toFixed(1)} %`);

export function trainSummary(d: TrainData, c: TrainCertificate | null): string[] {
  const e = d.evaluation, b = e.learnedBand;
  const pvs = d.households.filter((h) => h.pvScale > 0).length, bats = d.households.filter((h) => h.battery).length;
  const lines = [
    `community      ${d.households.length} households (${pvs} with PV, ${bats} with a battery), ${d.days} days of data, ${d.mechanism}, retail ${d.retail} / feed-in ${d.feedIn}`,
    d.episodes > 0 ? `training       ${d.episodes} episodes × ${d.stepsPerEpisode} quarter-hours, seeds ${d.seeds.join(', ')}` : `training       none: saved policies evaluated (${d.seeds.length})`,
    `evaluation     the first ${e.episodes} episodes' days again, greedy policies (no exploration)`,
    `               bills      saving vs retail-only  self-sufficiency  efficiency`,
    `learned        ${f(b.bills.mean, 2).padEnd(11)}${`${f(b.saving.mean, 2)} [${f(b.saving.lo, 2)}, ${f(b.saving.hi, 2)}]`.padEnd(23)}${pct(b.selfSufficiency.mean).padEnd(18)}${pct(b.efficiency?.mean)}`,
    `truthful       ${f(e.truthful.bills, 2).padEnd(11)}${f(e.truthful.saving, 2).padEnd(23)}${pct(e.truthful.selfSufficiency).padEnd(18)}${pct(e.truthful.efficiency)}`,
    `retail-only    ${f(e.retailOnly.bills, 2).padEnd(11)}${f(e.retailOnly.saving, 2).padEnd(23)}${pct(e.retailOnly.selfSufficiency).padEnd(18)}${pct(e.retailOnly.efficiency)}`,
  ];
  const l = last(d);
  if (l) lines.push(`bids           last episode: buyers ${f(mean(l.buyBid))}, sellers ${f(mean(l.sellBid))} (truthful: ${d.retail} and ${d.feedIn})`);
  if (c) {
    lines.push(`certificate    ${c.steps} quarter-hours: energy balance ${c.balanceResidual.toExponential(1)} kWh, P2P ${c.p2pResidual.toExponential(1)} kWh, bills recomputed to ${c.billDeviation.toExponential(1)}`);
    const k = c.knownOptimum;
    lines.push(k ? `known optimum  fixed book: best report ${f(k.bestReport)}, learned ${f(k.learnedReport)} after ${k.episodes} episodes, ${pct(k.gainShare)} of the gain over truthful (${k.passed ? 'passes' : 'FAILS'} ≥ 60 %)` : 'known optimum  not run (knownOptimumEpisodes = 0)');
  }
  return lines;
}

export function trainTables(d: TrainData): Record<'curves' | 'evaluation' | 'policyBuy' | 'policySell', Table> {
  const seeds = d.seeds;
  const row = (name: string, o: { bills: number; saving: number; selfSufficiency: number; efficiency: number | null; traded: number; gridImport: number; load: number }) => [name, o.bills, o.saving, o.selfSufficiency, o.efficiency, o.traded, o.gridImport, o.load];
  return {
    curves: {
      columns: ['episode', 'savingMean', 'savingLo', 'savingHi', 'truthfulSaving', 'noise', ...seeds.flatMap((s) => [`saving_${s}`, `buyBid_${s}`, `sellBid_${s}`])],
      rows: d.curves.map((c) => [c.episode, c.savingBand.mean, c.savingBand.lo, c.savingBand.hi, c.truthfulSaving, c.noise, ...seeds.flatMap((_, i) => [c.saving[i]!, c.buyBid[i] ?? null, c.sellBid[i] ?? null])]),
    },
    evaluation: {
      columns: ['policy', 'bills', 'saving', 'selfSufficiency', 'efficiency', 'tradedKwh', 'importKwh', 'loadKwh'],
      rows: [...d.evaluation.learned.map((o, i) => row(`learned seed ${seeds[i]}`, o)), row('truthful', d.evaluation.truthful), row('retail-only', d.evaluation.retailOnly)],
    },
    policyBuy: { columns: ['kwh', ...d.policyMap.hours.map((h) => `h${h}`)], rows: d.policyMap.quantities.map((q, j) => [q, ...d.policyMap.buy[j]!]) },
    policySell: { columns: ['kwh', ...d.policyMap.hours.map((h) => `h${h}`)], rows: d.policyMap.quantities.map((q, j) => [q, ...d.policyMap.sell[j]!]) },
  };
}

export const trainKind = defineJobKind<'train', TrainOptions, TrainData, TrainCertificate>({
  kind: 'train',
  label: 'Learning bidders (federated actor-critic in the 15-min community vs truthful and retail-only)',
  options: TrainOptions,
  outputs: trainOutputs,
  summary: trainSummary,
  tables: trainTables,
  warmStart: false,
});
