/**
 * The `consensus` job kind: a PBFT simulation of the ledger's validators
 * (docs/models/ledger.md, "Consensus"; solver: solver/ledger/consensusJob.ts,
 * solver/ledger/pbft.ts). Options, result data and certificate (the safety and
 * liveness verdicts), what-if outputs, CLI summary and CSV tables; registered
 * in solver/jobs/kindRegistry.ts.
 */
import { z } from 'zod';
import type { Table } from '../../results/table.ts';
import type { PbftResult } from '../../ledger/pbft.ts';
import { defineJobKind } from '../kindModule.ts';
import type { OutputSpecOf } from '../outputSpec.ts';

export const ConsensusOptions = z
  .object({
    /** byzantine validators tolerated: n = 3f + 1 validators */
    f: z.number().int().min(0).max(33).default(1),
    /** how many validators are actually faulty (more than f breaks safety or liveness) */
    faulty: z.number().int().min(0).max(100).default(0),
    /** what the faulty validators do */
    behaviour: z.enum(['silent', 'equivocating', 'wrong-digest']).default('silent'),
    /** faulty validators are the first ones, so the primary of view 0 is faulty and a view change is needed; false: the last ones */
    faultyPrimary: z.boolean().default(true),
    /** blocks to agree on */
    blocks: z.number().int().min(1).max(200).default(3),
    /** message delays are uniform in [minDelay, maxDelay]; a round is maxDelay */
    minDelay: z.number().positive().default(0.2),
    maxDelay: z.number().positive().default(1),
    /** a validator's first view-change timeout, in rounds (doubles after each view change that does not complete) */
    timeoutRounds: z.number().positive().max(1000).default(4),
    /** the doubling of the timeout stops here, in rounds */
    maxTimeoutRounds: z.number().positive().max(100_000).default(64),
    /** the simulation stops here, in rounds: a block not committed by then counts against liveness */
    horizonRounds: z.number().positive().max(1_000_000).default(10_000),
    /** messages kept for the timeline view (all are counted) */
    timelineLimit: z.number().int().min(0).max(100_000).default(2000),
  })
  .strict()
  .refine((o) => o.minDelay <= o.maxDelay, { path: ['minDelay'], message: 'must not exceed maxDelay' });
export type ConsensusOptions = z.output<typeof ConsensusOptions>;

export type ConsensusData = PbftResult;

export interface ConsensusCertificate {
  /** no two honest validators committed different blocks at one height */
  safety: boolean;
  /** every honest validator committed every block before the horizon */
  liveness: boolean;
  /** properties violated (0, 1 or 2): the verdict's value */
  violations: number;
  n: number;
  f: number;
  faulty: number;
  /** what holds and why, in words */
  scope: string;
}

const latencies = (d: ConsensusData) => d.blocks.map((b) => b.latencyRounds).filter((x): x is number => x !== null);
const meanLatency = (d: ConsensusData) => {
  const l = latencies(d);
  return l.length ? l.reduce((a, b) => a + b, 0) / l.length : null;
};

export const consensusOutputs: OutputSpecOf<ConsensusData>[] = [
  { id: 'messagesPerBlock', label: 'Messages per committed block', unit: 'messages', shape: 'scalar', extract: (d) => d.messagesPerBlock },
  { id: 'meanLatencyRounds', label: 'Mean latency per block', unit: 'rounds', shape: 'scalar', extract: meanLatency },
  { id: 'finalView', label: 'Views changed', unit: 'views', shape: 'scalar', extract: (d) => d.finalView },
  { id: 'safety', label: 'Safety holds (1 yes, 0 no)', unit: 'flag', shape: 'scalar', extract: (d) => (d.safety.holds ? 1 : 0) },
  { id: 'liveness', label: 'Liveness holds (1 yes, 0 no)', unit: 'flag', shape: 'scalar', extract: (d) => (d.liveness.holds ? 1 : 0) },
  { id: 'committedBlocks', label: 'Blocks committed by every honest validator', unit: 'blocks', shape: 'scalar', extract: (d) => d.blocks.filter((b) => b.committedAt !== null).length },
];

const fmt = (x: number | null, digits = 2) => (x === null ? '—' : Number(x.toFixed(digits)).toString());

export function consensusSummary(d: ConsensusData, c: ConsensusCertificate | null): string[] {
  const decided = d.blocks.filter((b) => b.committedAt !== null).length;
  const lines = [
    `validators     n = ${d.n} (f = ${d.f}); faulty ${d.faulty.length ? `${d.faulty.join(', ')} (${d.behaviour})` : 'none'}`,
    `blocks         ${decided} of ${d.blocks.length} committed by every honest validator; final view ${d.finalView}`,
    `messages       ${d.messages} (${Object.entries(d.messagesByType).map(([t, k]) => `${t} ${k}`).join(', ')}); per block ${fmt(d.messagesPerBlock, 1)}`,
    `latency        ${d.blocks.map((b) => fmt(b.latencyRounds)).join(', ')} rounds per block`,
    `safety         ${d.safety.holds ? 'holds' : `VIOLATED: ${d.safety.conflicts.map((x) => `height ${x.seq}: ${x.digests.map((g) => `validators ${g.validators.join(', ')} committed ${g.digest.slice(0, 8)}`).join(' but ')}`).join('; ')}`}`,
    `liveness       ${d.liveness.holds ? 'holds' : `VIOLATED: ${d.liveness.undecided.map((u) => `validator ${u.validator} committed ${u.committed} of ${d.blocks.length}`).join(', ')} by round ${fmt(d.endRounds, 1)}`}`,
  ];
  if (c && c.faulty > c.f) lines.push(`note           ${c.faulty} faulty > f = ${c.f}: PBFT promises nothing here`);
  return lines;
}

export function consensusTables(d: ConsensusData): Record<'blocks' | 'messages' | 'timeline', Table> {
  return {
    blocks: { columns: ['height', 'digest', 'committedBy', 'committedAt', 'latencyRounds', 'view', 'messages'], rows: d.blocks.map((b) => [b.seq, b.digest, b.committedBy, b.committedAt, b.latencyRounds, b.view, b.messages]) },
    messages: { columns: ['type', 'count'], rows: Object.entries(d.messagesByType).map(([t, k]) => [t, k]) },
    timeline: { columns: ['type', 'from', 'to', 'view', 'seq', 'digest', 'sent', 'received', 'faulty'], rows: d.timeline.map((m) => [m.type, m.from, m.to, m.view, m.seq, m.digest, m.sent, m.received, m.faulty ? 1 : 0]) },
  };
}

export const consensusKind = defineJobKind<'consensus', ConsensusOptions, ConsensusData, ConsensusCertificate>({
  kind: 'consensus',
  label: 'Consensus: PBFT among the ledger validators (view changes, byzantine faults)',
  options: ConsensusOptions,
  outputs: consensusOutputs,
  summary: consensusSummary,
  tables: consensusTables,
  warmStart: false,
});
