/**
 * The What-if panel: choose a job, a parameter from the scenario (with its
 * unit and current value), its values, optionally a second parameter for a
 * 2-D grid — or several parameters for a tornado — and the outputs to
 * record; run with progress, ETA and Cancel; then the results
 * (WhatifResults). Values are checked as they are typed and the whole study
 * again before it runs.
 */
import { useMemo } from 'react';
import { JOB_KINDS, JOB_LABELS, jobOutputs } from '../../../solver/contract.ts';
import { validateScenario } from '../../../solver/scenario/validate.ts';
import { sweepableParams, type SweepableParam } from '../../../solver/whatif/paramCatalog.ts';
import { useDocument } from '../state/document.ts';
import { DISTRIBUTION_PARAMS, newMcRow, useWhatif, type DistributionKind, type McRow, type WhatifForm } from './whatifStore.ts';
import { cancelWhatif, readValues, runWhatif } from './runWhatif.ts';
import { WhatifResults } from './WhatifResults.tsx';
import { StudyProgressBar } from '../components/StudyProgressBar.tsx';

/** Options grouped by collection: `network.buses[id=18].pdKw` goes under `network.buses`. */
function groupParams(params: SweepableParam[]): [string, SweepableParam[]][] {
  const groups = new Map<string, SweepableParam[]>();
  for (const p of params) {
    const group = p.path.includes('[') ? p.path.slice(0, p.path.indexOf('[')) : p.path.slice(0, Math.max(0, p.path.lastIndexOf('.'))) || 'scenario';
    groups.set(group, [...(groups.get(group) ?? []), p]);
  }
  return [...groups];
}

const shortNumber = (v: number) => Number(v.toPrecision(6));

/** The picker's options, grouped by collection; with `showValue` each shows the field's current value instead of its unit alone. */
function ParamOptions({ groups, showValue = false }: { groups: [string, SweepableParam[]][]; showValue?: boolean }) {
  return groups.map(([group, items]) => (
    <optgroup key={group} label={group}>
      {items.map((p) => (
        <option key={p.path} value={p.path}>
          {showValue ? `${p.path} = ${shortNumber(p.value)}${p.unit ? ` ${p.unit}` : ''}` : `${p.path}${p.unit ? ` (${p.unit})` : ''}`}
        </option>
      ))}
    </optgroup>
  ));
}

function ParamField({ label, pathKey, valuesKey, params, testId }: { label: string; pathKey: 'param' | 'param2'; valuesKey: 'values' | 'values2'; params: SweepableParam[]; testId: string }) {
  const form = useWhatif((s) => s.form);
  const edit = useWhatif((s) => s.editForm);
  const running = useWhatif((s) => s.running);
  const groups = useMemo(() => groupParams(params), [params]);
  const chosen = params.find((p) => p.path === form[pathKey]);
  const read = readValues(form[valuesKey]);
  return (
    <fieldset className="whatif-param">
      <legend>{label}</legend>
      <label className="whatif-row">
        <span>Parameter</span>
        <select data-testid={`${testId}-param`} value={form[pathKey]} disabled={running} onChange={(e) => edit({ [pathKey]: e.target.value } as Partial<WhatifForm>)}>
          <option value="">— choose —</option>
          <ParamOptions groups={groups} />
        </select>
        <span className="muted" data-testid={`${testId}-current`}>
          {chosen ? `now ${shortNumber(chosen.value)}${chosen.unit ? ` ${chosen.unit}` : ''}` : ''}
        </span>
      </label>
      <label className="whatif-row">
        <span>Values</span>
        <input
          className={`whatif-values${read.ok ? '' : ' invalid'}`}
          data-testid={`${testId}-values`}
          value={form[valuesKey]}
          disabled={running}
          placeholder="0.5:1.5:11 · log:10:1000:3 · 0.8,1,1.25"
          title={read.ok ? undefined : read.message}
          onChange={(e) => edit({ [valuesKey]: e.target.value } as Partial<WhatifForm>)}
        />
        <span className={read.ok ? 'muted' : 'status-invalid'} data-testid={`${testId}-values-preview`}>
          {read.ok ? `${read.values.length} value${read.values.length === 1 ? '' : 's'}: ${read.values.slice(0, 6).map(shortNumber).join(', ')}${read.values.length > 6 ? ', …' : ''}` : read.message}
        </span>
      </label>
    </fieldset>
  );
}

