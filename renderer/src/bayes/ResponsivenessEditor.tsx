/**
 * A fleet's type model: responsiveness levels (name, dissatisfaction weight)
 * and the prior weights over them, shown normalised as one bar so a user
 * sees the shares the solver will use; every issue under the levels is
 * listed with its path.
 */
import type { EvFleet } from '../../../solver/scenario/schema.ts';
import { EditableGrid, type FieldColumn } from '../components/EditableGrid.tsx';
import { useDocument } from '../state/document.ts';
import { issuesUnder } from '../state/useIssues.ts';
import { levelColour } from './levelColours.ts';
import { normalisedPrior } from './priorSensitivity.ts';

const LEVEL_COLUMNS: FieldColumn[] = [
  { key: 'id', label: 'Id', kind: 'text', width: 80 },
  { key: 'name', label: 'Name', kind: 'text', width: 170 },
  { key: 'dissatisfactionPerKwh2', label: 'α', unit: 'money/kWh²', kind: 'number', width: 120 },
  { key: 'prior', label: 'Prior weight', kind: 'number', width: 90 },
];

type Level = EvFleet['responsiveness'][number];

export function ResponsivenessEditor({ levels, index, issues }: { levels: Level[]; index: number; issues: Map<string, string> }) {
  const base = `evFleets[${index}].responsiveness`;
  const edit = (fn: (l: Level[]) => void) => useDocument.getState().edit((d) => fn(d.evFleets![index]!.responsiveness as Level[]));
  const shares = normalisedPrior(levels);
  const problems = issuesUnder(issues, base);
  return (
    <div className="ev-levels">
      <div className="section-head">
        <span>Responsiveness levels (private types) and prior</span>
        <span className="muted">α: dissatisfaction weight, cost α·x² of trading x kWh; small α = responsive</span>
      </div>
      <EditableGrid
        rows={levels as never}
        columns={LEVEL_COLUMNS}
        basePath={base}
        issues={issues}
        selectedId={null}
        onSelect={() => {}}
        onEdit={(r, key, v) => edit((l) => void ((l[r] as Record<string, unknown>)[key] = v))}
        onDelete={(r) => edit((l) => void l.splice(r, 1))}
        onAdd={() => edit((l) => void l.push({ id: `level${l.length + 1}`, name: '', dissatisfactionPerKwh2: 0.01, prior: 0 }))}
        addLabel="Add level"
        testId={`ev-levels-${index}`}
      />
      <div className="ev-prior" data-testid={`ev-prior-bar-${index}`} aria-label="normalised prior">
        <span className="ev-prior-title">Prior the solver uses (weights ÷ their sum)</span>
        <div className="ev-prior-bar">
          {shares.map((s, k) =>
            s > 0 ? (
              <div key={k} className="ev-prior-seg" data-testid={`ev-prior-seg-${index}-${k}`} data-share={s.toFixed(4)} style={{ width: `${s * 100}%`, background: levelColour(k) }} title={`${levels[k]!.name || levels[k]!.id}: ${(s * 100).toFixed(1)} %`}>
                {s >= 0.08 ? `${(s * 100).toFixed(0)} %` : ''}
              </div>
            ) : null,
          )}
          {shares.every((s) => s === 0) && <div className="ev-prior-empty">no positive weight</div>}
        </div>
        <div className="ev-prior-legend">
          {levels.map((l, k) => (
            <span key={k}>
              <span className="ev-swatch" style={{ background: levelColour(k) }} />
              {l.name || l.id} {(shares[k]! * 100).toFixed(1)} %
            </span>
          ))}
        </div>
      </div>
      {problems.length > 0 && (
        <ul className="form-issue ev-issues" role="alert" data-testid={`ev-levels-issues-${index}`}>
          {problems.map((p) => (
            <li key={p}>
              <code>{p.slice(0, p.indexOf(': '))}</code>
              {p.slice(p.indexOf(': '))}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
