/**
 * Equilibrium paths: how a game's equilibrium moves with the swept parameter,
 * as pure functions of a sweep's StudyResult. The game job kinds declare
 * which per-entity outputs are part of their equilibrium (`equilibrium:
 * 'strategy' | 'payoff'` in the kind modules, solver/jobs/kinds/): P2P sales and payoff
 * per VPP, bid and ask per type of buyer and seller, V2V quantity per class
 * of EV. This view draws
 *
 *   strategies   one line per participant over the parameter
 *   payoffs      one line per participant over the parameter
 *   trajectory   participant A's strategy against participant B's, one
 *                point per parameter value (labelled with it), an arrow in
 *                the direction of the sweep; the diagonal A = B where both
 *                axes share a unit and a range (for a bid against an ask:
 *                the types trade above it)
 *
 * A point that did not solve is a gap in every line and in the trajectory.
 */
import type { Data, Layout } from 'plotly.js';
import type { JobKind } from '../../../solver/contract.ts';
import { jobOutputs, type OutputInfo, type PerEntityOutput } from '../../../solver/whatif/outputs.ts';
import type { StudyResult } from '../../../solver/whatif/result.ts';
import { notSolvedNote, studyPlots, type OutputPlot } from './studyPlots.ts';

/** The outputs of a job kind that describe its equilibrium, in declaration order. */
export function equilibriumSpecs(kind: JobKind): PerEntityOutput<JobKind>[] {
  return (jobOutputs[kind] as PerEntityOutput<JobKind>[]).filter((o) => o.shape === 'per-entity' && o.equilibrium !== undefined);
}

/** One participant's strategy: an entity of a strategy output ("VPP north", "buyer v=0.5"). */
export interface Participant {
  /** `outputId:entityId`, the value of the A/B pickers */
  key: string;
  outputId: string;
  entityId: string;
  label: string;
}

const roleOf = (result: StudyResult, info: OutputInfo) => equilibriumSpecs(result.job).find((o) => o.id === info.id)?.equilibrium;

/** The recorded strategy outputs' entities, in the order the points give them. */
export function participants(result: StudyResult): Participant[] {
  const out: Participant[] = [];
  for (const info of result.outputs.filter((o) => roleOf(result, o) === 'strategy')) {
    const ids = new Set<string>();
    for (const p of result.points) if (p.status === 'ok') for (const id of Object.keys((p.outputs[info.id] as Record<string, number> | undefined) ?? {})) ids.add(id);
    for (const id of ids) out.push({ key: `${info.id}:${id}`, outputId: info.id, entityId: id, label: `${info.entity ?? ''} ${id}`.trim() });
  }
  return out;
}

/**
 * The pair drawn until the user picks another: with two strategy outputs
 * (a buyer's bid and a seller's ask; sellers and buyers) the middle entity of
 * each, so the two sides face each other; with one (sales per VPP) its first two entities.
 */
export function defaultPair(list: Participant[]): [Participant, Participant] | null {
  const outputs = [...new Set(list.map((p) => p.outputId))];
  const of = (id: string) => list.filter((p) => p.outputId === id);
  if (outputs.length >= 2) {
    const [a, b] = [of(outputs[0]!), of(outputs[1]!)];
    return [a[Math.floor((a.length - 1) / 2)]!, b[Math.floor((b.length - 1) / 2)]!];
  }
  return list.length >= 2 ? [list[0]!, list[1]!] : null;
}

export interface EquilibriumView {
  /** one plot per recorded strategy output, then one per payoff output */
  strategies: OutputPlot[];
  payoffs: OutputPlot[];
  trajectory: OutputPlot | null;
  participants: Participant[];
  pair: [Participant, Participant] | null;
  /** why some or all of the view is missing (not a sweep, outputs not recorded) */
  note?: string;
}

const short = (v: number) => String(Number(v.toPrecision(3)));

