/** Each job kind's result tables, from its module (jobTables, solver/jobs/kinds/). */
import { jobTables, type JobData, type JobResult } from '../contract.ts';
import type { Table } from './table.ts';

/** Named tables of a result (file names without `.csv`); none when the job produced no data. */
export function resultTables(result: JobResult): Record<string, Table> {
  if (result.data === null) return {};
  // JobResult does not tie `job` to the type of `data`; the worker builds both from the same kind.
  const build = jobTables[result.job] as (data: JobData) => Record<string, Table>;
  return build(result.data);
}
