/** The chosen volume of each contract (kW), with its allowed range as a thin bar behind. */
import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import type { PortfolioMetrics } from '../../../solver/contract.ts';
import { useDocument } from '../state/document.ts';
import { Plot } from '../components/Plot.tsx';

export function VolumesBar({ data }: { data: PortfolioMetrics }) {
  const contracts = useDocument((s) => s.scenario.portfolio?.contracts ?? []);
  const traces = useMemo<Data[]>(() => {
    const x = data.contracts.map((c) => c.name || c.id);
    const bounds = data.contracts.map((c) => contracts.find((k) => k.id === c.id));
    return [
      { x, y: bounds.map((b) => (b ? b.maxKw - (b.minKw ?? 0) : 0)), base: bounds.map((b) => b?.minKw ?? 0), type: 'bar', name: 'allowed', width: 0.7, marker: { color: 'rgba(159,179,200,0.25)', line: { color: '#9fb3c8', width: 1 } }, hovertemplate: '%{x}: allowed %{base:.0f}–%{y:.0f} kW<extra></extra>' },
      { x, y: data.contracts.map((c) => c.volumeKw), type: 'bar', name: 'volume', width: 0.45, marker: { color: '#2f6fb3' }, text: data.contracts.map((c) => c.volumeKw.toFixed(0)), textposition: 'outside', customdata: data.contracts.map((c) => [c.energyKwh, c.cost]), hovertemplate: '%{x}: %{y:.1f} kW<br>%{customdata[0]:.0f} kWh, cost %{customdata[1]:.0f}<extra></extra>' },
    ];
  }, [data.contracts, contracts]);
  const layout = useMemo<Partial<Layout>>(() => ({ barmode: 'overlay', yaxis: { title: { text: 'kW' }, gridcolor: '#eef0f3' }, margin: { l: 52, r: 8, t: 14, b: 60 } }), []);
  return <Plot exportName="portfolio-volumes" height={240} data={traces} layout={layout} testId="portfolio-volumes" />;
}
