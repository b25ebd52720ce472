/**
 * The efficient frontier's plots: E[cost] against CVaR with each point's
 * portfolio in its hover label (and, when given, a marked portfolio such as
 * the last run's optimum), and the contract volumes stacked along it.
 */
import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import { Plot } from '../components/Plot.tsx';
import type { FrontierMode, FrontierPoint } from './frontierStudy.ts';

export const CONTRACT_PALETTE = ['#2f6fb3', '#f0b429', '#2f8f5f', '#8e5bb5', '#d9822b', '#627d98', '#c23030', '#17a2b8'];

export const pointLabel = (mode: FrontierMode, value: number) => (mode === 'lambda' ? `λ = ${value}` : `CVaR ≤ ${value}`);
const money = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 0 });

export interface ContractName {
  id: string;
  name?: string | undefined;
}

/** The hover text of a point: its portfolio, one contract a line. */
export function portfolioLines(volumes: Record<string, number>, contracts: ContractName[]): string {
  return contracts.map((c) => `${c.name || c.id}: ${(volumes[c.id] ?? 0).toFixed(0)} kW`).join('<br>');
}

export function FrontierCurve({ points, mode, contracts, marked, height = 260, testId = 'frontier-plot' }: { points: FrontierPoint[]; mode: FrontierMode; contracts: ContractName[]; marked?: { label: string; cvar: number; expectedCost: number } | null; height?: number; testId?: string }) {
  const traces = useMemo<Data[]>(() => {
    const ok = points.filter((p) => p.status === 'ok');
    const curve: Data = {
      x: ok.map((p) => p.cvar),
      y: ok.map((p) => p.expectedCost),
      text: ok.map((p) => pointLabel(mode, p.value)),
      customdata: ok.map((p) => portfolioLines(p.volumes, contracts)) as never,
      type: 'scatter',
      mode: 'text+lines+markers',
      textposition: 'top center',
      cliponaxis: false,
      textfont: { size: 10, color: '#52606d' },
      marker: { color: '#2f6fb3', size: 9 },
      line: { color: '#2f6fb3' },
      name: 'frontier',
      hovertemplate: '<b>%{text}</b><br>CVaR %{x:,.0f} · E[cost] %{y:,.0f}<br>%{customdata}<extra></extra>',
    };
    return marked ? [curve, { x: [marked.cvar], y: [marked.expectedCost], type: 'scatter', mode: 'markers', marker: { symbol: 'star', size: 15, color: '#c23030' }, name: marked.label, hovertemplate: `<b>${marked.label}</b><br>CVaR ${money(marked.cvar)} · E[cost] ${money(marked.expectedCost)}<extra></extra>` }] : [curve];
  }, [points, mode, contracts, marked]);
  const layout = useMemo<Partial<Layout>>(() => ({ xaxis: { title: { text: 'CVaR of cost' }, gridcolor: '#eef0f3' }, yaxis: { title: { text: 'E[cost]' }, gridcolor: '#eef0f3' }, margin: { l: 64, r: 24, t: 22, b: 40 }, hovermode: 'closest' }), []);
  return <Plot exportName="portfolio-frontier" height={height} data={traces} layout={layout} testId={testId} />;
}

export function FrontierVolumes({ points, mode, contracts }: { points: FrontierPoint[]; mode: FrontierMode; contracts: ContractName[] }) {
  const traces = useMemo<Data[]>(() => {
    const ok = points.filter((p) => p.status === 'ok');
    const x = ok.map((p) => pointLabel(mode, p.value));
    return contracts.map((c, i) => ({ x, y: ok.map((p) => p.volumes[c.id] ?? 0), name: c.name || c.id, type: 'bar', marker: { color: CONTRACT_PALETTE[i % CONTRACT_PALETTE.length] }, hovertemplate: `%{x}<br>${c.name || c.id}: %{y:.0f} kW<extra></extra>` }));
  }, [points, mode, contracts]);
  const layout = useMemo<Partial<Layout>>(() => ({ barmode: 'stack', yaxis: { title: { text: 'contracted kW' }, gridcolor: '#eef0f3' }, showlegend: true, legend: { orientation: 'h', x: 0, y: -0.18, font: { size: 10 } }, margin: { l: 56, r: 8, t: 6, b: 40 } }), []);
  return <Plot exportName="portfolio-frontier-volumes" height={280} data={traces} layout={layout} testId="frontier-volumes" />;
}
