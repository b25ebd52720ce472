/**
 * The `dlmp-learn` job kind: MATD3 traders on the carbon-aware DLMP market
 * of the scenario's feeder, trained once on a neural surrogate of the OPF's
 * DLMPs and once on the exact OPF, compared on the exact OPF and against
 * the stage games' Nash equilibria (docs/models/learning.md; solver:
 * solver/learn/dlmpLearnJob.ts). Options, result data and certificate,
 * what-if outputs, CLI summary and CSV tables; registered in
 * solver/jobs/kindRegistry.ts.
 */
import { z } from 'zod';
import type { Table } from '../../results/table.ts';
import type { DlmpLearnResult } from '../../learn/dlmpTypes.ts';
import { defineJobKind } from '../kindModule.ts';
import type { OutputSpecOf } from '../outputSpec.ts';
import { SavedActor } from './train.ts';

export const DlmpAgentOption = z
  .object({
    busId: z.string().min(1),
    /** largest injection, kW */
    qMaxKw: z.number().positive(),
    /** private cost c·q + ½·b·q² per hour */
    costPerKwh: z.number().min(0).default(0.05),
    quadPerKw: z.number().positive().default(0.001),
  })
  .strict();

export const SavedSurrogate = z
  .object({ net: SavedActor, shift: z.number().finite(), scale: z.number().positive(), buses: z.array(z.string()) })
  .strict();

export const DlmpLearnOptions = z
  .object({
    /** the traders: default two at buses 18 and 33 (the ends of IEEE 33's two long branches) */
    agents: z.array(DlmpAgentOption).min(1).max(8).default([{ busId: '18', qMaxKw: 400, costPerKwh: 0.05, quadPerKw: 0.001 }, { busId: '33', qMaxKw: 400, costPerKwh: 0.05, quadPerKw: 0.001 }]),
    /** the scenario's periods the market draws from (default: night, noon, evening peak of a 24-period day; [0] for one period) */
    periods: z.array(z.number().int().min(0)).min(1).max(24).optional(),
    /** load level range, × the period's loads */
    loadLow: z.number().positive().max(3).default(0.7),
    loadHigh: z.number().positive().max(3).default(0.8),
    /** currency per kg CO2 in the OPF's objective */
    carbonPricePerKg: z.number().min(0).default(0.1),
    polygonSides: z.number().int().min(4).max(64).default(12),
    stepsPerEpisode: z.number().int().min(1).max(96).default(4),
    /** exact OPF samples for the surrogate and the share held out */
    samples: z.number().int().min(10).max(20_000).default(400),
    heldOutShare: z.number().gt(0).lt(1).default(0.2),
    surrogateHidden: z.array(z.number().int().min(1).max(256)).min(1).max(4).default([64, 64]),
    surrogateEpochs: z.number().int().min(1).max(5000).default(300),
    surrogateBatch: z.number().int().min(1).max(4096).default(32),
    surrogateLr: z.number().positive().max(1).default(3e-3),
    /** a saved surrogate (`data.surrogate.weights` of an earlier run): no fitting, its error measured on all samples */
    surrogate: SavedSurrogate.optional(),
    /** held-out mean absolute DLMP error at the agents' buses the certificate allows, currency/kWh */
    surrogateTolerance: z.number().positive().default(0.01),
    /** MATD3 episodes per run (surrogate and exact) */
    episodes: z.number().int().min(0).max(100_000).default(150),
    hidden: z.array(z.number().int().min(1).max(256)).min(1).max(4).default([32, 32]),
    actorLr: z.number().positive().max(1).default(1e-3),
    criticLr: z.number().positive().max(1).default(3e-3),
    gamma: z.number().min(0).max(0.999).default(0.5),
    tau: z.number().positive().max(1).default(0.02),
    batch: z.number().int().min(1).max(4096).default(64),
    buffer: z.number().int().min(16).max(1_000_000).default(20_000),
    warmup: z.number().int().min(1).default(128),
    noiseFrom: z.number().min(0).max(2).default(0.4),
    noiseTo: z.number().min(0).max(2).default(0.05),
    /** MATD3 steps over which exploration decays (default: 2/3 of the run) */
    noiseDecay: z.number().int().min(1).optional(),
    /** load levels per period in the evaluation grid */
    evalLoads: z.number().int().min(1).max(20).default(3),
    /** injections per agent a best response scans (plus the price-taker point) */
    bestResponseGrid: z.number().int().min(2).max(1000).default(40),
    /** exploitability (currency per period) the Nash equilibria may keep */
    nashTolerance: z.number().positive().default(1e-6),
    /** default: the request's seed */
    seed: z.number().int().optional(),
  })
  .strict();
