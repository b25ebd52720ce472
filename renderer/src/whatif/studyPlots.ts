/**
 * What a study result looks like as plots, one per chosen output, as pure
 * functions of the StudyResult (so they are tested without a browser):
 *
 *   sweep × scalar       one line over the parameter
 *   sweep × per-entity   one line per entity (bus, line, VPP …)
 *   sweep × series       heat map: parameter across, period up
 *   grid  × scalar       heat map or contour (labelled isolines): parameter across, second parameter up
 *   tornado × scalar     bars of the output's change at −x % and +x %, largest swing on top
 *
 * A point that did not solve leaves a gap (a blank cell in a heat map or a
 * contour, never a zero) and a red mark at its parameter value (a dotted line,
 * a cross on the cell); its status is in the points table. A point whose
 * answer is uncertified (its certificate fails) is plotted and marked in
 * orange (a dashed line and an open diamond, a diamond on the cell), and the
 * note under the plot counts them. The certificate summary outputs themselves
 * are not plotted: they are columns of the points table.
 */
import type { Data, Layout } from 'plotly.js';
import type { OutputInfo } from '../../../solver/whatif/outputs.ts';
import type { PointResult, StudyResult } from '../../../solver/whatif/result.ts';
import { unitOf } from '../../../solver/whatif/paramCatalog.ts';
import type { ParamSpec } from '../../../solver/whatif/params.ts';
import { monteCarloSummary, tornadoSummary, type SampleSummary } from '../../../solver/whatif/summary.ts';
import { CERTIFICATE_VALUE_OUTPUT, CERTIFIED_OUTPUT, hasAnswer, pointUncertified } from '../../../solver/jobs/certification.ts';

export interface OutputPlot {
  outputId: string;
  title: string;
  data: Data[];
  layout: Partial<Layout>;
  /** a sentence under the plot (points not solved, why there is no plot) */
  note?: string;
}

const GRID = '#eef0f3';
const HEAT = 'Viridis';

/** Axis title of a swept path: the path and the unit its field name gives. */
export function paramAxisTitle(path: string): string {
  const unit = unitOf(path.slice(path.lastIndexOf('.') + 1));
  return unit ? `${path} (${unit})` : path;
}

const axis = (param: ParamSpec) => ({
  title: { text: paramAxisTitle(param.path) },
  gridcolor: GRID,
  zeroline: false,
  ...(param.values.kind === 'log' ? { type: 'log' as const } : {}),
});

const unique = <T>(xs: T[]): T[] => [...new Set(xs)];
const okValue = (p: PointResult, id: string) => (hasAnswer(p.status) ? p.outputs[id] : undefined);
const UNCERTIFIED = '#c77700';
const uncertifiedPoints = (points: PointResult[]) => points.filter((p) => hasAnswer(p.status) && pointUncertified(p));

export function notSolvedNote(points: PointResult[], paths: string[]): string | undefined {
  const at = (p: PointResult) => paths.map((path) => `${path} = ${p.values[path]}`).join(', ');
  const bad = points.filter((p) => !hasAnswer(p.status));
  const uncertified = uncertifiedPoints(points);
  const notes = [
    ...(bad.length ? [`${bad.length} of ${points.length} points not solved, e.g. ${at(bad[0]!)}: ${bad[0]!.status}: ${bad[0]!.message}`] : []),
    ...(uncertified.length ? [`${uncertified.length} of ${points.length} points uncertified (marked in orange; their certificate does not hold), e.g. ${at(uncertified[0]!)}: ${uncertified[0]!.message}`] : []),
  ];
  return notes.length ? notes.join('. ') : undefined;
}

