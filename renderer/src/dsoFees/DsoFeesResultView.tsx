/**
 * The DSO-fee game's result (docs/models/dso-fees.md): the headline numbers
 * with the proven gap; microgrid costs and DSO revenue under the optimal
 * fees, the flat fee and no fee side by side (as they come out, whichever
 * way they point); P2P volume by hour; and the fees against the pair's
 * electrical distance and against the flow on its trade path; the trades
 * drawn on the feeder with their fees, per hour (FeeMap.tsx).
 * `dso-fees-evaluate` shows the same figures for its one outcome.
 */
import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import { hasAnswer } from '../../../solver/jobs/certification.ts';
import type { DsoFeesData, DsoFeesEvaluateData, DsoOutcome, DsoPair } from '../../../solver/contract.ts';
import { useShownResult } from '../results/useShownResult.ts';
import { Card } from '../components/Card.tsx';
import { Plot } from '../components/Plot.tsx';
import { FeeMap } from './FeeMap.tsx';

const COLOURS: Record<DsoOutcome['label'], string> = { optimal: '#1f77b4', flat: '#ff7f0e', none: '#7f7f7f', given: '#2ca02c' };
const money = (v: number) => v.toFixed(2);
const pct = (v: number) => `${v >= 0 ? '+' : ''}${v.toFixed(1)} %`;
const AXES: Partial<Layout> = { margin: { l: 48, r: 8, t: 8, b: 36 }, yaxis: { gridcolor: '#eef0f3', zerolinecolor: '#9aa3ad' } };

export function DsoFeesResultView({ classroom }: { classroom: boolean }) {
  const shown = useShownResult();
  if (!shown || !hasAnswer(shown.result.status) || !shown.result.data) return null;
  if (shown.result.job === 'dso-fees-evaluate') {
    const d = shown.result.data as DsoFeesEvaluateData;
    return <Outcomes pairs={d.pairs} outcomes={[d.outcome]} T={d.T} classroom={classroom} microgrids={d.microgrids} />;
  }
  if (shown.result.job !== 'dso-fees') return null;
  const d = shown.result.data as DsoFeesData;
  const outcomes = [d.optimal, d.flat, d.none].filter((o): o is DsoOutcome => o !== null);
  return (
    <>
      <div className="cards" data-testid="dso-summary">
        <Card label="DSO objective" value={money(d.optimal.leaderObjective)} sub={`revenue ${money(d.optimal.revenue)} − network cost ${money(d.optimal.networkCost)}`} />
        <Card label="Proven gap" value={d.relGap.toExponential(1)} sub={`bound ${money(d.upperBound)}; ${d.milp.binaries} binaries, ${d.milp.nodes} nodes`} warn={d.relGap > 1e-4} />
        {d.vsFlat && <Card label="MG cost vs flat fee" value={pct(d.vsFlat.mgCostChangePct)} sub={`${money(d.optimal.totalMgCost)} against ${money(d.flat!.totalMgCost)}`} warn={d.vsFlat.mgCostChangePct > 0} />}
        {d.vsFlat && <Card label="DSO revenue vs flat fee" value={pct(d.vsFlat.revenueChangePct)} sub={`${money(d.optimal.revenue)} against ${money(d.flat!.revenue)}`} />}
      </div>
      {classroom && (
        <p className="explain">
          The DSO moves first and sets a fee per kWh on each trading pair and hour; the microgrids answer by trading, generating and buying from the grid at least cost. A higher fee earns more per kWh but kills trades. The DSO's best fees were found exactly (the gap is proven), and checked by re-solving every microgrid on its own at those fees.
        </p>
      )}
      {outcomes.length > 1 && <ThreeWay outcomes={outcomes} dtHours={d.dtHours} />}
      {d.curve && <Curve d={d} classroom={classroom} />}
      <Outcomes pairs={d.pairs} outcomes={outcomes} T={d.T} classroom={classroom} microgrids={d.microgrids} />
    </>
  );
}

/** change of `now` against `base` in percent, or '—' where the base is zero */
const against = (now: number, base: number) => (base === 0 ? (now === 0 ? '±0 %' : '—') : pct((100 * (now - base)) / Math.abs(base)));

