/**
 * The mechanism laboratory's result: summary cards, then tabs — a table of
 * mechanisms × metrics (which rule is efficient, which runs a deficit, who
 * could gain by lying) with the book's supply and demand curves and each
 * mechanism's clearing point (volume traded, price — the announced clearing
 * price where the rule has one, else the volume-weighted mean price of its
 * trades); payments per agent; misreport curves; AGV priors; and the studies
 * over random books (market size, supply–demand ratio, Monte Carlo).
 */
import { useState } from 'react';
import type { Data } from 'plotly.js';
import { hasAnswer } from '../../../solver/jobs/certification.ts';
import type { CurveStep, MechanismCertificate, MechanismData, MechanismRow } from '../../../solver/contract.ts';
import { useShownResult } from '../results/useShownResult.ts';
import { Card } from '../components/Card.tsx';
import { Plot } from '../components/Plot.tsx';
import { MisreportView, PaymentsView, PriorsView } from './MechanismBookViews.tsx';
import { MonteCarloCard, RatioStudyCard, SizeStudyCard, StudyBooksNote } from './MechanismStudiesView.tsx';
import { PALETTE } from './mechanismViews.ts';
import './market.css';

type OkRow = Extract<MechanismRow, { status: 'ok' }>;

/** A step curve as plotly draws it with shape 'hv': x the cumulative kWh, y the price of each step. */
export function stepCurve(steps: readonly CurveStep[]): { x: number[]; y: number[] } {
  const x = [0], y: number[] = [];
  let q = 0;
  for (const s of steps) (q += s.quantity), x.push(q), y.push(s.price);
  if (steps.length > 0) y.push(steps[steps.length - 1]!.price);
  return { x, y };
}

/** The price a rule's clearing point is drawn at: its uniform clearing price (the coupled auction: the delivered price buyers pay), else the mean price of its trades, else (community rules) the buyers' price; null when nothing trades. */
export function clearingPrice(m: OkRow): number | null {
  const named = m.prices['clearing'] ?? m.prices['delivered'];
  if (named !== undefined) return named;
  const q = m.trades.reduce((s, t) => s + t.quantity, 0);
  if (q > 0) return m.trades.reduce((s, t) => s + t.quantity * t.price, 0) / q;
  // community rules: members trade with the pool, not with each other; buyers' price per kWh
  return m.prices['buyerPrice'] ?? m.prices['buy'] ?? null;
}

export function mechanismCurveTraces(d: MechanismData): Data[] {
  const demand = stepCurve(d.demand), supply = stepCurve(d.supply);
  const points = d.mechanisms.flatMap((m, k): Data[] => {
    if (m.status !== 'ok') return [];
    const p = clearingPrice(m);
    if (p === null) return [];
    return [{ type: 'scatter', mode: 'markers', name: m.id, x: [m.volume], y: [p], marker: { size: 11, color: PALETTE[k % PALETTE.length], symbol: k % 2 ? 'diamond' : 'circle', line: { width: 1, color: '#fff' } } }];
  });
  // with a spectrum section: the combined supply e + β·σ the coupled auction's delivered price clears against (it ends at the spectrum capacity)
  const combined = d.spectrum ? stepCurve(d.spectrum.supply) : null;
  return [
    { type: 'scatter', mode: 'lines', name: 'demand (bids)', x: demand.x, y: demand.y, line: { shape: 'hv', color: '#0b3c6b', width: 2 } },
    { type: 'scatter', mode: 'lines', name: 'supply (asks)', x: supply.x, y: supply.y, line: { shape: 'hv', color: '#7a1010', width: 2 } },
    ...(combined ? [{ type: 'scatter', mode: 'lines', name: 'supply with spectrum (e + β·σ)', x: combined.x, y: combined.y, line: { shape: 'hv', color: '#b8860b', width: 2, dash: 'dash' } } as Data] : []),
    ...points,
  ];
}

