import { JOB_KINDS, JOB_LABELS, type JobKind } from '../../../solver/contract.ts';
import { FormField } from '../components/FormField.tsx';
import { useDocument } from '../state/document.ts';
import { useIssues } from '../state/useIssues.ts';

/** The job the scenario was made for (`metadata.job`): the Run panel opens on it, `ggs solve` runs it without --job. */
function ScenarioJobField() {
  const job = useDocument((s) => s.scenario.metadata.job);
  return (
    <label className="form-field">
      <span className="form-label">Made for</span>
      <select value={job ?? ''} aria-label="the scenario's job" data-testid="field-metadata.job" onChange={(e) => useDocument.getState().setField('metadata.job', (e.target.value || undefined) as JobKind | undefined)}>
        <option value="">no job of its own (opens on the power flow)</option>
        {JOB_KINDS.map((k) => (
          <option key={k} value={k}>
            {JOB_LABELS[k]}
          </option>
        ))}
      </select>
      <span className="form-hint">the job the Run panel opens on when the file is opened</span>
    </label>
  );
}

/** Scenario name, description, the job it is for, and the time axis (T periods of dtHours). */
export function MetadataEditor() {
  const issues = useIssues();
  return (
    <div className="form">
      <h3>Metadata</h3>
      <FormField path="metadata.name" label="Name" kind="text" issues={issues} />
      <FormField path="metadata.description" label="Description" kind="text" issues={issues} />
      <FormField path="metadata.author" label="Author" kind="optionalText" issues={issues} />
      <ScenarioJobField />
      <h3>Time</h3>
      <FormField path="time.T" label="Periods T" kind="number" issues={issues} hint="24 hourly, 96 quarter-hourly; every profile holds T values" />
      <FormField path="time.dtHours" label="Period length" unit="h" kind="number" issues={issues} />
      <FormField path="time.start" label="Start" kind="text" issues={issues} hint="local date-time, e.g. 2026-07-01T00:00" />
    </div>
  );
}