/** Optimal dynamic fees vs the flat fee vs no fee: the microgrids' total cost and the DSO's revenue and objective, changes as they come out. */
function ThreeWay({ outcomes, dtHours }: { outcomes: DsoOutcome[]; dtHours: number }) {
  const flat = outcomes.find((o) => o.label === 'flat'), none = outcomes.find((o) => o.label === 'none');
  // each value with its change against the flat fee and against no fee underneath (the table stays narrow)
  const cell = (o: DsoOutcome, v: (o: DsoOutcome) => number) => {
    const vs = [flat && o !== flat ? `flat ${against(v(o), v(flat))}` : '', none && o !== none ? `none ${against(v(o), v(none))}` : ''].filter(Boolean).join(' · ');
    return (
      <td>
        {money(v(o))}
        {vs && <div className="muted" style={{ fontSize: '0.8em', whiteSpace: 'normal' }}>vs {vs}</div>}
      </td>
    );
  };
  return (
    <>
      <div className="section-head"><span>Optimal dynamic fees vs the flat fee vs no fee</span></div>
      <div className="whatif-table-wrap"><table className="whatif-table" data-testid="dso-three-way">
        <thead>
          <tr><th>fees</th><th>MG cost</th><th>DSO revenue</th><th>DSO objective</th><th>P2P kWh</th></tr>
        </thead>
        <tbody>
          {outcomes.map((o) => (
            <tr key={o.label}>
              <td style={{ color: COLOURS[o.label] }}>{o.label}</td>
              {cell(o, (x) => x.totalMgCost)}
              {cell(o, (x) => x.revenue)}
              {cell(o, (x) => x.leaderObjective)}
              <td>{(dtHours * o.p2pVolumeKw.reduce((a, v) => a + v, 0)).toFixed(0)}</td>
            </tr>
          ))}
        </tbody>
      </table></div>
    </>
  );
}

/** One fee to set: the DSO's objective and the trade over the fee, the optimum marked. */
function Curve({ d, classroom }: { d: DsoFeesData; classroom: boolean }) {
  const c = d.curve!;
  const data = useMemo<Data[]>(() => [
    { name: 'DSO objective', type: 'scatter', mode: 'lines', x: c.feePerKwh, y: c.leaderObjective, line: { color: COLOURS.optimal } },
    { name: 'P2P trade, kW', type: 'scatter', mode: 'lines', x: c.feePerKwh, y: c.volumeKw, yaxis: 'y2', line: { color: '#2ca02c', dash: 'dot' } },
    { name: 'optimum', type: 'scatter', mode: 'markers', x: [d.optimal.feePerKwh[0]![0]!], y: [d.optimal.leaderObjective], marker: { color: '#d62728', size: 10 } },
  ], [c, d.optimal]);
  const layout = useMemo<Partial<Layout>>(() => ({
    ...AXES, margin: { l: 48, r: 48, t: 8, b: 36 }, showlegend: true, legend: { orientation: 'h', y: 1.12 },
    xaxis: { title: { text: 'fee per kWh' } }, yaxis: { ...AXES.yaxis, title: { text: 'DSO objective' } },
    yaxis2: { overlaying: 'y', side: 'right', title: { text: 'kW traded' }, showgrid: false },
  }), []);
  return (
    <>
      <div className="section-head"><span>The DSO's objective over the fee (microgrids re-solved at each fee)</span></div>
      {classroom && <p className="explain">Revenue is fee × trade. The trade falls as the fee rises, so revenue first rises and then falls; the red dot is the exact optimum the bilevel solve found.</p>}
      <Plot data={data} layout={layout} height={240} exportName="dso-curve" testId="dso-curve" />
    </>
  );
}

