/**
 * The mg-bargaining result: what each microgrid pays alone, at the social
 * optimum and after the Nash-bargaining payments; the P2P trades between
 * microgrids per period; ADMM's residuals against its stopping thresholds and
 * its gap to the centralised optimum; the AC voltages before and after the
 * ADN's exchange adjustment; the hour-by-hour views (MicrogridHourViews: trade
 * flows, feeder maps before/after, DLMPs); and the communication study (CommunicationStudyCard).
 */
import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import { hasAnswer } from '../../../solver/jobs/certification.ts';
import type { MgBargainingCertificate, MgBargainingData } from '../../../solver/jobs/kinds/mgBargaining.ts';
import { useShownResult } from '../results/useShownResult.ts';
import { useDocument } from '../state/document.ts';
import { Card } from '../components/Card.tsx';
import { Plot } from '../components/Plot.tsx';
import { hourLabel } from '../opf/opfView.ts';
import { CommunicationStudyCard } from './CommunicationStudyCard.tsx';
import { MicrogridHourViews } from './MicrogridHourViews.tsx';

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
const GRID = '#eef0f3';

/** Bars per microgrid: cost alone, at the optimum before payments, and final (after payments). */
export function costTraces(d: MgBargainingData): Data[] {
  const ids = d.microgrids.map((m) => m.id);
  return [
    { name: 'alone', x: ids, y: d.microgrids.map((m) => m.costAlone), type: 'bar', marker: { color: '#9aa3ad' } },
    { name: 'optimum, before payments', x: ids, y: d.microgrids.map((m) => m.costOptimum), type: 'bar', marker: { color: '#7fa7d6' } },
    { name: 'final (after payments)', x: ids, y: d.microgrids.map((m) => m.finalCost), type: 'bar', marker: { color: '#1f4e8c' } },
  ];
}

/** One bar series per trading pair over the periods: kW a receives from b (negative: a sends). */
export function tradeTraces(d: MgBargainingData): Data[] {
  const t = Array.from({ length: d.T }, (_, k) => k);
  return d.pairs.map((p, k) => ({ name: `${p.a} ← ${p.b}`, x: t, y: p.tradeKw, type: 'bar', marker: { color: PALETTE[k % PALETTE.length] }, hovertemplate: `t=%{x}: ${p.a} receives %{y:.1f} kW from ${p.b}<extra></extra>` }));
}

/** Primal and dual residuals per iteration, with their stopping thresholds, on a log axis. */
export function residualTraces(d: MgBargainingData): Data[] {
  const h = d.admm?.history ?? [];
  const k = h.map((x) => x.k);
  return [
    { name: 'primal residual', x: k, y: h.map((x) => x.primal), type: 'scatter', mode: 'lines', line: { color: '#1f4e8c' } },
    { name: 'dual residual', x: k, y: h.map((x) => x.dual), type: 'scatter', mode: 'lines', line: { color: '#d62728' } },
    { name: 'ε primal', x: k, y: h.map((x) => x.epsPrimal), type: 'scatter', mode: 'lines', line: { color: '#1f4e8c', dash: 'dot', width: 1 } },
    { name: 'ε dual', x: k, y: h.map((x) => x.epsDual), type: 'scatter', mode: 'lines', line: { color: '#d62728', dash: 'dot', width: 1 } },
  ];
}

/** The lowest AC voltage of each period before and after the adjustment, with the feeder's lowest limit. */
export function voltageTraces(d: MgBargainingData, vmin: number): Data[] {
  const s = d.safety;
  if (!s) return [];
  const t = s.voltagesBefore.map((_, k) => k);
  return [
    { name: 'after trading (AC)', x: t, y: s.voltagesBefore.map((v) => Math.min(...v)), type: 'scatter', mode: 'lines+markers', line: { color: '#d62728' } },
    { name: 'after adjustment (AC)', x: t, y: s.voltagesAfter.map((v) => Math.min(...v)), type: 'scatter', mode: 'lines+markers', line: { color: '#2ca02c' } },
    { name: 'limit', x: [0, d.T - 1], y: [vmin, vmin], type: 'scatter', mode: 'lines', line: { color: '#7f7f7f', dash: 'dash', width: 1 } },
  ];
}

