/**
 * The `community-design` job kind (ET-ANN, MODELS.md §11; solver:
 * solver/learn/communityDesign/job.ts): communities of the scenario's
 * `learning` households on a feeder, detected by Louvain or k-means on
 * electrical distance or profile correlation, a market inside and between
 * them, and a learned chooser of the number of communities, the method and
 * the mechanism, measured against the exhaustive oracle. Registered in
 * solver/jobs/kindRegistry.ts.
 */
import { z } from 'zod';
import type { Table } from '../../results/table.ts';
import type { SplitStats } from '../../learn/communityDesign/design.ts';
import type { DesignChoice } from '../../learn/communityDesign/choices.ts';
import type { CommunityOutcome, DesignOutcome } from '../../learn/communityDesign/mechanism.ts';
import type { Feeder } from '../../learn/communityDesign/population.ts';
import type { ChooserModel } from '../../learn/communityDesign/chooser.ts';
import { defineJobKind } from '../kindModule.ts';
import type { OutputSpecOf } from '../outputSpec.ts';

const range = (lo: number, hi: number, d: [number, number]) => z.tuple([z.number().min(lo).max(hi), z.number().min(lo).max(hi)]).refine(([a, b]) => a <= b, 'the range\'s lower end must not exceed its upper end').default(d);

/** What generated populations are drawn from: 6–20 households, PV on 10–90 %, 3–14 buses, cheap to dear network use. */
const DEFAULT_RANGES: { households: [number, number]; pvShare: [number, number]; buses: [number, number]; wheeling: [number, number]; platformFee: [number, number] } = {
  households: [6, 20], pvShare: [0.1, 0.9], buses: [3, 14], wheeling: [0.02, 0.4], platformFee: [0.05, 1.5],
};

export const CommunityDesignOptions = z
  .object({
    /** largest number of communities tried (1: one community only) */
    maxCommunities: z.number().int().min(1).max(6).default(4),
    /** quarter-hours of each household's day evaluated (96: the whole day) */
    steps: z.number().int().min(1).max(96).default(96),
    /** the scenario's feeder: buses (substation included), drawn from the seed */
    buses: z.number().int().min(2).max(200).default(10),
    /** currency per kWh per ohm between trading parties, and per community per day */
    wheeling: z.number().min(0).max(10).default(0.1),
    platformFee: z.number().min(0).max(100).default(0.3),
    /** generated populations labelled by the exhaustive oracle (the first trainShare of them train the chooser) */
    populations: z.number().int().min(1).max(2000).default(120),
    trainShare: z.number().min(0.05).max(1).default(0.75),
    /** the ranges generated populations are drawn from */
    ranges: z
      .object({
        households: range(2, 200, DEFAULT_RANGES.households),
        pvShare: range(0, 1, DEFAULT_RANGES.pvShare),
        buses: range(2, 200, DEFAULT_RANGES.buses),
        wheeling: range(0, 10, DEFAULT_RANGES.wheeling),
        platformFee: range(0, 100, DEFAULT_RANGES.platformFee),
      })
      .strict()
      .default(DEFAULT_RANGES),
    /** the chooser network and its training */
    hidden: z.array(z.number().int().min(1).max(256)).min(1).max(4).default([16]),
    learningRate: z.number().positive().max(1).default(3e-3),
    epochs: z.number().int().min(1).max(10_000).default(150),
    batch: z.number().int().min(1).max(4096).default(16),
    /** default: the request's seed */
    seed: z.number().int().optional(),
    /** the certificate's accounting identity (currency) */
    tolerance: z.number().positive().max(1e-3).default(1e-9),
  })
  .strict();
export type CommunityDesignOptions = z.output<typeof CommunityDesignOptions>;

/** One design choice with its outcome's figures (not its per-community detail). */
export interface DesignChoiceRow extends DesignChoice, Omit<DesignOutcome, 'communities' | 'balanceResidual'> {
  label: string;
  /** communities the partition actually has (Louvain may not reach k) */
  communities: number;
}

export interface CommunityDesignData {
  households: { id: string; bus: number; pvScale: number }[];
  feeder: Feeder;
  choices: DesignChoiceRow[];
  /** indices into choices */
  best: number;
  picked: number;
  regret: number;
  /** community of each household under the oracle's best and the learned pick */
  bestPartition: number[];
  pickedPartition: number[];
  bestCommunities: CommunityOutcome[];
  pickedCommunities: CommunityOutcome[];
  features: { name: string; value: number }[];
  train: SplitStats;
  heldOut: SplitStats | null;
  fixedChoice: number;
  losses: number[];
  model: ChooserModel;
  retail: number;
  feedIn: number;
}

export interface CommunityDesignCertificate {
  choices: number;
  /** the exhaustive oracle's best welfare, recomputed as the maximum over every evaluated choice */
  oracleWelfare: number;
  pickedWelfare: number;
  regret: number;
  /** every household in exactly one community, in every evaluated partition */
  partitionsValid: boolean;
  invalidPartitions: string[];
  /** currency: largest |saving − ((retail − feed-in)·kWh traded − wheeling)| over choices (budget balance of both levels) */
  accountingResidual: number;
  scope: string;
}

