/**
 * The best-response picture as plotly data, a pure function of the result's
 * `bestResponseCurves` and the step shown: both VPPs' best-response curves in
 * the (a, b) plane of their P2P sales, the Gauss–Seidel path up to the step,
 * the latest response as an arrow, and the Nash equilibrium where the curves
 * cross.
 */
import type { Annotations, Data, Layout } from 'plotly.js';
import type { CurvePoint, VppGameData } from '../../../solver/contract.ts';

export type BestResponseCurves = NonNullable<VppGameData['bestResponseCurves']>;

export interface ResponseStep {
  /** 0 = the start (0, 0); k = after the k-th best response */
  k: number;
  /** Gauss–Seidel sweep of this response (0 at the start) */
  sweep: number;
  /** which of the two VPPs moved: 0 (a, horizontal), 1 (b, vertical); null at the start */
  mover: 0 | 1 | null;
  point: CurvePoint;
  /** how far the mover moved, kW */
  moveKw: number;
}

/** What happened at path step k: who responded and by how much. */
export function responseStep(path: readonly CurvePoint[], k: number): ResponseStep {
  const point = path[k] ?? { a: 0, b: 0 };
  const prev = path[k - 1];
  if (k === 0 || !prev) return { k: 0, sweep: 0, mover: null, point, moveKw: 0 };
  const da = Math.abs(point.a - prev.a);
  const db = Math.abs(point.b - prev.b);
  // a response that did not move keeps the alternation of the sweep (a first, then b)
  const mover: 0 | 1 = da > db ? 0 : db > da ? 1 : k % 2 === 1 ? 0 : 1;
  return { k, sweep: Math.ceil(k / 2), mover, point, moveKw: Math.max(da, db) };
}

export interface FigureInput {
  curves: BestResponseCurves;
  names: [string, string];
  colours: [string, string];
  step: number;
  large: boolean;
}

function curveTrace(points: readonly CurvePoint[], name: string, color: string, width: number, hover: string): Data {
  return { name, x: points.map((p) => p.a), y: points.map((p) => p.b), type: 'scatter', mode: 'lines', line: { color, width }, hovertemplate: `${hover}<extra></extra>` };
}

export function bestResponseFigure({ curves, names, colours, step, large }: FigureInput): { data: Data[]; layout: Partial<Layout> } {
  const [na, nb] = names;
  const path = curves.path.slice(0, step + 1);
  const current = responseStep(curves.path, step);
  const eq = curves.equilibrium;
  const all = [...curves.curves[0], ...curves.curves[1], ...curves.path, eq];
  // fixed axes: the picture must not rescale while the animation runs
  const max = (f: (p: CurvePoint) => number) => Math.max(1, ...all.map(f)) * 1.08;
  const lineW = large ? 5 : 3.5;
  const data: Data[] = [
    curveTrace(curves.curves[0], `${na}'s best response to ${nb}`, colours[0], lineW, `${nb} sells %{y:.1f} kW → ${na} sells %{x:.1f} kW`),
    curveTrace(curves.curves[1], `${nb}'s best response to ${na}`, colours[1], lineW, `${na} sells %{x:.1f} kW → ${nb} sells %{y:.1f} kW`),
    {
      name: 'best-response iteration',
      x: path.map((p) => p.a),
      y: path.map((p) => p.b),
      type: 'scatter',
      mode: 'lines+markers',
      line: { color: '#1f2430', width: large ? 2.5 : 2, dash: 'dot' },
      marker: { size: large ? 9 : 7, color: '#1f2430' },
      hovertemplate: '(%{x:.1f}, %{y:.1f}) kW<extra>iteration</extra>',
    },
    {
      name: 'now',
      x: [current.point.a],
      y: [current.point.b],
      type: 'scatter',
      mode: 'markers',
      marker: { size: large ? 20 : 15, color: current.mover === null ? '#ffffff' : colours[current.mover], line: { color: '#1f2430', width: 2.5 } },
      hovertemplate: `step ${step}: (%{x:.2f}, %{y:.2f}) kW<extra></extra>`,
      showlegend: false,
    },
    {
      name: 'Nash equilibrium',
      x: [eq.a],
      y: [eq.b],
      type: 'scatter',
      mode: 'text+markers',
      marker: { symbol: 'star', size: large ? 30 : 22, color: '#ffd23f', line: { color: '#1f2430', width: 2 } },
      text: ['Nash equilibrium'],
      textposition: 'top right',
      textfont: { size: large ? 18 : 13, color: '#1f2430' },
      hovertemplate: `equilibrium: ${na} %{x:.2f} kW, ${nb} %{y:.2f} kW<extra></extra>`,
    },
  ];
  const prev = curves.path[step - 1];
  const annotations: Partial<Annotations>[] =
    prev && current.moveKw > 0.5
      ? [
          {
            x: current.point.a,
            y: current.point.b,
            ax: prev.a,
            ay: prev.b,
            xref: 'x',
            yref: 'y',
            axref: 'x',
            ayref: 'y',
            showarrow: true,
            arrowhead: 3,
            arrowsize: large ? 1.6 : 1.2,
            arrowwidth: large ? 3 : 2,
            arrowcolor: current.mover === null ? '#1f2430' : colours[current.mover],
            text: '',
          },
        ]
      : [];
  const font = { size: large ? 18 : 12 };
  const layout: Partial<Layout> = {
    showlegend: true,
    // inside, top right: the corner the downward-sloping curves leave empty
    legend: { x: 0.99, xanchor: 'right', y: 0.99, bgcolor: 'rgba(255,255,255,0.85)', bordercolor: '#d8dde3', borderwidth: 1, font: { size: large ? 16 : 10 } },
    margin: { l: large ? 78 : 56, r: 16, t: 10, b: large ? 64 : 44 },
    xaxis: { title: { text: `${na} sells P2P, kW`, font }, range: [0, max((p) => p.a)], gridcolor: '#eef0f3', zeroline: false, tickfont: { size: large ? 15 : 11 } },
    yaxis: { title: { text: `${nb} sells P2P, kW`, font }, range: [0, max((p) => p.b)], gridcolor: '#eef0f3', zeroline: false, tickfont: { size: large ? 15 : 11 } },
    annotations,
  };
  return { data, layout };
}
