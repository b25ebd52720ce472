/**
 * The dlmp-learn job for teaching: how good the DNN surrogate of the
 * carbon-aware DLMPs is (held-out error), the traders' learning curves on
 * surrogate and exact prices, and per evaluated state the injections and
 * exact prices of both trained pairs beside the Nash equilibrium, with
 * profits, welfare and exploitability in a table.
 */
import type { Data } from 'plotly.js';
import { hasAnswer } from '../../../solver/jobs/certification.ts';
import type { DlmpLearnCertificate, DlmpLearnData } from '../../../solver/jobs/kinds/dlmpLearn.ts';
import { useShownResult } from '../results/useShownResult.ts';
import { Card } from '../components/Card.tsx';
import { Plot } from '../components/Plot.tsx';

const num = (x: number, n = 2) => (Number.isFinite(x) ? x.toFixed(n) : '—');
const RUNS = [
  { key: 'surrogateTrained', name: 'trained on the surrogate', color: '#ff7f0e' },
  { key: 'exactTrained', name: 'trained on the exact OPF', color: '#1f77b4' },
  { key: 'nash', name: 'Nash equilibrium (best response)', color: '#2ca02c' },
] as const;

/** A moving average, so an episode's exploration noise does not hide the trend. */
function smooth(y: number[], w: number): number[] {
  return y.map((_, i) => {
    const from = Math.max(0, i - w + 1);
    const part = y.slice(from, i + 1);
    return part.reduce((a, b) => a + b, 0) / part.length;
  });
}

