/**
 * The `opf` job kind: optimal power flow on the LinDistFlow LP with DLMPs and
 * carbon flow (docs/models/opf.md; solver: solver/opf/opfJob.ts). Options,
 * result data and certificate, what-if outputs, CLI summary and CSV tables;
 * registered in solver/jobs/kindRegistry.ts.
 */
import { z } from 'zod';
import type { LpCertificate } from '../../lp/certificate.ts';
import type { Table } from '../../results/table.ts';
import { defineJobKind } from '../kindModule.ts';
import type { OutputSpecOf } from '../outputSpec.ts';

export const OpfOptions = z
  .object({
    /** sides of the linear polygon replacing each apparent-power limit (lines, PV inverters) */
    polygonSides: z.number().int().min(4).max(64).default(12),
    /** run the AC power flow of the optimal injections, to compare voltages and loadings and to carry losses in the carbon flow */
    acComparison: z.boolean().default(true),
    /** the LP certificate's primal violation or duality gap above this (relative to the objective scale) is reported as a warning */
    certificateTolerance: z.number().positive().max(1).default(1e-6),
    /** AC comparison: convergence tolerance, p.u., and sweep cap per period */
    acTolerancePu: z.number().positive().max(1e-2).default(1e-8),
    acMaxIterations: z.number().int().min(1).max(10_000).default(100),
  })
  .strict();
export type OpfOptions = z.output<typeof OpfOptions>;

/** Distribution locational marginal price, currency/kWh: total = energy + voltage + congestion (docs/models/opf.md). */
export interface Dlmp {
  total: number;
  /** the substation's marginal energy price */
  energy: number;
  /** voltage-limit part (LinDistFlow is lossless: there is no separate loss part) */
  voltage: number;
  /** line thermal-limit part */
  congestion: number;
}

export interface OpfBus {
  id: string;
  loadKw: number;
  loadKvar: number;
  /** LinDistFlow voltage magnitude √v */
  vLinPu: number;
  /** AC power flow of the same injections; null without the AC comparison */
  vAcPu: number | null;
  dlmp: Dlmp;
  /** carbon intensity of the power consumed at the bus, kgCO2/kWh */
  carbonKgPerKwh: number;
  /** carbon attributed to the bus load in this period, kg */
  loadCarbonKg: number;
}

export interface OpfLine {
  id: string;
  from: string;
  to: string;
  /** LinDistFlow active/reactive flow entering at the `from` end */
  pKw: number;
  qKvar: number;
  /** LinDistFlow √(P²+Q²) / rateKva; null without a rating */
  loadingPct: number | null;
  /** AC power flow: flow at the `from` end, loading and losses; null without the AC comparison */
  acPKw: number | null;
  acLoadingPct: number | null;
  acLossKw: number | null;
  /** a polygon facet of this line is binding */
  congested: boolean;
}

export interface OpfPeriod {
  t: number;
  importKw: number;
  exportKw: number;
  gridKvar: number;
  importPricePerKwh: number;
  exportPricePerKwh: number;
  gridCarbonKgPerKwh: number;
  /** operating cost of this period, currency */
  cost: number;
  acLossesKw: number | null;
  buses: OpfBus[];
  lines: OpfLine[];
  pv: { id: string; availableKw: number; pKw: number; qKvar: number; curtailedKw: number }[];
  batteries: { id: string; chargeKw: number; dischargeKw: number; energyKwh: number; socPct: number }[];
  generators: { id: string; pKw: number; qKvar: number }[];
  carbon: CarbonBalance;
}

/** kgCO2 in one period (or the horizon): what sources emitted and where it went. */
export interface CarbonBalance {
  emittedKg: number;
  loadsKg: number;
  lossesKg: number;
  /** carried into batteries while charging (discharge is carbon-free in the flow, so nothing is counted twice) */
  storageKg: number;
  /** carried back into the upstream grid */
  exportKg: number;
}

export interface OpfData {
  T: number;
  dtHours: number;
  periods: OpfPeriod[];
  summary: {
    /** total operating cost, currency (the LP objective) */
    cost: number;
    importCost: number;
    exportRevenue: number;
    generatorCost: number;
    pvCurtailedKwh: number;
    carbon: CarbonBalance;
    /** which flows the carbon shares follow: AC (with losses) or LinDistFlow (lossless) */
    carbonBasis: 'ac' | 'lindistflow';
    /** largest |vLin − vAc| over buses and periods; null without the AC comparison */
    maxVoltageErrorPu: number | null;
    /** limits the optimum presses against */
    binding: { kind: 'voltage-min' | 'voltage-max' | 'thermal' | 'import-limit'; id: string; t: number }[];
  };
}

