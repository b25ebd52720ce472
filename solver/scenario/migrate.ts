/**
 * Migration hook: lifts documents written by older versions of the app to the
 * current schema version, one step at a time. Each step is a pure function on
 * plain JSON and records what it changed as a warning the UI can show.
 *
 * Version 1 is the first released schema, so the step table is empty; a
 * version-2 schema adds `migrations[1] = (doc) => ...` and bumps SCHEMA_VERSION.
 */
import { SCHEMA_VERSION } from './schema.ts';
import type { ValidationIssue } from './validationIssue.ts';

type Json = Record<string, unknown>;
export type MigrationStep = (doc: Json) => { doc: Json; notes: string[] };

/** migrations[v] turns a version-v document into a version-(v+1) one. */
export const migrations: Record<number, MigrationStep> = {};

export type Migrated = { ok: true; value: unknown; warnings: ValidationIssue[] } | { ok: false; issues: ValidationIssue[] };

export function migrate(input: unknown, steps: Record<number, MigrationStep> = migrations, target = SCHEMA_VERSION): Migrated {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { ok: false, issues: [{ path: '', message: 'a scenario must be a JSON object' }] };
  let doc = input as Json;
  const version = doc.schemaVersion;
  if (version === undefined) return { ok: false, issues: [{ path: 'schemaVersion', message: 'is required (this file may not be a GridGame Studio scenario)' }] };
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    return { ok: false, issues: [{ path: 'schemaVersion', message: `must be a whole number ≥ 1, not ${JSON.stringify(version)}` }] };
  if (version > target)
    return {
      ok: false,
      issues: [{ path: 'schemaVersion', message: `version ${version} was written by a newer GridGame Studio; this one reads up to version ${target}` }],
    };
  const warnings: ValidationIssue[] = [];
  for (let v = version; v < target; v++) {
    const step = steps[v];
    if (!step) return { ok: false, issues: [{ path: 'schemaVersion', message: `no migration from version ${v} to ${v + 1}` }] };
    const { doc: next, notes } = step(structuredClone(doc));
    doc = { ...next, schemaVersion: v + 1 };
    for (const note of notes) warnings.push({ path: '', message: `migrated from v${v}: ${note}` });
  }
  return { ok: true, value: doc, warnings };
}
