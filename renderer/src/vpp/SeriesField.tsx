/** A form field for a Series: a constant, or the id of a profile (offered from the library). */
import { useDocument, readField } from '../state/document.ts';
import { CellInput } from '../components/CellInput.tsx';
import { parseSeries, seriesText } from './seriesText.ts';

export interface SeriesFieldProps {
  path: string;
  label: string;
  unit?: string;
  issues: Map<string, string>;
  hint?: string;
}

export function SeriesField({ path, label, unit, issues, hint }: SeriesFieldProps) {
  const value = useDocument((s) => readField(s.scenario, path));
  const issue = issues.get(path) ?? issues.get(`${path}.profile`);
  return (
    <label className="form-field">
      <span className="form-label">
        {label}
        {unit && <span className="unit"> {unit}</span>}
      </span>
      <CellInput
        value={seriesText(value)}
        kind="optionalText"
        label={label}
        issue={issue}
        list="vpp-series"
        testId={`field-${path}`}
        onCommit={(v) => useDocument.getState().setField(path, parseSeries(v))}
      />
      {issue ? <span className="form-issue">{issue}</span> : hint ? <span className="form-hint">{hint}</span> : null}
    </label>
  );
}
