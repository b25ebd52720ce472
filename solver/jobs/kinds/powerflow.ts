/**
 * The `powerflow` job kind: AC power flow of every period by backward/forward
 * sweep (docs/models/network.md; solver: solver/network/powerflowJob.ts).
 * Options, result data and certificate, warm start, what-if outputs, CLI
 * summary and CSV tables; registered in solver/jobs/kindRegistry.ts.
 */
import { z } from 'zod';
import type { Table } from '../../results/table.ts';
import { defineJobKind } from '../kindModule.ts';
import type { OutputSpecOf } from '../outputSpec.ts';

export const PowerflowOptions = z
  .object({
    /** iteration cap per period */
    maxIterations: z.number().int().min(1).max(10_000).default(100),
    /** convergence tolerance on the largest change of any bus voltage between sweeps, p.u. */
    tolerancePu: z.number().positive().max(1e-2).default(1e-8),
  })
  .strict();
export type PowerflowOptions = z.output<typeof PowerflowOptions>;

export interface BusVoltage {
  id: string;
  vmPu: number;
  vaDeg: number;
}

export interface LineFlow {
  id: string;
  from: string;
  to: string;
  /** active power entering the line at its `from` end */
  pKw: number;
  /** reactive power entering the line at its `from` end */
  qKvar: number;
  /** current magnitude, A */
  iA: number;
  /** active losses in the line */
  lossKw: number;
  /** apparent power at the `from` end relative to rateKva; null when the line has no limit */
  loadingPct: number | null;
}

export interface LimitViolation {
  kind: 'undervoltage' | 'overvoltage' | 'overload';
  /** bus id for voltage violations, line id for overloads */
  id: string;
  /** period index, 0-based */
  t: number;
  /** vmPu for voltages, loading % for lines */
  value: number;
  limit: number;
}

export interface PowerflowPeriod {
  t: number;
  loadKw: number;
  loadKvar: number;
  /** power drawn from the upstream grid at the substation */
  substationKw: number;
  substationKvar: number;
  lossesKw: number;
  lossesKvar: number;
  minVoltage: { bus: string; vmPu: number };
  maxVoltage: { bus: string; vmPu: number };
  iterations: number;
  buses: BusVoltage[];
  lines: LineFlow[];
}

export interface PowerflowData {
  T: number;
  dtHours: number;
  periods: PowerflowPeriod[];
  summary: {
    energyLossesKwh: number;
    peakLossesKw: { t: number; kw: number };
    minVoltage: { bus: string; vmPu: number; t: number };
    maxLoadingPct: { line: string; pct: number; t: number } | null;
    violations: LimitViolation[];
  };
}

export interface PowerflowCertificate {
  /** largest complex power mismatch |S_injected − S_computed| over all buses and periods, kVA */
  maxMismatchKva: number;
  /** largest voltage change in the last sweep over all periods, p.u. */
  lastVoltageChangePu: number;
  /** most sweeps any period needed */
  iterations: number;
  iterationsByPeriod: number[];
  /** voltage-change residual after each sweep, for the period that needed the most sweeps */
  residualHistory: number[];
  tolerancePu: number;
}

/** per period, per bus (scenario order): the voltage phasor the sweep starts from */
export interface PowerflowWarmStart {
  vmPu: number[][];
  vaDeg: number[][];
}

export const powerflowOutputs: OutputSpecOf<PowerflowData>[] = [
  {
    id: 'energyLossesKwh',
    label: 'Energy losses over the horizon',
    unit: 'kWh',
    shape: 'scalar',
    extract: (d) => d.summary.energyLossesKwh,
  },
  {
    id: 'peakLossesKw',
    label: 'Peak losses',
    unit: 'kW',
    shape: 'scalar',
    extract: (d) => d.summary.peakLossesKw.kw,
    at: (d) => `t=${d.summary.peakLossesKw.t}`,
  },
  {
    id: 'minVoltagePu',
    label: 'Lowest bus voltage',
    unit: 'p.u.',
    shape: 'scalar',
    extract: (d) => d.summary.minVoltage.vmPu,
    at: (d) => d.summary.minVoltage.bus,
  },
  {
    id: 'maxLoadingPct',
    label: 'Highest line loading',
    unit: '%',
    shape: 'scalar',
    extract: (d) => d.summary.maxLoadingPct?.pct ?? null,
    at: (d) => d.summary.maxLoadingPct?.line ?? null,
  },
  {
    id: 'violations',
    label: 'Limit violations',
    unit: 'count',
    shape: 'scalar',
    extract: (d) => d.summary.violations.length,
  },
  {
    id: 'lossesKw',
    label: 'Losses per period',
    unit: 'kW',
    shape: 'series',
    extract: (d) => d.periods.map((p) => p.lossesKw),
  },
  {
    id: 'busVoltagePu',
    label: 'Bus voltage (lowest over the horizon)',
    unit: 'p.u.',
    shape: 'per-entity',
    entity: 'bus',
    entities: (s) => s.network.buses.map((b) => b.id),
    extract: (d) => {
      // the worst period per bus: what a planner checks against vminPu
      const out: Record<string, number> = {};
      for (const p of d.periods) for (const b of p.buses) out[b.id] = Math.min(out[b.id] ?? Infinity, b.vmPu);
      return out;
    },
  },
];

