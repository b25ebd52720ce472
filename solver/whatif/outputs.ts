/**
 * The what-if engine's side of outputs: picking a kind's outputs by id and
 * reading them off a result. Each kind declares its outputs in its module
 * (solver/jobs/kinds/*.ts, shapes in solver/jobs/outputSpec.ts), and the
 * registry gathers them in `jobOutputs`; a new job kind gets sweeps, tornado
 * and Monte Carlo from its module alone: the engine, the CLI and the result
 * views only ever go through `jobOutputs[kind]`.
 */
import type { JobResult } from '../jobs/core.ts';
import { jobOutputs, type JobData, type JobKind, type OutputSpec } from '../jobs/kindRegistry.ts';
import type { ExtractedOutputs, OutputInfo } from '../jobs/outputSpec.ts';
import { certificateOutputs, hasAnswer } from '../jobs/certification.ts';

export { jobOutputs, type OutputSpec, type ScalarOutput, type SeriesOutput, type PerEntityOutput } from '../jobs/kindRegistry.ts';
export type { ScalarValue, OutputValue, OutputInfo, ExtractedOutputs } from '../jobs/outputSpec.ts';

export function outputInfo(spec: OutputSpec): OutputInfo {
  const { id, label, unit, shape } = spec;
  return spec.shape === 'per-entity' ? { id, label, unit, shape, entity: spec.entity } : { id, label, unit, shape };
}

/**
 * The outputs a study records: all of the kind's outputs, or the chosen ids
 * in the order given. Throws on an unknown id, naming the known ones.
 */
export function selectOutputs<K extends JobKind>(kind: K, ids?: readonly string[]): OutputSpec<K>[] {
  const all = jobOutputs[kind] as OutputSpec<K>[];
  if (!ids || ids.length === 0) return all;
  return ids.map((id) => {
    const spec = all.find((o) => o.id === id);
    if (!spec) throw new Error(`unknown output "${id}" for job ${kind}; known outputs: ${all.map((o) => o.id).join(', ')}`);
    return spec;
  });
}

/**
 * Reads the given outputs (every output of the kind when `ids` is absent) off
 * a result's data. Throws an Error naming the output whose declaration failed.
 */
export function extractOutputs<K extends JobKind>(kind: K, data: JobData<K>, ids?: readonly string[]): ExtractedOutputs {
  const out: ExtractedOutputs = { outputs: {}, at: {} };
  for (const spec of selectOutputs(kind, ids)) {
    try {
      out.outputs[spec.id] = spec.extract(data);
      if (spec.shape === 'scalar' && spec.at) out.at[spec.id] = spec.at(data);
    } catch (e) {
      throw new Error(`output ${spec.id} could not be read: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return out;
}

/**
 * The result a worker posts back when the caller asked only for outputs: the
 * same result with `data` dropped and the extracted outputs in its place, so
 * a sweep point crosses the thread boundary as a few numbers instead of the
 * whole per-period data (megabytes on a large feeder). An output that cannot
 * be read makes the point `failed`, as it would on the caller's side.
 */
export function withOutputsOnly<K extends JobKind>(result: JobResult<K>, ids: readonly string[]): JobResult<K> {
  if (!hasAnswer(result.status) || result.data === null) return { ...result, data: null };
  try {
    const extracted = extractOutputs(result.job, result.data, ids);
    return { ...result, data: null, outputs: { ...extracted, outputs: { ...extracted.outputs, ...certificateOutputs(result) } } };
  } catch (e) {
    return { ...result, status: 'failed', message: (e as Error).message, data: null };
  }
}
