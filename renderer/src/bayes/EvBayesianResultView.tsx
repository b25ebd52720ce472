/**
 * The EV V2V Bayesian game result: V2V, green utilisation and emissions
 * against the no-V2V baseline, the equilibrium strategies by type (each EV's
 * V2V quantity and interim expected utility as its owner's responsiveness
 * rises, with the sellers' and buyers' means), V2V price and volume over the
 * day, the prior-sensitivity sweep, convergence, a per-EV table and the
 * certificate.
 */
import { hasAnswer } from '../../../solver/jobs/certification.ts';
import { useMemo } from 'react';
import type { Data } from 'plotly.js';
import type { EvBayesianCertificate, EvBayesianData, EvOutcomeSummary } from '../../../solver/contract.ts';
import { useShownResult } from '../results/useShownResult.ts';
import { Card } from '../components/Card.tsx';
import { Plot } from '../components/Plot.tsx';
import { BayesCertificatePanel } from './BayesCertificatePanel.tsx';
import { PriorSensitivityCard } from './PriorSensitivityCard.tsx';
import { ConvergencePlot } from './ConvergencePlot.tsx';
import { levelColour } from './levelColours.ts';
import { evTypeFigure } from './evFigures.ts';
import './bayes.css';

export function evStrategyTraces(d: EvBayesianData): Data[] {
  const traders = d.evs.filter((e) => e.role !== 'idle');
  const levels = [...new Set(d.fleets.flatMap((f) => f.levels.map((l) => l.id)))];
  const names = new Map(d.fleets.flatMap((f) => f.levels.map((l) => [l.id, l.name] as const)));
  return levels.map((lv, i) => ({
    type: 'bar',
    name: names.get(lv) ?? lv,
    x: traders.map((e) => `${e.role === 'seller' ? 'S' : 'B'} ${e.id}`),
    y: traders.map((e) => (e.role === 'seller' ? 1 : -1) * (e.byType.find((b) => b.level === lv)?.v2vKwh ?? 0)),
    marker: { color: levelColour(i) },
  }));
}

