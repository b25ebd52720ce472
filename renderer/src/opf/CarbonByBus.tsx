/** Carbon intensity of the power consumed at each bus at the chosen hour, on the diagram's carbon scale, with the grid's intensity for reference. */
import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import type { OpfData, OpfPeriod } from '../../../solver/contract.ts';
import { Plot } from '../components/Plot.tsx';
import { carbonStops, colourAt, range } from './opfScales.ts';

export function CarbonByBus({ data, period }: { data: OpfData; period: OpfPeriod }) {
  const hi = useMemo(() => range(data.periods.flatMap((p) => p.buses.map((b) => b.carbonKgPerKwh)))[1], [data]);
  const traces = useMemo<Data[]>(() => {
    const stops = carbonStops(hi);
    return [
      {
        x: period.buses.map((b) => b.id),
        y: period.buses.map((b) => b.carbonKgPerKwh),
        type: 'bar',
        marker: { color: period.buses.map((b) => colourAt(stops, b.carbonKgPerKwh)) },
        hovertemplate: 'bus %{x}<br>%{y:.3f} kg/kWh<extra></extra>',
      },
    ];
  }, [period, hi]);
  const layout = useMemo<Partial<Layout>>(
    () => ({
      yaxis: { title: { text: 'kg/kWh' }, range: [0, hi * 1.05 || 1], gridcolor: '#eef0f3' },
      xaxis: { type: 'category', tickfont: { size: 9 } },
      shapes: [{ type: 'line', xref: 'paper', x0: 0, x1: 1, y0: period.gridCarbonKgPerKwh, y1: period.gridCarbonKgPerKwh, line: { color: '#7b8794', dash: 'dash', width: 1 } }],
    }),
    [period, hi],
  );
  return <Plot exportName="carbon-by-bus" height={180} data={traces} layout={layout} testId="carbon-by-bus" />;
}
