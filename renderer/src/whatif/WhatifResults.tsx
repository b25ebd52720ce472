/**
 * A study's results: one plot per output (studyPlots.ts), the points table
 * with each point's status in its row (a point that did not solve shows its
 * status and message there), and exports: CSV (the same table `ggs sweep`
 * writes as points.csv), JSON (the same as its result.json), PNG from each
 * plot's toolbar.
 */
import { useMemo } from 'react';
import { toCsv } from '../../../solver/results/table.ts';
import type { StudyResult } from '../../../solver/whatif/result.ts';
import { pointsTable } from '../../../solver/whatif/table.ts';
import { Plot } from '../components/Plot.tsx';
import { downloadText } from '../results/csv.ts';
import { studyPlots } from './studyPlots.ts';
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

export function WhatifResults() {
  const result = useWhatif((s) => s.result);
  const plots = useMemo(() => (result ? studyPlots(result) : []), [result]);
  if (!result) return <div className="muted whatif-empty">Choose a parameter, its values and the outputs, then Run: one job per point.</div>;
  const stem = fileStem(result);
  return (
    <div className="whatif-results" data-testid="whatif-results">
      <div className="run-row">
        <span className="muted">
          {result.points.length} points · {result.job} · {result.study.kind}
        </span>
        <button data-testid="whatif-export-csv" onClick={() => downloadText(`${stem}.csv`, toCsv(pointsTable(result)), 'text/csv')}>
          Export CSV
        </button>
        <button data-testid="whatif-export-json" onClick={() => downloadText(`${stem}.json`, JSON.stringify(result, null, 2) + '\n', 'application/json')}>
          Export JSON
        </button>
      </div>
      {plots.map((p) => (
        <figure key={p.outputId} className="whatif-plot">
          <figcaption>{p.title}</figcaption>
          {p.data.length > 0 && <Plot testId={`whatif-plot-${p.outputId}`} exportName={`${stem}-${p.outputId}`} height={260} data={p.data} layout={p.layout} />}
          {p.note && <div className="whatif-note">{p.note}</div>}
        </figure>
      ))}
      <PointsTable result={result} />
    </div>
  );
}
