/**
 * The `mg-bargaining` job kind: microgrids trading P2P under Nash bargaining,
 * P1 solved centralised (the oracle) and by ADMM, P2 payments in closed form
 * (docs/models/microgrids.md; solver: solver/microgrid/bargainingJob.ts).
 * Options, result data and certificate, what-if outputs, CLI summary and CSV
 * tables; registered in solver/jobs/kindRegistry.ts.
 */
import { z } from 'zod';
import type { Table } from '../../results/table.ts';
import { defineJobKind } from '../kindModule.ts';
import type { OutputSpecOf } from '../outputSpec.ts';
import type { AdmmIteration, MessageStats, MgDlmps, MicrogridDispatch, SafetyReport } from '../../microgrid/resultTypes.ts';

export const MgBargainingOptions = z
  .object({
    /** include the ADN's LinDistFlow limits (voltages, line ratings) in P1 and, as the ADN agent, in ADMM */
    network: z.boolean().default(true),
    /** sides of the polygon replacing each line's apparent-power limit */
    polygonSides: z.number().int().min(4).max(64).default(12),
    /** also solve P1 by ADMM (the distributed solution); off: the centralised answer alone */
    admm: z.boolean().default(true),
    /** after trading: AC power flow, and least-change ADN–MG exchange adjustments until it is within limits (with `network`) */
    networkSafety: z.boolean().default(true),
    /** largest |ADMM social cost − centralised optimum| / |optimum| for the answer to be certified */
    gapTolerance: z.number().positive().max(1).default(1e-4),
  })
  .strict();
export type MgBargainingOptions = z.output<typeof MgBargainingOptions>;

export interface MgOutcome {
  id: string;
  busId: string;
  /** C_i⁰: cost alone (no P2P), currency */
  costAlone: number;
  /** C_i*: cost at the social optimum P1, before payments */
  costOptimum: number;
  /** π_i: payment received (negative: paid), P2 */
  payment: number;
  /** C_i* − π_i */
  finalCost: number;
  /** C_i⁰ − final cost: the same S/N for every microgrid */
  gain: number;
  /** C_i at the ADMM answer; null without ADMM */
  costAdmm: number | null;
  alone: MicrogridDispatch;
  optimum: MicrogridDispatch;
}

export interface MgPair {
  a: string;
  b: string;
  /** P1 trade per period, kW: > 0 when a receives from b */
  tradeKw: number[];
  /** the ADMM consensus trade; null without ADMM */
  admmTradeKw: number[] | null;
  /** the ADMM trade price a pays b, currency/kWh (the consensus multiplier ÷ Δt); null without ADMM */
  pricePerKwh: number[] | null;
}

export interface MgAdmmReport {
  converged: boolean;
  iterations: number;
  history: AdmmIteration[];
  /** |ADMM social cost − optimum| / max(1e-9, |optimum|) */
  relativeGap: number;
  solves: number;
  /** of the microgrids' steps, those answered from their last working set without HiGHS (solver/qp/workingSetQp.ts) */
  workingSetSolves: number;
  /** threads that solved the microgrids' steps side by side (1 in the browser; the Node worker's step pool) */
  stepThreads?: number;
  solveMs: number;
  totalMs: number;
  lossProbability: number;
  maxDelayIterations: number;
  messages: MessageStats;
}

export interface MgBargainingData {
  T: number;
  dtHours: number;
  network: boolean;
  busIds: string[];
  microgrids: MgOutcome[];
  pairs: MgPair[];
  socialCost: { alone: number; optimum: number; admm: number | null };
  /** S = Σ (C_i⁰ − C_i*) */
  totalSaving: number;
  admm: MgAdmmReport | null;
  /** P1's LinDistFlow voltage magnitudes [t][bus], p.u.; null without the network */
  voltagePu: number[][] | null;
  /** P1's DLMPs per bus and period (energy + voltage + congestion, currency/kWh; solver/microgrid/dlmp.ts); null without the network */
  dlmp: MgDlmps | null;
  /** the AC check of P1's injections and the ADN's adjustments; null without the network or the option */
  safety: SafetyReport | null;
  centralisedMs: number;
}

export interface MgBargainingCertificate {
  centralisedCost: number;
  admmCost: number | null;
  relativeGap: number;
  gapTolerance: number;
  admmConverged: boolean | null;
  /** smallest C_i⁰ − final cost: > 0 when every microgrid is better off */
  minGain: number;
  paymentSum: number;
  backend: string;
}

const admmIterations = (d: MgBargainingData) => d.admm?.iterations ?? null;