const fmt = (x: number | null | undefined, digits = 3) => (x === null || x === undefined ? '—' : Number(x.toFixed(digits)).toString());

const TABS = [
  ['metrics', 'Metrics & curves'],
  ['payments', 'Payments'],
  ['misreport', 'Misreport curves'],
  ['priors', 'AGV priors'],
  ['size', 'Market size'],
  ['ratio', 'Community prices'],
  ['monte-carlo', 'Monte Carlo'],
] as const;
type Tab = (typeof TABS)[number][0];

export function MechanismResultView({ classroom }: { classroom: boolean }) {
  const shown = useShownResult();
  const [tab, setTab] = useState<Tab>('metrics');
  if (!shown || shown.result.job !== 'mechanism' || !hasAnswer(shown.result.status) || !shown.result.data) return null;
  const d = shown.result.data as MechanismData;
  const c = shown.result.certificate as MechanismCertificate | undefined;
  const ok = d.mechanisms.filter((m): m is OkRow => m.status === 'ok');
  const deficits = ok.filter((m) => m.budget < -1e-9).map((m) => m.id);
  const manipulable = ok.filter((m) => (m.misreport?.maxGain ?? 0) > 1e-9).map((m) => m.id);
  return (
    <>
      <div className="cards" data-testid="mechanism-summary">
        <Card label="Book" value={`${d.buyers} + ${d.sellers}`} sub={`buyers + sellers, ${d.bids} bids (${d.units})`} />
        <Card
          label="Efficient welfare"
          value={fmt(d.efficientWelfare)}
          sub={`${d.clearingInterval ? `clearing prices [${fmt(d.clearingInterval.low)}, ${fmt(d.clearingInterval.high)}]` : 'no clearing interval'}${d.spectrum ? `; with spectrum (${fmt(d.spectrum.capacity)} units) ${fmt(d.spectrum.efficientWelfare)}` : ''}`}
        />
        <Card label="Deficit" value={String(deficits.length)} sub={deficits.join(', ') || 'no rule pays out more than it takes in'} warn={deficits.length > 0} />
        <Card label="Manipulable" value={String(manipulable.length)} sub={manipulable.join(', ') || 'no gain from lying found'} warn={manipulable.length > 0} />
      </div>
      {classroom && (
        <p className="explain">
          Efficiency compares each rule's welfare with the best possible ({fmt(d.efficientWelfare)}). The budget is what the market operator keeps: negative means a deficit someone must pay. The misreport gain is the most any agent could win by bidding other than its true value, found by trying reports, with the others truthful (AGV: on average over the priors). No rule has all three: efficient, balanced and truthful.
        </p>
      )}
      <div className="mech-tabs" role="tablist">
        {TABS.map(([id, label]) => (
          <button key={id} role="tab" aria-selected={tab === id} className={tab === id ? 'active' : ''} data-testid={`mech-tab-${id}`} onClick={() => setTab(id)}>
            {label}
          </button>
        ))}
      </div>
      {tab === 'metrics' && <MetricsAndCurves d={d} c={c} />}
      {tab === 'payments' && <PaymentsView d={d} />}
      {tab === 'misreport' && <MisreportView d={d} />}
      {tab === 'priors' && <PriorsView d={d} />}
      {(tab === 'size' || tab === 'ratio' || tab === 'monte-carlo') && <StudyBooksNote />}
      {tab === 'size' && <SizeStudyCard />}
      {tab === 'ratio' && <RatioStudyCard />}
      {tab === 'monte-carlo' && <MonteCarloCard />}
    </>
  );
}

/** The coupled auction's delivered price and its split into the energy and the spectrum price, under the table's rows. */
function PriceSplitRow({ m, perKwh }: { m: OkRow; perKwh: number }) {
  return (
    <tr data-testid="mechanism-price-split" data-mechanism-split={m.id}>
      <td title={m.label}>{m.id} prices</td>
      <td colSpan={6}>
        delivered {fmt(m.prices['delivered'])} = energy {fmt(m.prices['energy'])} + {fmt(perKwh)} × spectrum {fmt(m.prices['spectrum'])} per kWh
      </td>
    </tr>
  );
}

