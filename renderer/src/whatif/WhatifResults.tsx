/**
 * A study's results: one plot per output (studyPlots.ts; a grid as heat maps
 * or contours), for a game's sweep the equilibrium paths (EquilibriumPaths),
 * the points table with each point's status in its row (a point that did not
 * solve shows its status and message there), and exports: CSV (the same
 * table `ggs sweep` writes as points.csv), JSON (the same as its
 * result.json), PNG and SVG from each plot's toolbar.
 */
import { useMemo, useState } from 'react';
import { commonOutputs, differenceResult, whyNotDifferenced } from './compare.ts';
import { toCsv } from '../../../solver/results/table.ts';
import type { StudyResult } from '../../../solver/whatif/result.ts';
import { pointsTable } from '../../../solver/whatif/table.ts';
import { certificationCount, monteCarloSummary, type SampleSummary } from '../../../solver/whatif/summary.ts';
import type { Table } from '../../../solver/results/table.ts';
import { downloadText } from '../results/csv.ts';
import { EquilibriumPaths } from './EquilibriumPaths.tsx';
import { equilibriumSpecs } from './equilibriumPlots.ts';
import { PlotFigure } from './PlotFigure.tsx';
import { studyPlots, type GridStyle } from './studyPlots.ts';
import { useWhatif } from './whatifStore.ts';

/** Columns shown before the table scrolls sideways; the CSV holds them all. */
const MAX_COLUMNS = 40;

const fileStem = (r: StudyResult) => `whatif-${r.job}-${r.study.kind}`;

