/**
 * The contract, in one import: every job kind with its options, result data
 * and certificate; job requests, results, errors and progress; the worker
 * message envelope; every IPC channel between the Electron renderer and main
 * with its payload schema.
 *
 * Main, preload, renderer, workers and the CLI all import this one file. It
 * only re-exports; the contract lives in
 *   solver/jobs/kinds/*.ts      one module per job kind (options schema, data,
 *                               certificate, what-if outputs, CLI summary)
 *   solver/jobs/kindRegistry.ts the list of kind modules and what is derived
 *                               from it (JOB_KINDS, JOB_LABELS, jobOptionSchemas,
 *                               jobOutputs, jobSummaries, warm-start kinds)
 *   solver/jobs/core.ts         JobRequest, JobResult, statuses, errors, progress
 *   solver/jobs/outputSpec.ts   the shapes of what-if outputs
 *   solver/worker/messages.ts   the worker envelope
 *   solver/ipc.ts               the IPC channels
 * The kind modules, the registry and the core never import this barrel (that
 * would be an import cycle). Adding a job kind is one module and one registry
 * line (docs/architecture.md); its types are imported from its module, or
 * through JobData<K> / JobCertificate<K> / JobOptions<K> from here. The kinds
 * below are re-exported so their existing import sites need no change.
 */
export * from './jobs/kindRegistry.ts';
export * from './jobs/core.ts';
export type { ScalarValue, OutputValue, OutputInfo, ExtractedOutputs } from './jobs/outputSpec.ts';
export * from './worker/messages.ts';
export * from './ipc.ts';

export * from './jobs/kinds/powerflow.ts';
export * from './jobs/kinds/opf.ts';
export * from './jobs/kinds/vppGame.ts';
export * from './jobs/kinds/portfolioMetrics.ts';
export * from './jobs/kinds/portfolio.ts';
export * from './jobs/kinds/portfolioEvaluate.ts';
export * from './jobs/kinds/bayesCertificate.ts';
export * from './jobs/kinds/kda.ts';
export * from './jobs/kinds/evBayesian.ts';
export * from './jobs/kinds/mechanism.ts';
export * from './jobs/kinds/traffic.ts';
export * from './jobs/kinds/dsoFees.ts';
