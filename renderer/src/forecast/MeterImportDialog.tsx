/**
 * File → Import meter data (CSV): the user's own meter readings become a
 * forecast scenario (issue 18, item 1). The file is read in the dialog and
 * parsed by the same importer as `ggs forecast` (solver/forecast/meterCsv.ts):
 * every problem is listed with its row and column and nothing is imported;
 * otherwise the import report says per column what was missing, what was
 * interpolated and which register resets were found, and how load, PV and
 * net load were derived. Changing an option (time zone, registers vs
 * energy, filling short gaps) re-reads the same text. Only "Open as forecast
 * scenario" changes the document (a new, unsaved one, job `forecast`). A
 * browser file input, as in the other CSV imports — in Electron it opens the
 * native dialog.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { DEFAULT_METER_CSV, parseMeterCsv, type MeterCsvOptions } from '../../../solver/forecast/meterCsv.ts';
import { forecastScenario } from '../../../solver/forecast/scenarioOf.ts';
import { isTimeZone, isoUtc } from '../../../solver/forecast/time.ts';
import { openBuiltScenario } from '../actions/documentActions.ts';
import { closeMeterImport, useMeterImport } from './meterImportState.ts';

const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function MeterImport() {
  const open = useMeterImport((s) => s.open);
  return open ? <MeterImportDialog onClose={closeMeterImport} /> : null;
}

export function MeterImportDialog({ onClose }: { onClose(): void }) {
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [options, setOptions] = useState<MeterCsvOptions>({ ...DEFAULT_METER_CSV, timeZone: localZone() });
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => closeButton.current?.focus(), []);
  const zoneOk = isTimeZone(options.timeZone);
  const result = useMemo(() => (file && zoneOk ? parseMeterCsv(file.text, options) : null), [file, options, zoneOk]);
  const set = (o: Partial<MeterCsvOptions>) => setOptions((x) => ({ ...x, ...o }));

  const onFile = async (f: File | undefined) => {
    if (f) setFile({ name: f.name, text: await f.text() });
  };
  const accept = async () => {
    if (!file || !result?.ok) return;
    const name = file.name.replace(/\.(csv|txt)$/i, '') + '.ggs.json';
    if (await openBuiltScenario(forecastScenario(result.data, name.replace(/\.ggs\.json$/, '')), name)) onClose();
  };
  const data = result?.ok ? result.data : null;
  const gapIssues = result && !result.ok ? result.issues.filter((i) => /gap|missing/i.test(i.message)).length : 0;

  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="modal csv-import" role="dialog" aria-modal="true" aria-labelledby="meter-import-title" data-testid="meter-import-dialog">
        <h2 id="meter-import-title">Import meter data</h2>
        <p>A timestamp column and one column per meter (kWh per interval, or cumulative registers); weather columns are used when present:</p>
        <pre className="csv-example">timestamp,grid_import,grid_export,pv,temperature{'\n'}2016-03-27T00:00,0.41,0,0,4.5</pre>
        <input type="file" accept=".csv,text/csv,text/plain" aria-label="meter CSV file" data-testid="meter-file" onChange={(e) => void onFile(e.target.files?.[0])} />
        <div className="form-grid" style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '4px 10px', margin: '8px 0' }}>
          <label htmlFor="meter-zone">Time zone of timestamps without an offset</label>
          <input id="meter-zone" data-testid="meter-zone" value={options.timeZone} onChange={(e) => set({ timeZone: e.target.value })} aria-invalid={!zoneOk} />
          <label htmlFor="meter-values">Meter columns hold</label>
          <select id="meter-values" data-testid="meter-values" value={options.values} onChange={(e) => set({ values: e.target.value as MeterCsvOptions['values'] })}>
            <option value="energy">energy per interval (kWh)</option>
            <option value="register">cumulative registers (kWh readings)</option>
          </select>
          <label htmlFor="meter-fill">Fill gaps of up to (intervals, linear)</label>
          <input id="meter-fill" data-testid="meter-fill" type="number" min={0} max={48} value={options.fillGapsUpTo} onChange={(e) => set({ fillGapsUpTo: Math.max(0, Math.min(48, Math.round(Number(e.target.value) || 0))) })} />
          <label htmlFor="meter-missing">Keep longer gaps as missing values</label>
          <input id="meter-missing" data-testid="meter-missing" type="checkbox" checked={options.allowMissing} onChange={(e) => set({ allowMissing: e.target.checked })} />
        </div>
        <p className="muted">
          Timestamps with an offset (Z, +01:00) are taken as they are; without one they are wall-clock times of the zone: the hour the clocks skip in spring is an error, the autumn hour listed twice reads as two hours.
        </p>
        {!zoneOk && <p className="status-invalid">"{options.timeZone}" is not a time zone (e.g. Europe/Berlin, UTC).</p>}
        {file && result && !result.ok && (
          <div className="csv-issues" data-testid="meter-issues">
            <p className="status-invalid">
              {file.name}: {result.issues.length} problem{result.issues.length > 1 ? 's' : ''}
              {result.issues.length >= 50 ? ' (the first 50)' : ''}; nothing was imported.
              {gapIssues > 0 && options.fillGapsUpTo === 0 ? ' Short gaps can be filled (option above).' : ''}
            </p>
            <div className="table-scroll">
              <table className="grid readonly">
                <thead>
                  <tr><th>Row</th><th>Column</th><th>Problem</th></tr>
                </thead>
                <tbody>
                  {[...result.issues].sort((x, y) => x.row - y.row).map((i, k) => (
                    <tr key={k} data-testid="meter-issue">
                      <td className="num">{i.row || '—'}</td>
                      <td>{i.column ?? '—'}</td>
                      <td>{i.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        )}
        {file && data && (
          <div data-testid="meter-report">
            <p className="status-ok" data-testid="meter-summary">
              {file.name}: {data.report.rows} rows, {data.report.intervals} intervals of {data.stepMinutes} min from {isoUtc(data.startMs)} ({data.timeZone}); series{' '}
              {data.series.map((s) => `${s.id} (${s.role})`).join(', ')}.
            </p>
            <table className="grid readonly" data-testid="meter-columns">
              <thead>
                <tr><th>Column</th><th>Kind</th><th>Missing</th><th>Interpolated</th><th>Gaps (filled)</th><th>Register resets</th></tr>
              </thead>
              <tbody>
                {data.report.columns.map((c) => (
                  <tr key={c.column} data-column={c.column}>
                    <td>{c.column}</td>
                    <td>{c.kind}</td>
                    <td className="num">{c.missing}</td>
                    <td className="num">{c.interpolated}{c.publisherInterpolated ? ` (+${c.publisherInterpolated} by the publisher)` : ''}</td>
                    <td className="num">{c.gaps.length} ({c.gaps.filter((g) => g.filled).length})</td>
                    <td className="num">{c.resets.length}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <ul className="muted" data-testid="meter-notes">
              {[...data.report.derived, ...data.report.notes].map((n, k) => <li key={k}>{n}</li>)}
            </ul>
          </div>
        )}
        <div className="modal-buttons">
          <button ref={closeButton} onClick={onClose} data-testid="meter-cancel">Cancel</button>
          <button className="primary" disabled={!data} onClick={() => void accept()} data-testid="meter-accept">Open as forecast scenario</button>
        </div>
      </div>
    </div>
  );
}