/** The first tab: the table of mechanisms × metrics, the supply and demand curves with each rule's clearing point, the certificate. */
function MetricsAndCurves({ d, c }: { d: MechanismData; c: MechanismCertificate | undefined }) {
  return (
    <>
        <div className="section-head">
          <span>Mechanisms × metrics</span>
          <span className="muted">search: {d.effort.gridPoints} grid reports per agent; AGV: {d.effort.agv}</span>
        </div>
        <div className="table-scroll" style={{ maxHeight: 'none' }}>
          <table className="grid readonly" data-testid="mechanism-table">
            <thead>
              <tr>
                <th>Mechanism</th>
                <th>Welfare</th>
                <th>Effic.</th>
                <th>Budget</th>
                <th title="kWh traded">kWh</th>
                <th title="agents worse off than not taking part (individual rationality violated)">IR viol.</th>
                <th title="the largest gain from misreporting found by search (and who)">Lying gain</th>
              </tr>
            </thead>
            <tbody>
              {d.mechanisms.map((m) =>
                m.status === 'refused' ? (
                  <tr key={m.id} data-mechanism={m.id}>
                    <td title={m.label}>{m.id}</td>
                    <td colSpan={6} className="muted">refused: {m.message}</td>
                  </tr>
                ) : (
                  <tr key={m.id} data-mechanism={m.id}>
                    <td title={m.label}>{m.id}</td>
                    <td className="num">{fmt(m.welfare)}</td>
                    <td className="num">{m.efficiency === null ? '—' : `${(100 * m.efficiency).toFixed(1)} %`}</td>
                    <td className="num" style={m.budget < -1e-9 ? { color: '#b00020' } : undefined}>{fmt(m.budget)}</td>
                    <td className="num">{fmt(m.volume)}</td>
                    <td className="num">{m.irViolations.length}</td>
                    <td className="num">{m.misreport ? `${fmt(m.misreport.maxGain, 4)}${m.misreport.agent && m.misreport.maxGain > 1e-9 ? ` (${m.misreport.agent})` : ''}` : '—'}</td>
                  </tr>
                ),
              )}
              {d.mechanisms.flatMap((m) => (m.status === 'ok' && m.prices['spectrum'] !== undefined && d.spectrum ? [<PriceSplitRow key={`${m.id}-split`} m={m} perKwh={d.spectrum.perKwh} />] : []))}
            </tbody>
          </table>
        </div>
        <div className="section-head">
          <span>Supply and demand with each mechanism’s clearing point</span>
          <span className="muted">point: volume at the clearing price (else the mean trade price; community rules: the buyers’ price)</span>
        </div>
        <Plot
          testId="mechanism-curves"
          exportName="mechanism-curves"
          height={420}
          data={mechanismCurveTraces(d)}
          layout={{
            xaxis: { title: { text: 'quantity, kWh (cumulative)' }, rangemode: 'tozero' },
            yaxis: { title: { text: 'price, currency/kWh' } },
            showlegend: true,
            legend: { orientation: 'v', x: 1.02, y: 1 },
            margin: { l: 55, r: 10, t: 10, b: 45 },
          }}
        />
        {c && (
          <p className="muted" data-testid="mechanism-certificate">
            Certificate: efficient welfare by the area between the curves {fmt(c.efficientWelfareByCurves, 6)} (gap {c.welfareGap.toExponential(1)})
            {c.agvImbalance !== null && `; AGV Σ transfers ${c.agvImbalance.toExponential(1)}, integration error ≤ ${c.agvIntegrationError?.toExponential(1)}`}. Scope — {c.scope}.
          </p>
        )}
    </>
  );
}
