/**
 * Import of the user's own price/demand scenarios from CSV (long form, units
 * in the header; solver/portfolio/csvScenarios.ts). The file is read and
 * checked in the dialog: every problem is listed by row and column and the
 * document is left as it was; only "Use these scenarios" changes it (one
 * undo step). A browser file input — in Electron it opens the native dialog.
 */
import { useEffect, useRef, useState } from 'react';
import { parseScenarioCsv, type CsvResult } from '../../../solver/portfolio/csvScenarios.ts';
import { useDocument } from '../state/document.ts';
import { applyImportedScenarios } from './portfolioEdits.ts';

interface Read {
  name: string;
  result: CsvResult;
}

const range = (rows: number[][]) => {
  let lo = Infinity, hi = -Infinity;
  for (const r of rows) for (const v of r) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
  return [lo, hi] as const;
};

export function CsvImportDialog({ onClose }: { onClose(): void }) {
  const T = useDocument((s) => s.scenario.time.T);
  const [read, setRead] = useState<Read | null>(null);
  const [reading, setReading] = useState(false);
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => closeButton.current?.focus(), []);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setReading(true);
    try {
      setRead({ name: file.name, result: parseScenarioCsv(await file.text(), T) });
    } catch (e) {
      setRead({ name: file.name, result: { ok: false, issues: [{ row: 0, column: null, message: `the file could not be read: ${(e as Error).message}` }] } });
    } finally {
      setReading(false);
    }
  };
  const accept = () => {
    if (!read?.result.ok) return;
    applyImportedScenarios(read.result.value, read.name);
    onClose();
  };
  const ok = read?.result.ok ? read.result.value : null;
  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="modal csv-import" role="dialog" aria-modal="true" aria-labelledby="csv-import-title" data-testid="csv-import-dialog">
        <h2 id="csv-import-title">Import price and demand scenarios</h2>
        <p>
          One row per scenario and period, periods 1 to {T} (the horizon <code>time.T</code>); <code>,</code> or <code>;</code> between values:
        </p>
        <pre className="csv-example">scenario,period,price_per_kwh,demand_kw{'\n'}wet-2019,1,0.112,830{'\n'}wet-2019,2,0.104,790</pre>
        <p className="muted">Prices may be per MWh (price_per_mwh), demand in MW (demand_mw). A missing value is an error, never a zero.</p>
        <input type="file" accept=".csv,text/csv,text/plain" aria-label="CSV file" data-testid="csv-file" onChange={(e) => void onFile(e.target.files?.[0])} />
        {reading && <p className="muted">Reading…</p>}
        {read && !read.result.ok && (
          <div className="csv-issues" data-testid="csv-issues">
            <p className="status-invalid">
              {read.name}: {read.result.issues.length} problem{read.result.issues.length > 1 ? 's' : ''}
              {read.result.issues.length >= 50 ? ' (the first 50)' : ''}; nothing was imported.
            </p>
            <div className="table-scroll">
              <table className="grid readonly">
                <thead>
                  <tr>
                    <th>Row</th>
                    <th>Column</th>
                    <th>Problem</th>
                  </tr>
                </thead>
                <tbody>
                  {[...read.result.issues].sort((x, y) => x.row - y.row).map((i, k) => (
                    <tr key={k} data-testid="csv-issue">
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
        {ok && (
          <p className="status-ok" data-testid="csv-summary">
            {read!.name}: {ok.pricePerKwh.length} scenario{ok.pricePerKwh.length > 1 ? 's' : ''} ({ok.scenarioNames.slice(0, 4).join(', ')}
            {ok.scenarioNames.length > 4 ? ', …' : ''}) × {T} periods; price {range(ok.pricePerKwh).map((v) => v.toFixed(4)).join(' to ')} /kWh, demand{' '}
            {range(ok.demandKw).map((v) => v.toFixed(0)).join(' to ')} kW.
          </p>
        )}
        <div className="modal-buttons">
          <button ref={closeButton} onClick={onClose} data-testid="csv-cancel">
            Cancel
          </button>
          <button className="primary" disabled={!ok} onClick={accept} data-testid="csv-accept">
            Use these scenarios
          </button>
        </div>
      </div>
    </div>
  );
}
