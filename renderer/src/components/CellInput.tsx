/**
 * An input that edits one document field. It keeps a draft while the user
 * types and commits on Enter or blur (Escape reverts), so one typed value is
 * one undo step. Numbers that do not parse are committed as typed, so
 * validation can point at them instead of the input silently dropping them.
 */
import { useEffect, useState } from 'react';

export type FieldKind = 'text' | 'number' | 'optionalNumber' | 'optionalText';

export function parseField(kind: FieldKind, text: string): unknown {
  const t = text.trim();
  if (kind === 'text') return text;
  if (kind === 'optionalText') return t === '' ? undefined : t;
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : text;
}

const show = (v: unknown) => (v === undefined || v === null ? '' : String(v));

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
    if (next !== value) onCommit(next);
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
