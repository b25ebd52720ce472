/**
 * "What if more users were responsive?": sweeps one responsiveness level's
 * share of the prior through the what-if engine (one ev-bayesian job per
 * point, progress and Cancel) and plots V2V volume, green-energy utilisation
 * and grid emissions against that share.
 */
import { useMemo, useState } from 'react';
import { CellInput } from '../components/CellInput.tsx';
import { Plot } from '../components/Plot.tsx';
import { useDocument } from '../state/document.ts';
import { checkSensitivityForm, mostResponsiveLevel, normalisedPrior, sensitivityFigure, sensitivityRows, type SensitivityForm } from './priorSensitivity.ts';
import { cancelPriorSensitivity, runPriorSensitivity, usePriorSensitivity } from './priorSensitivityRun.ts';
import { StudyRunRow } from '../components/StudyProgressBar.tsx';

export function PriorSensitivityCard() {
  const fleets = useDocument((s) => s.scenario.evFleets ?? []);
  const scenario = useDocument((s) => s.scenario);
  const { running, progress, run, error } = usePriorSensitivity();
  const [fleet, setFleet] = useState(0);
  const levels = fleets[fleet]?.responsiveness ?? [];
  const [level, setLevel] = useState<number | null>(null);
  const [range, setRange] = useState({ from: 0.05, to: 0.8, points: 5 });
  const lv = level !== null && level < levels.length ? level : mostResponsiveLevel(levels);
  const form: SensitivityForm = { fleet, level: lv, ...range };
  const why = fleets.length ? checkSensitivityForm(scenario, form) : 'the scenario has no EV fleet';
  const current = run ? (normalisedPrior(run.levels)[run.form.level] ?? null) : null;
  const figure = useMemo(() => run && sensitivityFigure(run, current), [run, current]);
  const rows = useMemo(() => (run ? sensitivityRows(run) : []), [run]);
  return (
    <section className="ev-sensitivity" data-testid="ev-sensitivity">
      <div className="section-head">
        <span>Sensitivity to the responsiveness prior</span>
        <span className="muted">a what-if sweep: one equilibrium per point</span>
      </div>
      <div className="run-row">
        {fleets.length > 1 && (
          <select aria-label="fleet" value={fleet} onChange={(e) => setFleet(Number(e.target.value))}>
            {fleets.map((f, k) => (
              <option key={k} value={k}>
                {f.id}
              </option>
            ))}
          </select>
        )}
        <label>
          share of
          <select aria-label="level" data-testid="ev-sens-level" value={lv} onChange={(e) => setLevel(Number(e.target.value))}>
            {levels.map((l, k) => (
              <option key={k} value={k}>
                {l.name || l.id}
              </option>
            ))}
          </select>
        </label>
        <label>
          from
          <CellInput kind="number" label="share from" value={range.from} testId="ev-sens-from" onCommit={(v) => setRange({ ...range, from: Number(v) })} />
        </label>
        <label>
          to
          <CellInput kind="number" label="share to" value={range.to} testId="ev-sens-to" onCommit={(v) => setRange({ ...range, to: Number(v) })} />
        </label>
        <label>
          points
          <CellInput kind="number" label="points" value={range.points} testId="ev-sens-points" onCommit={(v) => setRange({ ...range, points: Number(v) })} />
        </label>
      </div>
      <StudyRunRow prefix="ev-sens" runLabel="▶ Run sweep" title="run one ev-bayesian job per share" why={why} error={error} running={running} progress={progress} idle="shares are of the fleet's users; the other levels keep their ratio" onRun={() => void runPriorSensitivity(form)} onCancel={cancelPriorSensitivity} />
      {run && figure && (
        <>
          <Plot testId="ev-sensitivity-plot" exportName="ev-prior-sensitivity" height={380} data={figure.data} layout={figure.layout} />
          <p className="muted ev-legend">
            x: the share of fleet {run.fleetId}'s users at “{run.levels[run.form.level]!.name || run.levels[run.form.level]!.id}” — its prior weight divided by the sum of the weights; the other levels keep their ratio. Dotted: the scenario's share when the sweep ran.
          </p>
          <table className="grid readonly" data-testid="ev-sens-table">
            <thead>
              <tr>
                <th>share %</th>
                <th>prior weight</th>
                <th>V2V kWh</th>
                <th>green %</th>
                <th>emissions kg</th>
                <th>status</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, k) => (
                <tr key={k}>
                  <td className="num">{(r.share * 100).toFixed(1)}</td>
                  <td className="num">{r.weight.toPrecision(3)}</td>
                  <td className="num">{r.v2vKwh?.toFixed(1) ?? '—'}</td>
                  <td className="num">{r.greenPct?.toFixed(1) ?? '—'}</td>
                  <td className="num">{r.emissionsKg?.toFixed(1) ?? '—'}</td>
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
