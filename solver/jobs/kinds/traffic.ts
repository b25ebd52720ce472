/**
 * The `traffic` job kind: static user equilibrium of the scenario's road
 * network (docs/models/transport.md; solver: solver/transport/trafficJob.ts)
 * by Frank–Wolfe, by path-based gradient projection, or both (compared).
 * Options, result data and certificate, what-if outputs, CLI summary and CSV
 * tables; registered in solver/jobs/kindRegistry.ts.
 */
import { z } from 'zod';
import type { Table } from '../../results/table.ts';
import { defineJobKind } from '../kindModule.ts';
import type { OutputSpecOf } from '../outputSpec.ts';
import type { WardropCheck } from '../../transport/wardrop.ts';

export const TRAFFIC_METHODS = ['gradient-projection', 'frank-wolfe', 'both'] as const;
export type TrafficMethodName = 'gradient-projection' | 'frank-wolfe';

export const TrafficOptions = z
  .object({
    /** gradient-projection: path-based (fast); frank-wolfe: link-based (the classic); both: run both and compare their link flows */
    method: z.enum(TRAFFIC_METHODS).default('both'),
    /** stop when the relative gap 1 − Σ d·(shortest cost) / Σ x·c(x) is at most this */
    relativeGap: z.number().positive().max(0.1).default(1e-4),
    /** iteration cap of gradient projection */
    maxPathIterations: z.number().int().min(1).max(100_000).default(2000),
    /** iteration cap of Frank–Wolfe (it converges sublinearly: thousands are normal at 1e-4) */
    maxFrankWolfeIterations: z.number().int().min(1).max(1_000_000).default(50_000),
    /** Wardrop check: a used path may cost at most this fraction more than its OD's shortest path */
    wardropTolerance: z.number().positive().max(1).default(1e-2),
    /** Wardrop check: a path counts as used when it carries at least this share of its OD's demand */
    usedShare: z.number().positive().max(1).default(1e-3),
  })
  .strict();
export type TrafficOptions = z.output<typeof TrafficOptions>;

export interface TrafficLinkResult {
  id: string;
  from: string;
  to: string;
  /** equilibrium flow, vehicles per hour */
  flowVehPerH: number;
  /** volume over capacity */
  vc: number;
  freeFlowMin: number;
  /** BPR travel time at the equilibrium flow, minutes */
  timeMin: number;
  /** generalised cost (time + toll and length terms), minutes */
  costMin: number;
}

export interface TrafficOdResult {
  from: string;
  to: string;
  vehPerH: number;
  /** equilibrium (shortest) generalised cost, minutes */
  costMin: number;
  /** gradient projection only: paths carrying flow */
  paths?: { nodes: string[]; vehPerH: number; costMin: number }[];
}

export interface TrafficConvergence {
  method: TrafficMethodName;
  iterations: number;
  converged: boolean;
  /** relative gap at each iteration */
  gaps: number[];
  /** Beckmann objective at the answer, vehicle·minutes per hour */
  objective: number;
}

export interface TrafficData {
  /** the method whose flows are reported (gradient projection when both ran) */
  method: TrafficMethodName;
  links: TrafficLinkResult[];
  ods: TrafficOdResult[];
  totalDemandVehPerH: number;
  /** Σ x·t(x): vehicle-minutes of travel per hour */
  totalTravelTimeVehMin: number;
  averageTripMin: number;
  maxVc: { link: string; vc: number };
  convergence: TrafficConvergence[];
  /** with method both: the largest |x_FW − x_GP| over links, vehicles per hour, and relative to the largest flow */
  agreement: { maxLinkFlowDiffVehPerH: number; relative: number } | null;
}

/** The Wardrop check of the flows shown (solver/transport/wardrop.ts). */
export type TrafficWardrop = WardropCheck;

export interface TrafficCertificate {
  /** per method run: its final relative gap and its Wardrop check */
  methods: { method: TrafficMethodName; relativeGap: number; iterations: number; wardrop: TrafficWardrop }[];
  /** the largest of the final gaps */
  relativeGap: number;
  /**
   * the Wardrop excess of the reported flows (the first method: gradient projection when both ran);
   * the other method's check is in `methods`, for information (Frank–Wolfe typically fails it: see docs/models/transport.md)
   */
  maxWardropExcess: number;
  /** the largest |demand − Σ path flows| over OD pairs (gradient projection), vehicles per hour */
  maxDemandResidual: number;
  tolerance: { relativeGap: number; wardrop: number };
}