const kw = (x: number) => `${x.toFixed(2)} kW`;

export function powerflowSummary(data: PowerflowData, certificate: PowerflowCertificate | null): string[] {
  const s = data.summary;
  const lines = [
    `periods        ${data.T} × ${data.dtHours} h`,
    data.T === 1
      ? `losses         ${kw(data.periods[0]?.lossesKw ?? 0)}`
      : `losses         peak ${kw(s.peakLossesKw.kw)} (t=${s.peakLossesKw.t}), ${s.energyLossesKwh.toFixed(2)} kWh over the horizon`,
    `min voltage    ${s.minVoltage.vmPu.toFixed(5)} p.u. at bus ${s.minVoltage.bus}${data.T > 1 ? ` (t=${s.minVoltage.t})` : ''}`,
    s.maxLoadingPct
      ? `max loading    ${s.maxLoadingPct.pct.toFixed(1)} % on line ${s.maxLoadingPct.line}${data.T > 1 ? ` (t=${s.maxLoadingPct.t})` : ''}`
      : 'max loading    no line has a thermal limit',
  ];
  if (s.violations.length > 0) {
    const byKind = new Map<string, number>();
    for (const v of s.violations) byKind.set(v.kind, (byKind.get(v.kind) ?? 0) + 1);
    lines.push(`violations     ${[...byKind].map(([k, n]) => `${n} ${k}`).join(', ')}`);
  } else lines.push('violations     none');
  if (certificate)
    lines.push(`certificate    max mismatch ${certificate.maxMismatchKva.toExponential(2)} kVA, ${certificate.iterations} sweeps at most (tolerance ${certificate.tolerancePu} p.u.)`);
  return lines;
}

/** CSV views (`ggs solve --out`) of a power-flow result: one row per period, a bus × period voltage grid, one row per line and period. */
export function powerflowTables(data: PowerflowData): Record<'periods' | 'buses' | 'lines', Table> {
  const periods: Table = {
    columns: ['t', 'loadKw', 'loadKvar', 'substationKw', 'substationKvar', 'lossesKw', 'lossesKvar', 'minVmPu', 'minVmBus', 'maxVmPu', 'maxVmBus', 'iterations'],
    rows: data.periods.map((p) => [
      p.t,
      p.loadKw,
      p.loadKvar,
      p.substationKw,
      p.substationKvar,
      p.lossesKw,
      p.lossesKvar,
      p.minVoltage.vmPu,
      p.minVoltage.bus,
      p.maxVoltage.vmPu,
      p.maxVoltage.bus,
      p.iterations,
    ]),
  };

  // Every period lists the same buses in the same order (the scenario's).
  const busIds = data.periods[0]?.buses.map((b) => b.id) ?? [];
  const buses: Table = {
    columns: ['bus', ...data.periods.map((p) => `vmPu_t${p.t}`)],
    rows: busIds.map((id, i) => [id, ...data.periods.map((p) => p.buses[i]?.vmPu ?? null)]),
  };

  const lines: Table = {
    columns: ['t', 'line', 'from', 'to', 'pKw', 'qKvar', 'iA', 'lossKw', 'loadingPct'],
    rows: data.periods.flatMap((p) => p.lines.map((l) => [p.t, l.id, l.from, l.to, l.pKw, l.qKvar, l.iA, l.lossKw, l.loadingPct])),
  };
  return { periods, buses, lines };
}

export const powerflowKind = defineJobKind<'powerflow', PowerflowOptions, PowerflowData, PowerflowCertificate, PowerflowWarmStart>({
  kind: 'powerflow',
  label: 'AC power flow (backward/forward sweep)',
  options: PowerflowOptions,
  outputs: powerflowOutputs,
  summary: powerflowSummary,
  tables: powerflowTables,
  warmStart: true,
});