export function EvBayesianResultView({ classroom }: { classroom: boolean }) {
  const shown = useShownResult();
  const d = shown?.result.job === 'ev-bayesian' && hasAnswer(shown.result.status) ? (shown.result.data as EvBayesianData | null) : null;
  const strategy = useMemo(() => d && evTypeFigure(d, 'v2vKwh'), [d]);
  const utility = useMemo(() => d && evTypeFigure(d, 'expectedUtility'), [d]);
  if (!shown || !d || !strategy || !utility) return null;
  const c = shown.result.certificate as EvBayesianCertificate | undefined;
  const s = d.summary;
  const b = d.baseline;
  const hours = d.periods.map((p) => p.t * d.dtHours);
  const sellers = d.evs.filter((e) => e.role === 'seller').length;
  const buyers = d.evs.filter((e) => e.role === 'buyer').length;
  const levels = d.fleets.flatMap((f) => f.levels);
  const delta = (x: number, y: number, unit: string, digits = 1) => `baseline ${y.toFixed(digits)} ${unit} (${x >= y ? '+' : '−'}${Math.abs(x - y).toFixed(digits)})`;
  return (
    <>
      <div className="cards" data-testid="ev-summary">
        <Card label="V2V traded" value={`${s.v2vKwh.toFixed(1)} kWh`} sub={`${sellers} sellers, ${buyers} buyers`} />
        <Card label="Green utilisation" value={`${(s.greenUtilisation * 100).toFixed(1)} %`} sub={`baseline ${(b.greenUtilisation * 100).toFixed(1)} %`} />
        <Card label="Grid emissions" value={`${s.emissionsKg.toFixed(1)} kg`} sub={delta(s.emissionsKg, b.emissionsKg, 'kg')} warn={s.emissionsKg > b.emissionsKg} />
        <Card label="Grid import" value={`${s.gridImportKwh.toFixed(0)} kWh`} sub={delta(s.gridImportKwh, b.gridImportKwh, 'kWh', 0)} />
        <Card label="EV utility" value={s.evUtility.toFixed(2)} sub={`money; dissatisfaction ${s.dissatisfactionCost.toFixed(2)}`} />
        <Card label="Microgrid money" value={s.microgridMoney.toFixed(2)} sub={delta(s.microgridMoney, b.microgridMoney, '', 2)} />
      </div>
      {classroom && (
        <p className="explain">
          Each EV owner knows how much it minds changing its charging (its responsiveness); the others only know the odds. In equilibrium a responsive owner trades more. Energy sold car-to-car replaces grid imports, so green utilisation rises and emissions fall against the no-V2V baseline.
        </p>
      )}
      <div className="section-head">
        <span>With V2V vs without</span>
      </div>
      <Plot
        testId="ev-baseline-plot"
        exportName="ev-baseline"
        height={200}
        data={compareTraces(s, b)}
        layout={{ barmode: 'group', margin: { l: 50, r: 10, t: 10, b: 30 }, showlegend: true, legend: { orientation: 'h', y: 1.15 } }}
      />
      <div className="section-head">
        <span>Equilibrium strategy: V2V quantity by type</span>
        <span className="muted">one thin line per EV, bold: mean</span>
      </div>
      {classroom && <p className="explain">A strategy says what each type of owner does. Read each line left to right: the same car, its owner more and more responsive — the quantity it trades rises.</p>}
      <Plot testId="ev-type-strategy-plot" exportName="ev-strategy-by-type" height={330} data={strategy.data} layout={strategy.layout} />
      <div className="section-head">
        <span>Expected utility by type</span>
        <span className="muted">interim: each owner knows its own type, averages over the others'</span>
      </div>
      <Plot testId="ev-type-utility-plot" exportName="ev-utility-by-type" height={310} data={utility.data} layout={utility.layout} />
      <div className="section-head">
        <span>V2V price and volume over the day</span>
        <span className="muted">expected over the users' types</span>
      </div>
      <Plot
        testId="ev-price-plot"
        exportName="ev-v2v-price"
        height={260}
        data={[
          { type: 'bar', name: 'V2V volume (kWh)', x: hours, y: d.periods.map((p) => p.v2vKwh), marker: { color: '#2ca02c' }, opacity: 0.6 },
          { type: 'scatter', mode: 'lines', name: 'supply offered (kWh)', x: hours, y: d.periods.map((p) => p.supplyKwh), line: { color: '#2ca02c', dash: 'dot' } },
          { type: 'scatter', mode: 'lines', name: 'demand (kWh)', x: hours, y: d.periods.map((p) => p.demandKwh), line: { color: '#9467bd', dash: 'dot' } },
          { type: 'scatter', mode: 'lines', name: 'seller price', x: hours, y: d.periods.map((p) => p.sellerPrice), yaxis: 'y2', line: { color: '#d62728', shape: 'hv' } },
          { type: 'scatter', mode: 'lines', name: 'buyer price', x: hours, y: d.periods.map((p) => p.buyerPrice), yaxis: 'y2', line: { color: '#1f77b4', shape: 'hv' } },
        ]}
        layout={{
          xaxis: { title: { text: 'hour of the day' } },
          yaxis: { title: { text: 'energy, kWh' }, rangemode: 'tozero' },
          yaxis2: { title: { text: 'V2V price, money/kWh' }, overlaying: 'y', side: 'right', rangemode: 'tozero', tickformat: '.2f', showgrid: false },
          margin: { l: 50, r: 54, t: 10, b: 40 },
          showlegend: true,
          legend: { orientation: 'h', y: 1.22 },
        }}
      />
      <div className="section-head">
        <span>Grid import over the day</span>
      </div>
      <Plot
        exportName="ev-grid"
        height={220}
        data={[
          { type: 'scatter', mode: 'lines', name: 'import with V2V', x: hours, y: d.periods.map((p) => p.gridImportKwh), line: { color: '#1f77b4' } },
          { type: 'scatter', mode: 'lines', name: 'import without V2V', x: hours, y: b.periods.map((p) => p.gridImportKwh), line: { color: '#1f77b4', dash: 'dash' } },
          { type: 'scatter', mode: 'lines', name: 'PV', x: hours, y: d.periods.map((p) => p.pvKwh), line: { color: '#e6b800' } },
          { type: 'scatter', mode: 'lines', name: 'EV charging', x: hours, y: d.periods.map((p) => p.chargingKwh), line: { color: '#666' } },
        ]}
        layout={{ xaxis: { title: { text: 'hour of the day' } }, yaxis: { title: { text: 'energy per period, kWh' } }, margin: { l: 50, r: 10, t: 10, b: 40 }, showlegend: true, legend: { orientation: 'h', y: 1.18 } }}
      />
      <PriorSensitivityCard />
      <ConvergencePlot convergence={d.convergence} gainUnit="money" actionUnit="kWh" exportName="ev-convergence" />
      <div className="section-head">
        <span>Per EV: V2V quantity at each level</span>
        <span className="muted">sold up, bought down</span>
      </div>
      <Plot
        testId="ev-strategy-plot"
        exportName="ev-strategies"
        height={280}
        data={evStrategyTraces(d)}
        layout={{ barmode: 'group', xaxis: { title: { text: 'EV (S seller, B buyer)' }, showticklabels: d.evs.length <= 24 }, yaxis: { title: { text: 'kWh sold (+) / bought (−)' } }, margin: { l: 50, r: 10, t: 40, b: 40 }, showlegend: true, legend: { orientation: 'h', y: 1.2 } }}
      />
      <div className="section-head">
        <span>Strategies and expected utility per EV and type</span>
        <span className="muted">{levels.map((l) => `${l.name}: α ${l.dissatisfactionPerKwh2}, prior ${l.prior}`).join(' · ')}</span>
      </div>
      <div className="table-scroll" style={{ maxHeight: 320, overflow: 'auto' }}>
        <table className="grid readonly" data-testid="ev-strategy-table">
          <thead>
            <tr>
              <th>EV</th>
              <th>role</th>
              <th>parked</th>
              <th>max kWh</th>
              {levels.map((l) => (
                <th key={l.id}>
                  {l.id}: kWh / utility
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {d.evs.map((e) => (
              <tr key={e.id}>
                <td>{e.id}</td>
                <td>{e.role}</td>
                <td>
                  {e.parkedFrom}–{e.parkedTo}
                </td>
                <td>{e.maxV2vKwh.toFixed(1)}</td>
                {levels.map((l) => {
                  const t = e.byType.find((x) => x.level === l.id);
                  return <td key={l.id}>{t ? `${t.v2vKwh.toFixed(2)} / ${t.expectedUtility.toFixed(3)}` : '—'}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {c && <BayesCertificatePanel certificate={c} />}
    </>
  );
}

function compareTraces(s: EvOutcomeSummary, b: EvOutcomeSummary): Data[] {
  const x = ['green utilisation %', 'emissions kg', 'grid import kWh'];
  const v = (o: EvOutcomeSummary) => [o.greenUtilisation * 100, o.emissionsKg, o.gridImportKwh];
  return [
    { type: 'bar', name: 'with V2V', x, y: v(s), marker: { color: '#2ca02c' } },
    { type: 'bar', name: 'no V2V (baseline)', x, y: v(b), marker: { color: '#999' } },
  ];
}