export interface OpfCertificate {
  /** LP status, objective, backend and the LP's own optimality evidence (primal violation, duality gap …) */
  lp: LpCertificate;
  rows: number;
  columns: number;
  nonzeros: number;
  polygonSides: number;
  /** largest |DLMP − (energy + voltage + congestion)|, currency/kWh: the decomposition is exact up to solver tolerance */
  dlmpDecompositionResidual: number;
  /** largest |emitted − (loads + losses + storage + export)| in a period, kg */
  carbonImbalanceKg: number;
  /** AC comparison's largest power mismatch, kVA; null without it */
  acMaxMismatchKva: number | null;
}

/** What a what-if study can read off an OPF result. */
export const opfOutputs: OutputSpecOf<OpfData>[] = [
  { id: 'cost', label: 'Operating cost over the horizon', unit: 'currency', shape: 'scalar', extract: (d) => d.summary.cost },
  { id: 'emittedKg', label: 'Carbon emitted over the horizon', unit: 'kg', shape: 'scalar', extract: (d) => d.summary.carbon.emittedKg },
  { id: 'pvCurtailedKwh', label: 'PV energy curtailed', unit: 'kWh', shape: 'scalar', extract: (d) => d.summary.pvCurtailedKwh },
  {
    id: 'maxDlmp',
    label: 'Highest DLMP',
    unit: 'currency/kWh',
    shape: 'scalar',
    extract: (d) => Math.max(...d.periods.flatMap((p) => p.buses.map((b) => b.dlmp.total))),
    at: (d) => {
      let best = { v: -Infinity, at: null as string | null };
      for (const p of d.periods) for (const b of p.buses) if (b.dlmp.total > best.v) best = { v: b.dlmp.total, at: b.id };
      return best.at;
    },
  },
  { id: 'importKw', label: 'Grid import per period', unit: 'kW', shape: 'series', extract: (d) => d.periods.map((p) => p.importKw) },
  {
    id: 'busDlmpMean',
    label: 'DLMP averaged over the horizon',
    unit: 'currency/kWh',
    shape: 'per-entity',
    entity: 'bus',
    entities: (s) => s.network.buses.map((b) => b.id),
    extract: (d) => {
      const out: Record<string, number> = {};
      for (const p of d.periods) for (const b of p.buses) out[b.id] = (out[b.id] ?? 0) + b.dlmp.total / d.periods.length;
      return out;
    },
  },
  {
    id: 'busCarbonKgPerKwh',
    label: 'Carbon intensity of consumption (energy-weighted)',
    unit: 'kg/kWh',
    shape: 'per-entity',
    entity: 'bus',
    entities: (s) => s.network.buses.map((b) => b.id),
    extract: (d) => {
      const kg: Record<string, number> = {}, kwh: Record<string, number> = {};
      for (const p of d.periods)
        for (const b of p.buses) {
          kg[b.id] = (kg[b.id] ?? 0) + b.loadCarbonKg;
          kwh[b.id] = (kwh[b.id] ?? 0) + b.loadKw * d.dtHours;
        }
      return Object.fromEntries(Object.keys(kg).map((id) => [id, kwh[id]! > 0 ? kg[id]! / kwh[id]! : 0]));
    },
  },
];

export function opfSummary(data: OpfData, certificate: OpfCertificate | null): string[] {
  const s = data.summary;
  let low = { v: Infinity, bus: '', t: 0 }, high = { v: -Infinity, bus: '', t: 0 };
  for (const p of data.periods)
    for (const b of p.buses) {
      if (b.dlmp.total < low.v) low = { v: b.dlmp.total, bus: b.id, t: p.t };
      if (b.dlmp.total > high.v) high = { v: b.dlmp.total, bus: b.id, t: p.t };
    }
  const count = (kind: string) => s.binding.filter((b) => b.kind === kind).length;
  const lines = [
    `periods        ${data.T} × ${data.dtHours} h`,
    `cost           ${s.cost.toFixed(2)} (import ${s.importCost.toFixed(2)}, export revenue ${s.exportRevenue.toFixed(2)}, generators ${s.generatorCost.toFixed(2)})`,
    `DLMP           ${low.v.toFixed(4)} (bus ${low.bus}, t=${low.t}) to ${high.v.toFixed(4)} (bus ${high.bus}, t=${high.t}) per kWh`,
    `binding        ${count('voltage-min')} voltage floors, ${count('voltage-max')} voltage ceilings, ${count('thermal')} line limits, ${count('import-limit')} import limits (bus·periods)`,
    `PV curtailed   ${s.pvCurtailedKwh.toFixed(2)} kWh`,
    `carbon         ${s.carbon.emittedKg.toFixed(2)} kg emitted: loads ${s.carbon.loadsKg.toFixed(2)}, losses ${s.carbon.lossesKg.toFixed(2)}, storage ${s.carbon.storageKg.toFixed(2)}, export ${s.carbon.exportKg.toFixed(2)} (${s.carbonBasis} flows)`,
  ];
  if (s.maxVoltageErrorPu !== null) lines.push(`LinDistFlow    largest voltage difference to the AC power flow ${s.maxVoltageErrorPu.toFixed(5)} p.u.`);
  if (certificate) {
    const c = certificate.lp;
    lines.push(`certificate    ${c.backend} ${c.status}, ${certificate.rows} rows × ${certificate.columns} columns, primal violation ${c.maxPrimalViolation.toExponential(2)}, duality gap ${c.dualityGap.toExponential(2)}`);
  }
  return lines;
}

