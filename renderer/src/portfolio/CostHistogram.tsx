/** The cost of every scenario as a histogram, with VaR_α and CVaR_α (and E[cost]) drawn as vertical lines. */
import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import type { PortfolioMetrics } from '../../../solver/contract.ts';
import { Plot } from '../components/Plot.tsx';

export const MARKER_COLOURS = { mean: '#2b2f36', var: '#d9822b', cvar: '#c23030' };

/** `xRange`: a shared cost axis when two histograms stand side by side */
export function CostHistogram({ data, xRange, testId = 'cost-histogram', height = 260, colour = '#9fb3c8' }: { data: PortfolioMetrics; xRange?: [number, number]; testId?: string; height?: number; colour?: string }) {
  const traces = useMemo<Data[]>(
    // side by side, both use the same bins
    () => [{ x: data.costs, type: 'histogram', ...(xRange ? { xbins: { start: xRange[0], end: xRange[1], size: (xRange[1] - xRange[0]) / 30 } } : { nbinsx: Math.min(40, Math.max(10, Math.round(Math.sqrt(data.costs.length) * 2))) }), marker: { color: colour, line: { color: '#627d98', width: 0.5 } }, hovertemplate: 'cost %{x}<br>%{y} scenarios<extra></extra>' }],
    [data.costs, colour, xRange],
  );
  const layout = useMemo<Partial<Layout>>(() => {
    const pct = `${Math.round(data.alpha * 1000) / 10} %`;
    // a label near the right edge reads leftwards from its line, so it is not cut off
    const [lo, hi] = xRange ?? [Math.min(...data.costs), Math.max(...data.costs)];
    const anchor = (x: number) => (x > lo + 0.6 * (hi - lo) ? ('right' as const) : ('left' as const));
    const line = (x: number, colour: string, label: string, dash: 'solid' | 'dash' | 'dot', y: number) => ({
      shape: { type: 'line' as const, xref: 'x' as const, yref: 'paper' as const, x0: x, x1: x, y0: 0, y1: 1, line: { color: colour, width: 2, dash }, name: label },
      annotation: { x, y, xref: 'x' as const, yref: 'paper' as const, text: label, showarrow: false, xanchor: anchor(x), font: { color: colour, size: 11 }, bgcolor: 'rgba(255,255,255,0.8)' },
    });
    const marks = [
      line(data.expectedCost, MARKER_COLOURS.mean, `E[cost] ${data.expectedCost.toFixed(0)}`, 'dot', 0.98),
      line(data.var, MARKER_COLOURS.var, `VaR ${pct} ${data.var.toFixed(0)}`, 'dash', 0.86),
      line(data.cvar, MARKER_COLOURS.cvar, `CVaR ${pct} ${data.cvar.toFixed(0)}`, 'solid', 0.74),
    ];
    return {
      bargap: 0.03,
      xaxis: { title: { text: 'cost over the horizon' }, gridcolor: '#eef0f3', ...(xRange ? { range: xRange } : {}) },
      yaxis: { title: { text: 'scenarios' }, gridcolor: '#eef0f3' },
      margin: { l: 52, r: 12, t: 8, b: 42 },
      shapes: marks.map((m) => m.shape),
      annotations: marks.map((m) => m.annotation),
    };
  }, [data.alpha, data.expectedCost, data.var, data.cvar, data.costs, xRange]);
  return <Plot exportName="portfolio-cost-histogram" height={height} data={traces} layout={layout} testId={testId} />;
}
