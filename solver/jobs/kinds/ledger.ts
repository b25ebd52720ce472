/**
 * The `ledger` job kind: the scenario's mechanism-lab clearing settled into a
 * signed, hash-linked ledger and verified end to end, with the studies that
 * go with it — QoT reputation over repeated markets, the two malleability
 * cases, and energy and spectrum tangles anchored on the chain
 * (docs/models/ledger.md; solver: solver/ledger/ledgerJob.ts). Registered in
 * solver/jobs/kindRegistry.ts. `ggs ledger settle` writes the same ledger as a
 * file, and also settles the VPP and EV games.
 */
import { z } from 'zod';
import type { Table } from '../../results/table.ts';
import { MECHANISM_IDS } from '../../market/mechanismIds.ts';
import type { LedgerFile } from '../../ledger/format.ts';
import type { LedgerReport } from '../../ledger/verify.ts';
import type { MalleabilityCase } from '../../ledger/malleability.ts';
import type { ReputationResult } from '../../ledger/reputation.ts';
import type { TangleResult } from '../../ledger/tangle.ts';
import { defineJobKind } from '../kindModule.ts';
import type { OutputSpecOf } from '../outputSpec.ts';

export const LedgerOptions = z
  .object({
    /** the mechanism-lab rule whose trades are settled */
    mechanism: z.enum(MECHANISM_IDS).default('uniform-price'),
    k: z.number().min(0).max(1).default(0.5),
    /** seed of the teaching keys */
    keySeed: z.string().min(1).default('classroom'),
    neutralNodes: z.number().int().min(1).max(50).default(3),
    threshold: z.number().int().min(1).max(50).default(2),
    /** validators tolerate f byzantine ones: n = 3f + 1 */
    f: z.number().int().min(0).max(33).default(1),
    reputation: z
      .object({
        rounds: z.number().int().min(1).max(1000).default(30),
        threshold: z.number().min(0).max(1).default(0.7),
        alpha: z.number().gt(0).max(1).default(0.3),
        badShare: z.number().min(0).max(1).default(0.25),
        priceNoise: z.number().min(0).max(0.9).default(0.1),
      })
      .strict()
      .default({ rounds: 30, threshold: 0.7, alpha: 0.3, badShare: 0.25, priceNoise: 0.1 }),
    tangle: z
      .object({
        energyRate: z.number().positive().max(100).default(2),
        spectrumRate: z.number().positive().max(100).default(1),
        duration: z.number().positive().max(500).default(40),
        alpha: z.number().min(0).max(10).default(0.5),
        confirmWeight: z.number().int().min(1).max(1000).default(8),
        anchorEvery: z.number().positive().default(10),
      })
      .strict()
      .default({ energyRate: 2, spectrumRate: 1, duration: 40, alpha: 0.5, confirmWeight: 8, anchorEvery: 10 }),
  })
  .strict()
  .refine((o) => o.threshold <= o.neutralNodes, { path: ['threshold'], message: 'must not exceed neutralNodes' });
export type LedgerOptions = z.output<typeof LedgerOptions>;

export interface LedgerData {
  ledger: LedgerFile;
  /** the ledger verified as the worker built it */
  report: LedgerReport;
  reputation: ReputationResult | null;
  malleability: MalleabilityCase[];
  tangle: TangleResult;
}