function Outcomes({ pairs, outcomes, T, classroom, microgrids }: { pairs: DsoPair[]; outcomes: DsoOutcome[]; T: number; classroom: boolean; microgrids: { id: string; busId: string }[] }) {
  const main = outcomes[0]!;
  const comparison = useMemo<Data[]>(() => {
    const mgIds = main.mgCosts.map((m) => m.id);
    return outcomes.map((o) => ({
      name: o.label, type: 'bar', x: [...mgIds, 'DSO revenue'], y: [...o.mgCosts.map((m) => m.total), o.revenue], marker: { color: COLOURS[o.label] },
      hovertemplate: `${o.label} %{x}: %{y:.2f}<extra></extra>`,
    }));
  }, [outcomes, main]);
  const volume = useMemo<Data[]>(() => outcomes.map((o) => ({ name: o.label, type: 'scatter', mode: 'lines+markers', x: Array.from({ length: T }, (_, t) => t), y: o.p2pVolumeKw, line: { color: COLOURS[o.label], shape: 'hv' } })), [outcomes, T]);
  const byDistance = useMemo<Data[]>(() => [{
    type: 'scatter', mode: 'markers', name: 'fee',
    x: pairs.flatMap((p) => Array.from({ length: T }, () => p.distanceOhm)),
    y: pairs.flatMap((_, k) => main.feePerKwh[k]!),
    text: pairs.flatMap((p) => Array.from({ length: T }, (_, t) => `${p.a}–${p.b} t=${t}`)),
    marker: { color: pairs.flatMap((_, k) => main.pairVolumeKw[k]!), colorscale: 'Blues', showscale: true, colorbar: { title: { text: 'kW' }, thickness: 10 } },
    hovertemplate: '%{text}: fee %{y:.4f} at %{x:.2f} Ω<extra></extra>',
  }], [pairs, main, T]);
  const byFlow = useMemo<Data[]>(() => {
    // the largest |flow| over the lines of each pair's trade path, in that hour
    const flowOf = (p: DsoPair, t: number) => Math.max(0, ...p.pathLineIndex.map((l) => Math.abs(main.lineFlowKw[t]?.[l] ?? 0)));
    return [{
      type: 'scatter', mode: 'markers', name: 'fee',
      x: pairs.flatMap((p) => Array.from({ length: T }, (_, t) => flowOf(p, t))),
      y: pairs.flatMap((_, k) => main.feePerKwh[k]!),
      text: pairs.flatMap((p) => Array.from({ length: T }, (_, t) => `${p.a}–${p.b} t=${t}`)),
      marker: { color: '#1f77b4' },
      hovertemplate: '%{text}: fee %{y:.4f} at %{x:.0f} kW<extra></extra>',
    }];
  }, [pairs, main, T]);
  const bars = useMemo<Partial<Layout>>(() => ({ ...AXES, barmode: 'group', showlegend: true, legend: { orientation: 'h', y: 1.12 } }), []);
  const lines = useMemo<Partial<Layout>>(() => ({ ...AXES, showlegend: true, legend: { orientation: 'h', y: 1.12 }, xaxis: { title: { text: 'hour' } }, yaxis: { ...AXES.yaxis, title: { text: 'P2P kW' } } }), []);
  const scatterD = useMemo<Partial<Layout>>(() => ({ ...AXES, xaxis: { title: { text: 'electrical distance, Ω' } }, yaxis: { ...AXES.yaxis, title: { text: 'fee per kWh' } } }), []);
  const scatterF = useMemo<Partial<Layout>>(() => ({ ...AXES, xaxis: { title: { text: 'largest |flow| on the trade path, kW' } }, yaxis: { ...AXES.yaxis, title: { text: 'fee per kWh' } } }), []);
  const broken = outcomes.filter((o) => o.networkViolations.length > 0);
  return (
    <>
      <div className="section-head"><span>Microgrid costs (incl. fees and P2P payments) and DSO revenue</span></div>
      <Plot data={comparison} layout={bars} height={240} exportName="dso-comparison" testId="dso-comparison" />
      {broken.map((o) => (
        <div key={o.label} className="banner uncertified">The {o.label} fees' response breaks {o.networkViolations.length} network limit(s), e.g. {o.networkViolations[0]}</div>
      ))}
      <div className="section-head"><span>Trades on the feeder and their fees ({main.label} fees; width: kW traded)</span></div>
      <FeeMap pairs={pairs} outcome={main} T={T} microgrids={microgrids} />
      <div className="section-head"><span>P2P volume by hour</span></div>
      <Plot data={volume} layout={lines} height={220} exportName="dso-volume" testId="dso-volume" />
      <div className="section-head"><span>Fees against electrical distance (colour: kW traded) and against the flow on the trade path</span></div>
      {classroom && <p className="explain">Each dot is one trading pair in one hour. A DSO pricing its network by use would charge more on long paths and on loaded lines.</p>}
      <div className="vpp-pair">
        <Plot data={byDistance} layout={scatterD} height={240} exportName="dso-fee-distance" testId="dso-fee-distance" />
        <Plot data={byFlow} layout={scatterF} height={240} exportName="dso-fee-flow" testId="dso-fee-flow" />
      </div>
    </>
  );
}

