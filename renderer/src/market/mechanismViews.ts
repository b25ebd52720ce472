/**
 * View models of the mechanism laboratory's single-book views (pure: data in,
 * plotly traces and table rows out): payments per agent and mechanism, an
 * agent's utility against its reported price under each rule (the misreport
 * curves), and an agent's AGV prior (the KDE) over the histogram of its bid
 * history.
 */
import type { Data } from 'plotly.js';
import type { MechanismData, MechanismRow, PriorDensity } from '../../../solver/contract.ts';

export type OkRow = Extract<MechanismRow, { status: 'ok' }>;
export type MisreportCurve = NonNullable<OkRow['misreportCurves']>[number];

export const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#393b79', '#637939'];

/** A mechanism's colour: by its place in the job's list, so every view of one result colours a rule alike. */
export function mechanismColour(d: MechanismData, id: string): string {
  const k = d.mechanisms.findIndex((m) => m.id === id);
  return PALETTE[(k < 0 ? 0 : k) % PALETTE.length]!;
}

export const okRows = (d: MechanismData): OkRow[] => d.mechanisms.filter((m): m is OkRow => m.status === 'ok');

/** The AGV priors' densities, when the job sent them. */
export const priorDensities = (d: MechanismData): PriorDensity[] => d.priorDensities ?? [];

/** Agents × mechanisms: what each agent pays under each rule that ran (negative = receives; null = the rule leaves it out). */
export interface PaymentsMatrix {
  agents: string[];
  mechanisms: string[];
  /** [agent][mechanism] */
  values: (number | null)[][];
}

/** Agents in the order they first appear (the book's order: the job lists payments per agent in it). */
export function paymentsMatrix(d: MechanismData): PaymentsMatrix {
  const rows = okRows(d);
  const agents = [...new Set(rows.flatMap((m) => Object.keys(m.payments)))];
  return {
    agents,
    mechanisms: rows.map((m) => m.id),
    values: agents.map((a) => rows.map((m) => m.payments[a] ?? null)),
  };
}

/** Grouped bars: one trace per mechanism, agents along x. */
export function paymentTraces(d: MechanismData): Data[] {
  const p = paymentsMatrix(d);
  return p.mechanisms.map((id, j) => ({
    type: 'bar',
    name: id,
    x: p.agents,
    y: p.values.map((row) => row[j] ?? null),
    marker: { color: mechanismColour(d, id) },
    hovertemplate: `%{x}: %{y:.4g}<extra>${id}</extra>`,
  }));
}

/** A mechanism's curve for one agent. */
export interface AgentCurve {
  mechanism: string;
  curve: MisreportCurve;
}

/** Agents that have a misreport curve under at least one rule, in the order they first appear. */
export function curveAgents(d: MechanismData): string[] {
  return [...new Set(okRows(d).flatMap((m) => (m.misreportCurves ?? []).map((c) => c.agent)))];
}

export function agentCurves(d: MechanismData, agent: string): AgentCurve[] {
  return okRows(d).flatMap((m) => {
    const c = (m.misreportCurves ?? []).find((x) => x.agent === agent);
    return c ? [{ mechanism: m.id, curve: c }] : [];
  });
}

/**
 * The utility at the truthful report, read off the curve: at the report equal
 * to the truth when the curve has it, else interpolated between its
 * neighbours (null when the truth lies outside the reports).
 */
export function truthfulUtility(c: Pick<MisreportCurve, 'truthful' | 'reports' | 'utility'>): number | null {
  const { reports: r, utility: u, truthful: t } = c;
  for (let i = 0; i < r.length; i++) if (r[i] === t) return u[i]!;
  for (let i = 0; i + 1 < r.length; i++) {
    const a = r[i]!, b = r[i + 1]!;
    if ((a - t) * (b - t) < 0) return u[i]! + ((u[i + 1]! - u[i]!) * (t - a)) / (b - a);
  }
  return null;
}

/** The most an agent gains on this curve over its truthful utility (0 when lying never pays; null without a truthful point). */
export function curveGain(c: MisreportCurve): number | null {
  const truth = truthfulUtility(c);
  if (truth === null || c.utility.length === 0) return null;
  return Math.max(0, Math.max(...c.utility) - truth);
}