export function DlmpLearnResultView({ classroom }: { classroom: boolean }) {
  const shown = useShownResult();
  const d = shown?.result.data as DlmpLearnData | undefined;
  if (!shown || shown.result.job !== 'dlmp-learn' || !hasAnswer(shown.result.status) || !d) return null;
  const c = shown.result.certificate as DlmpLearnCertificate | null;
  const s = d.summary, h = d.surrogate.heldOut;
  const labels = d.evaluation.map((p) => `h${p.period} × ${p.load.toFixed(3)}`);
  const episodes = d.curves.exact.map((_, k) => k + 1);
  const w = Math.max(1, Math.round(episodes.length / 15));
  const curves: Data[] = [
    { type: 'scatter', mode: 'lines', name: `on surrogate prices (mean of ${w})`, x: episodes, y: smooth(d.curves.surrogate, w), line: { color: '#ff7f0e', width: 2 } },
    { type: 'scatter', mode: 'lines', name: `on exact OPF prices (mean of ${w})`, x: episodes, y: smooth(d.curves.exact, w), line: { color: '#1f77b4', width: 2 } },
  ];
  const injections: Data[] = d.agents.flatMap((a, i) =>
    RUNS.map((r): Data => ({ type: 'bar', name: `${r.name}, bus ${a.busId}`, x: labels, y: d.evaluation.map((p) => p[r.key].q[i]!), marker: { color: r.color, opacity: i === 0 ? 1 : 0.55 }, legendgroup: r.key })),
  );
  const prices: Data[] = [
    ...RUNS.map((r): Data => ({ type: 'scatter', mode: 'lines+markers', name: r.name, x: labels, y: d.evaluation.map((p) => p[r.key].prices.reduce((x, y) => x + y, 0) / p[r.key].prices.length), line: { color: r.color } })),
    { type: 'scatter', mode: 'markers', name: 'surrogate\'s own price for its traders', x: labels, y: d.evaluation.map((p) => p.surrogateTrained.surrogatePrices.reduce((x, y) => x + y, 0) / p.surrogateTrained.surrogatePrices.length), marker: { color: '#ff7f0e', symbol: 'x', size: 9 } },
  ];
  const legend = { orientation: 'h' as const, y: 1.02, yanchor: 'bottom' as const, x: 0 };
  // the per-state plots have many entries: below the axis, where they cannot cover the bars
  const legendBelow = { orientation: 'h' as const, y: -0.28, yanchor: 'top' as const, x: 0 };
  return (
    <div data-testid="dlmp-learn-result">
      <div className="cards" data-testid="dlmp-learn-summary">
        <Card label="Surrogate held-out error" value={num(h.agentMae, 4)} sub={`mean |DLMP error| at the agents' buses over ${h.samples} unseen OPF solves; largest ${num(h.agentMaxError, 4)}`} warn={c ? h.agentMae > c.surrogateTolerance : false} />
        <Card label="Profit per period" value={`${num(s.surrogateTrained.profit)} / ${num(s.exactTrained.profit)}`} sub={`surrogate-trained / exact-trained on exact prices; Nash ${num(s.nash.profit)}`} />
        <Card label="Gap (surrogate − exact)" value={num(d.gap.profit)} sub={`profit; price ${num(d.gap.price, 4)}, welfare ${num(d.gap.welfare)}`} />
        <Card label="Exploitability" value={`${num(s.surrogateTrained.exploitability)} / ${num(s.exactTrained.exploitability)}`} sub="most one trader gains by deviating alone (exact OPF); 0 at the equilibrium" />
        <Card label="Certificate" value={shown.result.status === 'ok' ? 'holds' : 'fails'} sub={c ? `held-out error ≤ ${c.surrogateTolerance}; equilibria ${c.nashConverged ? 'converged' : 'not converged'}; ${c.opfSolves} OPF solves` : ''} warn={shown.result.status !== 'ok'} />
      </div>
      {classroom && (
        <p className="explain">
          Each trader is paid the price at its own bus, the DLMP the feeder's optimal power flow computes with emissions priced at {d.carbonPricePerKg} per kg. The orange traders learned against a neural network that imitates those prices; the blue ones against the optimal power flow itself. Green is the equilibrium: where no trader gains by changing its injection alone. Where a line is close to its limit, one trader can hold back to keep the price high for both.
        </p>
      )}
      {episodes.length > 0 && (
        <>
          <div className="section-head">
            <span>Learning curves: both traders' profit per episode (with exploration)</span>
            <span className="muted">{d.episodes} episodes × {d.stepsPerEpisode} periods</span>
          </div>
          <Plot data={curves} layout={{ xaxis: { title: { text: 'training episode' } }, yaxis: { title: { text: 'profit' } }, showlegend: true, legend, margin: { t: 40, r: 10, b: 45, l: 55 } }} exportName="dlmp-learning-curves" height={280} testId="dlmp-learn-curves" />
        </>
      )}
      <div className="section-head">
        <span>Injections per evaluated state (period × load level), exact re-pricing</span>
      </div>
      <Plot data={injections} layout={{ barmode: 'group', xaxis: { title: { text: 'state' } }, yaxis: { title: { text: 'kW' } }, showlegend: true, legend: legendBelow, margin: { t: 10, r: 10, b: 190, l: 55 } }} exportName="dlmp-injections" height={460} testId="dlmp-learn-injections" />
      <Plot data={prices} layout={{ xaxis: { title: { text: 'state' } }, yaxis: { title: { text: 'mean DLMP, agents\' buses' } }, showlegend: true, legend: legendBelow, margin: { t: 10, r: 10, b: 130, l: 55 } }} exportName="dlmp-prices" height={340} testId="dlmp-learn-prices" />
      <div className="table-scroll" style={{ maxHeight: 'none' }}>
        <table className="grid readonly" data-testid="dlmp-learn-table">
          <thead>
            <tr>
              <th>State</th>
              {RUNS.map((r) => (
                <th key={r.key}>{r.name}: kW · price · profit · exploitability</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {d.evaluation.map((p, k) => (
              <tr key={labels[k]}>
                <td>{labels[k]}</td>
                {RUNS.map((r) => {
                  const o = p[r.key];
                  return (
                    <td key={r.key}>
                      {o.q.map((q) => q.toFixed(0)).join(' / ')} · {o.prices.map((x) => x.toFixed(3)).join(' / ')} · {num(o.profits.reduce((a, b) => a + b, 0))} · {num(o.exploitability)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
