/** One labelled field of a form, bound to a document path, with its validation issue beside it. */
import { useDocument, readField } from '../state/document.ts';
import { CellInput, type FieldKind } from './CellInput.tsx';

export interface FormFieldProps {
  path: string;
  label: string;
  unit?: string;
  kind: FieldKind;
  issues: Map<string, string>;
  placeholder?: string;
  hint?: string;
  list?: string;
  /** for a field whose value is not a plain text or number (a Series): how it shows, how typed text becomes a value */
  display?: (value: unknown) => unknown;
  parse?: (text: unknown) => unknown;
  /** more paths whose issues belong to this field (e.g. `path.profile`) */
  issuePaths?: string[];
}

export function FormField({ path, label, unit, kind, issues, placeholder, hint, list, display, parse, issuePaths }: FormFieldProps) {
  const value = useDocument((s) => readField(s.scenario, path));
  const issue = [path, ...(issuePaths ?? [])].map((p) => issues.get(p)).find((m) => m !== undefined);
  return (
    <label className="form-field">
      <span className="form-label">
        {label}
        {unit && <span className="unit"> {unit}</span>}
      </span>
      <CellInput
        value={display ? display(value) : value}
        kind={kind}
        label={label}
        issue={issue}
        placeholder={placeholder}
        list={list}
        testId={`field-${path}`}
        onCommit={(v) => useDocument.getState().setField(path, parse ? parse(v) : v)}
      />
      {issue ? <span className="form-issue">{issue}</span> : hint ? <span className="form-hint">{hint}</span> : null}
    </label>
  );
}
