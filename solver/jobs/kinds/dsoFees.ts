/**
 * The `dso-fees` and `dso-fees-evaluate` job kinds: the DSO's network-usage
 * fees on P2P trades among microgrids as a Stackelberg game, solved exactly
 * (docs/models/dso-fees.md; solver: solver/dsoFees/job.ts), and the
 * microgrids' response to fees given in the scenario. Registered in
 * solver/jobs/kindRegistry.ts.
 */
import { z } from 'zod';
import type { Table } from '../../results/table.ts';
import { defineJobKind } from '../kindModule.ts';
import type { OutputSpecOf } from '../outputSpec.ts';

export const DsoFeesOptions = z
  .object({
    /** relative gap between HiGHS's proven bound and the answer at which the search stops (also each MILP's gap) */
    gapTolerance: z.number().min(0).max(0.5).default(1e-6),
    timeLimitSeconds: z.number().positive().max(86_400).default(600),
    /** outer-approximation rounds (MILPs) at most */
    maxIterations: z.number().int().min(1).max(200).default(30),
    /** tangents of x² per generator variable in the first MILP */
    tangentsPerVar: z.number().int().min(2).max(200).default(9),
    /**
     * Multiplies every derived big-M (1 = the derived bounds). Below 1 the reformulation may cut off the
     * optimum: the answer is then reported uncertified. For tests and demonstrations.
     */
    bigMScale: z.number().positive().max(1e6).default(1),
    /** also solve the flat-fee and no-fee baselines */
    baselines: z.boolean().default(true),
    /** with one fee to set (one pair, one period): the DSO's objective sampled at this many fees over the bounds (0 = none) */
    curvePoints: z.number().int().min(0).max(1001).default(61),
    /** follower solves spent on starting points beyond the uniform grid (a per-period pass; docs/models/dso-fees.md) */
    startEvaluations: z.number().int().min(0).max(10_000).default(150),
  })
  .strict();
export type DsoFeesOptions = z.output<typeof DsoFeesOptions>;

export const DsoFeesEvaluateOptions = z
  .object({
    /** 'given': dsoFees.given (other pairs pay flatPerKwh); 'flat': flatPerKwh everywhere; 'none': no fee */
    fees: z.enum(['given', 'flat', 'none']).default('given'),
  })
  .strict();
export type DsoFeesEvaluateOptions = z.output<typeof DsoFeesEvaluateOptions>;

export interface DsoMgCost {
  id: string;
  /** own operating cost C_i (generation, ADN exchange, battery wear, trading cost), currency */
  operating: number;
  /** network-usage fees paid to the DSO */
  fees: number;
  /** net P2P payments to other MGs at the clearing prices (Σ over MGs = 0) */
  p2p: number;
  total: number;
}

/** The microgrids' response to one set of fees and what it means for everyone. */
export interface DsoOutcome {
  label: 'optimal' | 'flat' | 'none' | 'given';
  /** [pair][t], currency/kWh */
  feePerKwh: number[][];
  /** fee revenue − network cost: the DSO's objective, currency */
  leaderObjective: number;
  revenue: number;
  networkCost: number;
  mgCosts: DsoMgCost[];
  totalMgCost: number;
  /** [pair][t]: |p_ab|, kW */
  pairVolumeKw: number[][];
  /** per t: Σ over pairs, kW */
  p2pVolumeKw: number[];
  /** [pair][t]: the clearing price of the pair's trade, currency/kWh (what the receiver pays the sender, before the fee) */
  p2pPricePerKwh: number[][];
  /** [t][line]: loading %, NaN unrated */
  lineLoadingPct: number[][];
  /** [t][line]: flow into the line's downstream end, kW */
  lineFlowKw: number[][];
  minVoltagePu: number[];
  /** limits the response breaks (a baseline the DSO could not allow) */
  networkViolations: string[];
}

export interface DsoPair {
  a: string;
  b: string;
  busA: string;
  busB: string;
  distanceOhm: number;
  /** network line ids on the path joining the two buses */
  pathLines: string[];
  /** the same lines as indices of network.lines (and of DsoOutcome.lineFlowKw[t]) */
  pathLineIndex: number[];
}

