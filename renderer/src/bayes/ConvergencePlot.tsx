/** Convergence of iterated best response, per sweep: the largest gain any type found and the largest strategy change (log scale). */
import { Plot } from '../components/Plot.tsx';

export function ConvergencePlot({ convergence, gainUnit, actionUnit, exportName }: { convergence: { maxGain: number[]; maxStrategyChange: number[] }; gainUnit: string; actionUnit: string; exportName: string }) {
  const sweeps = convergence.maxGain.map((_, k) => k + 1);
  // log axes cannot show 0: an exact 0 is drawn at 1e-18
  const floor = (v: number) => Math.max(v, 1e-18);
  return (
    <>
      <div className="section-head">
        <span>Convergence of best response</span>
        <span className="muted">
          {sweeps.length === 1 ? 'one sweep: no type wanted to move (the start was already an equilibrium)' : `${sweeps.length} sweeps; the certificate below is computed independently`}
        </span>
      </div>
      {sweeps.length > 1 && (
        <Plot
          testId={`${exportName}-plot`}
          exportName={exportName}
          height={190}
          data={[
            { type: 'scatter', mode: 'lines+markers', name: `largest gain from moving (${gainUnit})`, x: sweeps, y: convergence.maxGain.map(floor), line: { color: '#d62728' } },
            { type: 'scatter', mode: 'lines+markers', name: `largest strategy change (${actionUnit})`, x: sweeps, y: convergence.maxStrategyChange.map(floor), line: { color: '#1f77b4', dash: 'dot' } },
          ]}
          layout={{
            showlegend: true,
            legend: { orientation: 'h', y: 1.25 },
            xaxis: { title: { text: 'sweep of best response' }, dtick: sweeps.length <= 12 ? 1 : undefined },
            yaxis: { type: 'log', title: { text: 'log scale' }, exponentformat: 'power' },
            margin: { l: 56, r: 10, t: 24, b: 40 },
          }}
        />
      )}
    </>
  );
}
