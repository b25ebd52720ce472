/**
 * The k-double auction result: bid and ask strategies against type with the
 * Chatterjee–Samuelson linear strategies dashed on top (and how far the found
 * ones are from them), expected utility by type, expected gains from trade
 * against the ex-post efficient benchmark, convergence and the certificate.
 */
import { hasAnswer } from '../../../solver/jobs/certification.ts';
import type { Data } from 'plotly.js';
import type { KdaCertificate, KdaData } from '../../../solver/contract.ts';
import { useShownResult } from '../results/useShownResult.ts';
import { Card } from '../components/Card.tsx';
import { Plot } from '../components/Plot.tsx';
import { BayesCertificatePanel } from './BayesCertificatePanel.tsx';
import { ConvergencePlot } from './ConvergencePlot.tsx';
import './bayes.css';

export const BUYER = '#1f77b4';
export const SELLER = '#d62728';

/** Name of the linear reference: its formula when the continuous oracle applies (uniform priors on [0, 1], k = ½). */
function linearName(d: KdaData, side: 'bid' | 'ask'): string {
  const oracle = d.k === 0.5 && d.min === 0 && d.max === 1 && d.myersonSatterthwaite.continuousUniform;
  const formula = side === 'bid' ? 'b = 2v/3 + 1/12' : 'a = 2c/3 + 1/4';
  return `Chatterjee–Samuelson linear ${side}${oracle ? `: ${formula}` : d.myersonSatterthwaite.continuousUniform ? '' : ' (uniform-prior reference)'}`;
}

/** Largest |found − linear| over the type grid, bid and ask: 0 says the solver returned the linear equilibrium. */
export function distanceFromLinear(d: KdaData): number {
  let worst = 0;
  for (const [found, linear] of [
    [d.buyer, d.linear.buyer],
    [d.seller, d.linear.seller],
  ] as const)
    found.forEach((p, i) => (worst = Math.max(worst, Math.abs(p.action - (linear[i]?.action ?? p.action)))));
  return worst;
}

export function kdaStrategyTraces(d: KdaData): Data[] {
  return [
    { type: 'scatter', mode: 'lines+markers', name: 'buyer bid b(v), found', x: d.buyer.map((p) => p.type), y: d.buyer.map((p) => p.action), line: { color: BUYER, width: 5 }, opacity: 0.55, marker: { size: 4 } },
    { type: 'scatter', mode: 'lines+markers', name: 'seller ask a(c), found', x: d.seller.map((p) => p.type), y: d.seller.map((p) => p.action), line: { color: SELLER, width: 5 }, opacity: 0.55, marker: { size: 4 } },
    // the references are drawn thin and dark on top, so they stay visible where the found strategy coincides with them
    { type: 'scatter', mode: 'lines', name: linearName(d, 'bid'), x: d.linear.buyer.map((p) => p.type), y: d.linear.buyer.map((p) => p.action), line: { color: '#0b3c6b', dash: 'dash', width: 1.5 } },
    { type: 'scatter', mode: 'lines', name: linearName(d, 'ask'), x: d.linear.seller.map((p) => p.type), y: d.linear.seller.map((p) => p.action), line: { color: '#7a1010', dash: 'dash', width: 1.5 } },
    { type: 'scatter', mode: 'lines', name: 'truthful (bid = value, ask = cost)', x: [d.min, d.max], y: [d.min, d.max], line: { color: '#999', dash: 'dot', width: 1 }, hoverinfo: 'skip' },
  ];
}

export function KdaResultView({ classroom }: { classroom: boolean }) {
  const shown = useShownResult();
  if (!shown || shown.result.job !== 'kda' || !hasAnswer(shown.result.status) || !shown.result.data) return null;
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
        <span className="muted" data-testid="kda-linear-distance">
          {d.typePoints} types, {d.actionPoints} actions, start {d.start}; max |found − linear| = {distanceFromLinear(d).toPrecision(2)}
        </span>
      </div>
      <Plot
        testId="kda-strategy-plot"
        exportName="kda-strategies"
        height={420}
        data={kdaStrategyTraces(d)}
        layout={{
          xaxis: { title: { text: 'private type: value v (buyer) / cost c (seller), money/unit' }, range: [d.min, d.max] },
          yaxis: { title: { text: 'bid / ask, money/unit' }, range: [d.min, d.max] },
          showlegend: true,
          legend: { orientation: 'h', y: -0.2 },
          margin: { l: 50, r: 10, t: 10, b: 110 },
        }}
      />
      <div className="section-head">
        <span>Expected utility by type</span>
        <span className="muted">interim: own type known, the other's averaged over the prior</span>
      </div>
      <Plot
        testId="kda-utility-plot"
        exportName="kda-utility"
        height={220}
        data={[
          { type: 'scatter', mode: 'lines', name: 'buyer', x: d.buyer.map((p) => p.type), y: d.buyer.map((p) => p.expectedUtility), line: { color: BUYER } },
          { type: 'scatter', mode: 'lines', name: 'seller', x: d.seller.map((p) => p.type), y: d.seller.map((p) => p.expectedUtility), line: { color: SELLER } },
        ]}
        layout={{ showlegend: true, legend: { orientation: 'h', y: 1.18 }, xaxis: { title: { text: 'type: value v (buyer) / cost c (seller), money/unit' } }, yaxis: { title: { text: 'expected utility, money' }, rangemode: 'tozero' }, margin: { l: 50, r: 10, t: 24, b: 40 } }}
      />
      <ConvergencePlot convergence={d.convergence} gainUnit="money" actionUnit="money/unit" exportName="kda-convergence" />
      {c && <BayesCertificatePanel certificate={c} gridSizes={`${c.typePoints} type points, ${c.actionPoints} action points`} />}
    </>
  );
}
