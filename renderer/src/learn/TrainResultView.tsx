/**
 * The train job for teaching: the learning curve (community saving against
 * retail-only per episode, mean and 95 % band over seeds) with the truthful
 * and retail-only baselines on the same plot, the bids converging over
 * episodes (buyers and sellers, with the truthful bids as reference), the
 * policy as heat maps (bid price by hour of day and quantity), and the
 * evaluation of the learned bids against both baselines. While training
 * runs, TrainLiveView draws the curve and the bids from the progress of
 * every episode.
 */
import type { Data } from 'plotly.js';
import { hasAnswer } from '../../../solver/jobs/certification.ts';
import type { TrainCertificate, TrainData } from '../../../solver/jobs/kinds/train.ts';
import { useShownResult } from '../results/useShownResult.ts';
import { useSession } from '../state/session.ts';
import { useDocument } from '../state/document.ts';
import { Card } from '../components/Card.tsx';
import { Plot } from '../components/Plot.tsx';

interface Curve {
  episode: number[];
  mean: number[];
  lo: number[];
  hi: number[];
  truthful: number[];
}

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(100 * x).toFixed(1)} %`);
const money = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(2));

/** Learning curve with its band and the two baselines, on one plot. */
export function curveTraces(c: Curve, seeds: number): Data[] {
  const zero = c.episode.map(() => 0);
  return [
    { type: 'scatter', mode: 'lines', x: c.episode, y: c.hi, line: { width: 0 }, showlegend: false, hoverinfo: 'skip' },
    { type: 'scatter', mode: 'lines', name: seeds > 1 ? `95 % band over ${seeds} seeds` : 'one seed: no band', x: c.episode, y: c.lo, fill: 'tonexty', fillcolor: 'rgba(31,119,180,0.2)', line: { width: 0 } },
    { type: 'scatter', mode: 'lines+markers', name: 'learned bids (with exploration)', x: c.episode, y: c.mean, line: { color: '#1f77b4', width: 2 }, marker: { size: 4 } },
    { type: 'scatter', mode: 'lines', name: 'truthful bids, same days', x: c.episode, y: c.truthful, line: { color: '#2ca02c', width: 1.5, dash: 'dash' } },
    { type: 'scatter', mode: 'lines', name: 'retail-only', x: c.episode, y: zero, line: { color: '#7f7f7f', width: 1.5, dash: 'dot' } },
  ];
}

/** Mean bid of buyers and sellers per episode, with the truthful bids (retail, feed-in) as reference lines. */
export function bidTraces(episode: number[], buy: (number | null)[][], sell: (number | null)[][], retail: number, feedIn: number, labels: string[]): Data[] {
  const line = (y: number, name: string, color: string): Data => ({ type: 'scatter', mode: 'lines', name, x: [episode[0] ?? 0, episode.at(-1) ?? 1], y: [y, y], line: { color, dash: 'dot', width: 1 } });
  return [
    ...buy.map((y, i): Data => ({ type: 'scatter', mode: 'lines', name: `buyers${labels[i] ? ` (${labels[i]})` : ''}`, x: episode, y, line: { color: '#d62728', width: 1.5 }, opacity: 1 - 0.25 * i, legendgroup: 'buy', showlegend: i === 0 })),
    ...sell.map((y, i): Data => ({ type: 'scatter', mode: 'lines', name: `sellers${labels[i] ? ` (${labels[i]})` : ''}`, x: episode, y, line: { color: '#ff7f0e', width: 1.5 }, opacity: 1 - 0.25 * i, legendgroup: 'sell', showlegend: i === 0 })),
    line(retail, `truthful buy bid (retail ${retail})`, '#d62728'),
    line(feedIn, `truthful ask (feed-in ${feedIn})`, '#ff7f0e'),
  ];
}

const curveLayout = (classroom: boolean) => ({
  xaxis: { title: { text: 'training episode (one day of quarter-hours)' } },
  yaxis: { title: { text: 'saving vs retail-only' } },
  showlegend: true,
  legend: { orientation: 'h' as const, y: 1.02, yanchor: 'bottom' as const, x: 0 },
  margin: { t: classroom ? 90 : 80, r: 10, b: 45, l: 55 },
});
const bidLayout = {
  xaxis: { title: { text: 'training episode' } },
  yaxis: { title: { text: 'mean bid (per kWh)' } },
  showlegend: true,
  legend: { orientation: 'h' as const, y: 1.02, yanchor: 'bottom' as const, x: 0 },
  margin: { t: 70, r: 10, b: 45, l: 55 },
};

export function TrainLiveView({ classroom }: { classroom: boolean }) {
  const log = useSession((s) => s.job.progressLog).filter((m) => m.episode !== undefined);
  const paused = useSession((s) => s.job.paused);
  const learning = useDocument((s) => s.scenario.learning);
  const retail = learning?.retail ?? 0.3, feedIn = learning?.feedIn ?? 0.08;
  const episode = log.map((m) => m.episode!);
  const num = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? null : v);
  const curve: Curve = { episode, mean: log.map((m) => m.saving!), lo: log.map((m) => m.savingLo!), hi: log.map((m) => m.savingHi!), truthful: log.map((m) => m.truthfulSaving!) };
  return (
    <div className="results" data-testid="train-live">
      <div className="section-head">
        <span>Training{paused ? ' (paused)' : ''}: episode {episode.at(-1) ?? 0}</span>
        <span className="muted">the curve grows with every episode; Pause holds it, Cancel stops it</span>
      </div>
      {classroom && (
        <p className="explain">
          Each episode is one day: every household bids every quarter-hour, and the learners improve their bids from what they earned. The blue line is what the learned bids saved the community against buying and selling everything at the retail and feed-in prices; green is what honest bids save on the same days.
        </p>
      )}
      <Plot data={curveTraces(curve, 0)} layout={curveLayout(classroom)} exportName="learning-curve-live" height={300} testId="train-live-curve" />
      <Plot data={bidTraces(episode, [log.map((m) => num(m.buyBid))], [log.map((m) => num(m.sellBid))], retail, feedIn, [''])} layout={bidLayout} exportName="bids-live" height={240} testId="train-live-bids" />
    </div>
  );
}

export function TrainResultView({ classroom }: { classroom: boolean }) {
  const shown = useShownResult();
  const d = shown?.result.data as TrainData | undefined;
  if (!shown || shown.result.job !== 'train' || !hasAnswer(shown.result.status) || !d) return null;
  const c = shown.result.certificate as TrainCertificate | null;
  const e = d.evaluation, b = e.learnedBand;
  const curve: Curve = { episode: d.curves.map((x) => x.episode), mean: d.curves.map((x) => x.savingBand.mean), lo: d.curves.map((x) => x.savingBand.lo), hi: d.curves.map((x) => x.savingBand.hi), truthful: d.curves.map((x) => x.truthfulSaving) };
  const episode = curve.episode;
  const heat = (z: number[][], title: string): Data[] => [{ type: 'heatmap', x: d.policyMap.hours, y: d.policyMap.quantities.map((q) => Number(q.toFixed(3))), z, zmin: d.feedIn, zmax: d.retail, colorscale: 'Viridis', colorbar: { title: { text: 'bid' } }, name: title, hovertemplate: 'hour %{x}, %{y} kWh: bid %{z:.3f}<extra></extra>' }];
  const heatLayout = (title: string) => ({ title: { text: title, font: { size: 13 } }, xaxis: { title: { text: 'hour of day' } }, yaxis: { title: { text: 'kWh this quarter-hour' } }, margin: { t: 30, r: 10, b: 45, l: 55 } });
  const rows = [
    ...e.learned.map((o, i) => ({ name: `learned, seed ${d.seeds[i]}`, o })),
    { name: 'truthful', o: e.truthful },
    { name: 'retail-only', o: e.retailOnly },
  ];
  return (
    <div data-testid="train-result">
      <div className="cards" data-testid="train-summary">
        <Card label="Saving, learned bids" value={money(b.saving.mean)} sub={d.seeds.length > 1 ? `95 % band [${money(b.saving.lo)}, ${money(b.saving.hi)}] over ${d.seeds.length} seeds` : 'one seed'} />
        <Card label="Saving, truthful bids" value={money(e.truthful.saving)} sub="retail-only saves 0 by definition" />
        <Card label="Self-sufficiency" value={pct(b.selfSufficiency.mean)} sub={`truthful ${pct(e.truthful.selfSufficiency)}, retail-only ${pct(e.retailOnly.selfSufficiency)}`} />
        <Card label="Market efficiency" value={pct(b.efficiency?.mean)} sub={`traded / tradable; truthful ${pct(e.truthful.efficiency)}`} warn={(b.efficiency?.mean ?? 1) < 0.9} />
        <Card label="Certificate" value={shown.result.status === 'ok' ? 'holds' : 'fails'} sub={c ? `${c.steps} quarter-hours balanced to ${c.balanceResidual.toExponential(0)} kWh, bills to ${c.billDeviation.toExponential(0)}${c.knownOptimum ? `; fixed book ${pct(c.knownOptimum.gainShare)} of best gain` : ''}` : ''} warn={shown.result.status !== 'ok'} />
      </div>
      {classroom && (
        <p className="explain">
          Under a uniform price every kWh traded inside the community saves the whole gap between the retail and the feed-in price, whoever keeps it. So the community as a whole can at best match truthful bidding: a learner that shades its bid wins money from its neighbours, and when shading makes bids miss each other, kWh that could have traded go to the grid. Watch the efficiency.
        </p>
      )}
      {episode.length > 0 && (
        <>
          <div className="section-head">
            <span>Learning curve and baselines (community saving per day against retail-only)</span>
            <span className="muted" data-testid="train-run-settings">{d.episodes} episodes, seeds {d.seeds.join(', ')}, {d.mechanism}</span>
          </div>
          <Plot data={curveTraces(curve, d.seeds.length)} layout={curveLayout(classroom)} exportName="learning-curve" height={360} testId="train-curve" />
          <div className="section-head">
            <span>Bids over episodes</span>
            <span className="muted">mean policy bid (no exploration) of the households that bid</span>
          </div>
          <Plot data={bidTraces(episode, d.seeds.map((_, i) => d.curves.map((x) => x.buyBid[i] ?? null)), d.seeds.map((_, i) => d.curves.map((x) => x.sellBid[i] ?? null)), d.retail, d.feedIn, d.seeds.map((s) => `seed ${s}`))} layout={bidLayout} exportName="bids" height={300} testId="train-bids" />
        </>
      )}
      <div className="section-head">
        <span>Policy (seed {d.seeds[0]}): bid price by hour and quantity, battery half full</span>
      </div>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }} data-testid="train-policy">
        <Plot data={heat(d.policyMap.buy, 'buyers')} layout={heatLayout('buyers (truthful: retail)')} exportName="policy-buy" height={260} />
        <Plot data={heat(d.policyMap.sell, 'sellers')} layout={heatLayout('sellers (truthful: feed-in)')} exportName="policy-sell" height={260} />
      </div>
      <div className="section-head">
        <span>Evaluation: {e.episodes} days, learned vs truthful vs retail-only</span>
      </div>
      <div className="table-scroll" style={{ maxHeight: 'none' }}>
        <table className="grid readonly" data-testid="train-table">
          <thead>
            <tr>
              <th>Bids</th>
              <th>Bills</th>
              <th>Saving vs retail-only</th>
              <th>Self-sufficiency</th>
              <th>Efficiency</th>
              <th>Traded kWh</th>
              <th>Import kWh</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.name}>
                <td>{r.name}</td>
                <td>{money(r.o.bills)}</td>
                <td>{money(r.o.saving)}</td>
                <td>{pct(r.o.selfSufficiency)}</td>
                <td>{pct(r.o.efficiency)}</td>
                <td>{r.o.traded.toFixed(1)}</td>
                <td>{r.o.gridImport.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
