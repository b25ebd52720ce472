/** One labelled field of a form, bound to a document path, with its validation issue beside it. */
import { useDocument, readField } from '../state/document.ts';
import { CellInput, fieldIssue, type FieldKind } from './CellInput.tsx';

export interface FormFieldProps {
  path: string;
  label: string;
  unit?: string;
  kind: FieldKind;
  issues: Map<string, string>;
  placeholder?: string;
  hint?: string;
  list?: string;
  /** how the value is written (default: `setField(path, value)`); e.g. an edit that first creates an absent parent object */
  commit?: (path: string, value: unknown) => void;
}

export function FormField({ path, label, unit, kind, issues, placeholder, hint, list, commit }: FormFieldProps) {
  const value = useDocument((s) => readField(s.scenario, path));
  const issue = fieldIssue(issues, path, kind);
  return (
    <label className="form-field">
      <span className="form-label">
        {label}
        {unit && <span className="unit"> {unit}</span>}
      </span>
      <CellInput
        value={value}
        kind={kind}
        label={label}
        issue={issue}
        placeholder={placeholder}
        list={list}
        testId={`field-${path}`}
        onCommit={(v) => (commit ? commit(path, v) : useDocument.getState().setField(path, v))}
      />
      {issue ? <span className="form-issue">{issue}</span> : hint ? <span className="form-hint">{hint}</span> : null}
    </label>
  );
}
