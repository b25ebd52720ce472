/**
 * Study kinds and their expansion into points. A study is a base job request
 * plus a design; the design expands, deterministically, into an ordered list
 * of points, each a set of path = value assignments applied to the base
 * scenario. Every point is then one ordinary job run, so any job kind can be
 * studied.
 *
 *   sweep        one parameter over its values                 (n points)
 *   grid         param × param2, row-major: param outer         (n1·n2 points)
 *   tornado      base, then each parameter at −x% and +x%       (1 + 2N points)
 *   monte-carlo  N draws of every parameter from its distribution, seeded
 */
import type { JobKind, JobRequest, WarmStart } from '../contract.ts';
import { contentHash } from '../hash.ts';
import type { ScenarioInput } from '../scenario/schema.ts';
import { setAtPath } from '../scenario/paths.ts';
import { validateScenario, formatIssue, type ValidationIssue } from '../scenario/validate.ts';
import { expandValues, isWholeNumberField, readParam, wholeNumberIssue, type ParamSpec } from './params.ts';
import { createRng, sample, checkDistribution, type Distribution } from './random.ts';
import { selectOutputs } from './outputs.ts';

export type StudyDesign =
  | { kind: 'sweep'; param: ParamSpec }
  | { kind: 'grid'; param: ParamSpec; param2: ParamSpec }
  /** each path at base·(1 − deltaPct/100) and base·(1 + deltaPct/100) */
  | { kind: 'tornado'; params: string[]; deltaPct: number }
  | { kind: 'monte-carlo'; params: { path: string; distribution: Distribution }[]; samples: number; seed: number };

export type StudyKind = StudyDesign['kind'];

export interface Study<K extends JobKind = JobKind> {
  base: JobRequest<K>;
  design: StudyDesign;
  /** output ids to record at each point; every output of the job kind when absent */
  outputs?: string[];
}

export interface Assignment {
  path: string;
  value: number;
}

export interface StudyPoint {
  /** position in the full (unsharded) study, 0-based */
  index: number;
  assignments: Assignment[];
}

/** A study that cannot run as written (bad path, bad distribution, invalid base scenario). */
export class StudyError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'StudyError';
  }
}

/** The paths a design sets, in column order. */
export function studyPaths(design: StudyDesign): string[] {
  switch (design.kind) {
    case 'sweep':
      return [design.param.path];
    case 'grid':
      return [design.param.path, design.param2.path];
    case 'tornado':
      return design.params.slice();
    case 'monte-carlo':
      return design.params.map((p) => p.path);
  }
}

/** Every reason the study cannot run; empty when it can. Paths are checked against the validated base scenario. */
export function checkStudy(study: Study): ValidationIssue[] {
  const base = validateScenario(study.base.scenario);
  if (!base.ok) return [{ path: '', message: `the base scenario is invalid: ${formatIssue(base.issues[0]!)}` }];
  const issues: ValidationIssue[] = [];
  const { design } = study;
  const paths = studyPaths(design);
  if (paths.length === 0) issues.push({ path: '', message: `a ${design.kind} study needs at least one parameter` });
  paths.forEach((path, i) => {
    if (paths.indexOf(path) !== i) issues.push({ path, message: 'is given twice; each parameter may appear once' });
    const read = readParam(base.value, path);
    if (!read.ok) issues.push(read.issue);
  });
  const checkValues = (p: ParamSpec) => {
    if (expandValues(p.values).length === 0) issues.push({ path: p.path, message: 'has no values' });
    const read = readParam(base.value, p.path);
    const whole = read.ok && isWholeNumberField(study.base.scenario, p.path, read.value) ? wholeNumberIssue(p.values) : null;
    if (whole) issues.push({ path: p.path, message: whole });
  };
  switch (design.kind) {
    case 'sweep':
      checkValues(design.param);
      break;
    case 'grid':
      checkValues(design.param);
      checkValues(design.param2);
      break;
    case 'tornado':
      if (!(Number.isFinite(design.deltaPct) && design.deltaPct > 0)) issues.push({ path: 'deltaPct', message: `must be a number above 0, not ${design.deltaPct}` });
      break;
    case 'monte-carlo':
      if (!Number.isInteger(design.samples) || design.samples < 1) issues.push({ path: 'samples', message: `must be a whole number of at least 1, not ${design.samples}` });
      if (!Number.isInteger(design.seed)) issues.push({ path: 'seed', message: `must be a whole number, not ${design.seed}` });
      for (const p of design.params) {
        const why = checkDistribution(p.distribution);
        if (why) issues.push({ path: p.path, message: why });
      }
      break;
  }
  try {
    selectOutputs(study.base.kind, study.outputs);
  } catch (e) {
    issues.push({ path: 'outputs', message: (e as Error).message });
  }
  return issues;
}

