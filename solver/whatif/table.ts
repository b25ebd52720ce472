/**
 * A study result as one flat table, one row per point — what `ggs sweep`
 * writes as DIR/points.csv and what the app exports. Columns: index, each
 * swept path, status, message, then every output flattened: a scalar as its
 * id (plus `id@` for where an extreme occurs), a series as `id[t]`, a
 * per-entity output as `id[entity]`.
 */
import type { Cell, Table } from '../results/table.ts';
import type { StudyResult } from './result.ts';
import { studyPaths } from './study.ts';

export function pointsTable(result: StudyResult): Table {
  const paths = studyPaths(result.study);
  // series lengths and entity ids come from the points that have them, so failed points leave blanks
  const columns: { name: string; read: (p: StudyResult['points'][number]) => Cell }[] = [];
  for (const info of result.outputs) {
    const values = result.points.map((p) => p.outputs[info.id]).filter((v) => v !== undefined);
    if (info.shape === 'scalar') {
      columns.push({ name: info.id, read: (p) => (p.outputs[info.id] as number | null | undefined) ?? null });
      if (result.points.some((p) => info.id in p.at)) columns.push({ name: `${info.id}@`, read: (p) => p.at[info.id] ?? null });
    } else if (info.shape === 'series') {
      const length = Math.max(0, ...values.map((v) => (v as number[]).length));
      for (let t = 0; t < length; t++) columns.push({ name: `${info.id}[${t}]`, read: (p) => (p.outputs[info.id] as number[] | undefined)?.[t] ?? null });
    } else {
      const ids = [...new Set(values.flatMap((v) => Object.keys(v as Record<string, number>)))];
      for (const id of ids) columns.push({ name: `${info.id}[${id}]`, read: (p) => (p.outputs[info.id] as Record<string, number> | undefined)?.[id] ?? null });
    }
  }
  return {
    columns: ['index', ...paths, 'status', 'message', ...columns.map((c) => c.name)],
    rows: result.points.map((p) => [p.index, ...paths.map((path) => p.values[path] ?? null), p.status, p.message, ...columns.map((c) => c.read(p))]),
  };
}
