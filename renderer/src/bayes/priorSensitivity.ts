/**
 * Green utilisation, emissions and V2V volume against the responsiveness
 * prior (issue 5, item 5), through the what-if engine: a sweep of one
 * level's prior weight, run by `runStudy` over the Host like any study.
 *
 * Priors are weights normalised over a fleet's levels, so the sweep writes
 * the weight w that gives the level the share s the user asked for while
 * the other levels keep their weights (sum R): s = w / (w + R), w = s·R / (1 − s).
 * The plot's x axis is that share, not the raw weight.
 */
import { hasAnswer } from '../../../solver/jobs/certification.ts';
import type { JobRequest } from '../../../solver/contract.ts';
import type { EvFleet, ScenarioInput } from '../../../solver/scenario/schema.ts';
import type { Study } from '../../../solver/whatif/study.ts';
import type { StudyResult } from '../../../solver/whatif/result.ts';
import type { Data, Layout } from 'plotly.js';

export const SENSITIVITY_OUTPUTS = ['v2vKwh', 'greenUtilisation', 'emissionsKg'] as const;

type Level = EvFleet['responsiveness'][number];

/** The most responsive level: the smallest dissatisfaction weight (first on ties). */
export function mostResponsiveLevel(levels: readonly Pick<Level, 'dissatisfactionPerKwh2'>[]): number {
  let best = 0;
  levels.forEach((l, k) => {
    if (l.dissatisfactionPerKwh2 < levels[best]!.dissatisfactionPerKwh2) best = k;
  });
  return best;
}

/** The levels' prior weights normalised to shares (all zero when no weight is positive; a weight that is not a number counts 0). */
export function normalisedPrior(levels: readonly { prior: unknown }[]): number[] {
  const w = levels.map((l) => (typeof l.prior === 'number' && Number.isFinite(l.prior) && l.prior > 0 ? l.prior : 0));
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x) => (total > 0 ? x / total : 0));
}

/** The weight that gives `level` the share s, the others' weights unchanged. */
export function weightForShare(levels: readonly Pick<Level, 'prior'>[], level: number, share: number): number {
  const others = levels.reduce((s, l, k) => (k === level ? s : s + l.prior), 0);
  return (share * others) / (1 - share);
}

/** The share a swept weight gives (inverse of weightForShare). */
export function shareOfWeight(levels: readonly Pick<Level, 'prior'>[], level: number, weight: number): number {
  const others = levels.reduce((s, l, k) => (k === level ? s : s + l.prior), 0);
  return weight / (weight + others);
}

/** `count` shares evenly from `from` to `to` (inclusive). */
export function shareGrid(from: number, to: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => (count === 1 ? from : from + ((to - from) * i) / (count - 1)));
}

export interface SensitivityForm {
  fleet: number;
  level: number;
  from: number;
  to: number;
  points: number;
}

/** Why the form cannot run, in the user's words; null when it can. */
export function checkSensitivityForm(scenario: ScenarioInput, form: SensitivityForm): string | null {
  const fleet = scenario.evFleets?.[form.fleet];
  if (!fleet) return 'the scenario has no EV fleet to sweep';
  if (fleet.responsiveness.length < 2) return `fleet ${fleet.id} has one responsiveness level: there is no prior to move`;
  if (!fleet.responsiveness.some((l, k) => k !== form.level && l.prior > 0)) return 'the other levels need a positive prior weight: the swept share is measured against them';
  if (!(form.from > 0 && form.to < 1 && form.from < form.to)) return 'shares must satisfy 0 < from < to < 1';
  if (!(Number.isInteger(form.points) && form.points >= 2 && form.points <= 25)) return 'points must be a whole number from 2 to 25';
  return null;
}

/** The sweep study: the level's prior weight over the values that give the requested shares. */
export function sensitivityStudy(scenario: ScenarioInput, form: SensitivityForm, options?: Record<string, unknown>): Study<'ev-bayesian'> {
  const levels = scenario.evFleets![form.fleet]!.responsiveness;
  const weights = shareGrid(form.from, form.to, form.points).map((s) => weightForShare(levels, form.level, s));
  const base: JobRequest<'ev-bayesian'> = { kind: 'ev-bayesian', scenario, ...(options && Object.keys(options).length ? { options } : {}) };
  return {
    base,
    design: { kind: 'sweep', param: { path: `evFleets[${form.fleet}].responsiveness[${form.level}].prior`, values: { kind: 'list', values: weights } } },
    outputs: [...SENSITIVITY_OUTPUTS],
  };
}

