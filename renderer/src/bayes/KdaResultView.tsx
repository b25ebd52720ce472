/**
 * The k-double auction result: bid and ask strategies against type with the
 * Chatterjee–Samuelson linear strategies dashed, expected gains from trade
 * against the ex-post efficient benchmark, convergence and the certificate.
 */
import type { Data } from 'plotly.js';
import type { KdaCertificate, KdaData } from '../../../solver/contract.ts';
import { useShownResult } from '../results/useShownResult.ts';
import { Card } from '../components/Card.tsx';
import { Plot } from '../components/Plot.tsx';
import { BayesCertificatePanel } from './BayesCertificatePanel.tsx';

export const BUYER = '#1f77b4';
export const SELLER = '#d62728';

export function kdaStrategyTraces(d: KdaData): Data[] {
  return [
    { type: 'scatter', mode: 'lines+markers', name: 'buyer bid b(v)', x: d.buyer.map((p) => p.type), y: d.buyer.map((p) => p.action), line: { color: BUYER, width: 2 }, marker: { size: 3 } },
    { type: 'scatter', mode: 'lines+markers', name: 'seller ask a(c)', x: d.seller.map((p) => p.type), y: d.seller.map((p) => p.action), line: { color: SELLER, width: 2 }, marker: { size: 3 } },
    { type: 'scatter', mode: 'lines', name: 'linear bid (C–S)', x: d.linear.buyer.map((p) => p.type), y: d.linear.buyer.map((p) => p.action), line: { color: BUYER, dash: 'dash', width: 5 }, opacity: 0.35 },
    { type: 'scatter', mode: 'lines', name: 'linear ask (C–S)', x: d.linear.seller.map((p) => p.type), y: d.linear.seller.map((p) => p.action), line: { color: SELLER, dash: 'dash', width: 5 }, opacity: 0.35 },
    { type: 'scatter', mode: 'lines', name: 'truthful', x: [d.min, d.max], y: [d.min, d.max], line: { color: '#999', dash: 'dot', width: 1 }, hoverinfo: 'skip' },
  ];
}

export function KdaResultView({ classroom }: { classroom: boolean }) {
  const shown = useShownResult();
  if (!shown || shown.result.job !== 'kda' || shown.result.status !== 'ok' || !shown.result.data) return null;
  const d = shown.result.data as KdaData;
  const c = shown.result.certificate as KdaCertificate | undefined;
  const ms = d.myersonSatterthwaite.continuousUniform;
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  return (
    <>
      <div className="cards" data-testid="kda-summary">
        <Card label="Gains from trade" value={d.expectedGainsFromTrade.toFixed(4)} sub={`P(trade) ${pct(d.tradeProbability)}`} />
        <Card label="Efficient benchmark" value={d.efficientGainsFromTrade.toFixed(4)} sub="E[(v − c)⁺]: trade whenever v ≥ c" />
        <Card label="Share of efficient" value={pct(d.efficiency)} sub={`linear profile ${pct(d.linearGainsFromTrade / d.efficientGainsFromTrade)}`} warn={d.efficiency < 0.5} />
        {ms && <Card label="Continuous uniform" value={`${ms.secondBest.toFixed(4)} / ${ms.firstBest.toFixed(4)}`} sub={`second / first best (${pct(ms.secondBest / ms.firstBest)})`} />}
      </div>
      {classroom && (
        <p className="explain">
          Each side shades its report: the buyer bids below its value, the seller asks above its cost, so some profitable trades are lost. Myerson and Satterthwaite show that no mechanism can trade efficiently here; the k = ½ linear equilibrium is the best any can do. {d.myersonSatterthwaite.note}
        </p>
      )}
      <div className="section-head">
        <span>Strategies by type (k = {d.k})</span>
        <span className="muted">
          {d.typePoints} types, {d.actionPoints} actions, start {d.start}; dashed: Chatterjee–Samuelson
        </span>
      </div>
      <Plot
        testId="kda-strategy-plot"
        exportName="kda-strategies"
        height={340}
        data={kdaStrategyTraces(d)}
        layout={{
          xaxis: { title: { text: 'type: value v (buyer) / cost c (seller)' }, range: [d.min, d.max] },
          yaxis: { title: { text: 'bid / ask' }, range: [d.min, d.max] },
          showlegend: true,
          legend: { orientation: 'h', y: -0.22 },
          margin: { l: 50, r: 10, t: 10, b: 90 },
        }}
      />
      <div className="section-head">
        <span>Expected utility by type</span>
      </div>
      <Plot
        testId="kda-utility-plot"
        exportName="kda-utility"
        height={220}
        data={[
          { type: 'scatter', mode: 'lines', name: 'buyer', x: d.buyer.map((p) => p.type), y: d.buyer.map((p) => p.expectedUtility), line: { color: BUYER } },
          { type: 'scatter', mode: 'lines', name: 'seller', x: d.seller.map((p) => p.type), y: d.seller.map((p) => p.expectedUtility), line: { color: SELLER } },
        ]}
        layout={{ showlegend: true, xaxis: { title: { text: 'type' } }, yaxis: { title: { text: 'interim utility' } }, margin: { l: 50, r: 10, t: 10, b: 40 } }}
      />
      {d.convergence.maxGain.length > 1 && (
        <>
          <div className="section-head">
            <span>Convergence</span>
          </div>
          <Plot
            exportName="kda-convergence"
            height={180}
            data={[
              { type: 'scatter', mode: 'lines+markers', name: 'max gain', y: d.convergence.maxGain.map((v) => Math.max(v, 1e-18)) },
              { type: 'scatter', mode: 'lines+markers', name: 'max change', y: d.convergence.maxStrategyChange.map((v) => Math.max(v, 1e-18)) },
            ]}
            layout={{ showlegend: true, xaxis: { title: { text: 'sweep' } }, yaxis: { type: 'log' }, margin: { l: 50, r: 10, t: 10, b: 40 } }}
          />
        </>
      )}
      {c && <BayesCertificatePanel certificate={c} gridSizes={`${c.typePoints} type points, ${c.actionPoints} action points`} />}
    </>
  );
}