function sweepPlot(result: StudyResult, param: ParamSpec, info: OutputInfo): OutputPlot {
  const points = result.points;
  const x = points.map((p) => p.values[param.path]!);
  const ylabel = `${info.label} (${info.unit})`;
  const mark = (p: PointResult, color: string, dash: 'dot' | 'dash') => ({ type: 'line' as const, xref: 'x' as const, yref: 'paper' as const, x0: p.values[param.path], x1: p.values[param.path], y0: 0, y1: 1, line: { color, dash, width: 1 } });
  const uncertified = uncertifiedPoints(points);
  const failedShapes = [...points.filter((p) => !hasAnswer(p.status)).map((p) => mark(p, '#b03a2e', 'dot')), ...uncertified.map((p) => mark(p, UNCERTIFIED, 'dash'))];
  // a long label does not fit along the y axis of a 260 px plot: the caption above carries it, the axis the unit
  const ytitle = ylabel.length <= 32 ? ylabel : info.unit;
  const layout: Partial<Layout> = { xaxis: axis(param), yaxis: { title: { text: ytitle }, gridcolor: GRID, zeroline: false }, shapes: failedShapes, margin: { l: 64, r: 12, t: 8, b: 40 } };
  const note = notSolvedNote(points, [param.path]);
  const base = { outputId: info.id, title: ylabel, layout, ...(note ? { note } : {}) };

  if (info.shape === 'scalar') {
    const y = points.map((p) => (okValue(p, info.id) as number | null | undefined) ?? null);
    const at = points.map((p) => p.at[info.id] ?? '');
    const flagged: Data[] = uncertified.length
      ? [{ x: uncertified.map((p) => p.values[param.path]!), y: uncertified.map((p) => (okValue(p, info.id) as number | null | undefined) ?? null), customdata: uncertified.map((p) => p.message), type: 'scatter', mode: 'markers', name: 'uncertified', marker: { symbol: 'diamond-open', size: 13, color: UNCERTIFIED, line: { width: 2, color: UNCERTIFIED } }, hovertemplate: `%{x}<br>%{y:.6g} ${info.unit}<br>%{customdata}<extra>uncertified</extra>` }]
      : [];
    return {
      ...base,
      layout: { ...layout, showlegend: uncertified.length > 0, legend: { orientation: 'h', x: 0, y: 1.12 } },
      data: [{ x, y, customdata: at, type: 'scatter', mode: 'lines+markers', name: info.label, line: { color: '#1f6feb', width: 2 }, marker: { size: 7 }, connectgaps: false, hovertemplate: `%{x}<br>%{y:.6g} ${info.unit}<br>at %{customdata}<extra></extra>` }, ...flagged],
    };
  }
  if (info.shape === 'per-entity') {
    const ids = unique(points.flatMap((p) => Object.keys((okValue(p, info.id) as Record<string, number> | undefined) ?? {})));
    return {
      ...base,
      // the legend on the right: below the plot, once it wraps to a second row, it prints over the axis title
      layout: { ...layout, showlegend: ids.length <= 12, legend: { orientation: 'v', x: 1.02, xanchor: 'left', y: 1, yanchor: 'top' } },
      data: ids.map((id) => ({
        x,
        y: points.map((p) => (okValue(p, info.id) as Record<string, number> | undefined)?.[id] ?? null),
        type: 'scatter',
        mode: 'lines',
        name: `${info.entity ?? ''} ${id}`.trim(),
        line: { width: 1.2 },
        hovertemplate: `${info.entity ?? ''} ${id}<br>%{x}<br>%{y:.6g} ${info.unit}<extra></extra>`,
      })),
    };
  }
  // series: one column per point, one row per period
  const length = Math.max(0, ...points.map((p) => ((okValue(p, info.id) as number[] | undefined) ?? []).length));
  const z = Array.from({ length }, (_, t) => points.map((p) => (okValue(p, info.id) as number[] | undefined)?.[t] ?? null));
  return {
    ...base,
    layout: { ...layout, yaxis: { title: { text: 'period t' }, gridcolor: GRID } },
    data: [{ x, y: Array.from({ length }, (_, t) => t), z, type: 'heatmap', colorscale: HEAT, colorbar: { title: { text: info.unit } }, hovertemplate: `%{x}<br>t=%{y}<br>%{z:.6g} ${info.unit}<extra></extra>` }],
  };
}

/** How a 2-D grid is drawn: coloured cells, or filled isolines with their values written on them. */
export type GridStyle = 'heatmap' | 'contour';