export type DlmpLearnOptions = z.output<typeof DlmpLearnOptions>;

export interface DlmpLearnData extends DlmpLearnResult {
  episodes: number;
  stepsPerEpisode: number;
  loadLow: number;
  loadHigh: number;
}

export interface DlmpLearnCertificate {
  /** the surrogate's held-out error, currency/kWh (all buses; agents' buses) */
  heldOutMae: number;
  heldOutMaxError: number;
  heldOutAgentMae: number;
  surrogateTolerance: number;
  /** the surrogate-trained final actions re-priced by the exact OPF: |surrogate − exact| at the agents' buses */
  repriceMeanAbs: number;
  repriceMax: number;
  /** surrogate-trained minus exact-trained on the exact OPF (means over the evaluation states) */
  profitGap: number;
  priceGap: number;
  welfareGap: number;
  /** largest exploitability of the best-response Nash equilibria (currency per period) and whether each converged */
  nashExploitability: number;
  nashConverged: boolean;
  opfSolves: number;
  scope: string;
}

export const dlmpLearnOutputs: OutputSpecOf<DlmpLearnData>[] = [
  { id: 'surrogateHeldOutMae', label: 'Surrogate held-out mean absolute DLMP error (agents\' buses)', unit: 'currency/kWh', shape: 'scalar', extract: (d) => d.surrogate.heldOut.agentMae },
  { id: 'surrogateProfit', label: 'Agents\' profit per period, surrogate-trained (exact prices)', unit: 'currency', shape: 'scalar', extract: (d) => d.summary.surrogateTrained.profit },
  { id: 'exactProfit', label: 'Agents\' profit per period, exact-trained', unit: 'currency', shape: 'scalar', extract: (d) => d.summary.exactTrained.profit },
  { id: 'nashProfit', label: 'Agents\' profit per period at the Nash equilibrium', unit: 'currency', shape: 'scalar', extract: (d) => d.summary.nash.profit },
  { id: 'welfareGap', label: 'Welfare gap, surrogate-trained minus exact-trained', unit: 'currency', shape: 'scalar', extract: (d) => d.gap.welfare },
  { id: 'exactExploitability', label: 'Exploitability of the exact-trained traders', unit: 'currency', shape: 'scalar', extract: (d) => d.summary.exactTrained.exploitability },
  { id: 'exactCurve', label: 'Learning curve on exact prices: profit per episode', unit: 'currency', shape: 'series', extract: (d) => d.curves.exact },
];

const f = (x: number, n = 3) => (Number.isFinite(x) ? x.toFixed(n) : '—');

