/**
 * The dual-ascent result's figures (DualAscentResultView) and its privacy
 * study: the pool price per period against the centralised optimum's, the
 * pool imbalance per iteration (true and as reported with noise), each
 * microgrid's cost alone and with the pool; and a what-if sweep of the
 * privacy ε (`microgridCoordination.privacy.epsilon`) drawing the welfare gap
 * and the largest imbalance against ε.
 */
import type { Data, Layout } from 'plotly.js';
import { hasAnswer } from '../../../solver/jobs/certification.ts';
import type { JobRequest } from '../../../solver/contract.ts';
import type { DualAscentData } from '../../../solver/jobs/kinds/dualAscent.ts';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import type { Study } from '../../../solver/whatif/study.ts';
import type { StudyResult } from '../../../solver/whatif/result.ts';
import { readValues } from './communicationStudy.ts';

const GRID = '#eef0f3';
export const EPSILON_PATH = 'microgridCoordination.privacy.epsilon';

/** What each microgrid pays the pool over the horizon: Σ_t λ_t·Δt·q_i,t (q > 0: it receives), currency. */
export function poolBill(d: DualAscentData, i: number): number {
  return d.microgrids[i]!.poolKw.reduce((s, q, t) => s + d.pricePerKwh[t]! * d.dtHours * q, 0);
}

export function priceTraces(d: DualAscentData): Data[] {
  const t = d.pricePerKwh.map((_, k) => k);
  return [
    { name: 'dual ascent', x: t, y: d.pricePerKwh, type: 'scatter', mode: 'lines+markers', line: { color: '#1f4e8c' }, marker: { size: 8 } },
    { name: 'centralised optimum', x: t, y: d.optimumPricePerKwh, type: 'scatter', mode: 'lines+markers', line: { color: '#ff7f0e', dash: 'dash' }, marker: { symbol: 'x', size: 9 } },
  ];
}

/** The largest pool imbalance per iteration: the truth, and what the operator sees through the noise. */
export function imbalanceTraces(d: DualAscentData): Data[] {
  const k = d.iterations.map((i) => i.k);
  const noisy = d.epsilon !== null;
  return [
    ...(noisy ? [{ name: 'reported (with noise)', x: k, y: d.iterations.map((i) => i.reportedImbalanceKw), type: 'scatter', mode: 'lines', line: { color: '#bbbbbb', width: 1 } } as Data] : []),
    { name: 'true', x: k, y: d.iterations.map((i) => i.imbalanceKw), type: 'scatter', mode: 'lines', line: { color: '#d62728' } },
  ];
}

/** Per microgrid: cost alone, own cost with the pool trades, and that plus what it pays the pool. */
export function poolCostTraces(d: DualAscentData): Data[] {
  const ids = d.microgrids.map((m) => m.id);
  return [
    { name: 'alone', x: ids, y: d.microgrids.map((m) => m.costAlone), type: 'bar', marker: { color: '#9aa3ad' } },
    { name: 'own cost with the pool', x: ids, y: d.microgrids.map((m) => m.cost), type: 'bar', marker: { color: '#7fa7d6' } },
    { name: 'with the pool bill', x: ids, y: d.microgrids.map((m, i) => m.cost + poolBill(d, i)), type: 'bar', marker: { color: '#1f4e8c' } },
  ];
}

export const layouts = {
  price: { margin: { l: 56, r: 8, t: 8, b: 30 }, xaxis: { title: { text: 'period' }, dtick: 1 }, yaxis: { title: { text: 'price per kWh' }, gridcolor: GRID }, legend: { orientation: 'h', y: 1.15 }, showlegend: true } as Partial<Layout>,
  imbalance: { margin: { l: 56, r: 8, t: 8, b: 30 }, xaxis: { title: { text: 'iteration' } }, yaxis: { type: 'log', title: { text: 'largest imbalance, kW' }, exponentformat: 'power', gridcolor: GRID }, legend: { orientation: 'h', y: 1.15 }, showlegend: true } as Partial<Layout>,
  cost: { barmode: 'group', margin: { l: 56, r: 8, t: 8, b: 28 }, yaxis: { title: { text: 'currency' }, gridcolor: GRID }, legend: { orientation: 'h', y: 1.15 }, showlegend: true } as Partial<Layout>,
};

export const DEFAULT_EPSILONS = '0.2, 1, 5';
export const MAX_EPSILONS = 12;

