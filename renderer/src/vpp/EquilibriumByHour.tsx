/** Equilibrium P2P sales per VPP (stacked, VPP colours) and the P2P price by hour; the curves' hour shaded. */
import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import type { VppGameData } from '../../../solver/contract.ts';
import { Plot } from '../components/Plot.tsx';

export function EquilibriumByHour({ data, colours, markPeriod }: { data: VppGameData; colours: Map<string, string>; markPeriod: number | null }) {
  const hours = useMemo(() => data.price.map((_, t) => t * data.dtHours), [data]);
  const traces = useMemo<Data[]>(
    () => [
      ...data.equilibrium.map<Data>((v) => ({
        name: v.name || v.id,
        x: hours,
        y: v.q,
        type: 'bar',
        marker: { color: colours.get(v.id) },
        hovertemplate: `${v.name || v.id}: %{y:.1f} kW<extra></extra>`,
      })),
      {
        name: 'P2P price',
        x: hours,
        y: data.price,
        yaxis: 'y2',
        type: 'scatter',
        mode: 'lines+markers',
        line: { color: '#1f2430', width: 2, shape: 'hv' },
        marker: { size: 4 },
        hovertemplate: 'price %{y:.3f}/kWh<extra></extra>',
      },
    ],
    [data, colours, hours],
  );
  const layout = useMemo<Partial<Layout>>(
    () => ({
      barmode: 'stack',
      bargap: 0.15,
      showlegend: true,
      legend: { orientation: 'h', y: 1.14, x: 0, traceorder: 'normal' },
      margin: { l: 48, r: 52, t: 24, b: 34 },
      xaxis: { title: { text: 'hour' }, dtick: 3 * data.dtHours },
      yaxis: { title: { text: 'P2P sales, kW' }, gridcolor: '#eef0f3' },
      yaxis2: { title: { text: 'price /kWh' }, overlaying: 'y', side: 'right', rangemode: 'tozero', showgrid: false },
      shapes:
        markPeriod === null
          ? []
          : [{ type: 'rect', xref: 'x', yref: 'paper', x0: (markPeriod - 0.5) * data.dtHours, x1: (markPeriod + 0.5) * data.dtHours, y0: 0, y1: 1, fillcolor: 'rgba(255,210,63,0.25)', line: { width: 0 }, layer: 'below' }],
    }),
    [data, markPeriod],
  );
  return <Plot data={traces} layout={layout} height={240} exportName="vpp-equilibrium-by-hour" testId="vpp-by-hour" />;
}
