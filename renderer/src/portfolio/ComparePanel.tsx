/**
 * Two portfolios side by side — the last run's optimum or an earlier run's,
 * your portfolio, or any frontier point (evaluated on the same scenarios for its cost
 * histogram): metrics and volumes with B − A, both cost histograms on one
 * axis, and the cost difference scenario by scenario.
 */
import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import type { JobResult, PortfolioData, PortfolioMetrics } from '../../../solver/contract.ts';
import { Plot } from '../components/Plot.tsx';
import { useDocument } from '../state/document.ts';
import { useSession } from '../state/session.ts';
import { useShownResult } from '../results/useShownResult.ts';
import { CostHistogram } from './CostHistogram.tsx';
import { pointLabel } from './FrontierPlots.tsx';
import { chooseCompared, frontierKey, useStudies } from './portfolioStudies.ts';
import { comparisonRows, costDifferences, sharedCostRange } from './portfolioComparison.ts';

const COLOURS = { a: '#2f6fb3', b: '#d9822b' };
const num = (v: number, unit: string) => v.toLocaleString('en-US', { maximumFractionDigits: unit === 'kW' ? 0 : 0 });
const signed = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toLocaleString('en-US', { maximumFractionDigits: 0 })}`;

interface Candidate {
  key: string;
  label: string;
  metrics: PortfolioMetrics | null;
}

/** How a portfolio job's result is named in the pickers. */
function runTarget(result: JobResult): string {
  const d = result.data as PortfolioData;
  return result.job === 'portfolio-evaluate' ? 'evaluated' : d.lambda != null ? `optimum at λ = ${d.lambda}` : `optimum at CVaR ≤ ${d.cvarLimit}`;
}

const isPortfolioResult = (r: JobResult) => r.status === 'ok' && r.data !== null && (r.job === 'portfolio' || r.job === 'portfolio-evaluate');

/** What can be compared: the result on screen, earlier runs of this session, your evaluated portfolio, each solved frontier point. */
function useCandidates(): Candidate[] {
  const shown = useShownResult();
  const results = useSession((s) => s.results);
  const st = useStudies();
  const current = useDocument((s) => s.scenario);
  const list: Candidate[] = [];
  if (shown && isPortfolioResult(shown.result)) list.push({ key: 'result', label: `last run: ${runTarget(shown.result)}${shown.stale ? ' (stale)' : ''}`, metrics: shown.result.data as PortfolioMetrics });
  Object.entries(results).forEach(([hash, r], i) => {
    if (hash !== shown?.hash && isPortfolioResult(r)) list.push({ key: `run:${hash}`, label: `run ${i + 1}: ${runTarget(r)}`, metrics: r.data as PortfolioMetrics });
  });
  const mine = st.evaluated.user;
  if (mine) list.push({ key: 'user', label: `your portfolio${mine.scenario !== current ? ' (before the last edit)' : ''}`, metrics: mine.metrics });
  for (const p of st.points) if (p.status === 'ok') list.push({ key: frontierKey(p.value), label: `frontier ${pointLabel(st.pointsMode, p.value)}`, metrics: st.evaluated[frontierKey(p.value)]?.metrics ?? null });
  return list;
}

function Picker({ side, candidates }: { side: 0 | 1; candidates: Candidate[] }) {
  const key = useStudies((s) => s.compare[side]);
  return (
    <label className="compare-picker">
      <span className="compare-badge" style={{ background: side === 0 ? COLOURS.a : COLOURS.b }}>
        {side === 0 ? 'A' : 'B'}
      </span>
      <select value={candidates.some((c) => c.key === key) ? key! : ''} onChange={(e) => void chooseCompared(side, e.target.value || null)} data-testid={`compare-pick-${side === 0 ? 'a' : 'b'}`}>
        <option value="">— choose —</option>
        {candidates.map((c) => (
          <option key={c.key} value={c.key}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ComparePanel() {
  const candidates = useCandidates();
  const [ka, kb] = useStudies((s) => s.compare);
  const evaluating = useStudies((s) => s.evaluating);
  const issue = useStudies((s) => s.compareIssue);
  const contracts = useDocument((s) => s.scenario.portfolio?.contracts ?? []);
  const a = candidates.find((c) => c.key === ka);
  const b = candidates.find((c) => c.key === kb);
  return (
    <section className="compare" data-testid="compare-panel">
      <div className="section-head">
        <span>Compare two portfolios</span>
        <span className="muted">{candidates.length < 2 ? 'run the portfolio job, evaluate your portfolio or solve a frontier first' : 'B − A in the last column'}</span>
      </div>
      <div className="compare-pickers">
        <Picker side={0} candidates={candidates} />
        <Picker side={1} candidates={candidates} />
        {evaluating && evaluating !== 'user' && <span className="muted">evaluating {evaluating.replace('frontier:', 'frontier point ')}…</span>}
      </div>
      {issue && <div className="banner error">{issue}</div>}
      {a?.metrics && b?.metrics && <Comparison a={{ ...a, metrics: a.metrics }} b={{ ...b, metrics: b.metrics }} contracts={contracts} />}
    </section>
  );
}

function Comparison({ a, b, contracts }: { a: Candidate & { metrics: PortfolioMetrics }; b: Candidate & { metrics: PortfolioMetrics }; contracts: { id: string; name?: string | undefined }[] }) {
  const rows = useMemo(() => comparisonRows(a.metrics, b.metrics, contracts), [a.metrics, b.metrics, contracts]);
  const range = useMemo(() => sharedCostRange(a.metrics, b.metrics), [a.metrics, b.metrics]);
  const diffs = useMemo(() => costDifferences(a.metrics, b.metrics), [a.metrics, b.metrics]);
  const volumeTraces = useMemo<Data[]>(() => {
    const x = contracts.map((c) => c.name || c.id);
    return [
      { x, y: contracts.map((c) => a.metrics.volumes[c.id] ?? 0), type: 'bar', name: `A: ${a.label}`, marker: { color: COLOURS.a }, hovertemplate: `A %{x}: %{y:.0f} kW<extra></extra>` },
      { x, y: contracts.map((c) => b.metrics.volumes[c.id] ?? 0), type: 'bar', name: `B: ${b.label}`, marker: { color: COLOURS.b }, hovertemplate: `B %{x}: %{y:.0f} kW<extra></extra>` },
    ];
  }, [a, b, contracts]);
  const volumeLayout = useMemo<Partial<Layout>>(() => ({ barmode: 'group', yaxis: { title: { text: 'kW' }, gridcolor: '#eef0f3' }, showlegend: true, legend: { orientation: 'h', x: 0, y: 1.15, font: { size: 10 } }, margin: { l: 52, r: 8, t: 24, b: 56 } }), []);
  const diffTraces = useMemo<Data[]>(() => (diffs ? [{ x: diffs, type: 'histogram', nbinsx: 30, marker: { color: '#8e5bb5', line: { color: '#5b3a78', width: 0.5 } }, hovertemplate: 'B − A %{x}<br>%{y} scenarios<extra></extra>' }] : []), [diffs]);
  const diffLayout = useMemo<Partial<Layout>>(() => ({ bargap: 0.03, xaxis: { title: { text: 'cost of B − cost of A, same scenario' }, gridcolor: '#eef0f3', zeroline: true, zerolinecolor: '#2b2f36' }, yaxis: { title: { text: 'scenarios' }, gridcolor: '#eef0f3' }, margin: { l: 52, r: 12, t: 8, b: 42 } }), []);
  const cheaper = diffs ? diffs.filter((d) => d < 0).length : 0;
  return (
    <>
      <table className="grid readonly compare-table" data-testid="compare-table">
        <thead>
          <tr>
            <th></th>
            <th style={{ color: COLOURS.a }}>A: {a.label}</th>
            <th style={{ color: COLOURS.b }}>B: {b.label}</th>
            <th>B − A</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <td>
                {r.label} <span className="unit">{r.unit}</span>
              </td>
              <td className="num">{num(r.a, r.unit)}</td>
              <td className="num">{num(r.b, r.unit)}</td>
              <td className={`num ${r.unit !== 'currency' ? '' : r.diff < 0 ? 'better' : r.diff > 0 ? 'worse' : ''}`}>{signed(r.diff)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Plot exportName="portfolio-compare-volumes" height={250} data={volumeTraces} layout={volumeLayout} testId="compare-volumes" />
      <div className="compare-histograms">
        <figure>
          <figcaption style={{ color: COLOURS.a }}>A: {a.label}</figcaption>
          <CostHistogram data={a.metrics} xRange={range} testId="compare-histogram-a" height={220} colour="#9fb3c8" />
        </figure>
        <figure>
          <figcaption style={{ color: COLOURS.b }}>B: {b.label}</figcaption>
          <CostHistogram data={b.metrics} xRange={range} testId="compare-histogram-b" height={220} colour="#f3c89b" />
        </figure>
      </div>
      {diffs ? (
        <>
          <div className="section-head">
            <span>Cost difference by scenario</span>
            <span className="muted" data-testid="compare-cheaper">
              B is cheaper in {cheaper} of {diffs.length} scenarios ({((100 * cheaper) / diffs.length).toFixed(0)} %)
            </span>
          </div>
          <Plot exportName="portfolio-compare-difference" height={200} data={diffTraces} layout={diffLayout} testId="compare-difference" />
        </>
      ) : (
        <p className="muted">The two were costed on different scenario sets: no scenario-by-scenario difference.</p>
      )}
    </>
  );
}
