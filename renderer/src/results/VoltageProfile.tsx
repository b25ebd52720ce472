/** Voltage magnitude by bus for one period, with each bus's limits drawn as dashed steps. */
import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import type { PowerflowPeriod } from '../../../solver/contract.ts';
import { useDocument } from '../state/document.ts';
import { useSession } from '../state/session.ts';
import { Plot } from '../components/Plot.tsx';
import { voltageColour } from './colourScales.ts';

export function VoltageProfile({ period }: { period: PowerflowPeriod }) {
  const buses = useDocument((s) => s.scenario.network.buses);
  const selected = useSession((s) => s.selectedBus);
  // frame the voltages and the lower limit; a generous upper limit (1.1) would squash the curve
  const range = useMemo(() => {
    const vs = period.buses.map((b) => b.vmPu);
    const lo = Math.min(...vs, ...buses.map((b) => b.vminPu ?? 0.95));
    const hi = Math.max(...vs, 1.05);
    return [lo - 0.008, hi + 0.008];
  }, [period, buses]);
  const layout = useMemo<Partial<Layout>>(
    () => ({
      xaxis: { title: { text: 'bus', standoff: 4 }, type: 'category', tickfont: { size: 9 }, gridcolor: '#eef0f3' },
      yaxis: { title: { text: 'V (p.u.)' }, gridcolor: '#eef0f3', zeroline: false, range },
      margin: { l: 52, r: 10, t: 6, b: 38 },
    }),
    [range],
  );
  const data = useMemo<Data[]>(() => {
    const limits = new Map(buses.map((b) => [b.id, { lo: b.vminPu ?? 0.95, hi: b.vmaxPu ?? 1.05 }]));
    const ids = period.buses.map((b) => b.id);
    const vmin = Math.min(...[...limits.values()].map((l) => l.lo));
    const limit = (name: string, ys: number[]): Data => ({
      x: ids, y: ys, name, type: 'scatter', mode: 'lines', line: { dash: 'dash', color: '#b03a2e', width: 1 }, hoverinfo: 'skip',
    });
    return [
      limit('Vmin', ids.map((id) => limits.get(id)?.lo ?? 0.95)),
      limit('Vmax', ids.map((id) => limits.get(id)?.hi ?? 1.05)),
      {
        x: ids,
        y: period.buses.map((b) => b.vmPu),
        customdata: period.buses.map((b) => b.vaDeg),
        name: 'V',
        type: 'scatter',
        mode: 'lines+markers',
        line: { color: '#3b4a5e', width: 1.5 },
        marker: {
          size: ids.map((id) => (id === selected ? 11 : 7)),
          color: period.buses.map((b) => voltageColour(b.vmPu, vmin)),
          line: { color: ids.map((id) => (id === selected ? '#1b2430' : 'rgba(0,0,0,0)')), width: 2 },
        },
        hovertemplate: 'bus %{x}<br>V %{y:.5f} p.u.<br>∠ %{customdata:.3f}°<extra></extra>',
      },
    ];
  }, [period, buses, selected]);
  return (
    <Plot
      testId="voltage-plot"
      exportName="voltage-profile"
      height={230}
      data={data}
      layout={layout}
    />
  );
}