function gridPlot(result: StudyResult, param: ParamSpec, param2: ParamSpec, info: OutputInfo, style: GridStyle): OutputPlot {
  const title = `${info.label} (${info.unit})`;
  const note = notSolvedNote(result.points, [param.path, param2.path]);
  if (info.shape !== 'scalar') {
    return { outputId: info.id, title, data: [], layout: {}, note: `a ${style === 'contour' ? 'contour plot' : 'heat map'} needs a scalar output; ${info.label} is a ${info.shape}: see the points table` };
  }
  const xs = unique(result.points.map((p) => p.values[param.path]!));
  const ys = unique(result.points.map((p) => p.values[param2.path]!));
  const z: (number | null)[][] = ys.map(() => xs.map(() => null));
  for (const p of result.points) {
    const v = okValue(p, info.id);
    z[ys.indexOf(p.values[param2.path]!)]![xs.indexOf(p.values[param.path]!)] = typeof v === 'number' ? v : null;
  }
  const hovertemplate = `${param.path} = %{x}<br>${param2.path} = %{y}<br>%{z:.6g} ${info.unit}<extra></extra>`;
  const surface: Data =
    style === 'contour'
      ? // 2-D z with nulls: plotly clips the isolines and fills around those cells (connectgaps false), so they stay blank
        { x: xs, y: ys, z, type: 'contour', colorscale: HEAT, colorbar: { title: { text: info.unit } }, connectgaps: false, hoverongaps: false, hovertemplate, line: { width: 1, color: 'rgba(255,255,255,0.7)' }, contours: { coloring: 'heatmap', showlabels: true, labelfont: { size: 10, color: '#ffffff' } } }
      : { x: xs, y: ys, z, type: 'heatmap', colorscale: HEAT, colorbar: { title: { text: info.unit } }, hoverongaps: false, hovertemplate };
  const failed = result.points.filter((p) => !hasAnswer(p.status));
  const uncertified = uncertifiedPoints(result.points);
  const diamonds: Data[] = uncertified.length
    ? [{ x: uncertified.map((p) => p.values[param.path]!), y: uncertified.map((p) => p.values[param2.path]!), customdata: uncertified.map((p) => p.message), type: 'scatter', mode: 'markers', name: 'uncertified', marker: { symbol: 'diamond-open', size: 12, color: UNCERTIFIED, line: { width: 2, color: UNCERTIFIED } }, hovertemplate: `%{x}, %{y}<br>%{customdata}<extra>uncertified</extra>` }]
    : [];
  const crosses: Data[] = failed.length
    ? [{ x: failed.map((p) => p.values[param.path]!), y: failed.map((p) => p.values[param2.path]!), customdata: failed.map((p) => `${p.status}: ${p.message}`), type: 'scatter', mode: 'markers', name: 'not solved', marker: { symbol: 'x-thin-open', size: 12, color: '#b03a2e', line: { width: 2, color: '#b03a2e' } }, hovertemplate: `%{x}, %{y}<br>%{customdata}<extra>not solved</extra>` }]
    : [];
  return {
    outputId: info.id,
    title,
    data: [surface, ...crosses, ...diamonds],
    layout: { xaxis: axis(param), yaxis: axis(param2), margin: { l: 64, r: 12, t: 8, b: 40 } },
    ...(note ? { note } : {}),
  };
}

