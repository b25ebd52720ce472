/**
 * The registry of job kinds: the list of kind modules (solver/jobs/kinds/),
 * and everything the shell needs per kind derived from it — JOB_KINDS,
 * JOB_LABELS, jobOptionSchemas, jobOutputs, jobSummaries, jobTables, the
 * warm-startable kinds and the JobKinds type map.
 *
 * Adding a job kind: write its module in solver/jobs/kinds/ and add it to
 * JOB_KIND_MODULES below (docs/architecture.md, "Adding a job kind"). Its
 * solver is registered in solver/jobs/registry.ts, which the compiler then
 * asks for.
 */
import type { Table } from '../results/table.ts';
import type { JobKindModule } from './kindModule.ts';
import type { OutputSpecOf, PerEntityOutputOf, ScalarOutputOf, SeriesOutputOf } from './outputSpec.ts';
import { powerflowKind } from './kinds/powerflow.ts';
import { opfKind } from './kinds/opf.ts';
import { vppGameKind } from './kinds/vppGame.ts';
import { portfolioKind } from './kinds/portfolio.ts';
import { portfolioEvaluateKind } from './kinds/portfolioEvaluate.ts';
import { kdaKind } from './kinds/kda.ts';
import { evBayesianKind } from './kinds/evBayesian.ts';
import { mechanismKind } from './kinds/mechanism.ts';
import { mgBargainingKind } from './kinds/mgBargaining.ts';
import { dualAscentKind } from './kinds/dualAscent.ts';
import { mgEnergyCommKind } from './kinds/mgEnergyComm.ts';
import { dsoFeesKind, dsoFeesEvaluateKind } from './kinds/dsoFees.ts';
import { consensusKind } from './kinds/consensus.ts';
import { ledgerKind } from './kinds/ledger.ts';
import { trafficKind } from './kinds/traffic.ts';
import { forecastKind } from './kinds/forecast.ts';
import { evcsMarketKind } from './kinds/evcsMarket.ts';
import { trainKind } from './kinds/train.ts';
import { adnOperatorKind } from './kinds/adnOperator.ts';
import { dlmpLearnKind } from './kinds/dlmpLearn.ts';
import { communityDesignKind } from './kinds/communityDesign.ts';

/** Every job kind, in the order pickers list them. */
export const JOB_KIND_MODULES = [powerflowKind, opfKind, vppGameKind, portfolioKind, portfolioEvaluateKind, kdaKind, evBayesianKind, mechanismKind, mgBargainingKind, dualAscentKind, mgEnergyCommKind, dsoFeesKind, dsoFeesEvaluateKind, ledgerKind, consensusKind, trafficKind, forecastKind, evcsMarketKind, trainKind, adnOperatorKind, dlmpLearnKind, communityDesignKind] as const;

// ───────────────────── types derived from the list ─────────────────────

type KindModule = (typeof JOB_KIND_MODULES)[number];
export type JobKind = KindModule['kind'];
type ModuleOf<K extends JobKind> = Extract<KindModule, { kind: K }>;
type TypesOf<K extends JobKind> = NonNullable<ModuleOf<K>['types']>;

/** Per kind: its parsed options, its result data and its certificate. */
export type JobKinds = {
  [K in JobKind]: { options: TypesOf<K>['options']; data: TypesOf<K>['data']; certificate: TypesOf<K>['certificate'] };
};
export type JobOptions<K extends JobKind = JobKind> = JobKinds[K]['options'];
export type JobData<K extends JobKind = JobKind> = JobKinds[K]['data'];
export type JobCertificate<K extends JobKind = JobKind> = JobKinds[K]['certificate'];

/** The outputs of a kind, as the what-if engine reads them (shapes in outputSpec.ts). */
export type ScalarOutput<K extends JobKind> = ScalarOutputOf<JobData<K>>;
export type SeriesOutput<K extends JobKind> = SeriesOutputOf<JobData<K>>;
export type PerEntityOutput<K extends JobKind> = PerEntityOutputOf<JobData<K>>;
export type OutputSpec<K extends JobKind = JobKind> = OutputSpecOf<JobData<K>>;

/** The kinds whose solver can start from a neighbouring run's answer, with the shape of that answer. */
export type WarmStarts = { [K in JobKind as [TypesOf<K>['warmState']] extends [never] ? never : K]: TypesOf<K>['warmState'] };
export type WarmStartKind = keyof WarmStarts;
export type WarmStart<K extends JobKind = JobKind> = K extends WarmStartKind ? WarmStarts[K] : never;

// ───────────────────── values derived from the list ─────────────────────

type KindsOf<T extends readonly { kind: string }[]> = { -readonly [I in keyof T]: T[I]['kind'] };
/** Every kind's name, in the order of JOB_KIND_MODULES (a tuple, for z.enum and CLI choices). */
export const JOB_KINDS = JOB_KIND_MODULES.map((m) => m.kind) as unknown as Readonly<KindsOf<typeof JOB_KIND_MODULES>>;

/** One value per kind, read off its module. */
function byKind<T>(read: (m: KindModule) => unknown): { [K in JobKind]: T } {
  return Object.fromEntries(JOB_KIND_MODULES.map((m) => [m.kind, read(m)])) as { [K in JobKind]: T };
}

export const JOB_LABELS: Record<JobKind, string> = byKind((m) => m.label);

/** Options of every kind, validated at every boundary (IPC, worker, CLI). */
export const jobOptionSchemas = byKind((m) => m.options) as { [K in JobKind]: JobKindModule<K, JobOptions<K>>['options'] };

/** What a what-if study can read off each kind's result (the engine: solver/whatif/outputs.ts). */
export const jobOutputs = byKind((m) => m.outputs) as { [K in JobKind]: OutputSpec<K>[] };

/** The lines `ggs solve` prints for each kind's result (main/cli/reports). */
export const jobSummaries = byKind((m) => m.summary) as { [K in JobKind]: (data: JobData<K>, certificate: JobCertificate<K> | null) => string[] };

/** The tables `ggs solve --out` writes for each kind's result (solver/results/tables.ts). */
export const jobTables = byKind((m) => m.tables) as { [K in JobKind]: (data: JobData<K>) => Record<string, Table> };

export const WARM_START_KINDS = JOB_KIND_MODULES.filter((m) => m.warmStart).map((m) => m.kind) as readonly WarmStartKind[];
export const canWarmStart = (kind: JobKind): kind is WarmStartKind => (WARM_START_KINDS as readonly string[]).includes(kind);