export function MicrogridResultView({ classroom }: { classroom: boolean }) {
  const shown = useShownResult();
  const ok = !!shown && shown.result.job === 'mg-bargaining' && hasAnswer(shown.result.status) && !!shown.result.data;
  const d = ok ? (shown.result.data as MgBargainingData) : null;
  const c = ok ? (shown.result.certificate as MgBargainingCertificate | null) : null;
  const costs = useMemo(() => (d ? costTraces(d) : []), [d]);
  const trades = useMemo(() => (d ? tradeTraces(d) : []), [d]);
  const residuals = useMemo(() => (d ? residualTraces(d) : []), [d]);
  // the lowest voltage limit of any bus: the line the lowest voltages must stay above
  const buses = useDocument((s) => s.scenario.network.buses);
  const vmin = useMemo(() => Math.min(...buses.map((b) => b.vminPu ?? 0.95)), [buses]);
  const voltages = useMemo(() => (d ? voltageTraces(d, vmin) : []), [d, vmin]);
  if (!d) return null;
  const a = d.admm;
  const sf = d.safety;
  const violations = sf?.rounds[0]?.violations.length ?? 0;
  const barLayout: Partial<Layout> = { barmode: 'group', margin: { l: 48, r: 8, t: 8, b: 28 }, yaxis: { title: { text: 'currency' }, gridcolor: GRID }, legend: { orientation: 'h', y: 1.12 }, showlegend: true };
  const tradeLayout: Partial<Layout> = { barmode: 'relative', margin: { l: 48, r: 8, t: 8, b: 30 }, xaxis: { title: { text: 'period' } }, yaxis: { title: { text: 'kW received' }, gridcolor: GRID }, legend: { orientation: 'h', y: 1.15 }, showlegend: true };
  const resLayout: Partial<Layout> = { margin: { l: 52, r: 8, t: 8, b: 30 }, xaxis: { title: { text: 'iteration' } }, yaxis: { type: 'log', title: { text: 'kW' }, exponentformat: 'power', gridcolor: GRID }, legend: { orientation: 'h', y: 1.15 }, showlegend: true };
  const vLayout: Partial<Layout> = { margin: { l: 52, r: 8, t: 8, b: 30 }, xaxis: { title: { text: 'period' } }, yaxis: { title: { text: 'lowest voltage, p.u.' }, gridcolor: GRID }, legend: { orientation: 'h', y: 1.15 }, showlegend: true };
  return (
    <div data-testid="microgrid-result">
      <div className="cards" data-testid="summary">
        <Card label="Social cost" value={d.socialCost.optimum.toFixed(2)} sub={`alone ${d.socialCost.alone.toFixed(2)}, saving ${d.totalSaving.toFixed(2)}`} />
        <Card label="Each microgrid gains" value={(d.totalSaving / d.microgrids.length).toFixed(2)} sub="Nash bargaining: equal shares" warn={!(d.totalSaving > 0)} />
        {a && <Card label="ADMM" value={`${a.iterations} iterations`} sub={`${a.converged ? 'converged' : 'NOT converged'}, gap ${a.relativeGap.toExponential(1)}`} warn={!a.converged || (c !== null && a.relativeGap > c.gapTolerance)} />}
        {a && (a.lossProbability > 0 || a.maxDelayIterations > 0) && <Card label="Messages lost" value={`${a.messages.lost} / ${a.messages.posted}`} sub={`mean delay ${a.messages.meanDelay.toFixed(2)} iterations`} />}
        {sf && <Card label="Network (AC)" value={violations === 0 ? 'within limits' : `${violations} violations`} sub={violations === 0 ? 'no adjustment needed' : `${sf.adjustedKwh.toFixed(1)} kWh of exchange moved${sf.safe ? ', now safe' : ', still violated'}`} warn={!sf.safe} />}
      </div>
      <div className="section-head">
        <span>Cost of each microgrid: alone, at the optimum, after payments</span>
      </div>
      {classroom && <p className="explain">Trading moves costs between microgrids (a seller may pay more to run its generator); the payments of the Nash bargain then give every microgrid the same saving against what it would pay alone.</p>}
      <Plot data={costs} layout={barLayout} height={220} exportName="microgrid-costs" testId="microgrid-costs" />
      <table className="data-table" data-testid="microgrid-payments">
        <thead>
          <tr><th>microgrid</th><th>bus</th><th>alone</th><th>optimum</th><th>payment</th><th>final</th><th>gain</th></tr>
        </thead>
        <tbody>
          {d.microgrids.map((m) => (
            <tr key={m.id}>
              <td>{m.id}</td><td>{m.busId}</td><td className="num">{m.costAlone.toFixed(2)}</td><td className="num">{m.costOptimum.toFixed(2)}</td>
              <td className="num">{m.payment >= 0 ? '+' : ''}{m.payment.toFixed(2)}</td><td className="num">{m.finalCost.toFixed(2)}</td><td className="num">{m.gain.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="section-head"><span>P2P trades per period (kW the first microgrid receives from the second)</span></div>
      <Plot data={trades} layout={tradeLayout} height={220} exportName="microgrid-trades" testId="microgrid-trades" />
      <MicrogridHourViews d={d} classroom={classroom} />
      {a && (
        <>
          <div className="section-head">
            <span>ADMM convergence</span>
            <span className="muted">
              {a.solves} QP solves ({a.workingSetSolves ?? 0} from the last working set) in {a.totalMs.toFixed(0)} ms{(a.stepThreads ?? 1) > 1 ? ` on ${a.stepThreads} threads` : ''}
            </span>
          </div>
          {classroom && <p className="explain">ADMM stops when both residuals fall below their dotted thresholds. Turn the loss probability of the messages up (microgridCoordination.communication) and watch it need more iterations.</p>}
          <Plot data={residuals} layout={resLayout} height={200} exportName="admm-residuals" testId="admm-residuals" />
          <CommunicationStudyCard classroom={classroom} />
        </>
      )}
      {sf && (
        <>
          <div className="section-head"><span>Lowest AC voltage per period, before and after the ADN's adjustment</span></div>
          <Plot data={voltages} layout={vLayout} height={200} exportName="microgrid-voltages" testId="microgrid-voltages" />
          {sf.rounds.some((r) => r.adjustments.length > 0) && (
            <details>
              <summary>Every exchange adjustment ({sf.rounds.reduce((n, r) => n + r.adjustments.length, 0)}, {sf.adjustedKwh.toFixed(1)} kWh moved)</summary>
              <ul className="issue-list" data-testid="microgrid-adjustments">
                {sf.rounds.flatMap((r) => r.adjustments.map((x) => <li key={`${r.round}-${x.t}-${x.microgrid}`}>round {r.round}, {hourLabel(x.t, d.dtHours)}: {x.microgrid} {x.deltaKw > 0 ? 'injects' : 'draws'} {Math.abs(x.deltaKw).toFixed(1)} kW more</li>))}
              </ul>
            </details>
          )}
        </>
      )}
    </div>
  );
}
