/**
 * "What if messages get lost?": a what-if grid over the loss probability and
 * the largest delay of the ADMM messages (one mg-bargaining job per setting,
 * progress and Cancel), drawing the primal residual histories of every
 * setting and the iterations and final gap against the loss probability.
 */
import { useMemo, useState } from 'react';
import { CellInput } from '../components/CellInput.tsx';
import { Plot } from '../components/Plot.tsx';
import { StudyRunRow } from '../components/StudyProgressBar.tsx';
import { useDocument } from '../state/document.ts';
import { useSession } from '../state/session.ts';
import { DEFAULT_COMMUNICATION_FORM, communicationRows, communicationStudy, lossFigure, readCommunicationForm, residualHistoryFigure, type CommunicationForm } from './communicationStudy.ts';
import { createStudyRunner } from './studyRunner.ts';

const runner = createStudyRunner('communication study');

function runCommunicationStudy(form: CommunicationForm) {
  return runner.run(() => {
    const read = readCommunicationForm(form);
    return read.ok ? communicationStudy(useDocument.getState().scenario, read.loss, read.delay, useSession.getState().jobOptions['mg-bargaining']) : read.message;
  });
}

export function CommunicationStudyCard({ classroom }: { classroom: boolean }) {
  const { running, progress, result, error } = runner.useRun();
  const [form, setForm] = useState<CommunicationForm>(DEFAULT_COMMUNICATION_FORM);
  const read = readCommunicationForm(form);
  const why = read.ok ? null : read.message;
  const rows = useMemo(() => (result ? communicationRows(result) : []), [result]);
  const histories = useMemo(() => residualHistoryFigure(rows), [rows]);
  const against = useMemo(() => lossFigure(rows), [rows]);
  return (
    <section className="mg-communication" data-testid="mg-communication">
      <div className="section-head">
        <span>Communication: ADMM under message loss and delay</span>
        <span className="muted">a what-if grid: one ADMM run per setting</span>
      </div>
      {classroom && <p className="explain">Each agent's message to another is lost with the given probability (the receiver reuses the last one it got) or delayed by up to the given number of iterations. Lost and late messages slow the agreement down; long delays can stop it within the iteration limit (× markers).</p>}
      <div className="run-row">
        <label>
          loss probabilities
          <CellInput kind="text" label="loss probabilities" value={form.loss} testId="mg-comm-loss" onCommit={(v) => setForm({ ...form, loss: String(v) })} />
        </label>
        <label>
          largest delays (iterations)
          <CellInput kind="text" label="largest delays" value={form.delay} testId="mg-comm-delay" onCommit={(v) => setForm({ ...form, delay: String(v) })} />
        </label>
      </div>
      <StudyRunRow prefix="mg-comm" runLabel="▶ Run study" title="run one mg-bargaining job per setting" why={why} error={error} running={running} progress={progress} idle="values as in the what-if panel: 0, 0.2, 0.4 or 0:0.6:4" onRun={() => void runCommunicationStudy(form)} onCancel={runner.cancel} />
      {result && (
        <>
          <Plot testId="mg-comm-histories" exportName="admm-residuals-by-loss" height={260} data={histories.data} layout={histories.layout} />
          <Plot testId="mg-comm-loss-plot" exportName="admm-against-loss" height={300} data={against.data} layout={against.layout} />
          <table className="grid readonly" data-testid="mg-comm-table">
            <thead>
              <tr><th>loss</th><th>delay ≤</th><th>iterations</th><th>relative gap</th><th>status</th></tr>
            </thead>
            <tbody>
              {rows.map((r, k) => (
                <tr key={k}>
                  <td className="num">{r.loss}</td>
                  <td className="num">{r.delay}</td>
                  <td className="num">{r.iterations === null ? '—' : `${r.iterations}${r.converged === false ? ' (limit)' : ''}`}</td>
                  <td className="num">{r.gap?.toExponential(2) ?? '—'}</td>
                  <td>{r.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
