/**
 * DLMP of every bus at every hour (bus × hour), on the diagram's DLMP scale;
 * the chosen hour is outlined. `DlmpGrid` draws any [t][bus] DLMP table (the
 * OPF's and the microgrids' P1, renderer/src/microgrid/); `DlmpHeatMap` is the
 * OPF's.
 */
import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import type { OpfData } from '../../../solver/contract.ts';
import { Plot } from '../components/Plot.tsx';
import { dlmpStops, plotlyColourscale, range } from './opfScales.ts';
import { hourLabel } from './opfView.ts';

export function DlmpHeatMap({ data, t }: { data: OpfData; t: number }) {
  const busIds = useMemo(() => data.periods[0]?.buses.map((b) => b.id) ?? [], [data]);
  const dlmp = useMemo(() => data.periods.map((p) => p.buses.map((b) => b.dlmp.total)), [data]);
  return <DlmpGrid busIds={busIds} dlmp={dlmp} dtHours={data.dtHours} t={t} />;
}

/** `dlmp[t][bus]`, currency/kWh, buses in the order of `busIds`. */
export function DlmpGrid({ busIds, dlmp, dtHours, t, testId = 'dlmp-heatmap', exportName = 'dlmp-heat-map' }: { busIds: string[]; dlmp: number[][]; dtHours: number; t: number; testId?: string; exportName?: string }) {
  const T = dlmp.length;
  const trace = useMemo<Data[]>(() => {
    const z = busIds.map((_, i) => dlmp.map((row) => row[i]!));
    const [lo, hi] = range(z.flat());
    return [
      {
        type: 'heatmap',
        x: dlmp.map((_, k) => hourLabel(k, dtHours)),
        y: busIds.map((id) => `bus ${id}`),
        z,
        zmin: lo,
        zmax: hi,
        colorscale: plotlyColourscale(dlmpStops(lo, hi)),
        colorbar: { title: { text: '/kWh' }, thickness: 10 },
        hovertemplate: '%{y} · %{x}<br>DLMP %{z:.4f} /kWh<extra></extra>',
      } as Data,
    ];
  }, [busIds, dlmp, dtHours]);
  const layout = useMemo<Partial<Layout>>(
    () => ({
      margin: { l: 56, r: 8, t: 6, b: 36 },
      yaxis: { autorange: 'reversed', tickfont: { size: 9 } },
      xaxis: { tickangle: 0, dtick: Math.max(1, Math.ceil(T / 8)) },
      shapes: [{ type: 'rect', xref: 'x', yref: 'paper', x0: t - 0.5, x1: t + 0.5, y0: 0, y1: 1, line: { color: '#2b2f36', width: 1.5 } }],
    }),
    [t, T],
  );
  return <Plot exportName={exportName} height={Math.max(160, Math.min(340, 60 + 14 * busIds.length))} data={trace} layout={layout} testId={testId} />;
}