export const trafficOutputs: OutputSpecOf<TrafficData>[] = [
  { id: 'totalTravelTimeVehMin', label: 'Total travel time', unit: 'veh·min/h', shape: 'scalar', extract: (d) => d.totalTravelTimeVehMin },
  { id: 'averageTripMin', label: 'Average trip time', unit: 'min', shape: 'scalar', extract: (d) => d.averageTripMin },
  { id: 'maxVc', label: 'Highest volume/capacity', unit: 'p.u.', shape: 'scalar', extract: (d) => d.maxVc.vc, at: (d) => d.maxVc.link },
  {
    id: 'linkFlowVehPerH',
    label: 'Link flow',
    unit: 'veh/h',
    shape: 'per-entity',
    entity: 'link',
    entities: (s) => s.transport?.links.map((l) => l.id) ?? [],
    extract: (d) => Object.fromEntries(d.links.map((l) => [l.id, l.flowVehPerH])),
  },
  {
    id: 'odCostMin',
    label: 'Equilibrium trip cost per OD pair',
    unit: 'min',
    shape: 'per-entity',
    entity: 'OD pair',
    entities: (s) => s.transport?.demand.filter((d) => d.vehPerH > 0).map((d) => `${d.from}>${d.to}`) ?? [],
    extract: (d) => Object.fromEntries(d.ods.map((o) => [`${o.from}>${o.to}`, o.costMin])),
  },
];

export function trafficSummary(data: TrafficData, certificate: TrafficCertificate | null): string[] {
  const lines = [
    `network        ${data.links.length} links, ${data.ods.length} OD pairs, ${fmt(data.totalDemandVehPerH)} veh/h`,
    `travel time    ${fmt(data.totalTravelTimeVehMin)} veh·min/h, average trip ${data.averageTripMin.toFixed(3)} min`,
    `max v/c        ${data.maxVc.vc.toFixed(3)} on link ${data.maxVc.link}`,
  ];
  for (const c of data.convergence) lines.push(`${(c.method === 'frank-wolfe' ? 'Frank–Wolfe' : 'grad. proj.').padEnd(14)} ${c.iterations} iterations, gap ${c.gaps[c.gaps.length - 1]!.toExponential(2)}${c.converged ? '' : ' (not converged)'}, objective ${fmt(c.objective)}`);
  if (data.agreement) lines.push(`agreement      link flows differ by ${data.agreement.maxLinkFlowDiffVehPerH.toExponential(2)} veh/h at most (${data.agreement.relative.toExponential(2)} of the largest flow)`);
  if (certificate)
    lines.push(`certificate    relative gap ${certificate.relativeGap.toExponential(2)} (≤ ${certificate.tolerance.relativeGap}), Wardrop excess ${certificate.maxWardropExcess.toExponential(2)} (≤ ${certificate.tolerance.wardrop})`);
  return lines;
}

const fmt = (x: number) => (Math.abs(x) >= 1e5 ? x.toExponential(4) : x.toFixed(2));

export function trafficTables(data: TrafficData): Record<'links' | 'ods' | 'convergence', Table> {
  const links: Table = {
    columns: ['link', 'from', 'to', 'flowVehPerH', 'vc', 'freeFlowMin', 'timeMin', 'costMin'],
    rows: data.links.map((l) => [l.id, l.from, l.to, l.flowVehPerH, l.vc, l.freeFlowMin, l.timeMin, l.costMin]),
  };
  const ods: Table = {
    columns: ['from', 'to', 'vehPerH', 'costMin', 'paths'],
    rows: data.ods.map((o) => [o.from, o.to, o.vehPerH, o.costMin, o.paths?.length ?? null]),
  };
  const longest = Math.max(...data.convergence.map((c) => c.gaps.length));
  const convergence: Table = {
    columns: ['iteration', ...data.convergence.map((c) => `gap_${c.method}`)],
    rows: Array.from({ length: longest }, (_, k) => [k + 1, ...data.convergence.map((c) => c.gaps[k] ?? null)]),
  };
  return { links, ods, convergence };
}

export const trafficKind = defineJobKind<'traffic', TrafficOptions, TrafficData, TrafficCertificate>({
  kind: 'traffic',
  label: 'Traffic user equilibrium (Frank–Wolfe, gradient projection)',
  options: TrafficOptions,
  outputs: trafficOutputs,
  summary: trafficSummary,
  tables: trafficTables,
  warmStart: false,
});
