/** One what-if plot with its caption and the sentence under it (points not solved, why there is no plot). */
import { Plot } from '../components/Plot.tsx';
import type { OutputPlot } from './studyPlots.ts';

export function PlotFigure({ plot, stem, testId, height = 220 }: { plot: OutputPlot | undefined | null; stem: string; testId: string; height?: number }) {
  if (!plot) return null;
  return (
    <figure className="whatif-plot">
      <figcaption>{plot.title}</figcaption>
      {plot.data.length > 0 && <Plot testId={testId} exportName={`${stem}-${plot.outputId}`} height={height} data={plot.data} layout={plot.layout} />}
      {plot.note && <div className="whatif-note">{plot.note}</div>}
    </figure>
  );
}
