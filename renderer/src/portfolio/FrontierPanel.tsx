/**
 * The efficient frontier: the `portfolio` job run through the host for a few
 * risk weights λ, one after another; E[cost] against CVaR with each point's
 * portfolio on hover, and the contract volumes stacked along the frontier.
 */
import { useMemo } from 'react';
import { create } from 'zustand';
import type { Data, Layout } from 'plotly.js';
import type { PortfolioData } from '../../../solver/contract.ts';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import { host } from '../host/hostRef.ts';
import { useDocument } from '../state/document.ts';
import { useSession } from '../state/session.ts';
import { Plot } from '../components/Plot.tsx';

export const FRONTIER_LAMBDAS = [0, 0.25, 0.5, 1, 2, 4];

interface FrontierPoint {
  lambda: number;
  data: PortfolioData;
}
interface FrontierState {
  points: FrontierPoint[];
  running: boolean;
  error: string | null;
  /** the document the points belong to (a later edit makes them stale) */
  scenario: ScenarioInput | null;
}
const useFrontier = create<FrontierState>(() => ({ points: [], running: false, error: null, scenario: null }));

async function computeFrontier() {
  if (useFrontier.getState().running) return;
  const scenario = useDocument.getState().scenario;
  const backend = useSession.getState().lpBackend;
  useFrontier.setState({ points: [], running: true, error: null, scenario });
  for (const lambda of FRONTIER_LAMBDAS) {
    const pf = scenario.portfolio!;
    const risk = { ...pf.risk, lambda };
    delete (risk as { cvarLimit?: number }).cvarLimit;
    const result = await host().runJob({ kind: 'portfolio', scenario: { ...scenario, portfolio: { ...pf, risk } }, options: {}, backend }, () => {}).promise;
    if (result.status !== 'ok') {
      // keep going: one failed λ (e.g. a glpk solve past the worker's heartbeat) should not lose the others
      useFrontier.setState((s) => ({ error: `${s.error ? `${s.error}; ` : ''}λ = ${lambda}: ${result.status}: ${result.message}` }));
      continue;
    }
    useFrontier.setState((s) => ({ points: [...s.points, { lambda, data: result.data as PortfolioData }] }));
  }
  useFrontier.setState({ running: false });
}

const PALETTE = ['#2f6fb3', '#f0b429', '#2f8f5f', '#8e5bb5', '#d9822b', '#627d98', '#c23030', '#17a2b8'];

export function FrontierPanel() {
  const { points, running, error, scenario } = useFrontier();
  const current = useDocument((s) => s.scenario);
  const busy = useSession((s) => s.job.running);
  const stale = points.length > 0 && scenario !== current;
  const traces = useMemo<{ curve: Data[]; stack: Data[] }>(() => {
    const hover = points.map((p) => p.data.contracts.map((c) => `${c.name || c.id}: ${c.volumeKw.toFixed(0)} kW`).join('<br>'));
    const curve: Data[] = [
      { x: points.map((p) => p.data.cvar), y: points.map((p) => p.data.expectedCost), text: points.map((p) => `λ = ${p.lambda}`), customdata: hover, type: 'scatter', mode: 'text+lines+markers', textposition: 'top right', marker: { color: '#2f6fb3', size: 8 }, line: { color: '#2f6fb3' }, hovertemplate: '%{text}<br>CVaR %{x:.0f}, E[cost] %{y:.0f}<br>%{customdata}<extra></extra>' },
    ];
    const ids = points[0]?.data.contracts ?? [];
    const x = points.map((p) => `λ = ${p.lambda}`);
    const stack: Data[] = ids.map((c, i) => ({ x, y: points.map((p) => p.data.contracts[i]?.volumeKw ?? 0), name: c.name || c.id, type: 'bar', marker: { color: PALETTE[i % PALETTE.length] }, hovertemplate: `%{x} ${c.name || c.id}: %{y:.0f} kW<extra></extra>` }));
    return { curve, stack };
  }, [points]);
  const curveLayout = useMemo<Partial<Layout>>(() => ({ xaxis: { title: { text: 'CVaR' }, gridcolor: '#eef0f3' }, yaxis: { title: { text: 'E[cost]' }, gridcolor: '#eef0f3' }, margin: { l: 64, r: 12, t: 8, b: 40 } }), []);
  const stackLayout = useMemo<Partial<Layout>>(() => ({ barmode: 'stack', yaxis: { title: { text: 'kW' }, gridcolor: '#eef0f3' }, showlegend: true, legend: { orientation: 'h', x: 0, y: -0.2, font: { size: 10 } }, margin: { l: 52, r: 8, t: 6, b: 52 } }), []);
  return (
    <>
      <div className="section-head">
        <span>Efficient frontier{stale ? ' (the scenario changed since)' : ''}</span>
        <button className="small-button" data-testid="frontier-run" disabled={running || busy} onClick={() => void computeFrontier()}>
          {running ? `solving ${points.length + 1} of ${FRONTIER_LAMBDAS.length}…` : `Solve for λ = ${FRONTIER_LAMBDAS.join(', ')}`}
        </button>
      </div>
      {error && <div className="banner error" data-testid="frontier-error">{error}</div>}
      {points.length > 0 && (
        <>
          <Plot exportName="portfolio-frontier" height={240} data={traces.curve} layout={curveLayout} testId="frontier-plot" />
          <Plot exportName="portfolio-frontier-volumes" height={240} data={traces.stack} layout={stackLayout} testId="frontier-volumes" />
        </>
      )}
    </>
  );
}
