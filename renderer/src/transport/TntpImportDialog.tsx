/**
 * File → Import TNTP…: a road network and its trips in the TNTP format of
 * the Transportation Networks for Research collection (Sioux Falls and the
 * other test cities) become a new scenario for the `traffic` job. The user
 * picks the network, the trips and, optionally, the node coordinates; the
 * files are read by the same importer as `ggs import tntp`
 * (solver/import/tntp.ts). Anything it cannot read is listed with its file,
 * line and reason, and nothing is imported; the current document changes
 * only on "Open as scenario" (a new, unsaved one). Browser file inputs, as in
 * the meter-data import: in Electron they open the native dialog, so both
 * hosts share this dialog.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { importTntp, TntpError, type TntpFile, type TntpImport, type TntpProblem } from '../../../solver/import/tntp.ts';
import { openBuiltScenario } from '../actions/documentActions.ts';
import { useSession } from '../state/session.ts';
import { closeTntpImport, useTntpImport } from './tntpImportState.ts';

type Role = 'net' | 'trips' | 'nodes';
type Outcome = { ok: true; imported: TntpImport } | { ok: false; problems: TntpProblem[] };

export function TntpImport() {
  const open = useTntpImport((s) => s.open);
  return open ? <TntpImportDialog onClose={closeTntpImport} /> : null;
}

/** Runs the importer; its refusal (TntpError) becomes the problem list, anything else is a problem of the net file. */
export function readTntp(net: TntpFile, trips: TntpFile, nodes: TntpFile | undefined): Outcome {
  try {
    return { ok: true, imported: importTntp(net, trips, nodes) };
  } catch (e) {
    if (e instanceof TntpError) return { ok: false, problems: e.problems };
    return { ok: false, problems: [{ file: net.name, line: 0, message: e instanceof Error ? e.message : String(e) }] };
  }
}

const FILES: { role: Role; label: string; hint: string }[] = [
  { role: 'net', label: 'Network', hint: '…_net.tntp: one link per line' },
  { role: 'trips', label: 'Trips', hint: '…_trips.tntp: Origin blocks' },
  { role: 'nodes', label: 'Nodes (optional)', hint: '…_node.tntp: coordinates for the map' },
];

export function TntpImportDialog({ onClose }: { onClose(): void }) {
  const [files, setFiles] = useState<Partial<Record<Role, TntpFile>>>({});
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => closeButton.current?.focus(), []);
  const outcome = useMemo(() => (files.net && files.trips ? readTntp(files.net, files.trips, files.nodes) : null), [files]);

  const onFile = async (role: Role, f: File | undefined) => {
    const text = f ? await f.text() : undefined;
    setFiles((x) => {
      const next = { ...x };
      if (f && text !== undefined) next[role] = { name: f.name, text };
      else delete next[role];
      return next;
    });
  };
  const accept = async () => {
    if (!outcome?.ok || !files.net) return;
    const name = files.net.name.replace(/(_net)?\.tntp$/i, '') + '.ggs.json';
    if (await openBuiltScenario(outcome.imported.scenario, name)) {
      useSession.getState().set({ section: 'roadLinks' });
      onClose();
    }
  };
  const t = outcome?.ok ? outcome.imported.scenario.transport : undefined;

  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="modal csv-import" role="dialog" aria-modal="true" aria-labelledby="tntp-import-title" data-testid="tntp-import-dialog">
        <h2 id="tntp-import-title">Import a TNTP road network</h2>
        <p>
          The text format of the Transportation Networks for Research collection (Sioux Falls, Anaheim, Chicago …). Those data sets are licensed for academic research;
          GridGame Studio does not ship them — download the city you need and pick its files here.
        </p>
        <div className="form-grid" style={{ display: 'grid', gridTemplateColumns: 'auto auto 1fr', gap: '6px 10px', margin: '8px 0', alignItems: 'center' }}>
          {FILES.map((f) => (
            <FileRow key={f.role} {...f} onFile={(file) => void onFile(f.role, file)} />
          ))}
        </div>
        {outcome && !outcome.ok && (
          <div className="csv-issues" data-testid="tntp-problems">
            <p className="status-invalid">
              {outcome.problems.length} problem{outcome.problems.length > 1 ? 's' : ''}
              {outcome.problems.length >= 20 ? ' (the first 20)' : ''}; nothing was imported.
            </p>
            <div className="table-scroll">
              <table className="grid readonly">
                <thead>
                  <tr><th>File</th><th>Line</th><th>Problem</th></tr>
                </thead>
                <tbody>
                  {outcome.problems.map((p, k) => (
                    <tr key={k} data-testid="tntp-problem">
                      <td>{p.file}</td>
                      <td className="num">{p.line || '—'}</td>
                      <td>{p.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        )}
        {outcome?.ok && t && (
          <div data-testid="tntp-report">
            <p className="status-ok" data-testid="tntp-summary">
              {t.nodes.length} nodes ({t.nodes.filter((n) => n.through === false).length} zone centroids), {t.links.length} links, {t.demand.length} OD pairs, {Math.round(t.demand.reduce((s, d) => s + d.vehPerH, 0))} veh/h.
            </p>
            {outcome.imported.warnings.length > 0 && (
              <ul className="muted" data-testid="tntp-warnings">
                {outcome.imported.warnings.map((w, k) => <li key={k}>{w}</li>)}
              </ul>
            )}
          </div>
        )}
        {!files.net || !files.trips ? <p className="muted">Pick the network and trips files (the node file is optional: without it the nodes are placed on a circle).</p> : null}
        <div className="modal-buttons">
          <button ref={closeButton} onClick={onClose} data-testid="tntp-cancel">Cancel</button>
          <button className="primary" disabled={!outcome?.ok} onClick={() => void accept()} data-testid="tntp-accept">Open as scenario</button>
        </div>
      </div>
    </div>
  );
}

function FileRow({ role, label, hint, onFile }: { role: Role; label: string; hint: string; onFile(f: File | undefined): void }) {
  return (
    <>
      <label htmlFor={`tntp-${role}`}>{label}</label>
      <input id={`tntp-${role}`} type="file" accept=".tntp,.txt,text/plain" aria-label={`TNTP ${label} file`} data-testid={`tntp-${role}`} onChange={(e) => onFile(e.target.files?.[0])} />
      <span className="muted">{hint}</span>
    </>
  );
}