export interface SensitivityRun {
  /** the levels as they were when the sweep ran (the share axis is computed from them) */
  levels: Level[];
  fleetId: string;
  form: SensitivityForm;
  result: StudyResult;
}

/** One row per sweep point: the share, the outputs (null when the point did not solve), its status. */
export interface SensitivityRow {
  share: number;
  weight: number;
  status: string;
  v2vKwh: number | null;
  greenPct: number | null;
  emissionsKg: number | null;
}

export function sensitivityRows(run: SensitivityRun): SensitivityRow[] {
  const path = run.result.study.kind === 'sweep' ? run.result.study.param.path : '';
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  return run.result.points.map((p) => {
    const weight = p.values[path]!;
    // an uncertified answer is still plotted; its status column says so
    const ok = hasAnswer(p.status);
    const green = num(p.outputs.greenUtilisation);
    return {
      share: shareOfWeight(run.levels, run.form.level, weight),
      weight,
      status: p.status,
      v2vKwh: ok ? num(p.outputs.v2vKwh) : null,
      greenPct: ok && green !== null ? green * 100 : null,
      emissionsKg: ok ? num(p.outputs.emissionsKg) : null,
    };
  });
}

/** The x-axis title: what share of users the sweep moves, in words. */
export function shareAxisTitle(run: SensitivityRun): string {
  const level = run.levels[run.form.level]!;
  return `share of users "${level.name || level.id}", % (normalised prior)`;
}

/**
 * Three stacked panels over the same share axis — V2V volume (kWh), green
 * utilisation (%), grid emissions (kg) — each with its own unit, and the
 * scenario's current share marked.
 */
export function sensitivityFigure(run: SensitivityRun, currentShare: number | null): { data: Data[]; layout: Partial<Layout> } {
  const rows = sensitivityRows(run);
  const x = rows.map((r) => r.share * 100);
  const line = (name: string, y: (number | null)[], colour: string, axis: string): Data => ({
    type: 'scatter',
    mode: 'lines+markers',
    name,
    x,
    y,
    xaxis: 'x',
    yaxis: axis,
    line: { color: colour, width: 2 },
    marker: { size: 7 },
    connectgaps: false,
    hovertemplate: `%{y:.2f}<extra>${name}</extra>`,
  });
  const data: Data[] = [
    line('V2V volume (kWh)', rows.map((r) => r.v2vKwh), '#2ca02c', 'y'),
    line('green utilisation (%)', rows.map((r) => r.greenPct), '#e6a700', 'y2'),
    line('grid emissions (kg CO₂)', rows.map((r) => r.emissionsKg), '#555555', 'y3'),
  ];
  const marker =
    currentShare === null
      ? []
      : [{ type: 'line' as const, xref: 'x' as const, yref: 'paper' as const, x0: currentShare * 100, x1: currentShare * 100, y0: 0, y1: 1, line: { color: '#1f77b4', dash: 'dot' as const, width: 1 } }];
  return {
    data,
    layout: {
      xaxis: { title: { text: shareAxisTitle(run) }, ticksuffix: ' %', anchor: 'y3' },
      yaxis: { title: { text: 'V2V kWh' }, domain: [0.7, 1], anchor: 'x' },
      yaxis2: { title: { text: 'green %' }, domain: [0.37, 0.65], anchor: 'x' },
      yaxis3: { title: { text: 'emissions kg' }, domain: [0, 0.32], anchor: 'x' },
      shapes: marker,
      annotations: currentShare === null ? [] : [{ x: currentShare * 100, y: 1, xref: 'x', yref: 'paper', text: 'scenario now', showarrow: false, yanchor: 'bottom', font: { size: 10, color: '#1f77b4' } }],
      showlegend: false,
      margin: { l: 56, r: 10, t: 16, b: 44 },
    },
  };
}