function tornadoPlot(result: StudyResult, info: OutputInfo): OutputPlot {
  const title = `${info.label} (${info.unit}): change from the base`;
  if (info.shape !== 'scalar') return { outputId: info.id, title, data: [], layout: {}, note: `a tornado needs a scalar output; ${info.label} is a ${info.shape}: see the points table` };
  const summary = tornadoSummary(result, info.id);
  const pct = result.study.kind === 'tornado' ? result.study.deltaPct : 0;
  // plotly draws the first category at the bottom: reverse so the largest swing is on top
  const bars = [...summary.bars].reverse();
  const y = bars.map((b) => b.path);
  const side = (name: string, color: string, delta: (b: (typeof bars)[number]) => number | null, value: (b: (typeof bars)[number]) => number): Data => ({
    type: 'bar',
    orientation: 'h',
    name,
    y,
    x: bars.map(delta),
    customdata: bars.map(value),
    marker: { color },
    hovertemplate: `%{y} = %{customdata:.6g}<br>Δ %{x:.6g} ${info.unit}<extra>${name}</extra>`,
  });
  const failed = summary.bars.filter((b) => b.swing === null).length;
  return {
    outputId: info.id,
    title,
    data: [side(`−${pct} %`, '#d9822b', (b) => b.lowDelta, (b) => b.lowValue), side(`+${pct} %`, '#1f6feb', (b) => b.highDelta, (b) => b.highValue)],
    layout: {
      barmode: 'overlay',
      showlegend: true,
      // top left: the plot's toolbar takes the top right on hover
      legend: { orientation: 'h', x: 0, xanchor: 'left', y: 1, yanchor: 'bottom' },
      xaxis: { title: { text: `Δ ${info.label} (${info.unit}); base ${summary.baseOutput === null ? 'not solved' : Number(summary.baseOutput.toPrecision(6))}` }, gridcolor: GRID, zerolinecolor: '#1b2430' },
      yaxis: { automargin: true, type: 'category' },
      margin: { l: 12, r: 12, t: 24, b: 40 },
    },
    ...(failed || uncertifiedPoints(result.points).length
      ? { note: [failed ? `${failed} parameter${failed > 1 ? 's have' : ' has'} a point that did not solve` : '', uncertifiedPoints(result.points).length ? `${uncertifiedPoints(result.points).length} of ${result.points.length} points uncertified (their certificate does not hold)` : ''].filter(Boolean).join('; ') + ': see the points table' }
      : {}),
  };
}

const MARKS: { key: string; label: string; color: string; dash: 'solid' | 'dash' | 'dot' }[] = [
  { key: '0.05', label: '5 %', color: '#8c959f', dash: 'dot' },
  { key: '0.5', label: 'median', color: '#1b2430', dash: 'dash' },
  { key: '0.95', label: '95 %', color: '#8c959f', dash: 'dot' },
];

/** Monte Carlo × scalar: a histogram of the samples, mean and 5/50/95 % quantiles as vertical lines. */
function monteCarloHistogram(result: StudyResult, info: OutputInfo): OutputPlot {
  const title = `${info.label} (${info.unit}): distribution`;
  const mc = monteCarloSummary(result, info.id);
  const s = mc.summary as SampleSummary;
  const x = result.points.map((p) => okValue(p, info.id)).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const line = (at: number, color: string, dash: 'solid' | 'dash' | 'dot') => ({ type: 'line' as const, xref: 'x' as const, yref: 'paper' as const, x0: at, x1: at, y0: 0, y1: 1, line: { color, dash, width: 1.5 } });
  const label = (at: number, text: string, color: string, y: number) => ({ x: at, y, xref: 'x' as const, yref: 'paper' as const, text, showarrow: false, font: { size: 10, color }, yanchor: 'bottom' as const });
  const marks = MARKS.filter((m) => Number.isFinite(s.quantiles[m.key]));
  return {
    outputId: info.id,
    title,
    // plotly's own binning gives 3–4 bars for a few dozen samples: ask for about 2·√n (10 … 50)
    // nbinsx is in plotly.js but not in its type declarations
    data: [{ x, type: 'histogram', nbinsx: Math.min(50, Math.max(10, Math.ceil(2 * Math.sqrt(x.length)))), name: info.label, marker: { color: '#1f6feb', line: { color: '#ffffff', width: 1 } }, opacity: 0.8, hovertemplate: `%{x}<br>%{y} samples<extra></extra>` } as Data],
    layout: {
      xaxis: { title: { text: `${info.label} (${info.unit})` }, gridcolor: GRID, zeroline: false },
      yaxis: { title: { text: 'samples' }, gridcolor: GRID, zeroline: false },
      bargap: 0.02,
      shapes: Number.isFinite(s.mean) ? [line(s.mean, '#d9822b', 'solid'), ...marks.map((m) => line(s.quantiles[m.key]!, m.color, m.dash))] : [],
      annotations: Number.isFinite(s.mean) ? [label(s.mean, 'mean', '#d9822b', 1.0), ...marks.map((m, i) => label(s.quantiles[m.key]!, m.label, m.color, i % 2 ? 0.93 : 1.0))] : [],
      margin: { l: 64, r: 12, t: 22, b: 40 },
    },
    ...(mc.failed || mc.uncertified ? { note: mcNote(mc, 'histogram') } : {}),
  };
}