export interface DsoFeesData {
  T: number;
  dtHours: number;
  structure: 'path' | 'distance';
  pairs: DsoPair[];
  microgrids: { id: string; busId: string }[];
  optimal: DsoOutcome;
  flat: DsoOutcome | null;
  none: DsoOutcome | null;
  /** optimal against flat: % change of the MGs' total cost and of the DSO's revenue (null without the baseline) */
  vsFlat: { mgCostChangePct: number; revenueChangePct: number; leaderObjectiveChangePct: number } | null;
  /**
   * With one fee to set: the DSO's objective and the trade at evenly spaced fees over the bounds, the
   * microgrids re-solved at each (dso-fees-evaluate's response); null otherwise.
   */
  curve: { feePerKwh: number[]; leaderObjective: number[]; volumeKw: number[] } | null;
  /** the proven bound and the search */
  upperBound: number;
  absGap: number;
  relGap: number;
  iterations: { milpObjective: number; milpBound: number; polished: number | null; nodes: number; milpMs: number; tangentsAdded: number }[];
  milp: { rows: number; cols: number; binaries: number; nodes: number };
  timingsMs: { bounds: number; starts: number; solve: number; baselines: number };
}

export interface DsoFollowerCheck {
  id: string;
  reportedCost: number;
  aloneCost: number;
  maxDecisionDiff: number;
  maxStrictDiff: number;
}

export interface DsoFeesCertificate {
  searchStatus: 'optimal' | 'stopped';
  searchMessage: string;
  relGap: number;
  gapTolerance: number;
  bigM: { derived: boolean; scale: number; lpSolves: number; binding: string[] };
  kkt: { primal: number; stationarity: number; sign: number; complementarity: number };
  /** every MG re-solved alone at the reported fees and clearing prices */
  followersAlone: DsoFollowerCheck[];
  /** the leader's objective as the search reports it, recomputed from fees × receipts, and with the followers re-solved at the fees */
  leaderObjective: { reported: number; recomputed: number; evaluated: number };
  networkViolations: string[];
}

export interface DsoFeesEvaluateCertificate {
  kkt: { primal: number; stationarity: number; sign: number; complementarity: number };
  followersAlone: DsoFollowerCheck[];
}

export interface DsoFeesEvaluateData {
  T: number;
  dtHours: number;
  pairs: DsoPair[];
  microgrids: { id: string; busId: string }[];
  outcome: DsoOutcome;
}

const mgIds = { entity: 'microgrid', entities: (s: { microgrids: { id: string }[] }) => s.microgrids.map((m) => m.id) };
const byMg = (o: DsoOutcome) => Object.fromEntries(o.mgCosts.map((m) => [m.id, m.total]));

function outcomeOutputs<D>(get: (d: D) => DsoOutcome): OutputSpecOf<D>[] {
  return [
    { id: 'leaderObjective', label: 'DSO objective (fee revenue − network cost)', unit: 'currency', shape: 'scalar', extract: (d) => get(d).leaderObjective },
    { id: 'dsoRevenue', label: 'DSO fee revenue', unit: 'currency', shape: 'scalar', extract: (d) => get(d).revenue },
    { id: 'totalMgCost', label: 'Total cost of the microgrids (incl. fees)', unit: 'currency', shape: 'scalar', extract: (d) => get(d).totalMgCost },
    { id: 'p2pVolumeKwh', label: 'P2P energy traded', unit: 'kWh', shape: 'scalar', extract: (d) => get(d).p2pVolumeKw.reduce((a, b) => a + b, 0) },
    { id: 'p2pVolumeKw', label: 'P2P volume by period', unit: 'kW', shape: 'series', extract: (d) => get(d).p2pVolumeKw },
    { id: 'mgCost', label: 'Microgrid cost (incl. fees and P2P payments)', unit: 'currency', shape: 'per-entity', ...mgIds, extract: (d) => byMg(get(d)) },
  ];
}

export const dsoFeesOutputs: OutputSpecOf<DsoFeesData>[] = [
  ...outcomeOutputs<DsoFeesData>((d) => d.optimal),
  { id: 'relGap', label: 'Proven relative gap', unit: 'p.u.', shape: 'scalar', extract: (d) => d.relGap },
  { id: 'mgCostChangePctVsFlat', label: 'MG cost change vs flat fee', unit: '%', shape: 'scalar', extract: (d) => d.vsFlat?.mgCostChangePct ?? null },
  { id: 'revenueChangePctVsFlat', label: 'DSO revenue change vs flat fee', unit: '%', shape: 'scalar', extract: (d) => d.vsFlat?.revenueChangePct ?? null },
];
export const dsoFeesEvaluateOutputs: OutputSpecOf<DsoFeesEvaluateData>[] = outcomeOutputs<DsoFeesEvaluateData>((d) => d.outcome);

const money = (v: number) => v.toFixed(2);
const pct = (v: number) => `${v >= 0 ? '+' : ''}${v.toFixed(2)} %`;

function outcomeLine(o: DsoOutcome): string {
  const kwh = o.p2pVolumeKw.reduce((a, b) => a + b, 0);
  return `${o.label.padEnd(8)} DSO objective ${money(o.leaderObjective)} (revenue ${money(o.revenue)}), MG cost ${money(o.totalMgCost)}, P2P ${kwh.toFixed(1)} kW·periods${o.networkViolations.length ? `, breaks ${o.networkViolations.length} network limit(s)` : ''}`;
}

