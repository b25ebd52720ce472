/**
 * An input that edits one document field. It keeps a draft while the user
 * types and commits on Enter or blur (Escape reverts), so one typed value is
 * one undo step. Numbers that do not parse are committed as typed, so
 * validation can point at them instead of the input silently dropping them.
 */
import { useEffect, useState } from 'react';

/** `series`: a constant or a profile id, the schema's `Series` (typed as a number or as a profile's id) */
export type FieldKind = 'text' | 'number' | 'optionalNumber' | 'optionalText' | 'series';

export function parseField(kind: FieldKind, text: string): unknown {
  const t = text.trim();
  if (kind === 'text') return text;
  if (kind === 'optionalText') return t === '' ? undefined : t;
  if (kind === 'series') return t === '' ? undefined : Number.isFinite(Number(t)) ? Number(t) : { profile: t };
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : text;
}

const isProfileRef = (v: unknown): v is { profile: string } => typeof v === 'object' && v !== null && typeof (v as { profile?: unknown }).profile === 'string';
const show = (v: unknown) => (v === undefined || v === null ? '' : isProfileRef(v) ? v.profile : String(v));
const sameValue = (a: unknown, b: unknown) => a === b || (isProfileRef(a) && isProfileRef(b) && a.profile === b.profile);

/** The issue a field shows: at its path, or for a series at its profile reference (`….irradiance.profile`). */
export function fieldIssue(issues: Map<string, string>, path: string, kind: FieldKind | 'boolean'): string | undefined {
  return issues.get(path) ?? (kind === 'series' ? issues.get(`${path}.profile`) : undefined);
}

export interface CellInputProps {
  value: unknown;
  kind: FieldKind;
  onCommit(value: unknown): void;
  issue?: string | undefined;
  placeholder?: string | undefined;
  list?: string | undefined;
  label: string;
  testId?: string | undefined;
  className?: string | undefined;
}

export function CellInput({ value, kind, onCommit, issue, placeholder, list, label, testId, className }: CellInputProps) {
  const [draft, setDraft] = useState<string | null>(null);
  useEffect(() => setDraft(null), [value]);
  const commit = () => {
    if (draft === null) return;
    const next = parseField(kind, draft);
    setDraft(null);
    if (!sameValue(next, value)) onCommit(next);
  };
  const numeric = kind === 'number' || kind === 'optionalNumber';
  return (
    <input
      className={`cell-input${numeric ? ' num' : ''}${issue ? ' invalid' : ''}${className ? ' ' + className : ''}`}
      value={draft ?? show(value)}
      placeholder={placeholder}
      aria-label={label}
      aria-invalid={issue ? true : undefined}
      title={issue}
      list={list}
      data-testid={testId}
      spellCheck={false}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          (e.target as HTMLInputElement).blur(); // commits in onBlur
        } else if (e.key === 'Escape') {
          setDraft(null);
          e.stopPropagation();
        }
      }}
    />
  );
}