function trajectoryPlot(result: StudyResult, path: string, a: Participant, b: Participant): OutputPlot {
  const info = (p: Participant) => result.outputs.find((o) => o.id === p.outputId)!;
  const [ia, ib] = [info(a), info(b)];
  const value = (p: Participant) => result.points.map((pt) => (pt.status === 'ok' ? ((pt.outputs[p.outputId] as Record<string, number> | undefined)?.[p.entityId] ?? null) : null));
  const x = value(a);
  const y = value(b);
  const t = result.points.map((p) => p.values[path]!);
  const ok = t.map((_, k) => k).filter((k) => x[k] !== null && y[k] !== null);
  const mid = (Math.min(...ok.map((k) => x[k]!)) + Math.max(...ok.map((k) => x[k]!))) / 2;
  // label every point of a short sweep; about ten of a long one, always the first and the last
  const every = Math.max(1, Math.ceil(ok.length / 10));
  const labelled = new Set(ok.filter((_, i) => i % every === 0 || i === ok.length - 1));
  const title = (p: Participant, i: OutputInfo) => `${p.label} (${i.unit})`;
  const data: Data[] = [
    {
      x,
      y,
      text: t.map((v, k) => (labelled.has(k) ? short(v) : '')),
      customdata: t,
      type: 'scatter',
      mode: 'text+lines+markers',
      // inwards (right of a point in the left half), alternately above and below, so labels of close points
      // do not print over each other nor over the axis (plotly takes one position per point; its types know one)
      textposition: t.map((_, k) => `${k % 2 ? 'bottom' : 'top'} ${x[k] !== null && x[k]! < mid ? 'right' : 'left'}`) as unknown as 'top left',
      textfont: { size: 10, color: '#1b2430' },
      cliponaxis: false, // a label at the edge of the plane is drawn whole
      connectgaps: false,
      line: { color: '#8c959f', width: 1.5 },
      // the colour runs with the parameter (dark = low) as the labels do; no colour bar, which would squeeze the plane
      marker: { size: 9, color: t, colorscale: 'Viridis', showscale: false, line: { color: '#ffffff', width: 1 } },
      name: 'equilibrium',
      hovertemplate: `${path} = %{customdata}<br>${a.label}: %{x:.6g} ${ia.unit}<br>${b.label}: %{y:.6g} ${ib.unit}<extra></extra>`,
    },
  ];
  const shapes: Partial<Layout>['shapes'] = [];
  const annotations: Partial<Layout>['annotations'] = [];
  const [k1, k0] = [ok[ok.length - 1], ok[ok.length - 2]];
  if (k1 !== undefined && k0 !== undefined)
    annotations.push({ x: x[k1]!, y: y[k1]!, ax: x[k0]!, ay: y[k0]!, xref: 'x', yref: 'y', axref: 'x', ayref: 'y', text: '', showarrow: true, arrowhead: 2, arrowsize: 1.4, arrowwidth: 1.5, arrowcolor: '#1b2430' });
  // the diagonal over the range both axes share: drawn over all of it, it would squeeze the path into a corner
  const lo = Math.max(Math.min(...ok.map((k) => x[k]!)), Math.min(...ok.map((k) => y[k]!)));
  const hi = Math.min(Math.max(...ok.map((k) => x[k]!)), Math.max(...ok.map((k) => y[k]!)));
  if (ia.unit === ib.unit && ok.length > 0 && lo < hi) {
    shapes.push({ type: 'line', xref: 'x', yref: 'y', x0: lo, y0: lo, x1: hi, y1: hi, line: { color: '#b0b7c0', dash: 'dash', width: 1 } });
    annotations.push({ x: hi, y: hi, xref: 'x', yref: 'y', text: `${a.label} = ${b.label}`, showarrow: false, font: { size: 10, color: '#6e7781' }, xanchor: 'right', yanchor: 'bottom' });
  }
  const note = notSolvedNote(result.points, [path]);
  return {
    outputId: `trajectory-${a.entityId}-vs-${b.entityId}`.replace(/[^\w.=-]+/g, "_"),
    title: `${ia === ib ? ia.label : `${ia.label} against ${ib.label}`}: ${a.label} against ${b.label}, one point per ${path}`,
    data,
    layout: {
      xaxis: { title: { text: title(a, ia) }, gridcolor: '#eef0f3', zeroline: false },
      yaxis: { title: { text: title(b, ib) }, gridcolor: '#eef0f3', zeroline: false },
      shapes,
      annotations,
      margin: { l: 64, r: 12, t: 8, b: 40 },
    },
    ...(note ? { note } : {}),
  };
}

/** The equilibrium view of a study result; `pair` as picked (keys of participants), else the default. */
export function equilibriumView(result: StudyResult, pair?: [string, string]): EquilibriumView {
  const specs = equilibriumSpecs(result.job);
  const empty = { strategies: [], payoffs: [], trajectory: null, participants: [], pair: null };
  if (specs.length === 0) return { ...empty, note: `${result.job} is not a game: it has no equilibrium to follow` };
  if (result.study.kind !== 'sweep') return { ...empty, note: 'an equilibrium path follows one parameter: run a sweep (no second parameter)' };
  const recorded = result.outputs.filter((o) => roleOf(result, o) !== undefined);
  const missing = specs.filter((s) => !recorded.some((o) => o.id === s.id));
  const missingNote = missing.length ? `not recorded in this run: ${missing.map((s) => s.label).join('; ')} (tick them under Outputs and run again)` : undefined;
  const plotsOf = (role: 'strategy' | 'payoff') => studyPlots({ ...result, outputs: recorded.filter((o) => roleOf(result, o) === role) });
  const list = participants(result);
  const pick = (key: string | undefined) => list.find((p) => p.key === key);
  const chosen = pair && pick(pair[0]) && pick(pair[1]) ? ([pick(pair[0])!, pick(pair[1])!] as [Participant, Participant]) : defaultPair(list);
  return {
    strategies: plotsOf('strategy'),
    payoffs: plotsOf('payoff'),
    trajectory: chosen ? trajectoryPlot(result, result.study.param.path, chosen[0], chosen[1]) : null,
    participants: list,
    pair: chosen,
    ...(missingNote ? { note: missingNote } : {}),
  };
}
