/**
 * Constant-temperature against flexible control, side by side per VPP:
 * revenue, price–cost margin (market power) and P2P volume. Constant bars are
 * the VPP's colour hatched and pale, flexible bars solid.
 */
import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import type { VppControlSummary, VppGameData } from '../../../solver/contract.ts';
import { Plot } from '../components/Plot.tsx';
import { withAlpha } from './vppColours.ts';
import { fmtMoney } from './format.ts';

type Metric = 'revenue' | 'priceCostMargin' | 'volumeKwh';
const METRICS: { key: Metric; title: string; axis: string }[] = [
  { key: 'revenue', title: 'Revenue', axis: 'currency' },
  { key: 'priceCostMargin', title: 'Price–cost margin', axis: 'Lerner index' },
  { key: 'volumeKwh', title: 'P2P volume', axis: 'kWh' },
];

function MetricPlot({ metric, comparison, names, colours }: { metric: (typeof METRICS)[number]; comparison: NonNullable<VppGameData['comparison']>; names: Map<string, string>; colours: Map<string, string> }) {
  const data = useMemo<Data[]>(() => {
    const bar = (s: VppControlSummary, constant: boolean): Data => ({
      name: constant ? 'constant' : 'flexible',
      x: s.vpps.map((v) => names.get(v.id) ?? v.id),
      y: s.vpps.map((v) => v[metric.key] ?? 0),
      type: 'bar',
      marker: {
        color: s.vpps.map((v) => (constant ? withAlpha(colours.get(v.id) ?? '#888', 0.35) : (colours.get(v.id) ?? '#888'))),
        ...(constant ? { pattern: { shape: '/' } } : {}),
        line: { color: s.vpps.map((v) => colours.get(v.id) ?? '#888'), width: 1 },
      },
      hovertemplate: `${constant ? 'constant' : 'flexible'}: %{y:.3f}<extra>%{x}</extra>`,
    });
    return [bar(comparison.constant, true), bar(comparison.flexible, false)];
  }, [metric, comparison, names, colours]);
  const layout = useMemo<Partial<Layout>>(() => ({ barmode: 'group', margin: { l: 44, r: 6, t: 24, b: 40 }, title: { text: metric.title, font: { size: 12 }, y: 0.97 }, yaxis: { title: { text: metric.axis }, gridcolor: '#eef0f3' } }), [metric]);
  return <Plot data={data} layout={layout} height={210} exportName={`control-${metric.key}`} />;
}

export function ControlComparison({ data, colours }: { data: VppGameData; colours: Map<string, string> }) {
  const names = useMemo(() => new Map(data.equilibrium.map((v) => [v.id, v.name || v.id])), [data]);
  const c = data.comparison;
  if (!c) return null;
  return (
    <section data-testid="vpp-comparison">
      <div className="section-head">
        <span>Constant temperature vs flexible AC</span>
        <span className="muted">
          total revenue {fmtMoney(c.constant.totalRevenue)} → {fmtMoney(c.flexible.totalRevenue)} · P2P {c.constant.volumeKwh.toFixed(0)} → {c.flexible.volumeKwh.toFixed(0)} kWh
        </span>
      </div>
      <div className="legend-note muted">hatched: every building at its set-point · solid: every building flexible within its band</div>
      <div className="vpp-triple">
        {METRICS.map((m) => (
          <MetricPlot key={m.key} metric={m} comparison={c} names={names} colours={colours} />
        ))}
      </div>
    </section>
  );
}