/** Tornado: several parameters, each moved by ±x % from its current value, one at a time. */
function TornadoField({ params }: { params: SweepableParam[] }) {
  const form = useWhatif((s) => s.form);
  const edit = useWhatif((s) => s.editForm);
  const running = useWhatif((s) => s.running);
  const groups = useMemo(() => groupParams(params), [params]);
  return (
    <fieldset className="whatif-param">
      <legend>Tornado: each parameter at −x % and +x %, the others at their values</legend>
      <label className="whatif-row">
        <span>Parameters</span>
        <select
          multiple
          size={8}
          data-testid="whatif-tornado-params"
          value={form.tornadoParams}
          disabled={running}
          onChange={(e) => edit({ tornadoParams: [...e.target.selectedOptions].map((o) => o.value) })}
        >
          <ParamOptions groups={groups} showValue />
        </select>
        <span className="muted">{form.tornadoParams.length} chosen (Ctrl+click for several)</span>
      </label>
      <label className="whatif-row">
        <span>± %</span>
        <input className="whatif-values" data-testid="whatif-tornado-delta" value={form.deltaPct} disabled={running} onChange={(e) => edit({ deltaPct: e.target.value })} />
      </label>
    </fieldset>
  );
}

/** Default arguments when a row's distribution changes: centred on the parameter's current value. */
function defaultArgs(kind: DistributionKind, value: number | undefined): string[] {
  const v = value ?? 1;
  const r = (x: number) => String(Number(x.toPrecision(6)));
  const spread = Math.abs(v) * 0.1 || 0.1;
  switch (kind) {
    case 'normal':
      return [r(v), r(spread)];
    case 'uniform':
      return [r(v - 2 * spread), r(v + 2 * spread)];
    case 'triangular':
      return [r(v - 2 * spread), r(v), r(v + 2 * spread)];
    case 'lognormal':
      return [r(Math.log(Math.abs(v) || 1)), '0.1'];
  }
}

