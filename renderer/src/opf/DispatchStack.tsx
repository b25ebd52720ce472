/**
 * Where each hour's energy comes from: grid import (export below zero), PV,
 * battery discharge (charging below zero) and generators, stacked, with the
 * total bus load as a line.
 */
import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import type { OpfData } from '../../../solver/contract.ts';
import { Plot } from '../components/Plot.tsx';
import { hourLabel } from './opfView.ts';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

export function DispatchStack({ data, t }: { data: OpfData; t: number }) {
  const traces = useMemo<Data[]>(() => {
    const x = data.periods.map((p) => hourLabel(p.t, data.dtHours));
    const bar = (name: string, colour: string, y: number[]): Data => ({ x, y, name, type: 'bar', marker: { color: colour }, hovertemplate: `%{x} ${name} %{y:.0f} kW<extra></extra>` });
    return [
      bar('Grid', '#7b8794', data.periods.map((p) => p.importKw - p.exportKw)),
      bar('PV', '#f0b429', data.periods.map((p) => sum(p.pv.map((g) => g.pKw)))),
      bar('Battery', '#2f8f5f', data.periods.map((p) => sum(p.batteries.map((b) => b.dischargeKw - b.chargeKw)))),
      bar('Generators', '#8e5bb5', data.periods.map((p) => sum(p.generators.map((g) => g.pKw)))),
      { x, y: data.periods.map((p) => sum(p.buses.map((b) => b.loadKw))), name: 'Load', type: 'scatter', mode: 'lines', line: { color: '#2b2f36', width: 1.5 }, hovertemplate: '%{x} load %{y:.0f} kW<extra></extra>' },
    ];
  }, [data]);
  const layout = useMemo<Partial<Layout>>(
    () => ({
      barmode: 'relative',
      bargap: 0.15,
      yaxis: { title: { text: 'kW' }, gridcolor: '#eef0f3' },
      xaxis: { nticks: 12 },
      showlegend: true,
      legend: { orientation: 'h', x: 0, y: -0.2, font: { size: 10 } },
      margin: { l: 52, r: 8, t: 6, b: 52 },
      shapes: [{ type: 'rect', xref: 'x', yref: 'paper', x0: t - 0.5, x1: t + 0.5, y0: 0, y1: 1, line: { width: 0 }, fillcolor: 'rgba(0,0,0,0.06)' }],
    }),
    [t],
  );
  return <Plot exportName="dispatch-stack" height={250} data={traces} layout={layout} testId="dispatch-stack" />;
}
