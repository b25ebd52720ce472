/** Losses: per-period bars when the horizon has several periods (the shown period highlighted). */
import { useMemo } from 'react';
import type { Data } from 'plotly.js';
import type { PowerflowData } from '../../../solver/contract.ts';
import { Plot } from '../components/Plot.tsx';
import { useSession } from '../state/session.ts';

export function LossesView({ data }: { data: PowerflowData }) {
  const t = useSession((s) => s.period);
  const traces = useMemo<Data[]>(
    () => [
      {
        x: data.periods.map((p) => p.t + 1),
        y: data.periods.map((p) => p.lossesKw),
        type: 'bar',
        marker: { color: data.periods.map((p) => (p.t === t ? '#2c6fbb' : '#9fb3c8')) },
        hovertemplate: 'period %{x}<br>%{y:.2f} kW<extra></extra>',
      },
    ],
    [data, t],
  );
  if (data.T <= 1) return null;
  return (
    <Plot
      testId="losses-plot"
      exportName="losses"
      height={150}
      data={traces}
      layout={{ xaxis: { title: { text: 'period' }, dtick: data.T > 30 ? undefined : 1, tickfont: { size: 9 } }, yaxis: { title: { text: 'losses (kW)' }, gridcolor: '#eef0f3' }, margin: { l: 52, r: 10, t: 6, b: 34 }, bargap: 0.15 }}
    />
  );
}