export function dsoFeesSummary(d: DsoFeesData, c: DsoFeesCertificate | null): string[] {
  const lines = [`structure      ${d.structure}: ${d.pairs.length} trading pair(s), ${d.T} period(s); MILP ${d.milp.rows} rows, ${d.milp.cols} columns, ${d.milp.binaries} binaries, ${d.milp.nodes} nodes`];
  lines.push(`leader         ${money(d.optimal.leaderObjective)}, proven bound ${money(d.upperBound)}, gap ${d.absGap.toExponential(2)} (relative ${d.relGap.toExponential(2)})`);
  for (const o of [d.optimal, d.flat, d.none]) if (o) lines.push(outcomeLine(o));
  if (d.vsFlat) lines.push(`vs flat fee    MG cost ${pct(d.vsFlat.mgCostChangePct)}, DSO revenue ${pct(d.vsFlat.revenueChangePct)}`);
  if (c) {
    const worst = c.followersAlone.reduce((w, f) => Math.max(w, Math.abs(f.aloneCost - f.reportedCost)), 0);
    lines.push(`certificate    ${c.searchStatus}; KKT residual ${Math.max(c.kkt.primal, c.kkt.stationarity, c.kkt.complementarity).toExponential(2)}; each MG alone: cost within ${worst.toExponential(2)}; leader objective re-evaluated ${money(c.leaderObjective.evaluated)}; big-M ${c.bigM.derived ? 'derived' : `scaled by ${c.bigM.scale}`}${c.bigM.binding.length ? `, ${c.bigM.binding.length} binding` : ''}`);
  }
  return lines;
}

function pairTables(pairs: DsoPair[], o: DsoOutcome, T: number): Record<string, Table> {
  const fees: Table = { columns: ['pair', 'distanceOhm', ...Array.from({ length: T }, (_, t) => `t${t}`)], rows: pairs.map((p, k) => [`${p.a}-${p.b}`, p.distanceOhm, ...o.feePerKwh[k]!]) };
  const volume: Table = { columns: ['pair', ...Array.from({ length: T }, (_, t) => `t${t}`)], rows: pairs.map((p, k) => [`${p.a}-${p.b}`, ...o.pairVolumeKw[k]!]) };
  const costs: Table = { columns: ['microgrid', 'operating', 'fees', 'p2p', 'total'], rows: o.mgCosts.map((m) => [m.id, m.operating, m.fees, m.p2p, m.total]) };
  return { fees, volume, costs };
}

export function dsoFeesTables(d: DsoFeesData): Record<string, Table> {
  const t = pairTables(d.pairs, d.optimal, d.T);
  const outcomes = [d.optimal, d.flat, d.none].filter((o): o is DsoOutcome => o !== null);
  t.comparison = { columns: ['fees', 'leaderObjective', 'revenue', 'networkCost', 'totalMgCost', 'p2pVolumeKw'], rows: outcomes.map((o) => [o.label, o.leaderObjective, o.revenue, o.networkCost, o.totalMgCost, o.p2pVolumeKw.reduce((a, b) => a + b, 0)]) };
  return t;
}

export const dsoFeesKind = defineJobKind<'dso-fees', DsoFeesOptions, DsoFeesData, DsoFeesCertificate>({
  kind: 'dso-fees',
  label: 'DSO network-usage fees (Stackelberg, exact)',
  options: DsoFeesOptions,
  outputs: dsoFeesOutputs,
  summary: dsoFeesSummary,
  tables: dsoFeesTables,
  warmStart: false,
});

export const dsoFeesEvaluateKind = defineJobKind<'dso-fees-evaluate', DsoFeesEvaluateOptions, DsoFeesEvaluateData, DsoFeesEvaluateCertificate>({
  kind: 'dso-fees-evaluate',
  label: 'DSO network-usage fees: microgrids\' response to given fees',
  options: DsoFeesEvaluateOptions,
  outputs: dsoFeesEvaluateOutputs,
  summary: (d, c) => {
    const lines = [outcomeLine(d.outcome)];
    if (c) lines.push(`certificate    KKT residual ${Math.max(c.kkt.primal, c.kkt.stationarity, c.kkt.complementarity).toExponential(2)}; each MG alone: cost within ${c.followersAlone.reduce((w, f) => Math.max(w, Math.abs(f.aloneCost - f.reportedCost)), 0).toExponential(2)}`);
    return lines;
  },
  tables: (d) => pairTables(d.pairs, d.outcome, d.T),
  warmStart: false,
});