/** CSV views (`ggs solve --out`) of an OPF result: periods, a bus × period DLMP grid, long tables of buses, lines and resource dispatch. */
export function opfTables(data: OpfData): Record<'periods' | 'dlmp' | 'buses' | 'lines' | 'dispatch', Table> {
  const periods: Table = {
    columns: ['t', 'importKw', 'exportKw', 'gridKvar', 'importPricePerKwh', 'exportPricePerKwh', 'gridCarbonKgPerKwh', 'cost', 'acLossesKw', 'emittedKg', 'loadsKg', 'lossesKg', 'storageKg', 'exportKg'],
    rows: data.periods.map((p) => [
      p.t, p.importKw, p.exportKw, p.gridKvar, p.importPricePerKwh, p.exportPricePerKwh, p.gridCarbonKgPerKwh, p.cost, p.acLossesKw,
      p.carbon.emittedKg, p.carbon.loadsKg, p.carbon.lossesKg, p.carbon.storageKg, p.carbon.exportKg,
    ]),
  };
  // every period lists the same buses in the scenario's order
  const busIds = data.periods[0]?.buses.map((b) => b.id) ?? [];
  const dlmp: Table = {
    columns: ['bus', ...data.periods.map((p) => `dlmp_t${p.t}`)],
    rows: busIds.map((id, i) => [id, ...data.periods.map((p) => p.buses[i]?.dlmp.total ?? null)]),
  };
  const buses: Table = {
    columns: ['t', 'bus', 'loadKw', 'loadKvar', 'vLinPu', 'vAcPu', 'dlmp', 'dlmpEnergy', 'dlmpVoltage', 'dlmpCongestion', 'carbonKgPerKwh', 'loadCarbonKg'],
    rows: data.periods.flatMap((p) =>
      p.buses.map((b) => [p.t, b.id, b.loadKw, b.loadKvar, b.vLinPu, b.vAcPu, b.dlmp.total, b.dlmp.energy, b.dlmp.voltage, b.dlmp.congestion, b.carbonKgPerKwh, b.loadCarbonKg]),
    ),
  };
  const lines: Table = {
    columns: ['t', 'line', 'from', 'to', 'pKw', 'qKvar', 'loadingPct', 'acPKw', 'acLoadingPct', 'acLossKw', 'congested'],
    rows: data.periods.flatMap((p) => p.lines.map((l) => [p.t, l.id, l.from, l.to, l.pKw, l.qKvar, l.loadingPct, l.acPKw, l.acLoadingPct, l.acLossKw, l.congested ? 1 : 0])),
  };
  const dispatch: Table = {
    columns: ['t', 'kind', 'id', 'pKw', 'qKvar', 'availableKw', 'curtailedKw', 'chargeKw', 'dischargeKw', 'energyKwh', 'socPct'],
    rows: data.periods.flatMap((p) => [
      ...p.pv.map((v) => [p.t, 'pv', v.id, v.pKw, v.qKvar, v.availableKw, v.curtailedKw, null, null, null, null]),
      ...p.batteries.map((b) => [p.t, 'battery', b.id, b.dischargeKw - b.chargeKw, 0, null, null, b.chargeKw, b.dischargeKw, b.energyKwh, b.socPct]),
      ...p.generators.map((g) => [p.t, 'generator', g.id, g.pKw, g.qKvar, null, null, null, null, null, null]),
    ]),
  };
  return { periods, dlmp, buses, lines, dispatch };
}

export const opfKind = defineJobKind<'opf', OpfOptions, OpfData, OpfCertificate>({
  kind: 'opf',
  label: 'Optimal power flow with DLMPs and carbon flow (LinDistFlow LP)',
  options: OpfOptions,
  outputs: opfOutputs,
  summary: opfSummary,
  tables: opfTables,
  warmStart: false,
});
