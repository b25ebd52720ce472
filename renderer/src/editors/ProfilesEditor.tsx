/** The profile library: each named time series with a sparkline; values edited as a comma list. */
import { useMemo } from 'react';
import type { Data } from 'plotly.js';
import { useDocument } from '../state/document.ts';
import { useIssues, issuesUnder } from '../state/useIssues.ts';
import { FormField } from '../components/FormField.tsx';
import { CellInput } from '../components/CellInput.tsx';
import { Plot } from '../components/Plot.tsx';

const NO_PROFILES: never[] = [];

function parseValues(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  const parts = text.split(/[,\s;]+/).filter(Boolean);
  const nums = parts.map(Number);
  return nums.every(Number.isFinite) ? nums : parts;
}

function Sparkline({ values }: { values: number[] }) {
  const data = useMemo<Data[]>(() => [{ y: values, type: 'scatter', mode: 'lines', line: { color: '#3b6ea5', width: 1.5 }, fill: 'tozeroy', fillcolor: 'rgba(59,110,165,0.12)' }], [values]);
  return <Plot data={data} height={56} exportName="profile" static layout={{ margin: { l: 4, r: 4, t: 4, b: 4 }, xaxis: { visible: false }, yaxis: { visible: false }, plot_bgcolor: 'rgba(0,0,0,0)' }} />;
}

export function ProfilesEditor() {
  const profiles = useDocument((s) => s.scenario.profiles ?? NO_PROFILES);
  const issues = useIssues();
  const add = () =>
    useDocument.getState().edit((d) => {
      d.profiles ??= [];
      d.profiles.push({ id: `profile-${d.profiles.length + 1}`, name: 'New profile', kind: 'load', unit: 'p.u.', values: Array(Number(d.time.T) || 1).fill(1) });
    });
  const remove = (i: number) => useDocument.getState().edit((d) => void d.profiles?.splice(i, 1));
  return (
    <div className="form profiles">
      <h3>Profile library</h3>
      <p className="form-hint">Time series of length T. A bus's load profile multiplies its P and Q each period.</p>
      {profiles.map((p, i) => {
        const base = `profiles[${i}]`;
        const flagged = issuesUnder(issues, base);
        return (
          <section key={i} className={`profile-card${flagged.length ? ' invalid' : ''}`}>
            <div className="profile-head">
              <FormField path={`${base}.id`} label="Id" kind="text" issues={issues} />
              <FormField path={`${base}.name`} label="Name" kind="text" issues={issues} />
              <FormField path={`${base}.unit`} label="Unit" kind="text" issues={issues} placeholder="p.u." />
              <button className="icon-button" title="Delete profile" onClick={() => remove(i)}>
                ×
              </button>
            </div>
            {Array.isArray(p.values) && p.values.every((v) => typeof v === 'number') && <Sparkline values={p.values} />}
            <label className="form-field wide">
              <span className="form-label">Values ({Array.isArray(p.values) ? p.values.length : 0})</span>
              <CellInput
                value={Array.isArray(p.values) ? p.values.join(', ') : p.values}
                kind="text"
                label={`values of ${p.id}`}
                issue={issues.get(`${base}.values`)}
                onCommit={(v) => useDocument.getState().setField(`${base}.values`, parseValues(v))}
              />
              {issues.get(`${base}.values`) && <span className="form-issue">{issues.get(`${base}.values`)}</span>}
            </label>
          </section>
        );
      })}
      <button className="add-row" onClick={add}>
        + Add profile
      </button>
    </div>
  );
}
