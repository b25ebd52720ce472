/**
 * The equilibrium-path view of a game's sweep (equilibriumPlots.ts): each
 * participant's strategy and payoff over the parameter, and the trajectory
 * of two participants' strategies (picked here) with the parameter written
 * at each point.
 */
import { useMemo, useState } from 'react';
import { jobOutputs, type JobKind } from '../../../solver/contract.ts';
import type { StudyResult } from '../../../solver/whatif/result.ts';
import { equilibriumSpecs, equilibriumView } from './equilibriumPlots.ts';
import { PlotFigure } from './PlotFigure.tsx';
import { useWhatif } from './whatifStore.ts';

/** The ticked outputs plus `more`, in the kind's declaration order (the order the picker keeps, and the plots and CSV follow). */
const tickedWith = (kind: JobKind, ticked: string[], more: string[]) => jobOutputs[kind].map((o) => o.id).filter((id) => ticked.includes(id) || more.includes(id));

export function EquilibriumPaths({ result, stem }: { result: StudyResult; stem: string }) {
  const [picked, setPicked] = useState<[string, string] | undefined>(undefined);
  const view = useMemo(() => equilibriumView(result, picked), [result, picked]);
  const form = useWhatif((s) => s.form);
  const edit = useWhatif((s) => s.editForm);
  const running = useWhatif((s) => s.running);
  const missing = form.kind === result.job ? equilibriumSpecs(result.job).filter((o) => !form.outputs.includes(o.id)) : [];
  const pair = view.pair;
  const choose = (side: 0 | 1, key: string) => pair && setPicked(side === 0 ? [key, pair[1].key] : [pair[0].key, key]);
  return (
    <section className="whatif-equilibrium" data-testid="whatif-equilibrium">
      {view.note && (
        <div className="whatif-note" data-testid="whatif-equilibrium-note">
          {view.note}
          {missing.length > 0 && (
            <>
              {' '}
              <button data-testid="whatif-equilibrium-tick" disabled={running} onClick={() => edit({ outputs: tickedWith(result.job, form.outputs, missing.map((o) => o.id)) })}>
                Tick them
              </button>
            </>
          )}
        </div>
      )}
      {pair && (
        <div className="run-row">
          <span className="muted">Trajectory:</span>
          {([0, 1] as const).map((side) => (
            <label key={side} className="whatif-row">
              <span>{side === 0 ? 'across (A)' : 'up (B)'}</span>
              <select data-testid={`whatif-equilibrium-${side === 0 ? 'a' : 'b'}`} value={pair[side].key} onChange={(e) => choose(side, e.target.value)}>
                {view.participants.map((p) => (
                  <option key={p.key} value={p.key}>
                    {view.participants.filter((q) => q.label === p.label).length > 1 ? `${p.label} · ${result.outputs.find((o) => o.id === p.outputId)?.label}` : p.label}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
      )}
      <div className="whatif-compare-grid">
        <div>
          {[...view.strategies, ...view.payoffs].map((p) => (
            <PlotFigure key={p.outputId} plot={p} stem={`${stem}-equilibrium`} testId={`whatif-equilibrium-plot-${p.outputId}`} height={260} />
          ))}
        </div>
        <div>
          <PlotFigure plot={view.trajectory} stem={`${stem}-equilibrium`} testId="whatif-equilibrium-trajectory" height={380} />
        </div>
      </div>
    </section>
  );
}