/** One line per mechanism (utility against report), a marker at each line's truthful point, and a dotted vertical line at the true price. */
export function misreportFigure(d: MechanismData, agent: string): { data: Data[]; truthful: number | null } {
  const curves = agentCurves(d, agent);
  const truthful = curves[0]?.curve.truthful ?? null;
  const lines: Data[] = curves.map(({ mechanism, curve }) => ({
    type: 'scatter',
    mode: 'lines',
    name: mechanism,
    x: curve.reports,
    y: curve.utility,
    line: { color: mechanismColour(d, mechanism), width: 2, shape: 'linear' },
    hovertemplate: `report %{x:.4g}: utility %{y:.4g}<extra>${mechanism}</extra>`,
  }));
  const marks = curves.flatMap(({ mechanism, curve }): Data[] => {
    const u = truthfulUtility(curve);
    return u === null
      ? []
      : [{ type: 'scatter', mode: 'markers', name: `${mechanism} truthful`, showlegend: false, x: [curve.truthful], y: [u], marker: { color: mechanismColour(d, mechanism), size: 9, symbol: 'circle-open', line: { width: 2 } }, hovertemplate: `truthful %{x:.4g}: utility %{y:.4g}<extra>${mechanism}</extra>` }];
  });
  return { data: [...lines, ...marks], truthful };
}

/** Equal-width bins of a sample over [lo, hi], as a density (Σ height·width = share of the sample inside). */
export interface Histogram {
  /** bin centres */
  x: number[];
  /** count / (n · width) */
  y: number[];
  width: number;
}

/**
 * Equal bins over [lo, hi]: as wide as the Freedman–Diaconis rule asks
 * (2·IQR·n^(−1/3)) — a history bunched in a corner of a wide support still
 * gets several bins —, but no fewer than Sturges' ⌈log₂ n⌉ + 1 and no more
 * than 40.
 */
export function binCount(sample: readonly number[], lo: number, hi: number): number {
  const n = sample.length;
  const sturges = Math.max(4, Math.ceil(Math.log2(Math.max(1, n))) + 1);
  if (n < 4 || !(hi > lo)) return sturges;
  const xs = [...sample].sort((a, b) => a - b);
  const q = (p: number) => { const i = (n - 1) * p, k = Math.floor(i); return xs[k]! + (xs[Math.min(n - 1, k + 1)]! - xs[k]!) * (i - k); };
  const width = 2 * (q(0.75) - q(0.25)) * n ** (-1 / 3);
  return width > 0 ? Math.min(40, Math.max(sturges, Math.ceil((hi - lo) / width))) : sturges;
}

export function densityHistogram(sample: readonly number[], lo: number, hi: number, bins = binCount(sample, lo, hi)): Histogram {
  const width = hi > lo ? (hi - lo) / bins : 1;
  const counts = new Array<number>(bins).fill(0);
  for (const v of sample) if (v >= lo && v <= hi) counts[Math.min(bins - 1, Math.floor((v - lo) / width))]!++;
  const total = sample.length || 1;
  return { x: counts.map((_, i) => lo + (i + 0.5) * width), y: counts.map((c) => c / (total * width)), width };
}

/** The prior's density over the histogram of the agent's history (both on the density's grid range). */
export function priorFigure(p: PriorDensity): Data[] {
  const lo = p.grid[0] ?? Math.min(...p.history), hi = p.grid[p.grid.length - 1] ?? Math.max(...p.history);
  const h = densityHistogram(p.history, lo, hi);
  return [
    { type: 'bar', name: `history (${p.history.length} bids)`, x: h.x, y: h.y, width: h.x.map(() => h.width), marker: { color: 'rgba(31,119,180,0.35)', line: { color: '#1f77b4', width: 1 } }, hovertemplate: '%{x:.4g}: %{y:.3g}<extra>history</extra>' },
    { type: 'scatter', mode: 'lines', name: 'KDE prior', x: p.grid, y: p.density, line: { color: '#d62728', width: 2 }, hovertemplate: '%{x:.4g}: %{y:.3g}<extra>KDE</extra>' },
  ];
}

/** ∫ density by the trapezoidal rule over the grid (the view states it: a KDE on its support integrates to 1). */
export function densityMass(p: Pick<PriorDensity, 'grid' | 'density'>): number {
  let s = 0;
  for (let i = 0; i + 1 < p.grid.length; i++) s += ((p.density[i]! + p.density[i + 1]!) / 2) * (p.grid[i + 1]! - p.grid[i]!);
  return s;
}
