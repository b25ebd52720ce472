/** DLMP of every bus at every hour (bus × hour), on the diagram's DLMP scale; the chosen hour is outlined. */
import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import type { OpfData } from '../../../solver/contract.ts';
import { Plot } from '../components/Plot.tsx';
import { dlmpStops, plotlyColourscale, range } from './opfScales.ts';
import { hourLabel } from './opfView.ts';

export function DlmpHeatMap({ data, t }: { data: OpfData; t: number }) {
  const trace = useMemo<Data[]>(() => {
    const buses = data.periods[0]?.buses.map((b) => b.id) ?? [];
    const z = buses.map((_, i) => data.periods.map((p) => p.buses[i]!.dlmp.total));
    const [lo, hi] = range(z.flat());
    return [
      {
        type: 'heatmap',
        x: data.periods.map((p) => hourLabel(p.t, data.dtHours)),
        y: buses.map((id) => `bus ${id}`),
        z,
        zmin: lo,
        zmax: hi,
        colorscale: plotlyColourscale(dlmpStops(lo, hi)),
        colorbar: { title: { text: '/kWh' }, thickness: 10 },
        hovertemplate: '%{y} · %{x}<br>DLMP %{z:.4f} /kWh<extra></extra>',
      } as Data,
    ];
  }, [data]);
  const layout = useMemo<Partial<Layout>>(
    () => ({
      margin: { l: 56, r: 8, t: 6, b: 36 },
      yaxis: { autorange: 'reversed', tickfont: { size: 9 } },
      xaxis: { tickangle: 0, dtick: Math.max(1, Math.ceil(data.T / 8)) },
      shapes: [{ type: 'rect', xref: 'x', yref: 'paper', x0: t - 0.5, x1: t + 0.5, y0: 0, y1: 1, line: { color: '#2b2f36', width: 1.5 } }],
    }),
    [t, data.T],
  );
  return <Plot exportName="dlmp-heat-map" height={340} data={trace} layout={layout} testId="dlmp-heatmap" />;
}
