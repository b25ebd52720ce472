/** A thin plotly wrapper: Plotly.react on a div whenever data or layout change; purge on unmount. */
import { useEffect, useRef } from 'react';
import Plotly from 'plotly.js-dist-min';
import type { Config, Data, Layout } from 'plotly.js';

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
  }, [data, layout, exportName, height, isStatic]);
  useEffect(() => {
    const el = div.current;
    return () => {
      if (el) Plotly.purge(el);
    };
  }, []);
  return <div ref={div} data-testid={testId} style={{ height, width: '100%' }} />;
}
