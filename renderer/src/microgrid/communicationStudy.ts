/**
 * "Turn the loss probability up and watch ADMM slow down" (issue 15, must-have
 * 4): a what-if grid over the message loss probability and the largest
 * message delay of `microgridCoordination.communication`, one mg-bargaining
 * job per point through the what-if engine, and its two figures — ADMM's
 * primal residual against the iteration for every setting, and the
 * iterations and final cost gap against the loss probability (one line per
 * delay).
 */
import type { Data, Layout } from 'plotly.js';
import { hasAnswer } from '../../../solver/jobs/certification.ts';
import type { JobRequest } from '../../../solver/contract.ts';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import type { Study } from '../../../solver/whatif/study.ts';
import type { StudyResult } from '../../../solver/whatif/result.ts';
import { expandValues, parseValuesSpec } from '../../../solver/whatif/params.ts';

export const LOSS_PATH = 'microgridCoordination.communication.lossProbability';
export const DELAY_PATH = 'microgridCoordination.communication.maxDelayIterations';
export const COMMUNICATION_OUTPUTS = ['admmIterations', 'admmGap', 'admmConverged', 'admmPrimalHistory'] as const;

/** The form: values texts as the what-if panel reads them ("0, 0.2, 0.4" or "0:0.6:4"). */
export interface CommunicationForm {
  loss: string;
  delay: string;
}

export const DEFAULT_COMMUNICATION_FORM: CommunicationForm = { loss: '0, 0.2, 0.4, 0.6', delay: '0' };

/** Most points the card runs (each is a whole ADMM run). */
export const MAX_POINTS = 30;

