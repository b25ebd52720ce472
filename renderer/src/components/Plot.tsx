/** A thin plotly wrapper: Plotly.react on a div whenever data or layout change; purge on unmount. */
import { useEffect, useRef } from 'react';
import type { Config, Data, Layout } from 'plotly.js';

// plotly is most of the bundle: load it on the first plot, not before the window appears
let plotly: Promise<typeof import('plotly.js-dist-min')> | null = null;
const loadPlotly = () => (plotly ??= import('plotly.js-dist-min'));

export interface PlotProps {
  data: Data[];
  layout?: Partial<Layout>;
  /** file name (without .png) for the modebar's PNG export */
  exportName: string;
  height: number;
  testId?: string;
  /** no modebar, no interaction: for sparklines */
  static?: boolean;
}

const FONT = { family: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', size: 11, color: '#2b2f36' };

export function Plot({ data, layout, exportName, height, testId, static: isStatic }: PlotProps) {
  const div = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = div.current;
    if (!el) return;
    const config: Partial<Config> = isStatic
      ? { staticPlot: true, responsive: true }
      : {
          responsive: true,
          displaylogo: false,
          modeBarButtonsToRemove: ['lasso2d', 'select2d', 'autoScale2d'],
          toImageButtonOptions: { format: 'png', filename: exportName, scale: 2 },
        };
    let live = true;
    void loadPlotly().then((Plotly) => {
      if (!live) return;
      void Plotly.react(
      el,
      data,
      {
        height,
        margin: { l: 48, r: 12, t: 8, b: 32 },
        font: FONT,
        paper_bgcolor: 'rgba(0,0,0,0)',
        plot_bgcolor: '#ffffff',
        showlegend: false,
        ...layout,
      },
      config,
      );
    });
    return () => {
      live = false;
    };
  }, [data, layout, exportName, height, isStatic]);
  useEffect(() => {
    const el = div.current;
    return () => {
      if (el && plotly) void plotly.then((Plotly) => Plotly.purge(el));
    };
  }, []);
  return <div ref={div} data-testid={testId} style={{ height, width: '100%' }} />;
}
