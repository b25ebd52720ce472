/** Each job kind's result tables; adding a job kind adds one entry here. */
import type { JobData, JobKind, JobResult } from '../contract.ts';
import type { Table } from './table.ts';
import { powerflowTables } from './powerflowTables.ts';
import { opfTables } from './opfTables.ts';
import { vppGameTables } from './vppGameTables.ts';
import { portfolioTables } from './portfolioTables.ts';
import { evBayesianTables, kdaTables } from './bayesTables.ts';

const tablesByKind: { [K in JobKind]: (data: JobData<K>) => Record<string, Table> } = {
  powerflow: powerflowTables,
  opf: opfTables,
  'vpp-game': vppGameTables,
  portfolio: portfolioTables,
  'portfolio-evaluate': portfolioTables,
  kda: kdaTables,
  'ev-bayesian': evBayesianTables,
};

/** Named tables of a result (file names without `.csv`); none when the job produced no data. */
export function resultTables(result: JobResult): Record<string, Table> {
  if (result.data === null) return {};
  // JobResult does not tie `job` to the type of `data`; the worker builds both from the same kind.
  const build = tablesByKind[result.job] as (data: JobData) => Record<string, Table>;
  return build(result.data);
}
