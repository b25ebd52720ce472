/**
 * The adn-operator result's figures (AdnOperatorResultView): the learning
 * curve (welfare of each episode's sampled tariff, with the zero-adder and
 * oracle lines), the policy's tariff adder over the episodes against the
 * oracle's, and — for one block — welfare over the oracle's grid of adders
 * with the learned control marked on it.
 */
import type { Data, Layout } from 'plotly.js';
import type { AdnOperatorData } from '../../../solver/jobs/kinds/adnOperator.ts';

const GRID = '#eef0f3';
const COLORS = ['#1f4e8c', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

const flat = (d: AdnOperatorData, y: number | undefined, name: string, color: string): Data[] =>
  y === undefined || d.curve.length === 0 ? [] : [{ name, x: [d.curve[0]!.episode, d.curve.at(-1)!.episode], y: [y, y], type: 'scatter', mode: 'lines', line: { color, dash: 'dash', width: 1.5 }, hoverinfo: 'skip' }];

/** Welfare of each episode's sampled control, with the scenario's own tariffs and the oracle as lines. */
export function welfareCurveTraces(d: AdnOperatorData): Data[] {
  return [
    { name: 'sampled control (exploring)', x: d.curve.map((c) => c.episode), y: d.curve.map((c) => c.welfare), type: 'scatter', mode: 'markers', marker: { color: '#7fa7d6', size: 6 } },
    ...flat(d, d.baseline.welfare, 'zero adders (scenario tariffs)', '#9aa3ad'),
    ...flat(d, d.oracle?.welfare, 'grid-search oracle', '#ff7f0e'),
  ];
}

/** The deterministic policy's adder per block after each episode, and the oracle's. */
export function adderCurveTraces(d: AdnOperatorData): Data[] {
  const x = d.curve.map((c) => c.episode);
  return Array.from({ length: d.blocks }, (_, b): Data[] => [
    { name: d.blocks > 1 ? `policy, block ${b + 1}` : 'policy (mean action)', x, y: d.curve.map((c) => c.policyAdders[b]!), type: 'scatter', mode: 'lines', line: { color: COLORS[b % COLORS.length] } },
    ...flat(d, d.oracle?.adders[b], d.blocks > 1 ? `oracle, block ${b + 1}` : 'oracle', COLORS[b % COLORS.length]!),
  ]).flat();
}

/** One block: welfare over the oracle's grid of adders, the learned control and the oracle's best marked. */
export function gridTraces(d: AdnOperatorData): Data[] {
  if (d.blocks !== 1 || d.grid.length === 0) return [];
  const g = [...d.grid].sort((a, b) => a.adders[0]! - b.adders[0]!);
  return [
    { name: 'welfare on the grid', x: g.map((p) => p.adders[0]!), y: g.map((p) => p.welfare), type: 'scatter', mode: 'lines+markers', line: { color: '#9aa3ad' }, marker: { size: 6 } },
    ...(d.oracle ? [{ name: 'oracle', x: [d.oracle.adders[0]!], y: [d.oracle.welfare], type: 'scatter', mode: 'markers', marker: { color: '#ff7f0e', size: 13, symbol: 'x' } } as Data] : []),
    { name: 'learned', x: [d.learned.adders[0]!], y: [d.learned.welfare], type: 'scatter', mode: 'markers', marker: { color: '#1f4e8c', size: 11, symbol: 'circle-open', line: { width: 2.5 } } },
  ];
}

/** Net import of the microgrids from the ADN per period: zero adders against the learned tariff. */
export function importTraces(d: AdnOperatorData): Data[] {
  const t = d.baseline.netImportKw.map((_, k) => k);
  return [
    { name: 'zero adders', x: t, y: d.baseline.netImportKw, type: 'bar', marker: { color: '#9aa3ad' } },
    { name: 'learned tariff', x: t, y: d.learned.netImportKw, type: 'bar', marker: { color: '#1f4e8c' } },
  ];
}

const legend = { orientation: 'h', y: 1.18 } as const;
export const operatorLayouts = {
  // three entries wrap in a narrow pane: the legend goes under the axis, where it cannot cover the points
  welfare: { margin: { l: 64, r: 8, t: 8, b: 80 }, xaxis: { title: { text: 'episode' } }, yaxis: { title: { text: 'social welfare' }, gridcolor: GRID }, legend: { orientation: 'h', y: -0.3 }, showlegend: true } as Partial<Layout>,
  adder: { margin: { l: 64, r: 8, t: 8, b: 34 }, xaxis: { title: { text: 'episode' } }, yaxis: { title: { text: 'tariff adder per kWh' }, gridcolor: GRID }, legend, showlegend: true } as Partial<Layout>,
  grid: { margin: { l: 64, r: 8, t: 8, b: 34 }, xaxis: { title: { text: 'tariff adder per kWh' } }, yaxis: { title: { text: 'social welfare' }, gridcolor: GRID }, legend, showlegend: true } as Partial<Layout>,
  imports: { barmode: 'group', margin: { l: 64, r: 8, t: 8, b: 34 }, xaxis: { title: { text: 'period' }, dtick: 1 }, yaxis: { title: { text: 'net import from the ADN, kW' }, gridcolor: GRID }, legend, showlegend: true } as Partial<Layout>,
};