export const mgBargainingOutputs: OutputSpecOf<MgBargainingData>[] = [
  { id: 'socialCost', label: 'Social cost at the optimum (P1)', unit: 'currency', shape: 'scalar', extract: (d) => d.socialCost.optimum },
  { id: 'totalSaving', label: 'Total saving from P2P trading', unit: 'currency', shape: 'scalar', extract: (d) => d.totalSaving },
  { id: 'admmIterations', label: 'ADMM iterations', unit: 'iterations', shape: 'scalar', extract: admmIterations },
  { id: 'admmGap', label: 'ADMM relative cost gap to the centralised optimum', unit: 'p.u.', shape: 'scalar', extract: (d) => d.admm?.relativeGap ?? null },
  {
    id: 'admmPrimalResidual',
    label: 'ADMM final primal residual',
    unit: 'kW',
    shape: 'scalar',
    extract: (d) => d.admm?.history.at(-1)?.primal ?? null,
  },
  // Convergence histories for the communication study (renderer/src/microgrid/): the index is the ADMM iteration
  // (1, 2, …), not a period, and the length varies with the run; empty without ADMM.
  {
    id: 'admmPrimalHistory',
    label: 'ADMM primal residual at each iteration (index = iteration, not period)',
    unit: 'kW',
    shape: 'series',
    extract: (d) => (d.admm?.history ?? []).map((h) => h.primal),
  },
  {
    id: 'admmDualHistory',
    label: 'ADMM dual residual at each iteration (index = iteration, not period)',
    unit: 'kW',
    shape: 'series',
    extract: (d) => (d.admm?.history ?? []).map((h) => h.dual),
  },
  { id: 'admmConverged', label: 'ADMM met its stopping rule (1) or stopped at its iteration limit (0)', unit: '0/1', shape: 'scalar', extract: (d) => (d.admm ? (d.admm.converged ? 1 : 0) : null) },
  { id: 'adjustedKwh', label: 'Exchange moved to keep the AC flow within limits', unit: 'kWh', shape: 'scalar', extract: (d) => d.safety?.adjustedKwh ?? null },
  {
    id: 'tradedKw',
    label: 'Energy traded P2P per period',
    unit: 'kW',
    shape: 'series',
    extract: (d) => Array.from({ length: d.T }, (_, t) => d.pairs.reduce((s, p) => s + Math.abs(p.tradeKw[t]!), 0)),
  },
  {
    id: 'payment',
    label: 'Payment received (P2)',
    unit: 'currency',
    shape: 'per-entity',
    entity: 'microgrid',
    entities: (s) => s.microgrids.map((m) => m.id),
    extract: (d) => Object.fromEntries(d.microgrids.map((m) => [m.id, m.payment])),
    equilibrium: 'payoff',
  },
  {
    id: 'finalCost',
    label: 'Cost after trading and payments',
    unit: 'currency',
    shape: 'per-entity',
    entity: 'microgrid',
    entities: (s) => s.microgrids.map((m) => m.id),
    extract: (d) => Object.fromEntries(d.microgrids.map((m) => [m.id, m.finalCost])),
  },
];

const f2 = (x: number) => x.toFixed(2);

export function mgBargainingSummary(data: MgBargainingData, c: MgBargainingCertificate | null): string[] {
  const lines = [
    `periods        ${data.T} × ${data.dtHours} h, ${data.microgrids.length} microgrids, ${data.pairs.length} trading pairs${data.network ? ', LinDistFlow network' : ', no network'}`,
    `social cost    alone ${f2(data.socialCost.alone)}, optimum ${f2(data.socialCost.optimum)} (saving ${f2(data.totalSaving)})${data.socialCost.admm === null ? '' : `, ADMM ${f2(data.socialCost.admm)}`}`,
    ...data.microgrids.map((m) => `  ${m.id.padEnd(12)} alone ${f2(m.costAlone)} → optimum ${f2(m.costOptimum)}, payment ${m.payment >= 0 ? '+' : ''}${f2(m.payment)}, final ${f2(m.finalCost)} (gain ${f2(m.gain)})`),
  ];
  const a = data.admm;
  if (a)
    lines.push(
      `ADMM           ${a.converged ? 'converged' : 'NOT converged'} in ${a.iterations} iterations (${a.solves} QP solves, ${a.workingSetSolves ?? 0} of them from the last working set, ${(a.stepThreads ?? 1) > 1 ? `${a.stepThreads} threads, ` : ''}${a.totalMs.toFixed(0)} ms), relative gap ${a.relativeGap.toExponential(2)}, last residuals primal ${a.history.at(-1)?.primal.toExponential(2)} dual ${a.history.at(-1)?.dual.toExponential(2)} kW, ρ ${a.history.at(-1)?.rho}` +
        (a.lossProbability > 0 || a.maxDelayIterations > 0 || a.messages.lost > 0 || a.messages.meanDelay > 0 ? `; messages lost ${a.messages.lost}/${a.messages.posted}, mean delay ${a.messages.meanDelay.toFixed(2)}${a.messages.superseded !== undefined ? `, ${a.messages.queued} waited for bandwidth, ${a.messages.superseded} superseded` : ''}` : ''),
    );
  const sf = data.safety;
  if (sf) {
    const first = sf.rounds[0]?.violations.length ?? 0;
    const lowest = (v: number[][]) => Math.min(...v.flat());
    lines.push(
      `network        AC power flow ${first === 0 ? 'within every limit' : `${first} violations, ${sf.rounds.filter((r) => r.adjustments.length > 0).length} adjustment rounds, ${sf.adjustedKwh.toFixed(2)} kWh of exchange moved, ${sf.safe ? 'now within limits' : 'STILL VIOLATED'}`}; lowest voltage ${lowest(sf.voltagesBefore).toFixed(4)} → ${lowest(sf.voltagesAfter).toFixed(4)} p.u.`,
    );
  }
  if (c) lines.push(`certificate    gap ${c.relativeGap.toExponential(2)} (tolerance ${c.gapTolerance}), smallest gain ${f2(c.minGain)}, Σ payments ${c.paymentSum.toExponential(2)}`);
  return lines;
}