/** The loss and delay values, or why the form cannot run, in the user's words. */
/** A values text as numbers, or the sentence saying why it cannot be read. */
export function readValues(text: string): { ok: true; values: number[] } | { ok: false; message: string } {
  try {
    return { ok: true, values: expandValues(parseValuesSpec(text)) };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}

export function readCommunicationForm(form: CommunicationForm): { ok: true; loss: number[]; delay: number[] } | { ok: false; message: string } {
  const loss = readValues(form.loss), delay = readValues(form.delay);
  if (!loss.ok) return { ok: false, message: `loss probabilities: ${loss.message}` };
  if (!delay.ok) return { ok: false, message: `delays: ${delay.message}` };
  if (loss.values.some((p) => !(p >= 0 && p <= 0.95))) return { ok: false, message: 'loss probabilities must be from 0 to 0.95' };
  if (delay.values.some((d) => !(Number.isInteger(d) && d >= 0 && d <= 50))) return { ok: false, message: 'delays must be whole numbers of iterations from 0 to 50' };
  if (loss.values.length * delay.values.length > MAX_POINTS) return { ok: false, message: `${loss.values.length * delay.values.length} settings: at most ${MAX_POINTS} (each is a whole ADMM run)` };
  return { ok: true, loss: loss.values, delay: delay.values };
}

/**
 * The scenario with its communication settings written out (defaults where it
 * has none), so both paths exist to be swept.
 */
export function withCommunication(scenario: ScenarioInput): ScenarioInput {
  const coordination = scenario.microgridCoordination ?? {};
  return { ...scenario, microgridCoordination: { ...coordination, communication: { lossProbability: 0, maxDelayIterations: 0, ...(coordination.communication ?? {}) } } };
}

/** The grid study: loss (outer) × delay, ADMM on (the study is about it). */
export function communicationStudy(scenario: ScenarioInput, loss: number[], delay: number[], options?: Record<string, unknown>): Study<'mg-bargaining'> {
  const base: JobRequest<'mg-bargaining'> = { kind: 'mg-bargaining', scenario: withCommunication(scenario), options: { ...(options ?? {}), admm: true } };
  return {
    base,
    design: { kind: 'grid', param: { path: LOSS_PATH, values: { kind: 'list', values: loss } }, param2: { path: DELAY_PATH, values: { kind: 'list', values: delay } } },
    outputs: [...COMMUNICATION_OUTPUTS],
  };
}

/** One row per setting: what ADMM did (nulls where the point has no answer). */
export interface CommunicationRow {
  loss: number;
  delay: number;
  status: string;
  iterations: number | null;
  gap: number | null;
  converged: boolean | null;
  primal: number[];
}

export function communicationRows(result: StudyResult): CommunicationRow[] {
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  return result.points.map((p) => {
    const ok = hasAnswer(p.status);
    const converged = ok ? num(p.outputs.admmConverged) : null;
    return {
      loss: p.values[LOSS_PATH]!,
      delay: p.values[DELAY_PATH]!,
      status: p.status,
      iterations: ok ? num(p.outputs.admmIterations) : null,
      gap: ok ? num(p.outputs.admmGap) : null,
      converged: converged === null ? null : converged === 1,
      primal: ok && Array.isArray(p.outputs.admmPrimalHistory) ? p.outputs.admmPrimalHistory : [],
    };
  });
}

const BLUES = ['#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c', '#08306b'];
const DELAY_COLOURS = ['#1f4e8c', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];
const settingName = (r: CommunicationRow) => `loss ${r.loss}${r.delay ? `, delay ≤ ${r.delay}` : ''}`;

/** The primal residual against the iteration, one line per setting: darker = more loss, dashed = delayed. */
export function residualHistoryFigure(rows: CommunicationRow[]): { data: Data[]; layout: Partial<Layout> } {
  const losses = [...new Set(rows.map((r) => r.loss))].sort((a, b) => a - b);
  const delays = [...new Set(rows.map((r) => r.delay))].sort((a, b) => a - b);
  const data: Data[] = rows
    .filter((r) => r.primal.length > 0)
    .map((r) => {
      const shade = losses.length === 1 ? BLUES.length - 2 : Math.round((losses.indexOf(r.loss) / (losses.length - 1)) * (BLUES.length - 1));
      const dash = (['solid', 'dash', 'dot', 'dashdot'] as const)[delays.indexOf(r.delay) % 4];
      return {
        type: 'scatter',
        mode: 'lines',
        name: `${settingName(r)}: ${r.iterations}${r.converged ? '' : ' (limit)'}`,
        x: r.primal.map((_, k) => k + 1),
        y: r.primal,
        line: { color: BLUES[shade], dash, width: 1.5 },
        hovertemplate: `iteration %{x}: %{y:.2e} kW<extra>${settingName(r)}</extra>`,
      };
    });
  return {
    data,
    layout: {
      margin: { l: 56, r: 8, t: 8, b: 34 },
      xaxis: { title: { text: 'ADMM iteration' } },
      yaxis: { type: 'log', title: { text: 'primal residual, kW' }, exponentformat: 'power', gridcolor: '#eef0f3' },
      legend: { font: { size: 10 } },
      showlegend: true,
    },
  };
}

/** Iterations (top) and final relative cost gap (bottom, log) against the loss probability, one line per delay. */
export function lossFigure(rows: CommunicationRow[]): { data: Data[]; layout: Partial<Layout> } {
  const delays = [...new Set(rows.map((r) => r.delay))].sort((a, b) => a - b);
  const data: Data[] = delays.flatMap((delay, k): Data[] => {
    const mine = rows.filter((r) => r.delay === delay).sort((a, b) => a.loss - b.loss);
    const colour = DELAY_COLOURS[k % DELAY_COLOURS.length];
    const name = delay ? `delay ≤ ${delay}` : 'no delay';
    const x = mine.map((r) => r.loss);
    return [
      { type: 'scatter', mode: 'lines+markers', name, legendgroup: name, x, y: mine.map((r) => r.iterations), yaxis: 'y', line: { color: colour }, marker: { symbol: mine.map((r) => (r.converged === false ? 'x' : 'circle')), size: 8 }, hovertemplate: `loss %{x}: %{y} iterations<extra>${name}</extra>` },
      { type: 'scatter', mode: 'lines+markers', name, legendgroup: name, showlegend: false, x, y: mine.map((r) => r.gap), yaxis: 'y2', line: { color: colour }, hovertemplate: `loss %{x}: gap %{y:.2e}<extra>${name}</extra>` },
    ];
  });
  return {
    data,
    layout: {
      margin: { l: 56, r: 8, t: 8, b: 40 },
      xaxis: { title: { text: 'message loss probability' }, anchor: 'y2' },
      yaxis: { title: { text: 'iterations' }, domain: [0.55, 1], rangemode: 'tozero', gridcolor: '#eef0f3' },
      yaxis2: { title: { text: 'relative gap' }, type: 'log', tickformat: '.0e', domain: [0, 0.45], gridcolor: '#eef0f3' },
      legend: { orientation: 'h', y: 1.08 },
      showlegend: true,
    },
  };
}
