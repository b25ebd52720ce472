/**
 * A thin plotly wrapper: Plotly.react on a div whenever data or layout
 * change; purge on unmount. Every plot's toolbar exports it as PNG (plotly's
 * own button) and as SVG (ours: Plotly.toImage, saved through the app's
 * download helper like a CSV, so a figure can go into a paper or a slide as vectors).
 */
import { useEffect, useRef } from 'react';
import type { Config, Data, Layout, ModeBarButton } from 'plotly.js';
import { downloadText } from '../host/download.ts';

// plotly is most of the bundle: load it on the first plot, not before the window appears
let plotly: Promise<typeof import('plotly.js-dist-min')> | null = null;
const loadPlotly = () => (plotly ??= import('plotly.js-dist-min'));

export interface PlotProps {
  data: Data[];
  layout?: Partial<Layout>;
  /** file name (without .png / .svg) for the toolbar's PNG and SVG exports */
  exportName: string;
  height: number;
  testId?: string;
  /** no modebar, no interaction: for sparklines */
  static?: boolean;
}

/** The SVG text of Plotly.toImage's answer: a `data:image/svg+xml,` URL (URI-encoded or base64), or the SVG itself. */
export function svgOfImage(image: string): string {
  if (image.startsWith('<')) return image;
  const comma = image.indexOf(',');
  const head = image.slice(0, comma);
  const body = image.slice(comma + 1);
  return head.endsWith(';base64') ? new TextDecoder().decode(Uint8Array.from(atob(body), (c) => c.charCodeAt(0))) : decodeURIComponent(body);
}

// a curve between two nodes: "vector image", beside plotly's camera (PNG)
const SVG_ICON = {
  svg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M4 19C8 5 16 19 20 5" fill="none" stroke="currentColor" stroke-width="2"/><rect x="2" y="17" width="4" height="4"/><rect x="18" y="3" width="4" height="4"/></svg>',
};

function svgButton(exportName: string): ModeBarButton {
  return {
    name: 'toSvg',
    title: 'Download plot as SVG',
    icon: SVG_ICON,
    click: (gd) => {
      void loadPlotly()
        .then((Plotly) => Plotly.toImage(gd, { format: 'svg', width: null, height: null }))
        .then((image) => downloadText(`${exportName}.svg`, svgOfImage(image), 'image/svg+xml'));
    },
  };
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
          modeBarButtonsToAdd: [svgButton(exportName)],
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
