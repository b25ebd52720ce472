/** Indoor temperature of one building against its comfort band and set-point, with its AC power. */
import { useMemo, useState } from 'react';
import type { Data, Layout } from 'plotly.js';
import type { VppEquilibrium } from '../../../solver/contract.ts';
import { Plot } from '../components/Plot.tsx';
import { withAlpha } from './vppColours.ts';

export function BuildingComfort({ vpps, colours, dtHours }: { vpps: VppEquilibrium[]; colours: Map<string, string>; dtHours: number }) {
  const choices = useMemo(() => vpps.flatMap((v) => v.buildings.map((b) => ({ key: `${v.id}/${b.id}`, vpp: v, building: b }))), [vpps]);
  const [key, setKey] = useState<string | null>(null);
  const shown = choices.find((c) => c.key === key) ?? choices[0];
  const traces = useMemo<Data[]>(() => {
    if (!shown) return [];
    const { building: b, vpp } = shown;
    const colour = colours.get(vpp.id) ?? '#4e79a7';
    const periods = b.acKw.map((_, t) => t * dtHours);
    // the band of period t bounds the temperature at its end: drawn over [t, t+1]
    const bandX = [...periods, b.acKw.length * dtHours];
    const band = (v: number[]) => [...v, v[v.length - 1] ?? NaN];
    return [
      { name: 'AC power', x: periods.map((h) => h + dtHours / 2), y: b.acKw, yaxis: 'y2', type: 'bar', marker: { color: withAlpha(colour, 0.35) }, hovertemplate: 'AC %{y:.1f} kW<extra></extra>' },
      { name: 'band max', x: bandX, y: band(b.maxC), type: 'scatter', mode: 'lines', line: { color: '#7aa37a', width: 1, shape: 'hv' }, hoverinfo: 'skip', showlegend: false },
      { name: 'comfort band', x: bandX, y: band(b.minC), type: 'scatter', mode: 'lines', fill: 'tonexty', fillcolor: 'rgba(122,163,122,0.16)', line: { color: '#7aa37a', width: 1, shape: 'hv' }, hoverinfo: 'skip' },
      { name: 'indoor temperature', x: b.tempC.map((_, i) => i * dtHours), y: b.tempC, type: 'scatter', mode: 'lines+markers', line: { color: colour, width: 2.5 }, marker: { size: 4 }, hovertemplate: '%{y:.2f} °C at %{x}:00<extra></extra>' },
    ];
  }, [shown, colours, dtHours]);
  const layout = useMemo<Partial<Layout>>(
    () => ({
      showlegend: true,
      legend: { orientation: 'h', y: 1.16, x: 0 },
      margin: { l: 44, r: 48, t: 26, b: 32 },
      xaxis: { title: { text: 'hour' }, dtick: 3 * dtHours },
      yaxis: { title: { text: '°C' }, gridcolor: '#eef0f3' },
      yaxis2: { title: { text: 'AC kW' }, overlaying: 'y', side: 'right', rangemode: 'tozero', showgrid: false },
    }),
    [dtHours],
  );
  if (!shown) return <p className="muted">No buildings in this scenario.</p>;
  return (
    <>
      <div className="section-head">
        <span>Building comfort</span>
        <select value={shown.key} aria-label="building" onChange={(e) => setKey(e.target.value)}>
          {choices.map((c) => (
            <option key={c.key} value={c.key}>
              {c.vpp.name || c.vpp.id} · {c.building.name || c.building.id} ({c.building.control})
            </option>
          ))}
        </select>
      </div>
      <Plot data={traces} layout={layout} height={220} exportName={`building-${shown.building.id}`} testId="vpp-building" />
    </>
  );
}