export function dlmpLearnSummary(d: DlmpLearnData, c: DlmpLearnCertificate | null): string[] {
  const s = d.surrogate, h = s.heldOut, sm = d.summary;
  const row = (name: string, o: { profit: number; price: number; welfare: number; exploitability: number }) =>
    `${name.padEnd(15)}${f(o.profit, 2).padEnd(10)}${f(o.price, 4).padEnd(10)}${f(o.welfare, 2).padEnd(12)}${f(o.exploitability, 3)}`;
  const lines = [
    `market         ${d.agents.length} agents at buses ${d.agents.map((a) => a.busId).join(', ')}; periods ${d.periods.join(', ')}; load × ${d.loadLow}–${d.loadHigh}; carbon ${d.carbonPricePerKg}/kg (grid ${d.gridPrices.map((p) => f(p, 4)).join(', ')}/kWh)`,
    `surrogate      ${s.fitted ? `${s.weights.net.spec.hidden.join('-')} network fitted on ${s.trainSamples} OPF solves` : 'saved network'}; held-out (${h.samples}) MAE ${f(h.mae, 4)}, max ${f(h.maxError, 4)}; agents' buses MAE ${f(h.agentMae, 4)}, max ${f(h.agentMaxError, 4)} /kWh`,
    `training       MATD3, ${d.episodes} episodes × ${d.stepsPerEpisode} periods, once on surrogate prices, once on the exact OPF`,
    `evaluated on the exact OPF (${d.evaluation.length} states; means per period)`,
    `               profit    price     welfare     exploitability`,
    row('surrogate', sm.surrogateTrained),
    row('exact', sm.exactTrained),
    row('Nash (BR)', sm.nash),
    `gap            surrogate − exact: profit ${f(d.gap.profit, 2)}, price ${f(d.gap.price, 4)}, welfare ${f(d.gap.welfare, 2)}, injections differ by ${f(d.gap.meanAbsInjectionKw, 1)} kW`,
    `re-pricing     the surrogate's prices of its traders' final actions vs the exact OPF: mean ${f(d.reprice.meanAbs, 4)}, max ${f(d.reprice.max, 4)} /kWh`,
  ];
  if (c) lines.push(`certificate    held-out agents' MAE ${f(c.heldOutAgentMae, 4)} ≤ ${c.surrogateTolerance}: ${c.heldOutAgentMae <= c.surrogateTolerance ? 'yes' : 'NO'}; Nash exploitability ${c.nashExploitability.toExponential(1)} (${c.nashConverged ? 'converged' : 'NOT converged'}); ${c.opfSolves} OPF solves`);
  return lines;
}

export function dlmpLearnTables(d: DlmpLearnData): Record<'curves' | 'evaluation' | 'surrogateLoss', Table> {
  const n = d.agents.length;
  const cols = (p: string) => [...Array.from({ length: n }, (_, i) => `${p}Q${i + 1}`), ...Array.from({ length: n }, (_, i) => `${p}Price${i + 1}`), `${p}Profit`, `${p}Welfare`, `${p}Exploitability`];
  const vals = (o: { q: number[]; prices: number[]; profits: number[]; welfare: number; exploitability: number }) => [...o.q, ...o.prices, o.profits.reduce((a, b) => a + b, 0), o.welfare, o.exploitability];
  return {
    curves: { columns: ['episode', 'surrogateProfit', 'exactProfit'], rows: d.curves.exact.map((e, k) => [k + 1, d.curves.surrogate[k] ?? null, e]) },
    evaluation: {
      columns: ['period', 'load', ...cols('surrogate'), ...Array.from({ length: n }, (_, i) => `surrogatePredicted${i + 1}`), ...cols('exact'), ...cols('nash')],
      rows: d.evaluation.map((p) => [p.period, p.load, ...vals(p.surrogateTrained), ...p.surrogateTrained.surrogatePrices, ...vals(p.exactTrained), ...vals(p.nash)]),
    },
    surrogateLoss: { columns: ['epoch', 'mse'], rows: d.surrogate.loss.map((l, k) => [k + 1, l]) },
  };
}

export const dlmpLearnKind = defineJobKind<'dlmp-learn', DlmpLearnOptions, DlmpLearnData, DlmpLearnCertificate>({
  kind: 'dlmp-learn',
  label: 'DLMP market traders (MATD3 on a DNN surrogate vs the exact carbon-aware OPF, with the Nash check)',
  options: DlmpLearnOptions,
  outputs: dlmpLearnOutputs,
  summary: dlmpLearnSummary,
  tables: dlmpLearnTables,
  warmStart: false,
});