export interface LedgerCertificate {
  /** faults the end-to-end verification found (0 for a sound ledger) */
  faults: number;
  firstFault: string | null;
  blocks: number;
  transactions: number;
  recleared: number;
  configHash: string | null;
  scope: string;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

export const ledgerOutputs: OutputSpecOf<LedgerData>[] = [
  { id: 'transactions', label: 'Transactions settled', unit: 'transactions', shape: 'scalar', extract: (d) => d.report.transactions },
  { id: 'settledAmount', label: 'Money settled', unit: 'currency', shape: 'scalar', extract: (d) => sum(d.ledger.blocks.flatMap((b) => b.transactions.map((t) => t.body.amount))) },
  { id: 'shortfallKwh', label: 'Energy not delivered over the repeated markets (with QoT exclusion)', unit: 'kWh', shape: 'scalar', extract: (d) => d.reputation?.totalShortfall ?? null },
  { id: 'shortfallWithoutExclusionKwh', label: 'Energy not delivered without exclusion', unit: 'kWh', shape: 'scalar', extract: (d) => d.reputation?.totalShortfallWithoutExclusion ?? null },
  { id: 'excludedAgents', label: 'Agents excluded by QoT', unit: 'agents', shape: 'scalar', extract: (d) => (d.reputation ? Object.keys(d.reputation.excludedAt).length : null) },
];

export function ledgerSummary(d: LedgerData, c: LedgerCertificate | null): string[] {
  const r = d.reputation;
  const conf = (tangle: string) => {
    const txs = d.tangle.transactions.filter((t) => t.tangle === tangle);
    return `${tangle} ${txs.filter((t) => t.confirmedAt !== null).length}/${txs.length} confirmed`;
  };
  return [
    `ledger         ${d.report.blocks} blocks, ${d.report.transactions} transactions (${d.ledger.config.run.market}); ${d.ledger.config.validators.nodes.length} validators, ${d.ledger.config.neutral.threshold}-of-${d.ledger.config.neutral.nodes.length} neutral co-signatures`,
    `verified       ${c && c.faults === 0 ? `every hash and signature${c.recleared ? `, ${c.recleared} blocks re-cleared` : ''}` : `BROKEN at ${c?.firstFault}`}; config ${d.report.configHash}`,
    r ? `QoT            ${Object.keys(r.excludedAt).length} excluded (${Object.entries(r.excludedAt).map(([a, k]) => `${a} in round ${k}`).join(', ') || 'none'}); shortfall ${r.totalShortfall.toFixed(2)} kWh vs ${r.totalShortfallWithoutExclusion.toFixed(2)} without exclusion` : 'QoT            not run (the book cannot be re-cleared by this rule)',
    `malleability   ${d.malleability.map((m) => `${m.name}: naïve pays ${m.naive.paid}, ours ${m.ours.paid}`).join('; ')}`,
    `tangles        ${conf('energy')}, ${conf('spectrum')}; ${d.tangle.anchors.length} anchors`,
  ];
}

export function ledgerTables(d: LedgerData): Record<'transactions' | 'blocks' | 'reputation', Table> {
  return {
    transactions: {
      columns: ['block', 'id', 'kind', 'period', 'seller', 'buyer', 'kWh', 'price', 'amount', 'cosigners'],
      rows: d.ledger.blocks.flatMap((b) => b.transactions.map((t) => [b.header.height, t.id, t.body.kind, t.body.period, t.body.kind === 'trade' ? t.body.seller : 'contract', t.body.kind === 'trade' ? t.body.buyer : t.body.validator, t.body.kind === 'trade' ? t.body.kWh : null, t.body.kind === 'trade' ? t.body.price : null, t.body.amount, t.cosigners.map((c) => c.name).join(' ')])),
    },
    blocks: { columns: ['height', 'hash', 'prevHash', 'merkleRoot', 'txCount', 'commits'], rows: d.ledger.blocks.map((b) => [b.header.height, b.hash, b.header.prevHash, b.header.merkleRoot, b.header.txCount, b.commits.length]) },
    reputation: {
      columns: ['round', ...(d.reputation?.agents ?? []), 'excluded', 'shortfall', 'shortfallWithoutExclusion'],
      rows: (d.reputation?.rounds ?? []).map((r) => [r.round, ...d.reputation!.agents.map((a) => r.scores[a] ?? null), r.excluded.join(' '), r.shortfall, r.shortfallWithoutExclusion]),
    },
  };
}

export const ledgerKind = defineJobKind<'ledger', LedgerOptions, LedgerData, LedgerCertificate>({
  kind: 'ledger',
  label: 'Settlement ledger: signed blocks, QoT reputation, malleability, tangles',
  options: LedgerOptions,
  outputs: ledgerOutputs,
  summary: ledgerSummary,
  tables: ledgerTables,
  warmStart: false,
});
