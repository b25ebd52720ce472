/** Per-period quantile bands across scenarios (5–95 %, 25–75 %) and the median: price or demand. */
import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import { Plot } from '../components/Plot.tsx';

/** `bands`: the 5, 25, 50, 75 and 95 % rows of scenarioQuantiles, each one value per period */
export function FanChart({ bands, unit, colour, digits, exportName, testId, height = 200 }: { bands: number[][]; unit: string; colour: [number, number, number]; digits: number; exportName: string; testId: string; height?: number }) {
  const traces = useMemo<Data[]>(() => {
    const [q05, q25, q50, q75, q95] = bands as [number[], number[], number[], number[], number[]];
    const x = q50.map((_, t) => t + 1);
    const rgba = (a: number) => `rgba(${colour.join(',')},${a})`;
    const fmt = `%{y:.${digits}f} ${unit}`;
    const band = (lo: number[], hi: number[], alpha: number, name: string): Data[] => [
      { x, y: lo, type: 'scatter', mode: 'lines', line: { width: 0 }, hoverinfo: 'skip', name: `${name} low` },
      { x, y: hi, type: 'scatter', mode: 'lines', line: { width: 0 }, fill: 'tonexty', fillcolor: rgba(alpha), name, hovertemplate: `period %{x}: ${name} up to ${fmt}<extra></extra>` },
    ];
    return [...band(q05, q95, 0.15, '5–95 %'), ...band(q25, q75, 0.35, '25–75 %'), { x, y: q50, type: 'scatter', mode: 'lines', line: { color: rgba(1), width: 2 }, name: 'median', hovertemplate: `period %{x}: median ${fmt}<extra></extra>` }];
  }, [bands, unit, colour, digits]);
  const layout = useMemo<Partial<Layout>>(() => ({ xaxis: { title: { text: 'period' }, gridcolor: '#eef0f3' }, yaxis: { title: { text: unit }, gridcolor: '#eef0f3' }, margin: { l: 56, r: 8, t: 8, b: 40 } }), [unit]);
  return <Plot exportName={exportName} height={height} data={traces} layout={layout} testId={testId} />;
}

export const PRICE_COLOUR: [number, number, number] = [47, 111, 179];
export const DEMAND_COLOUR: [number, number, number] = [46, 125, 79];