/** Index of the tornado point holding parameter `j` at its low or high value (point 0 is the base). */
export function tornadoPointIndex(j: number, side: 'low' | 'high'): number {
  return 1 + 2 * j + (side === 'high' ? 1 : 0);
}

/** The study's points in order; throws StudyError when checkStudy finds a problem. */
export function expandStudy(study: Study): StudyPoint[] {
  const issues = checkStudy(study);
  if (issues.length > 0) throw new StudyError(issues);
  const { design } = study;
  const numbered = (rows: Assignment[][]): StudyPoint[] => rows.map((assignments, index) => ({ index, assignments }));

  switch (design.kind) {
    case 'sweep': {
      const { path } = design.param;
      return numbered(expandValues(design.param.values).map((value) => [{ path, value }]));
    }
    case 'grid': {
      const v1 = expandValues(design.param.values);
      const v2 = expandValues(design.param2.values);
      return numbered(v1.flatMap((a) => v2.map((b) => [{ path: design.param.path, value: a }, { path: design.param2.path, value: b }])));
    }
    case 'tornado': {
      const scenario = validateScenario(study.base.scenario);
      if (!scenario.ok) throw new StudyError(scenario.issues); // unreachable: checked above
      const baseValues = design.params.map((path) => {
        const read = readParam(scenario.value, path);
        if (!read.ok) throw new StudyError([read.issue]); // unreachable: checked above
        return read.value;
      });
      const atBase = design.params.map((path, j) => ({ path, value: baseValues[j]! }));
      const f = design.deltaPct / 100;
      const rows: Assignment[][] = [atBase];
      design.params.forEach((path, j) => {
        const v = baseValues[j]!;
        for (const value of [v - v * f, v + v * f]) rows.push(atBase.map((a) => (a.path === path ? { path, value } : a)));
      });
      return numbered(rows);
    }
    case 'monte-carlo': {
      // one stream for the whole study, drawn sample by sample, parameter by
      // parameter: every shard expands the same list and keeps its slice
      const rng = createRng(design.seed);
      return numbered(
        Array.from({ length: design.samples }, () => design.params.map((p) => ({ path: p.path, value: sample(p.distribution, rng) }))),
      );
    }
  }
}

export interface Shard {
  /** 0-based: 0 … count − 1, as Slurm array task ids and Kubernetes completion indexes are */
  index: number;
  count: number;
}

/** Reads `I/N` (e.g. `0/4`); throws an Error that says what is expected. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new Error(`cannot read shard "${text}": expected I/N with 0 ≤ I < N, e.g. 0/4`);
  const shard = { index: Number(m[1]), count: Number(m[2]) };
  if (shard.count < 1 || shard.index >= shard.count) throw new Error(`cannot read shard "${text}": I must be between 0 and N − 1 (shards are numbered from 0)`);
  return shard;
}

/**
 * The points of one shard: point k belongs to shard k mod count. Round-robin
 * rather than contiguous blocks because the cost of a point often grows along
 * a sweep (heavier load, more iterations), and interleaving spreads it evenly.
 */
export function shardPoints(points: readonly StudyPoint[], index: number, count: number): StudyPoint[] {
  return points.filter((p) => p.index % count === index);
}

/** The job request of one point: the base request with each assignment set into its scenario (and a warm start, if any). */
export function pointRequest<K extends JobKind>(base: JobRequest<K>, point: StudyPoint | Pick<StudyPoint, 'assignments'>, warmStart?: WarmStart<K>): JobRequest<K> {
  const scenario = point.assignments.reduce<ScenarioInput>((s, a) => setAtPath(s, a.path, a.value), base.scenario);
  return { ...base, scenario, ...(warmStart !== undefined ? { warmStart } : {}) };
}

/**
 * A point's cache key: the hash of its base request's hash and its
 * assignments, in order. It stands for the point's request (the base with the
 * assignments set) without hashing that whole scenario on the calling thread
 * for every point: equal points of the same base share a key, and any change
 * to the base (scenario, options, seed, backend) changes every key. (The
 * point's scenarioHash is still its request's hash, computed by the job
 * runner in the worker.)
 */
export function pointKey(baseHash: string, assignments: readonly Assignment[]): string {
  return contentHash({ base: baseHash, set: assignments.map((a) => [a.path, a.value]) });
}