const f = (x: number | null | undefined, n = 3) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(n));
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

export const communityDesignOutputs: OutputSpecOf<CommunityDesignData>[] = [
  { id: 'oracleWelfare', label: 'Community welfare of the exhaustive best design', unit: 'currency', shape: 'scalar', extract: (d) => d.choices[d.best]!.welfare },
  { id: 'pickedWelfare', label: 'Community welfare of the learned pick', unit: 'currency', shape: 'scalar', extract: (d) => d.choices[d.picked]!.welfare },
  { id: 'regret', label: 'Regret of the learned pick (welfare lost vs the oracle)', unit: 'currency', shape: 'scalar', extract: (d) => d.regret },
  { id: 'bestCommunities', label: 'Communities in the best design', unit: 'count', shape: 'scalar', extract: (d) => d.choices[d.best]!.communities },
  { id: 'bestSelfSufficiency', label: 'Self-sufficiency of the best design', unit: 'share', shape: 'scalar', extract: (d) => d.choices[d.best]!.selfSufficiency },
  { id: 'heldOutRegret', label: 'Mean regret of the chooser on held-out populations', unit: 'currency', shape: 'scalar', extract: (d) => d.heldOut?.meanRegret ?? null },
  { id: 'heldOutAccuracy', label: 'Held-out accuracy of the chooser (pick ties the oracle)', unit: 'share', shape: 'scalar', extract: (d) => d.heldOut?.accuracy ?? null },
];

export function communityDesignSummary(d: CommunityDesignData, c: CommunityDesignCertificate | null): string[] {
  const b = d.choices[d.best]!, p = d.choices[d.picked]!;
  const split = (name: string, s: SplitStats) => `${name.padEnd(15)}${s.populations} populations: accuracy ${pct(s.accuracy)}, regret mean ${f(s.meanRegret)} / max ${f(s.maxRegret)} (best fixed choice ${f(s.fixedMeanRegret)}; mean oracle welfare ${f(s.meanBest, 2)})`;
  const lines = [
    `population     ${d.households.length} households (${d.households.filter((h) => h.pvScale > 0).length} with PV) on a ${d.feeder.parent.length}-bus feeder, retail ${d.retail} / feed-in ${d.feedIn}`,
    `oracle         ${b.label}: welfare ${f(b.welfare)}, self-sufficiency ${pct(b.selfSufficiency)} (${d.choices.length} choices searched)`,
    `learned pick   ${p.label}: welfare ${f(p.welfare)}, regret ${f(d.regret)}`,
    split('chooser train', d.train),
  ];
  if (d.heldOut) lines.push(split('chooser held', d.heldOut));
  lines.push(`fixed choice   ${d.choices[d.fixedChoice]!.label} (best mean on the training populations)`);
  if (c) lines.push(`certificate    ${c.choices} choices: partitions ${c.partitionsValid ? 'valid' : `INVALID (${c.invalidPartitions.join(', ')})`}, accounting residual ${c.accountingResidual.toExponential(1)}, oracle ${f(c.oracleWelfare)}, pick ${f(c.pickedWelfare)}`);
  return lines;
}

export function communityDesignTables(d: CommunityDesignData): Record<'choices' | 'households' | 'chooser', Table> {
  return {
    choices: {
      columns: ['choice', 'k', 'method', 'basis', 'inside', 'between', 'communities', 'welfare', 'saving', 'wheeling', 'platformFees', 'selfSufficiency', 'insideKwh', 'betweenKwh', 'oracleBest', 'learnedPick'],
      rows: d.choices.map((c, i) => [c.label, c.k, c.method, c.basis, c.inside, c.between, c.communities, c.welfare, c.saving, c.wheeling, c.platformFees, c.selfSufficiency, c.insideKwh, c.betweenKwh, i === d.best ? 1 : 0, i === d.picked ? 1 : 0]),
    },
    households: { columns: ['household', 'bus', 'pvScale', 'bestCommunity', 'pickedCommunity'], rows: d.households.map((h, i) => [h.id, h.bus, h.pvScale, d.bestPartition[i]!, d.pickedPartition[i]!]) },
    chooser: {
      columns: ['split', 'populations', 'accuracy', 'meanRegret', 'maxRegret', 'fixedMeanRegret', 'meanOracleWelfare'],
      rows: [d.train, ...(d.heldOut ? [d.heldOut] : [])].map((s, i) => [i === 0 ? 'train' : 'held-out', s.populations, s.accuracy, s.meanRegret, s.maxRegret, s.fixedMeanRegret, s.meanBest]),
    },
  };
}

export const communityDesignKind = defineJobKind<'community-design', CommunityDesignOptions, CommunityDesignData, CommunityDesignCertificate>({
  kind: 'community-design',
  label: 'Community design (Louvain / k-means communities, two-level market, learned chooser vs exhaustive oracle)',
  options: CommunityDesignOptions,
  outputs: communityDesignOutputs,
  summary: communityDesignSummary,
  tables: communityDesignTables,
  warmStart: false,
});
