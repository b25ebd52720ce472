/** A residual per sweep on a log axis: the convergence evidence of an iterative solver. */
import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import { Plot } from '../components/Plot.tsx';

export function ResidualHistoryPlot({ values, quantity, unit }: { values: readonly number[]; quantity: string; unit: string }) {
  const data = useMemo<Data[]>(
    () => [
      {
        y: [...values],
        x: values.map((_, i) => i + 1),
        type: 'scatter',
        mode: 'lines+markers',
        line: { color: '#3b4a5e', width: 1.2 },
        marker: { size: 4 },
        hovertemplate: `sweep %{x}<br>${quantity} %{y:.2e} ${unit}<extra></extra>`,
      },
    ],
    [values, quantity, unit],
  );
  const layout = useMemo<Partial<Layout>>(
    () => ({ yaxis: { type: 'log', title: { text: `${quantity} ${unit}` }, exponentformat: 'power', gridcolor: '#eef0f3' }, xaxis: { title: { text: 'sweep' }, dtick: values.length > 20 ? undefined : 1 }, margin: { l: 52, r: 10, t: 4, b: 30 } }),
    [values.length, quantity, unit],
  );
  return <Plot exportName="residual-history" height={110} data={data} layout={layout} />;
}