function PointsTable({ result }: { result: StudyResult }) {
  const table = useMemo(() => pointsTable(result), [result]);
  const columns = table.columns.slice(0, MAX_COLUMNS);
  const statusAt = table.columns.indexOf('status');
  const messageAt = table.columns.indexOf('message');
  const show = (v: unknown) => (typeof v === 'number' ? String(Number(v.toPrecision(6))) : v === null ? '' : String(v));
  return (
    <div className="whatif-table-wrap">
      <table className="whatif-table" data-testid="whatif-table">
        <thead>
          <tr>
            {columns.map((c, i) => (i === messageAt ? null : <th key={c}>{c}</th>))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => {
            const status = String(row[statusAt]);
            return (
              <tr key={r} className={status === 'ok' ? '' : 'not-solved'} data-testid={`whatif-row-${r}`}>
                {columns.map((c, i) =>
                  i === messageAt ? null : i === statusAt ? (
                    <td key={c} className={`status-${status}`} title={String(row[messageAt])}>
                      {status === 'ok' ? 'ok' : `${status}: ${String(row[messageAt])}`}
                    </td>
                  ) : (
                    <td key={c}>{show(row[i])}</td>
                  ),
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {table.columns.length > MAX_COLUMNS && <div className="muted">{table.columns.length - MAX_COLUMNS} more columns in the CSV</div>}
    </div>
  );
}

/**
 * A Monte Carlo study's statistics as one table: a row per scalar output, per
 * period of a series, per entity of a per-entity output (what the summary CSV holds).
 */
export function monteCarloTable(result: StudyResult): Table {
  const columns = ['output', 'unit', 'n', 'failed', 'uncertified', 'mean', 'std', 'min', 'q5', 'q25', 'median', 'q75', 'q95', 'max'];
  const rows: Table['rows'] = [];
  for (const info of result.outputs) {
    const mc = monteCarloSummary(result, info.id);
    const row = (name: string, s: SampleSummary) => {
      const q = (p: string) => (Number.isFinite(s.quantiles[p]!) ? s.quantiles[p]! : null);
      const f = (v: number) => (Number.isFinite(v) ? v : null);
      rows.push([name, info.unit, s.n, mc.failed, mc.uncertified, f(s.mean), f(s.std), f(s.min), q('0.05'), q('0.25'), q('0.5'), q('0.75'), q('0.95'), f(s.max)]);
    };
    if (Array.isArray(mc.summary)) mc.summary.forEach((s, t) => row(`${info.id}[${t}]`, s));
    else if ('quantiles' in mc.summary) row(info.id, mc.summary as SampleSummary);
    else for (const [id, s] of Object.entries(mc.summary as Record<string, SampleSummary>)) row(`${info.id}[${id}]`, s);
  }
  return { columns, rows };
}

const show = (v: unknown) => (typeof v === 'number' ? String(Number(v.toPrecision(6))) : v === null ? '' : String(v));

function MonteCarloTable({ result }: { result: StudyResult }) {
  const table = useMemo(() => monteCarloTable(result), [result]);
  return (
    <div className="whatif-table-wrap">
      <table className="whatif-table" data-testid="whatif-mc-summary">
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r} data-testid={`whatif-mc-summary-${String(row[0])}`}>
              {row.map((v, i) => (
                <td key={i}>{show(v)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const describe = (r: StudyResult) => {
  const d = r.study;
  const what =
    d.kind === 'sweep'
      ? `${d.param.path} sweep`
      : d.kind === 'grid'
        ? `${d.param.path} × ${d.param2.path} grid`
        : d.kind === 'tornado'
          ? `tornado ±${d.deltaPct} % of ${d.params.length}`
          : `Monte Carlo N = ${d.samples}, seed ${d.seed}`;
  return `${r.job} · ${what} · ${r.points.length} points · base ${r.base.scenarioHash.slice(0, 8)}`;
};

/**
 * Run comparison: A (the pinned study, else the one before the latest) and B
 * (the latest) side by side for one output, and B − A when their points
 * have the same parameter values; otherwise the reason they cannot be differenced.
 */
function Comparison({ gridStyle }: { gridStyle: GridStyle }) {
  const history = useWhatif((s) => s.history);
  const pinned = useWhatif((s) => s.pinned);
  const b = history[history.length - 1] ?? null;
  const a = pinned ?? (history.length === 2 ? history[0]! : null);
  const outputs = useMemo(() => (a && b && a !== b ? commonOutputs(a, b) : []), [a, b]);
  const [chosen, setChosen] = useState('');
  const outputId = outputs.includes(chosen) ? chosen : (outputs[0] ?? '');
  const plotOf = (r: StudyResult | null) => (r && outputId ? studyPlots({ ...r, outputs: r.outputs.filter((o) => o.id === outputId) }, { grid: gridStyle })[0] : undefined);
  const why = a && b && a !== b && outputId ? whyNotDifferenced(a, b, outputId) : null;
  const diff = useMemo(() => (a && b && a !== b && outputId && !why ? studyPlots(differenceResult(a, b, outputId), { grid: gridStyle })[0] : undefined), [a, b, outputId, why, gridStyle]);
  return (
    <section className="whatif-compare" data-testid="whatif-compare">
      <h4>Compare runs</h4>
      <div className="run-row">
        {pinned ? (
          <button data-testid="whatif-unpin" onClick={() => useWhatif.setState({ pinned: null })}>
            Unpin A
          </button>
        ) : (
          <button data-testid="whatif-pin" disabled={!b} onClick={() => useWhatif.setState({ pinned: b })}>
            📌 Pin latest as A
          </button>
        )}
        {outputs.length > 0 && (
          <label className="whatif-row">
            <span>Output</span>
            <select data-testid="whatif-compare-output" value={outputId} onChange={(e) => setChosen(e.target.value)}>
              {outputs.map((id) => (
                <option key={id} value={id}>
                  {b!.outputs.find((o) => o.id === id)!.label}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {!a || !b || a === b ? (
        <div className="muted" data-testid="whatif-compare-status">
          {pinned ? 'A is pinned: run another study to compare it with.' : 'Run two studies (or pin one as A and run another) to compare them side by side.'}
        </div>
      ) : outputs.length === 0 ? (
        <div className="whatif-note" data-testid="whatif-compare-status">
          A and B have no output in common: tick the same output in both.
        </div>
      ) : (
        <>
          <div className="whatif-compare-grid">
            <div>
              <div className="muted" data-testid="whatif-compare-a">A: {describe(a)}</div>
              <PlotFigure plot={plotOf(a)} stem="whatif-A" testId="whatif-compare-plot-a" />
            </div>
            <div>
              <div className="muted" data-testid="whatif-compare-b">B: {describe(b)}</div>
              <PlotFigure plot={plotOf(b)} stem="whatif-B" testId="whatif-compare-plot-b" />
            </div>
          </div>
          {why ? (
            <div className="whatif-note" data-testid="whatif-compare-status">
              No difference B − A: {why}.
            </div>
          ) : (
            <PlotFigure plot={diff} stem="whatif-B-minus-A" testId="whatif-compare-plot-diff" />
          )}
        </>
      )}
    </section>
  );
}

/** A row of radio buttons: one choice out of a few views. */
function Choice<T extends string>({ name, value, options, onChange }: { name: string; value: T; options: [T, string][]; onChange: (v: T) => void }) {
  return (
    <span className="run-row" role="radiogroup" data-testid={`whatif-${name}`}>
      {options.map(([v, label]) => (
        <label key={v} className="whatif-output">
          <input type="radio" name={name} data-testid={`whatif-${name}-${v}`} checked={value === v} onChange={() => onChange(v)} />
          {label}
        </label>
      ))}
    </span>
  );
}

export function WhatifResults() {
  const result = useWhatif((s) => s.result);
  const [gridStyle, setGridStyle] = useState<GridStyle>('heatmap');
  const [view, setView] = useState<'outputs' | 'equilibrium'>('outputs');
  const plots = useMemo(() => (result ? studyPlots(result, { grid: gridStyle }) : []), [result, gridStyle]);
  if (!result) return <div className="muted whatif-empty">Choose a parameter, its values and the outputs, then Run: one job per point.</div>;
  const stem = fileStem(result);
  const isGame = equilibriumSpecs(result.job).length > 0;
  const shown = isGame ? view : 'outputs';
  const count = certificationCount(result);
  return (
    <div className="whatif-results" data-testid="whatif-results">
      <div className="run-row">
        <span className="muted">
          {result.points.length} points · {result.job} · {result.study.kind}
        </span>
        <span className={count.uncertified > 0 ? 'badge warning' : 'muted'} data-testid="whatif-certified-count" title="points whose answer's certificate holds at its tolerance">
          {count.certified} certified{count.uncertified > 0 ? ` · ${count.uncertified} uncertified` : ''}{count.noAnswer > 0 ? ` · ${count.noAnswer} not solved` : ''}
        </span>
        <button data-testid="whatif-export-csv" onClick={() => downloadText(`${stem}.csv`, toCsv(pointsTable(result)), 'text/csv')}>
          Export CSV
        </button>
        {result.study.kind === 'monte-carlo' && (
          <button data-testid="whatif-export-summary-csv" onClick={() => downloadText(`${stem}-summary.csv`, toCsv(monteCarloTable(result)), 'text/csv')}>
            Export summary CSV
          </button>
        )}
        <button data-testid="whatif-export-json" onClick={() => downloadText(`${stem}.json`, JSON.stringify(result, null, 2) + '\n', 'application/json')}>
          Export JSON
        </button>
      </div>
      {(isGame || result.study.kind === 'grid') && (
        <div className="run-row">
          {isGame && (
            <Choice
              name="view"
              value={shown}
              options={[
                ['outputs', 'Outputs'],
                ['equilibrium', 'Equilibrium path'],
              ]}
              onChange={setView}
            />
          )}
          {result.study.kind === 'grid' && shown === 'outputs' && (
            <Choice
              name="grid-style"
              value={gridStyle}
              options={[
                ['heatmap', 'Heat map'],
                ['contour', 'Contour'],
              ]}
              onChange={setGridStyle}
            />
          )}
        </div>
      )}
      {result.study.kind === 'monte-carlo' && <MonteCarloTable result={result} />}
      {shown === 'equilibrium' ? (
        <EquilibriumPaths result={result} stem={stem} />
      ) : (
        plots.map((p) => <PlotFigure key={p.outputId} plot={p} stem={stem} testId={`whatif-plot-${p.outputId}`} height={260} />)
      )}
      <PointsTable result={result} />
      <Comparison gridStyle={gridStyle} />
    </div>
  );
}