/** The ε values, or why not, in the user's words. */
export function readEpsilons(text: string): { ok: true; values: number[] } | { ok: false; message: string } {
  const read = readValues(text);
  if (!read.ok) return { ok: false, message: `ε values: ${read.message}` };
  if (read.values.some((e) => !(e > 0 && Number.isFinite(e)))) return { ok: false, message: 'ε must be positive (smaller: more private, noisier)' };
  if (read.values.length > MAX_EPSILONS) return { ok: false, message: `${read.values.length} values: at most ${MAX_EPSILONS} (each is a whole dual-ascent run)` };
  return read;
}

/** The ε sweep; privacy forced on (the study is about the noise), the scenario's privacy section written out where it has none. */
export function privacyStudy(scenario: ScenarioInput, epsilons: number[], options?: Record<string, unknown>): Study<'dual-ascent'> {
  const coordination = scenario.microgridCoordination ?? {};
  const withPrivacy: ScenarioInput = { ...scenario, microgridCoordination: { ...coordination, privacy: { epsilon: 1, sensitivityKw: 1, ...(coordination.privacy ?? {}) } } };
  const base: JobRequest<'dual-ascent'> = { kind: 'dual-ascent', scenario: withPrivacy, options: { ...(options ?? {}), privacy: true } };
  return { base, design: { kind: 'sweep', param: { path: EPSILON_PATH, values: { kind: 'list', values: epsilons } } }, outputs: ['welfareGap', 'maxImbalanceKw'] };
}

export interface PrivacyRow {
  epsilon: number;
  status: string;
  gap: number | null;
  imbalanceKw: number | null;
}

/** Rows by ε, ascending; an uncertified point (gap or imbalance above tolerance) is still drawn, its status says so. */
export function privacyRows(result: StudyResult): PrivacyRow[] {
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  return result.points
    .map((p) => ({ epsilon: p.values[EPSILON_PATH]!, status: p.status, gap: hasAnswer(p.status) ? num(p.outputs.welfareGap) : null, imbalanceKw: hasAnswer(p.status) ? num(p.outputs.maxImbalanceKw) : null }))
    .sort((a, b) => a.epsilon - b.epsilon);
}

/** Gap (top, log) and largest imbalance (bottom, log) against ε (log), with the certificate's tolerances dotted. */
export function privacyFigure(rows: PrivacyRow[], tolerances: { gap: number; imbalanceKw: number }): { data: Data[]; layout: Partial<Layout> } {
  const x = rows.map((r) => r.epsilon);
  const ends = x.length ? [Math.min(...x), Math.max(...x)] : [];
  return {
    data: [
      { name: 'welfare gap', x, y: rows.map((r) => r.gap), type: 'scatter', mode: 'lines+markers', line: { color: '#1f4e8c' }, hovertemplate: 'ε %{x}: gap %{y:.2e}<extra></extra>' },
      { name: 'largest imbalance, kW', x, y: rows.map((r) => r.imbalanceKw), yaxis: 'y2', type: 'scatter', mode: 'lines+markers', line: { color: '#d62728' }, hovertemplate: 'ε %{x}: %{y:.3f} kW<extra></extra>' },
      { name: 'gap tolerance', x: ends, y: ends.map(() => tolerances.gap), type: 'scatter', mode: 'lines', line: { color: '#1f4e8c', dash: 'dot', width: 1 }, hoverinfo: 'skip' },
      { name: 'imbalance tolerance', x: ends, y: ends.map(() => tolerances.imbalanceKw), yaxis: 'y2', type: 'scatter', mode: 'lines', line: { color: '#d62728', dash: 'dot', width: 1 }, hoverinfo: 'skip' },
    ],
    // two stacked panels on one ε axis: on log axes the two curves can fall on top of each other
    layout: {
      margin: { l: 60, r: 8, t: 8, b: 40 },
      // ticks at the swept values: plotly's log ticks label 0.2 as a bare "2"
      xaxis: { type: 'log', title: { text: 'privacy ε (smaller: more private, more noise Δ/ε)' }, anchor: 'y2', tickvals: x, ticktext: x.map(String) },
      yaxis: { type: 'log', title: { text: 'welfare gap' }, tickformat: '.0e', domain: [0.55, 1], gridcolor: GRID },
      yaxis2: { type: 'log', title: { text: 'imbalance, kW' }, domain: [0, 0.45], gridcolor: GRID },
      legend: { orientation: 'h', y: 1.15 },
      showlegend: true,
    },
  };
}
