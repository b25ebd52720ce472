/**
 * The result of a study — what `ggs sweep --out DIR` writes as
 * DIR/result.json — and the merge of shard results into the result an
 * unsharded run gives. Everything except `timingsMs` is deterministic, so two
 * runs of the same study (sharded or not, on any machine with the same build)
 * compare equal on `comparablePart`.
 */
import type { JobKind, JobRequest, JobStatus } from '../contract.ts';
import { canonicalJson } from '../hash.ts';
import type { OutputInfo, OutputValue } from './outputs.ts';
import type { Shard, StudyDesign } from './study.ts';

/** What a point's job gave: its status and message, and the outputs read from its data. */
export interface PointAnswer {
  status: JobStatus;
  /** the job's one-sentence message ("solved", or why not) */
  message: string;
  /** output id → value; empty unless status is ok */
  outputs: Record<string, OutputValue>;
  /** output id → entity where the extreme occurs, for outputs that declare one */
  at: Record<string, string | null>;
}

export interface PointResult extends PointAnswer {
  /** position in the full study */
  index: number;
  /** path → value set at this point, in the study's column order */
  values: Record<string, number>;
  /** JobResult.scenarioHash of this point's request */
  scenarioHash: string;
  /**
   * Present when the point's solver started from another point's solution
   * (runStudy's `warmStart`): that point's index, or `base` for the base
   * scenario solved first. Absent for a cold start or a cached answer.
   */
  warmStartFrom?: number | 'base';
}

export interface StudyResult {
  job: JobKind;
  study: StudyDesign;
  /** what every point shares: the base request's hash, options, seed and backend */
  base: { scenarioHash: string; options: JobRequest['options']; seed: number; backend: 'glpk' | 'highs' };
  outputs: OutputInfo[];
  /** number of points in the full study (a shard holds about pointCount / shard.count) */
  pointCount: number;
  /** present on the result of one shard, absent on a whole or merged study */
  shard?: Shard;
  /** sorted by index */
  points: PointResult[];
  /**
   * Present on a partial result (an interrupted run, or a merge of partial
   * shards): the indexes of the points that did not finish, sorted. Their
   * entries in `points` are `cancelled` placeholders; `ggs sweep --resume`
   * runs exactly these.
   */
  missing?: number[];
  /** wall time of the run, and the sum of the jobs' own times (summed over shards when merged) */
  timingsMs: { total: number; jobs: number };
  version: string;
}

/** The part of a result that must be identical between equal runs: everything but timings. */
export function comparablePart(result: StudyResult): Omit<StudyResult, 'timingsMs'> {
  const { timingsMs: _timings, ...rest } = result;
  return rest;
}

/** Thrown when shard results cannot be joined; the message says which part and why. */
export class MergeError extends Error {
  override name = 'MergeError';
}

/** What must agree between parts of one study. */
function identity(r: StudyResult): string {
  return canonicalJson({ job: r.job, study: r.study, base: r.base, outputs: r.outputs, pointCount: r.pointCount, version: r.version });
}

function listSome(indexes: number[]): string {
  const shown = indexes.slice(0, 10).join(', ');
  return indexes.length > 10 ? `${shown} and ${indexes.length - 10} more` : shown;
}

/**
 * Joins the results of the shards of one study into the result of the whole
 * study. Parts may come in any order and may themselves be merged results;
 * every point must be present exactly once. A partial part (an interrupted
 * shard) is accepted: the points it lists as missing stay missing in the
 * merged result, which is then partial too (`missing`). A point that no part
 * holds or lists is a shard left out, and refused.
 */
export function mergeStudyResults(parts: readonly StudyResult[]): StudyResult {
  const first = parts[0];
  if (!first) throw new MergeError('nothing to merge: no results given');
  const id = identity(first);
  parts.forEach((p, k) => {
    if (identity(p) === id) return;
    const what = p.job !== first.job ? `job ${p.job}, not ${first.job}`
      : canonicalJson(p.study) !== canonicalJson(first.study) ? 'a different study design'
      : p.base.scenarioHash !== first.base.scenarioHash ? 'a different base scenario or options'
      : p.version !== first.version ? `version ${p.version}, not ${first.version}`
      : 'different outputs or point count';
    throw new MergeError(`part ${k + 1} is not a shard of the same study as part 1: it has ${what}`);
  });

  const owner = new Map<number, number>();
  const points: PointResult[] = [];
  const placeholders = new Map<number, PointResult>();
  for (const [k, part] of parts.entries()) {
    const partMissing = new Set(part.missing ?? []);
    for (const point of part.points) {
      if (!Number.isInteger(point.index) || point.index < 0 || point.index >= first.pointCount)
        throw new MergeError(`part ${k + 1} holds point ${point.index}, outside the study's ${first.pointCount} points`);
      if (partMissing.has(point.index)) {
        placeholders.set(point.index, point);
        continue;
      }
      const before = owner.get(point.index);
      if (before !== undefined) throw new MergeError(`point ${point.index} is in part ${before + 1} and in part ${k + 1}; is a shard given twice?`);
      owner.set(point.index, k);
      points.push(point);
    }
  }
  const uncovered: number[] = [];
  const missing: number[] = [];
  for (let i = 0; i < first.pointCount; i++) {
    if (owner.has(i)) continue;
    const placeholder = placeholders.get(i);
    if (placeholder) {
      missing.push(i);
      points.push(placeholder);
    } else uncovered.push(i);
  }
  if (uncovered.length > 0) {
    const shards = parts.map((p) => (p.shard ? `${p.shard.index}/${p.shard.count}` : 'whole')).join(', ');
    throw new MergeError(`${uncovered.length} of ${first.pointCount} points are missing (${listSome(uncovered)}); the parts given are shards ${shards}: is a shard left out?`);
  }
  points.sort((a, b) => a.index - b.index);

  const { shard: _shard, missing: _missing, ...rest } = first;
  return {
    ...rest,
    points,
    ...(missing.length > 0 ? { missing } : {}),
    timingsMs: {
      total: parts.reduce((s, p) => s + p.timingsMs.total, 0),
      jobs: parts.reduce((s, p) => s + p.timingsMs.jobs, 0),
    },
  };
}

/** "12 of 200 points are missing (3, 7, …)" for a partial result, or null for a whole one. */
export function missingSummary(result: StudyResult): string | null {
  const missing = result.missing ?? [];
  if (missing.length === 0) return null;
  const total = result.shard ? result.points.length : result.pointCount;
  return `${missing.length} of ${total} points are missing (${listSome(missing)})`;
}
