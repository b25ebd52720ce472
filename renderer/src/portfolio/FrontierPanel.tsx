/**
 * The efficient frontier: the `portfolio` job over a list of risk weights λ
 * or of CVaR limits, run as a what-if sweep (several points at once on the
 * desktop's worker pool), with progress and Cancel; E[cost] against CVaR
 * with each point's portfolio on hover, the volumes stacked along it, and a
 * table whose rows can be sent to the comparison.
 */
import { useDocument } from '../state/document.ts';
import { useSession } from '../state/session.ts';
import { readValues } from '../whatif/runWhatif.ts';
import { capsFromFrontier, type FrontierMode } from './frontierStudy.ts';
import { cancelFrontier, chooseCompared, frontierKey, runFrontier, useStudies } from './portfolioStudies.ts';
import { FrontierCurve, FrontierVolumes, pointLabel } from './FrontierPlots.tsx';
import { StudyProgressBar } from '../components/StudyProgressBar.tsx';

const money = (v: number) => (Number.isFinite(v) ? v.toLocaleString('en-US', { maximumFractionDigits: 0 }) : '—');

/** The document the frontier was computed for differs from the one being edited. */
export function useFrontierStale(): boolean {
  const scenario = useStudies((s) => s.scenario);
  const current = useDocument((s) => s.scenario);
  return scenario !== null && scenario !== current;
}

export function FrontierPanel() {
  const st = useStudies();
  const busy = useSession((s) => s.job.running);
  const stale = useFrontierStale();
  const names = useDocument((s) => s.scenario.portfolio?.contracts ?? []);
  const read = readValues(st.values[st.mode]);
  const setMode = (mode: FrontierMode) => {
    const fill = mode === 'cvarLimit' && st.values.cvarLimit.trim() === '' && st.pointsMode === 'lambda' ? capsFromFrontier(st.points) : null;
    useStudies.setState((s) => ({ mode, values: fill ? { ...s.values, cvarLimit: fill } : s.values }));
  };
  const p = st.progress;
  return (
    <section className="frontier" data-testid="frontier-panel">
      <div className="section-head">
        <span>Efficient frontier</span>
        {stale && <span className="stale" data-testid="frontier-stale">the scenario changed since: run again to update</span>}
      </div>
      <div className="frontier-form">
        <label>
          <input type="radio" name="frontier-mode" checked={st.mode === 'lambda'} disabled={st.running} onChange={() => setMode('lambda')} data-testid="frontier-mode-lambda" /> risk weights λ
        </label>
        <label>
          <input type="radio" name="frontier-mode" checked={st.mode === 'cvarLimit'} disabled={st.running} onChange={() => setMode('cvarLimit')} data-testid="frontier-mode-cvar" /> CVaR limits
        </label>
        <input
          className={`frontier-values${read.ok ? '' : ' invalid'}`}
          value={st.values[st.mode]}
          disabled={st.running}
          aria-label={st.mode === 'lambda' ? 'risk weights' : 'CVaR limits'}
          placeholder={st.mode === 'lambda' ? '0,0.5,1,2 · 0:4:9' : 'e.g. 6200,6300,6400 (run a λ frontier first to prefill)'}
          title={read.ok ? undefined : read.message}
          data-testid="frontier-values"
          onChange={(e) => useStudies.setState((s) => ({ values: { ...s.values, [s.mode]: e.target.value } }))}
        />
        <button className="primary" disabled={st.running || busy || !read.ok} onClick={() => void runFrontier()} data-testid="frontier-run">
          ▶ Solve {read.ok ? `${read.values.length} point${read.values.length === 1 ? '' : 's'}` : ''}
        </button>
        <button disabled={!st.running} onClick={cancelFrontier} data-testid="frontier-cancel">
          ■ Cancel
        </button>
      </div>
      <StudyProgressBar
        progress={p}
        running={st.running}
        idle={read.ok ? `${st.mode === 'lambda' ? 'λ' : 'CVaR ≤'} ${read.values.join(', ')}` : read.message}
        testId="frontier-progress"
      />
      {st.issues.length > 0 && (
        <ul className="whatif-issues" data-testid="frontier-issues">
          {st.issues.map((i) => (
            <li key={i}>{i}</li>
          ))}
        </ul>
      )}
      {st.points.length > 0 && (
        <>
          <div className="frontier-plots">
            <FrontierCurve points={st.points} mode={st.pointsMode} contracts={names} />
            <FrontierVolumes points={st.points} mode={st.pointsMode} contracts={names} />
          </div>
          <div className="table-scroll">
            <table className="grid readonly frontier-table" data-testid="frontier-table">
              <thead>
                <tr>
                  <th>Point</th>
                  <th>Status</th>
                  <th>E[cost]</th>
                  <th>CVaR</th>
                  <th>VaR</th>
                  <th>Std</th>
                  {names.map((c) => (
                    <th key={c.id} title={c.name}>
                      {c.id} <span className="unit">kW</span>
                    </th>
                  ))}
                  <th title="send this point to the comparison as A or B">A / B</th>
                </tr>
              </thead>
              <tbody>
                {st.points.map((pt) => (
                  <tr key={pt.value} className={pt.status === 'ok' ? undefined : 'not-solved'} title={pt.status === 'ok' ? undefined : pt.message}>
                    <td>{pointLabel(st.pointsMode, pt.value)}</td>
                    <td className={`status-${pt.status}`}>{pt.status}</td>
                    <td className="num">{money(pt.expectedCost)}</td>
                    <td className="num">{money(pt.cvar)}</td>
                    <td className="num">{money(pt.var)}</td>
                    <td className="num">{money(pt.stdCost)}</td>
                    {names.map((c) => (
                      <td key={c.id} className="num">
                        {pt.status === 'ok' ? (pt.volumes[c.id] ?? 0).toFixed(0) : '—'}
                      </td>
                    ))}
                    <td>
                      <button className="small-button" disabled={pt.status !== 'ok'} onClick={() => void chooseCompared(0, frontierKey(pt.value))} data-testid={`compare-a-${pt.value}`}>
                        A
                      </button>{' '}
                      <button className="small-button" disabled={pt.status !== 'ok'} onClick={() => void chooseCompared(1, frontierKey(pt.value))} data-testid={`compare-b-${pt.value}`}>
                        B
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