/** Monte Carlo × series: quantile bands over the periods (5–95 %, 25–75 %) and the median. */
function monteCarloBands(result: StudyResult, info: OutputInfo): OutputPlot {
  const title = `${info.label} (${info.unit}): quantile bands over periods`;
  const mc = monteCarloSummary(result, info.id);
  const rows = mc.summary as SampleSummary[];
  const t = rows.map((_, i) => i);
  const q = (key: string) => rows.map((r) => (Number.isFinite(r.quantiles[key]!) ? r.quantiles[key]! : null));
  const edge = (key: string, name: string, fill?: string): Data => ({
    x: t,
    y: q(key),
    type: 'scatter',
    mode: 'lines',
    name,
    line: { width: 0, color: '#1f6feb' },
    ...(fill ? { fill: 'tonexty' as const, fillcolor: fill } : {}),
    showlegend: Boolean(fill),
    hovertemplate: `t=%{x}<br>${key === '0.5' ? 'median' : `q${Number(key) * 100}`} %{y:.6g} ${info.unit}<extra></extra>`,
  });
  return {
    outputId: info.id,
    title,
    data: [
      edge('0.05', '5 %'),
      edge('0.95', '5–95 %', 'rgba(31,111,235,0.18)'),
      edge('0.25', '25 %'),
      edge('0.75', '25–75 %', 'rgba(31,111,235,0.38)'),
      { x: t, y: q('0.5'), type: 'scatter', mode: 'lines', name: 'median', line: { color: '#1b2430', width: 2 }, hovertemplate: `t=%{x}<br>median %{y:.6g} ${info.unit}<extra></extra>` },
    ],
    layout: {
      xaxis: { title: { text: 'period t' }, gridcolor: GRID, zeroline: false },
      yaxis: { title: { text: `${info.label} (${info.unit})` }, gridcolor: GRID, zeroline: false },
      legend: { orientation: 'h', x: 0, xanchor: 'left', y: 1, yanchor: 'bottom' },
      margin: { l: 64, r: 12, t: 24, b: 40 },
    },
    ...(mc.failed || mc.uncertified ? { note: mcNote(mc, 'bands') } : {}),
  };
}

function monteCarloPlot(result: StudyResult, info: OutputInfo): OutputPlot {
  if (info.shape === 'scalar') return monteCarloHistogram(result, info);
  if (info.shape === 'series') return monteCarloBands(result, info);
  return { outputId: info.id, title: `${info.label} (${info.unit})`, data: [], layout: {}, note: `${info.label} is per ${info.entity ?? 'entity'}: its statistics per ${info.entity ?? 'entity'} are in the summary table` };
}

/** Samples left out (no answer) and samples kept whose certificate fails, in one sentence. */
function mcNote(mc: { samples: number; failed: number; uncertified: number }, what: string): string {
  return [mc.failed ? `${mc.failed} of ${mc.samples} samples not solved (left out of the ${what})` : '', mc.uncertified ? `${mc.uncertified} of ${mc.samples} samples uncertified (kept; their certificate does not hold)` : ''].filter(Boolean).join('; ') + ': see the points table';
}

export function studyPlots(result: StudyResult, options: { grid?: GridStyle } = {}): OutputPlot[] {
  const design = result.study;
  return result.outputs.filter((info) => info.id !== CERTIFIED_OUTPUT && info.id !== CERTIFICATE_VALUE_OUTPUT).map((info) => {
    if (design.kind === 'sweep') return sweepPlot(result, design.param, info);
    if (design.kind === 'grid') return gridPlot(result, design.param, design.param2, info, options.grid ?? 'heatmap');
    if (design.kind === 'tornado') return tornadoPlot(result, info);
    if (design.kind === 'monte-carlo') return monteCarloPlot(result, info);
    return { outputId: info.id, title: info.label, data: [], layout: {}, note: `${(design as { kind: string }).kind} studies are shown in the points table` };
  });
}
