/**
 * What a job kind module declares (solver/jobs/kinds/*.ts): everything the
 * shell needs to know about one kind besides its solver. The registry
 * (kindRegistry.ts) derives JOB_KINDS, JOB_LABELS, jobOptionSchemas,
 * jobOutputs, jobSummaries, jobTables and the warm-startable kinds from its list of
 * these, so a new kind is one new module plus one line there.
 *
 * The type parameters carry the kind's types to the registry: `Options` (the
 * parsed options), `Data` and `Certificate` (what a result holds) and
 * `WarmState` (what a neighbouring run may start from; `never` for kinds that
 * cannot start warm).
 */
import type { z } from 'zod';
import type { Table } from '../results/table.ts';
import type { OutputSpecOf } from './outputSpec.ts';

export interface JobKindModule<K extends string = string, Options = unknown, Data = unknown, Certificate = unknown, WarmState = never> {
  kind: K;
  /** one line naming the model and the method, for pickers and logs */
  label: string;
  /** options, validated at every boundary (IPC, worker, CLI); defaults fill what a request leaves out */
  options: z.ZodType<Options, unknown>;
  /** what a what-if study can read off the result's data */
  outputs: OutputSpecOf<Data>[];
  /** the lines `ggs solve` prints under its headline (without --json) */
  summary(data: Data, certificate: Certificate | null): string[];
  /** the result's flat tables, by file name without `.csv`: what `ggs solve --out` writes beside result.json */
  tables(data: Data): Record<string, Table>;
  /** true when the solver reads `JobRequest.warmStart` (its shape is `WarmState`) */
  warmStart: [WarmState] extends [never] ? false : true;
  /** never set: carries the type parameters to the registry's types */
  readonly types?: { options: Options; data: Data; certificate: Certificate; warmState: WarmState };
}

/** A kind module, with its type parameters spelled out once (see kinds/powerflow.ts). */
export function defineJobKind<K extends string, Options, Data, Certificate, WarmState = never>(
  module: Omit<JobKindModule<K, Options, Data, Certificate, WarmState>, 'types'>,
): JobKindModule<K, Options, Data, Certificate, WarmState> {
  return module;
}
