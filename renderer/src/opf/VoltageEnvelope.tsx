/** Lowest and highest bus voltage at every hour (LinDistFlow, and AC where computed) against the feeder's limits. */
import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import type { OpfData } from '../../../solver/contract.ts';
import { Plot } from '../components/Plot.tsx';
import { hourLabel } from './opfView.ts';

export function VoltageEnvelope({ data, vminPu, vmaxPu, t }: { data: OpfData; vminPu: number; vmaxPu: number; t: number }) {
  const traces = useMemo<Data[]>(() => {
    const x = data.periods.map((p) => hourLabel(p.t, data.dtHours));
    const lin = data.periods.map((p) => p.buses.map((b) => b.vLinPu));
    const ac = data.periods.map((p) => p.buses.map((b) => b.vAcPu).filter((v): v is number => v !== null));
    const band = (vs: number[][], name: string, colour: string, dash?: 'dot'): Data[] => [
      { x, y: vs.map((v) => Math.min(...v)), type: 'scatter', mode: 'lines', name: `${name} min`, line: { color: colour, width: 1.5, ...(dash ? { dash } : {}) }, hovertemplate: `%{x} ${name} min %{y:.4f} p.u.<extra></extra>` },
      { x, y: vs.map((v) => Math.max(...v)), type: 'scatter', mode: 'lines', name: `${name} max`, fill: dash ? 'none' : 'tonexty', fillcolor: 'rgba(44,111,187,0.12)', line: { color: colour, width: 1.5, ...(dash ? { dash } : {}) }, hovertemplate: `%{x} ${name} max %{y:.4f} p.u.<extra></extra>` },
    ];
    const limit = (y: number, name: string): Data => ({ x, y: x.map(() => y), type: 'scatter', mode: 'lines', name, line: { color: '#c0392b', width: 1, dash: 'dash' }, hoverinfo: 'skip' });
    return [...band(lin, 'LinDistFlow', '#2c6fbb'), ...(ac.every((v) => v.length) ? band(ac, 'AC', '#3b4a5e', 'dot') : []), limit(vminPu, 'Vmin'), limit(vmaxPu, 'Vmax')];
  }, [data, vminPu, vmaxPu]);
  const layout = useMemo<Partial<Layout>>(
    () => ({
      yaxis: { title: { text: 'p.u.' }, gridcolor: '#eef0f3' },
      xaxis: { nticks: 12 },
      showlegend: true,
      legend: { orientation: 'h', x: 0, y: -0.22, font: { size: 10 } },
      margin: { l: 48, r: 8, t: 6, b: 52 },
      shapes: [{ type: 'line', xref: 'x', yref: 'paper', x0: t, x1: t, y0: 0, y1: 1, line: { color: '#8a929c', width: 1 } }],
    }),
    [t],
  );
  return <Plot exportName="voltage-envelope" height={230} data={traces} layout={layout} testId="voltage-envelope" />;
}
