/**
 * The dual-ascent result: the pool price per period against the centralised
 * optimum's, the pool's largest imbalance per iteration (true, and as the
 * operator sees it through the privacy noise), each microgrid's cost alone
 * and with the pool; and the privacy study card (gap and imbalance against ε).
 */
import { useMemo, useState } from 'react';
import { hasAnswer } from '../../../solver/jobs/certification.ts';
import { DualAscentOptions, type DualAscentCertificate, type DualAscentData } from '../../../solver/jobs/kinds/dualAscent.ts';
import { useShownResult } from '../results/useShownResult.ts';
import { useDocument } from '../state/document.ts';
import { useSession } from '../state/session.ts';
import { Card } from '../components/Card.tsx';
import { CellInput } from '../components/CellInput.tsx';
import { Plot } from '../components/Plot.tsx';
import { StudyRunRow } from '../components/StudyProgressBar.tsx';
import { DEFAULT_EPSILONS, imbalanceTraces, layouts, poolBill, poolCostTraces, priceTraces, privacyFigure, privacyRows, privacyStudy, readEpsilons } from './dualAscentViews.ts';
import { createStudyRunner } from './studyRunner.ts';

const runner = createStudyRunner('privacy study');

function PrivacyStudyCard({ classroom, tolerances }: { classroom: boolean; tolerances: { gap: number; imbalanceKw: number } }) {
  const { running, progress, result, error } = runner.useRun();
  const [text, setText] = useState(DEFAULT_EPSILONS);
  const read = readEpsilons(text);
  const why = read.ok ? null : read.message;
  const rows = useMemo(() => (result ? privacyRows(result) : []), [result]);
  const figure = useMemo(() => privacyFigure(rows, tolerances), [rows, tolerances]);
  const run = () => runner.run(() => (read.ok ? privacyStudy(useDocument.getState().scenario, read.values, useSession.getState().jobOptions['dual-ascent']) : read.message));
  return (
    <section className="mg-privacy" data-testid="mg-privacy">
      <div className="section-head">
        <span>Privacy: welfare gap and imbalance against ε</span>
        <span className="muted">a what-if sweep: one dual-ascent run per ε</span>
      </div>
      {classroom && <p className="explain">Every report carries Laplace noise of scale Δ/ε: a smaller ε hides each microgrid's answer better, and the operator prices a noisier balance — the cost moves away from the optimum and the true pool imbalance grows.</p>}
      <StudyRunRow prefix="mg-priv" runLabel="▶ Run sweep" title="run one dual-ascent job per ε" why={why} error={error} running={running} progress={progress} idle="values as in the what-if panel: 0.2, 1, 5 or 0.5:5:4" onRun={() => void run()} onCancel={runner.cancel}>
        <label>
          ε values
          <CellInput kind="text" label="epsilon values" value={text} testId="mg-priv-eps" onCommit={(v) => setText(String(v))} />
        </label>
      </StudyRunRow>
      {result && (
        <>
          <Plot testId="mg-privacy-plot" exportName="dual-ascent-privacy" height={260} data={figure.data} layout={figure.layout} />
          <table className="grid readonly" data-testid="mg-priv-table">
            <thead>
              <tr><th>ε</th><th>welfare gap</th><th>largest imbalance kW</th><th>status</th></tr>
            </thead>
            <tbody>
              {rows.map((r, k) => (
                <tr key={k}>
                  <td className="num">{r.epsilon}</td>
                  <td className="num">{r.gap?.toExponential(2) ?? '—'}</td>
                  <td className="num">{r.imbalanceKw?.toFixed(3) ?? '—'}</td>
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

export function DualAscentResultView({ classroom }: { classroom: boolean }) {
  const shown = useShownResult();
  const ok = !!shown && shown.result.job === 'dual-ascent' && hasAnswer(shown.result.status) && !!shown.result.data;
  const d = ok ? (shown.result.data as DualAscentData) : null;
  const c = ok ? (shown.result.certificate as DualAscentCertificate | null) : null;
  const prices = useMemo(() => (d ? priceTraces(d) : []), [d]);
  const imbalance = useMemo(() => (d ? imbalanceTraces(d) : []), [d]);
  const costs = useMemo(() => (d ? poolCostTraces(d) : []), [d]);
  const tolerances = useMemo(() => {
    const defaults = DualAscentOptions.parse({});
    return { gap: c?.gapTolerance ?? defaults.gapTolerance, imbalanceKw: c?.balanceToleranceKw ?? defaults.balanceToleranceKw };
  }, [c]);
  if (!d) return null;
  const priceError = Math.max(...d.pricePerKwh.map((p, t) => Math.abs(p - d.optimumPricePerKwh[t]!)));
  return (
    <div data-testid="dual-ascent-result">
      <div className="cards" data-testid="summary">
        <Card label="Welfare gap" value={d.relativeGap.toExponential(2)} sub={`cost ${d.cost.toFixed(2)} vs optimum ${d.optimumCost.toFixed(2)}`} warn={d.relativeGap > tolerances.gap} />
        <Card label="Largest imbalance" value={`${d.maxImbalanceKw.toFixed(3)} kW`} sub={`tolerance ${tolerances.imbalanceKw} kW`} warn={d.maxImbalanceKw > tolerances.imbalanceKw} />
        <Card label="Price updates" value={String(d.iterations.length)} sub={`largest price error ${priceError.toFixed(4)} per kWh`} />
        <Card label="Privacy" value={d.epsilon === null ? 'off' : `ε = ${d.epsilon}`} sub={d.noiseScaleKw === null ? 'exact reports' : `Laplace noise of scale ${d.noiseScaleKw} kW on every report`} />
        {d.messages && <Card label="Messages lost" value={`${d.messages.lost}/${d.messages.posted}`} sub={`mean delay ${d.messages.meanDelay.toFixed(2)} iterations${d.messages.superseded !== undefined ? `, ${d.messages.superseded} superseded` : ''}`} />}
      </div>
      <div className="section-head"><span>Pool price per period: dual ascent against the centralised optimum</span></div>
      {classroom && <p className="explain">The operator raises the price where the pool is short and lowers it where it is long. Without noise the prices meet the optimum's; with noise they wander around it.</p>}
      <Plot data={prices} layout={layouts.price} height={220} exportName="dual-ascent-prices" testId="da-prices" />
      <div className="section-head"><span>Largest pool imbalance per iteration</span></div>
      <Plot data={imbalance} layout={layouts.imbalance} height={220} exportName="dual-ascent-imbalance" testId="da-imbalance" />
      <div className="section-head"><span>Cost of each microgrid: alone and with the pool</span></div>
      <Plot data={costs} layout={layouts.cost} height={220} exportName="dual-ascent-costs" testId="da-costs" />
      <table className="data-table" data-testid="da-costs-table">
        <thead>
          <tr><th>microgrid</th><th>alone</th><th>own cost</th><th>pool bill</th><th>with the pool</th><th>saving</th></tr>
        </thead>
        <tbody>
          {d.microgrids.map((m, i) => {
            const bill = poolBill(d, i);
            return (
              <tr key={m.id}>
                <td>{m.id}</td><td className="num">{m.costAlone.toFixed(2)}</td><td className="num">{m.cost.toFixed(2)}</td>
                <td className="num">{bill >= 0 ? '+' : ''}{bill.toFixed(2)}</td><td className="num">{(m.cost + bill).toFixed(2)}</td><td className="num">{(m.costAlone - m.cost - bill).toFixed(2)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <PrivacyStudyCard classroom={classroom} tolerances={tolerances} />
    </div>
  );
}
