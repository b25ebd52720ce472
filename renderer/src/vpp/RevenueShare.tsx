/** Revenue per VPP (P2P net of fee and grid, side by side) and the share of P2P energy each sold. */
import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import type { VppEquilibrium } from '../../../solver/contract.ts';
import { Plot } from '../components/Plot.tsx';
import { withAlpha } from './vppColours.ts';

const PIE_LAYOUT: Partial<Layout> = { margin: { l: 4, r: 4, t: 24, b: 4 }, showlegend: false, title: { text: 'share of P2P energy', font: { size: 11 }, y: 0.98 } };

export function RevenueShare({ vpps, colours }: { vpps: VppEquilibrium[]; colours: Map<string, string> }) {
  const revenue = useMemo<Data[]>(() => {
    const names = vpps.map((v) => v.name || v.id);
    const colour = (v: VppEquilibrium) => colours.get(v.id) ?? '#888';
    return [
      { name: 'P2P (net of fee)', x: names, y: vpps.map((v) => v.p2pRevenue), type: 'bar', marker: { color: vpps.map(colour) }, hovertemplate: 'P2P %{y:.2f}<extra></extra>' },
      {
        name: 'grid (export − import)',
        x: names,
        y: vpps.map((v) => v.gridRevenue),
        type: 'bar',
        marker: { color: vpps.map((v) => withAlpha(colour(v), 0.35)), pattern: { shape: '/' } },
        hovertemplate: 'grid %{y:.2f}<extra></extra>',
      },
      { name: 'revenue', x: names, y: vpps.map((v) => v.revenue), type: 'scatter', mode: 'markers', marker: { symbol: 'line-ew', size: 26, line: { width: 3, color: '#1f2430' } }, hovertemplate: 'revenue %{y:.2f}<extra></extra>' },
    ];
  }, [vpps, colours]);
  const share = useMemo<Data[]>(
    () => [
      {
        type: 'pie',
        labels: vpps.map((v) => v.name || v.id),
        values: vpps.map((v) => v.marketShare),
        marker: { colors: vpps.map((v) => colours.get(v.id) ?? '#888') },
        hole: 0.45,
        sort: false,
        textinfo: 'label+percent',
        textposition: 'inside',
        insidetextorientation: 'horizontal',
        hovertemplate: '%{label}: %{percent}<extra></extra>',
      },
    ],
    [vpps, colours],
  );
  const layout = useMemo<Partial<Layout>>(() => ({ barmode: 'group', showlegend: false, margin: { l: 40, r: 8, t: 8, b: 28 }, yaxis: { gridcolor: '#eef0f3', zerolinecolor: '#9aa3ad' } }), []);
  return (
    <>
      <div className="legend-note muted">solid: P2P sales net of fee · hatched: grid export − import · black tick: revenue</div>
    <div className="vpp-pair">
      <Plot data={revenue} layout={layout} height={220} exportName="vpp-revenue" testId="vpp-revenue" />
      <Plot data={share} layout={PIE_LAYOUT} height={220} exportName="vpp-market-share" testId="vpp-share" />
    </div>
    </>
  );
}
