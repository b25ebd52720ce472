/** Job kind, its options, Run / Cancel, progress with stage text and iteration metrics. */
import type { ReactNode } from 'react';
import { JOB_KINDS, JOB_LABELS, type JobKind } from '../../../solver/contract.ts';
import { setJobOption, useSession } from '../state/session.ts';
import { useDocument } from '../state/document.ts';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import { VppRunOptions } from '../vpp/VppRunOptions.tsx';
import { canPauseCurrentJob, cancelCurrentJob, pauseCurrentJob, runCurrentJob } from '../actions/runActions.ts';
import { CellInput } from '../components/CellInput.tsx';
import { LpBackendSelect } from '../opf/LpBackendSelect.tsx';
import { OPF_OPTION_FIELDS } from '../opf/opfOptions.ts';
import { isLpJob } from '../opf/lpJobs.ts';
import { EV_BAYESIAN_OPTION_FIELDS, KDA_OPTION_FIELDS } from '../bayes/bayesOptions.ts';
import { CONSENSUS_OPTION_FIELDS, ConsensusRunOptions, LEDGER_OPTION_FIELDS, LedgerRunOptions } from '../ledger/ledgerOptions.tsx';
import { FORECAST_OPTION_FIELDS, ForecastRunOptions } from '../forecast/ForecastRunOptions.tsx';
import { ADN_OPERATOR_OPTION_FIELDS, COMMUNITY_DESIGN_OPTION_FIELDS, TRAIN_OPTION_FIELDS } from '../learn/trainOptions.ts';
import { DLMP_LEARN_OPTION_FIELDS } from '../learn/dlmpLearnOptions.ts';

/** A number option; its placeholder (what an empty field means) may come from the scenario, e.g. the train job's `learning.training`. */
type OptionField = { key: string; label: string; placeholder: string | ((s: ScenarioInput) => string) };

/** Options the run panel offers per kind (the contract's zod schema holds the defaults and the checks). */
const OPTION_FIELDS: Partial<Record<JobKind, OptionField[]>> = {
  powerflow: [
    { key: 'maxIterations', label: 'Max sweeps', placeholder: '100' },
    { key: 'tolerancePu', label: 'Tolerance p.u.', placeholder: '1e-8' },
  ],
  opf: OPF_OPTION_FIELDS,
  'vpp-game': [
    { key: 'toleranceKw', label: 'Tolerance kW', placeholder: '1e-6' },
    { key: 'maxSweeps', label: 'Max sweeps', placeholder: '200' },
    { key: 'curvePoints', label: 'Curve points', placeholder: '21' },
  ],
  kda: KDA_OPTION_FIELDS,
  'ev-bayesian': EV_BAYESIAN_OPTION_FIELDS,
  ledger: LEDGER_OPTION_FIELDS,
  consensus: CONSENSUS_OPTION_FIELDS,
  forecast: FORECAST_OPTION_FIELDS,
  train: TRAIN_OPTION_FIELDS,
  'adn-operator': ADN_OPERATOR_OPTION_FIELDS,
  'dlmp-learn': DLMP_LEARN_OPTION_FIELDS,
  'community-design': COMMUNITY_DESIGN_OPTION_FIELDS,
};

/** Options that are not numbers (choices, switches), as a component per kind. */
const OPTION_EXTRAS: Partial<Record<JobKind, () => ReactNode>> = {
  'vpp-game': () => <VppRunOptions />,
  ledger: () => <LedgerRunOptions />,
  consensus: () => <ConsensusRunOptions />,
  forecast: () => <ForecastRunOptions />,
};

export function RunPanel() {
  const job = useSession((s) => s.job);
  const options = useSession((s) => s.jobOptions[s.job.kind]);
  const fields = OPTION_FIELDS[job.kind] ?? [];
  const scenario = useDocument((s) => (fields.some((f) => typeof f.placeholder === 'function') ? s.scenario : null));
  const last = useSession((s) => s.lastStatus);
  const setOption = (key: string, v: unknown) => setJobOption(key, typeof v === 'number' ? v : undefined);
  const Extra = OPTION_EXTRAS[job.kind];
  const p = job.progress;
  return (
    <div className="run-panel" data-testid="run-panel">
      <div className="run-row">
        <select value={job.kind} aria-label="job kind" disabled={job.running} onChange={(e) => useSession.setState((s) => ({ job: { ...s.job, kind: e.target.value as JobKind } }))}>
          {JOB_KINDS.map((k) => (
            <option key={k} value={k}>
              {JOB_LABELS[k]}
            </option>
          ))}
        </select>
        <button className="primary" onClick={() => void runCurrentJob()} disabled={job.running} title="Run (Ctrl+Enter)" data-testid="run-button">
          ▶ Run
        </button>
        {job.running && canPauseCurrentJob() && (
          <button onClick={() => pauseCurrentJob(!job.paused)} title={job.paused ? 'Go on from where the job stopped' : 'Hold the job between two steps'} data-testid="pause-button">
            {job.paused ? '▶ Resume' : '❚❚ Pause'}
          </button>
        )}
        <button onClick={cancelCurrentJob} disabled={!job.running} title="Cancel (Escape)" data-testid="cancel-button">
          ■ Cancel
        </button>
      </div>
      <div className="run-row options">
        {isLpJob(job.kind) && <LpBackendSelect disabled={job.running} />}
        {fields.map((f) => (
          <label key={f.key} className="option">
            <span>{f.label}</span>
            <CellInput value={options?.[f.key]} kind="optionalNumber" placeholder={typeof f.placeholder === 'function' ? f.placeholder(scenario!) : f.placeholder} label={f.label} testId={`option-${f.key}`} onCommit={(v) => setOption(f.key, v)} />
          </label>
        ))}
        {Extra && <Extra />}
      </div>
      <div className="progress" data-testid="job-progress" aria-busy={job.running}>
        <div className="progress-bar">
          <div className={`progress-fill${job.running ? ' running' : ''}`} style={{ width: `${Math.round((job.running ? (p?.fraction ?? 0) : last ? 1 : 0) * 100)}%` }} />
        </div>
        <div className="progress-text" data-testid="job-status">
          {job.running ? (
            <>
              <span>{job.paused ? 'paused — ' : ''}{p?.stage ?? 'starting…'}</span>
              {p?.metrics && (
                <span className="metrics">
                  {Object.entries(p.metrics)
                    .map(([k, v]) => `${k} ${Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(1) : Number(v.toFixed(4))}`)
                    .join(' · ')}
                </span>
              )}
            </>
          ) : last ? (
            <span className={`status-${last.status}`}>
              {last.status}: {last.message}
            </span>
          ) : (
            <span className="muted">idle</span>
          )}
        </div>
      </div>
    </div>
  );
}

export function LogView() {
  const log = useSession((s) => s.log);
  return (
    <div className="log" data-testid="log" role="log">
      {log.map((e, i) => (
        <div key={i} className={`log-${e.level}`}>
          <span className="log-time">{new Date(e.at).toLocaleTimeString([], { hour12: false })}</span> {e.text}
        </div>
      ))}
    </div>
  );
}
