/**
 * A portfolio the user types in — one volume per contract, empty = the
 * contract's held volume — evaluated on the document's scenarios with the
 * `portfolio-evaluate` job; the result joins the comparison as "your portfolio".
 */
import { hasAnswer } from '../../../solver/jobs/certification.ts';
import type { PortfolioMetrics } from '../../../solver/contract.ts';
import { useDocument } from '../state/document.ts';
import { useShownResult } from '../results/useShownResult.ts';
import { evaluatePortfolio, useStudies } from './portfolioStudies.ts';
import { readUserVolumes } from './userVolumes.ts';

const money = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 0 });

export function EvaluateForm() {
  const contracts = useDocument((s) => s.scenario.portfolio?.contracts ?? []);
  const typed = useStudies((s) => s.userVolumes);
  const evaluating = useStudies((s) => s.evaluating);
  const mine = useStudies((s) => s.evaluated.user);
  const shown = useShownResult();
  const optimum = shown !== null && shown !== undefined && hasAnswer(shown.result.status) && (shown.result.job === 'portfolio' || shown.result.job === 'portfolio-evaluate') ? (shown.result.data as PortfolioMetrics) : null;
  const read = readUserVolumes(typed, contracts.map((c) => c.id));
  const bad = read.ok ? {} : read.bad;
  const setTyped = (next: Record<string, string>) => useStudies.setState({ userVolumes: next });
  const evaluate = async () => {
    if (!read.ok) return;
    const result = await evaluatePortfolio('user', 'your portfolio', useDocument.getState().scenario, read.volumesKw);
    if (result.status === 'ok') useStudies.setState((s) => ({ compare: [s.compare[0] ?? 'result', 'user'] }));
  };
  return (
    <section className="evaluate" data-testid="evaluate-form">
      <div className="section-head">
        <span>Your portfolio</span>
        <span className="muted">evaluated on the same scenarios (portfolio-evaluate)</span>
      </div>
      <table className="grid readonly evaluate-table">
        <thead>
          <tr>
            <th>Contract</th>
            <th>
              Allowed <span className="unit">kW</span>
            </th>
            <th>
              Held <span className="unit">kW</span>
            </th>
            {optimum && (
              <th>
                Last run <span className="unit">kW</span>
              </th>
            )}
            <th>
              Volume <span className="unit">kW</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {contracts.map((c) => (
            <tr key={c.id}>
              <td>{c.name || c.id}</td>
              <td className="num">
                {c.minKw ?? 0}–{c.maxKw}
              </td>
              <td className="num">{c.heldKw ?? c.minKw ?? 0}</td>
              {optimum && <td className="num">{(optimum.volumes[c.id] ?? 0).toFixed(0)}</td>}
              <td className="volume-cell">
                <input
                  className={`cell-input num${bad[c.id] ? ' invalid' : ''}`}
                  value={typed[c.id] ?? ''}
                  placeholder={String(c.heldKw ?? c.minKw ?? 0)}
                  aria-label={`volume of ${c.name || c.id}`}
                  title={bad[c.id]}
                  data-testid={`user-volume-${c.id}`}
                  onChange={(e) => setTyped({ ...typed, [c.id]: e.target.value })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!read.ok && (
        <ul className="whatif-issues" data-testid="evaluate-issues">
          {Object.entries(read.bad).map(([id, m]) => (
            <li key={id}>
              <code>volumesKw.{id}</code>: {m}
            </li>
          ))}
        </ul>
      )}
      <div className="button-row">
        <button onClick={() => setTyped({})} disabled={!!evaluating}>
          Held volumes
        </button>
        <button disabled={!optimum || !!evaluating} onClick={() => optimum && setTyped(Object.fromEntries(contracts.map((c) => [c.id, String(Math.round(optimum.volumes[c.id] ?? 0))])))}>
          Copy the last run
        </button>
        <button className="primary" disabled={!read.ok || !!evaluating} onClick={() => void evaluate()} data-testid="evaluate-run">
          {evaluating === 'user' ? 'Evaluating…' : '▶ Evaluate'}
        </button>
        {mine && (
          <span className="muted" data-testid="user-metrics">
            E[cost] {money(mine.metrics.expectedCost)} · CVaR {money(mine.metrics.cvar)} · VaR {money(mine.metrics.var)}
          </span>
        )}
      </div>
    </section>
  );
}