export function mgBargainingTables(data: MgBargainingData): Record<'microgrids' | 'trades' | 'admm' | 'dispatch' | 'safety' | 'dlmp', Table> {
  const microgrids: Table = {
    columns: ['microgrid', 'bus', 'costAlone', 'costOptimum', 'payment', 'finalCost', 'gain', 'costAdmm'],
    rows: data.microgrids.map((m) => [m.id, m.busId, m.costAlone, m.costOptimum, m.payment, m.finalCost, m.gain, m.costAdmm]),
  };
  const trades: Table = {
    columns: ['t', 'a', 'b', 'tradeKw', 'admmTradeKw', 'pricePerKwh'],
    rows: data.pairs.flatMap((p) => p.tradeKw.map((kw, t) => [t, p.a, p.b, kw, p.admmTradeKw?.[t] ?? null, p.pricePerKwh?.[t] ?? null])),
  };
  const admm: Table = {
    columns: ['iteration', 'primal', 'dual', 'epsPrimal', 'epsDual', 'rho', 'socialCost'],
    rows: (data.admm?.history ?? []).map((h) => [h.k, h.primal, h.dual, h.epsPrimal, h.epsDual, h.rho, h.socialCost]),
  };
  const dispatch: Table = {
    columns: ['t', 'microgrid', 'case', 'buyKw', 'sellKw', 'injectionKw', 'pvKw', 'pvCurtailedKw', 'genKw', 'chargeKw', 'dischargeKw', 'energyKwh'],
    rows: data.microgrids.flatMap((m) =>
      (['alone', 'optimum'] as const).flatMap((which) => {
        const d = m[which];
        return d.buyKw.map((_, t) => [t, m.id, which, d.buyKw[t]!, d.sellKw[t]!, d.injectionKw[t]!, d.pvKw[t]!, d.pvCurtailedKw[t]!, d.genKw?.[t] ?? null, d.chargeKw?.[t] ?? null, d.dischargeKw?.[t] ?? null, d.energyKwh?.[t] ?? null]);
      }),
    ),
  };
  const safety: Table = {
    columns: ['round', 't', 'kind', 'id', 'value', 'limit', 'microgrid', 'deltaKw'],
    rows: (data.safety?.rounds ?? []).flatMap((r) => [
      ...r.violations.map((v) => [r.round, v.t, v.kind, v.id, v.value, v.limit, null, null]),
      ...r.adjustments.map((a) => [r.round, a.t, 'adjustment', null, null, null, a.microgrid, a.deltaKw]),
    ]),
  };
  const dl = data.dlmp;
  const dlmp: Table = {
    columns: ['t', 'bus', 'dlmp', 'energy', 'voltage', 'congestion'],
    rows: dl ? dl.total.flatMap((row, t) => row.map((v, j) => [t, data.busIds[j]!, v, dl.energy[t]!, dl.voltage[t]![j]!, dl.congestion[t]![j]!])) : [],
  };
  return { microgrids, trades, admm, dispatch, safety, dlmp };
}

export const mgBargainingKind = defineJobKind<'mg-bargaining', MgBargainingOptions, MgBargainingData, MgBargainingCertificate>({
  kind: 'mg-bargaining',
  label: 'Microgrids: Nash-bargaining P2P trading, centralised and by ADMM',
  options: MgBargainingOptions,
  outputs: mgBargainingOutputs,
  summary: mgBargainingSummary,
  tables: mgBargainingTables,
  warmStart: false,
});