/** Monte Carlo: rows of (parameter, distribution, its parameters, clip min/max), N samples and the seed. */
function MonteCarloField({ params }: { params: SweepableParam[] }) {
  const form = useWhatif((s) => s.form);
  const edit = useWhatif((s) => s.editForm);
  const running = useWhatif((s) => s.running);
  const groups = useMemo(() => groupParams(params), [params]);
  const rows = form.mcRows ?? [];
  const setRow = (k: number, patch: Partial<McRow>) => edit({ mcRows: rows.map((r, i) => (i === k ? { ...r, ...patch } : r)) });
  const valueOf = (path: string) => params.find((p) => p.path === path)?.value;
  return (
    <fieldset className="whatif-param" data-testid="whatif-mc">
      <legend>Monte Carlo: each sample draws every parameter from its distribution (clipped to [min, max] when given)</legend>
      <table className="whatif-mc-table">
        <thead>
          <tr>
            <th>Parameter</th>
            <th>Distribution</th>
            <th>Its parameters</th>
            <th>Clip min</th>
            <th>Clip max</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((row, k) => (
            <tr key={k} data-testid={`whatif-mc-row-${k}`}>
              <td>
                <select data-testid={`whatif-mc-param-${k}`} value={row.path} disabled={running} onChange={(e) => setRow(k, { path: e.target.value, args: defaultArgs(row.distribution, valueOf(e.target.value)) })}>
                  <option value="">— choose —</option>
                  <ParamOptions groups={groups} showValue />
                </select>
              </td>
              <td>
                <select
                  data-testid={`whatif-mc-dist-${k}`}
                  value={row.distribution}
                  disabled={running}
                  onChange={(e) => {
                    const distribution = e.target.value as DistributionKind;
                    setRow(k, { distribution, args: defaultArgs(distribution, valueOf(row.path)) });
                  }}
                >
                  <option value="normal">normal</option>
                  <option value="uniform">uniform</option>
                  <option value="triangular">triangular</option>
                  <option value="lognormal">lognormal</option>
                </select>
              </td>
              <td className="whatif-mc-args">
                {DISTRIBUTION_PARAMS[row.distribution].map((name, i) => {
                  const text = row.args[i] ?? '';
                  const bad = text.trim() === '' || !Number.isFinite(Number(text));
                  return (
                    <label key={name}>
                      <span className="muted">{name}</span>
                      <input
                        className={`whatif-mc-num${bad ? ' invalid' : ''}`}
                        data-testid={`whatif-mc-arg-${k}-${name}`}
                        value={text}
                        disabled={running}
                        onChange={(e) => setRow(k, { args: DISTRIBUTION_PARAMS[row.distribution].map((_, j) => (j === i ? e.target.value : (row.args[j] ?? ''))) })}
                      />
                    </label>
                  );
                })}
              </td>
              <td>
                <input className="whatif-mc-num" data-testid={`whatif-mc-clipmin-${k}`} placeholder="none" value={row.clipMin} disabled={running} onChange={(e) => setRow(k, { clipMin: e.target.value })} />
              </td>
              <td>
                <input className="whatif-mc-num" data-testid={`whatif-mc-clipmax-${k}`} placeholder="none" value={row.clipMax} disabled={running} onChange={(e) => setRow(k, { clipMax: e.target.value })} />
              </td>
              <td>
                <button title="Remove this row" disabled={running} onClick={() => edit({ mcRows: rows.filter((_, i) => i !== k) })}>
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="run-row">
        <button data-testid="whatif-mc-add" disabled={running} onClick={() => edit({ mcRows: [...rows, newMcRow()] })}>
          + Parameter
        </button>
        <label className="whatif-row">
          <span>N samples</span>
          <input className="whatif-mc-num" data-testid="whatif-mc-samples" value={form.samples ?? ''} disabled={running} onChange={(e) => edit({ samples: e.target.value })} />
        </label>
        <label className="whatif-row">
          <span>Seed</span>
          <input className="whatif-mc-num" data-testid="whatif-mc-seed" value={form.seed ?? ''} disabled={running} onChange={(e) => edit({ seed: e.target.value })} />
        </label>
      </div>
    </fieldset>
  );
}

function OutputPicker() {
  const kind = useWhatif((s) => s.form.kind);
  const chosen = useWhatif((s) => s.form.outputs);
  const edit = useWhatif((s) => s.editForm);
  const running = useWhatif((s) => s.running);
  const toggle = (id: string, on: boolean) => {
    // keep the kind's declaration order: the plots and the CSV follow it
    const next = jobOutputs[kind].map((o) => o.id).filter((o) => (o === id ? on : chosen.includes(o)));
    edit({ outputs: next });
  };
  return (
    <fieldset className="whatif-outputs" data-testid="whatif-outputs">
      <legend>Outputs</legend>
      {jobOutputs[kind].map((o) => (
        <label key={o.id} className="whatif-output" title={`${o.id} · ${o.shape}`}>
          <input type="checkbox" data-testid={`whatif-output-${o.id}`} checked={chosen.includes(o.id)} disabled={running} onChange={(e) => toggle(o.id, e.target.checked)} />
          <span>
            {o.label} <span className="muted">({o.unit}{o.shape === 'scalar' ? '' : o.shape === 'series' ? ', per period' : `, per ${o.shape === 'per-entity' ? o.entity : ''}`})</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

function RunRow() {
  const running = useWhatif((s) => s.running);
  const p = useWhatif((s) => s.progress);
  const issues = useWhatif((s) => s.issues);
  return (
    <div className="whatif-run">
      <div className="run-row">
        <button className="primary" data-testid="whatif-run" disabled={running} onClick={() => void runWhatif()}>
          ▶ Run what-if
        </button>
        <button data-testid="whatif-cancel" disabled={!running} onClick={cancelWhatif}>
          ■ Cancel
        </button>
        <StudyProgressBar className="progress whatif-progress" progress={p} running={running} idle="idle" testId="whatif-status" />
      </div>
      {issues.length > 0 && (
        <ul className="whatif-issues" data-testid="whatif-issues" role="alert">
          {issues.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function WhatifPanel() {
  const scenario = useDocument((s) => s.scenario);
  const form = useWhatif((s) => s.form);
  const edit = useWhatif((s) => s.editForm);
  const running = useWhatif((s) => s.running);
  const params = useMemo(() => {
    const v = validateScenario(scenario);
    return v.ok ? sweepableParams(v.value) : [];
  }, [scenario]);
  return (
    <div className="whatif" data-testid="whatif-panel">
      <div className="whatif-form">
        <label className="whatif-row">
          <span>Job</span>
          <select data-testid="whatif-kind" value={form.kind} disabled={running} onChange={(e) => edit({ kind: e.target.value as WhatifForm['kind'] })}>
            {JOB_KINDS.map((k) => (
              <option key={k} value={k}>
                {JOB_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="whatif-row">
          <span>Study</span>
          <select data-testid="whatif-design" value={form.design} disabled={running} onChange={(e) => edit({ design: e.target.value as WhatifForm['design'] })}>
            <option value="sweep">Sweep (or 2-D grid)</option>
            <option value="tornado">Tornado (± x % per parameter)</option>
            <option value="monte-carlo">Monte Carlo (distributions, N samples, seed)</option>
          </select>
        </label>
        {params.length === 0 && <div className="status-invalid">The scenario is invalid: fix it before a what-if study.</div>}
        {form.design === 'monte-carlo' ? (
          <MonteCarloField params={params} />
        ) : form.design === 'tornado' ? (
          <TornadoField params={params} />
        ) : (
          <>
            <ParamField label="Parameter" pathKey="param" valuesKey="values" params={params} testId="whatif" />
            <label className="whatif-grid-toggle">
              <input type="checkbox" data-testid="whatif-grid" checked={form.grid} disabled={running} onChange={(e) => edit({ grid: e.target.checked })} /> Second parameter (2-D grid)
            </label>
            {form.grid && <ParamField label="Second parameter" pathKey="param2" valuesKey="values2" params={params} testId="whatif2" />}
          </>
        )}
        <OutputPicker />
        <RunRow />
      </div>
      <WhatifResults />
    </div>
  );
}
