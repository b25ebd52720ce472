/**
 * Summaries of study results, as pure functions of a StudyResult: the
 * tornado's sorted swings and the Monte Carlo distribution of an output.
 */
import type { StudyResult } from './result.ts';
import type { OutputInfo } from './outputs.ts';
import { tornadoPointIndex } from './study.ts';
import { hasAnswer, pointUncertified } from '../jobs/certification.ts';

/** How many of a study's points gave a certified answer, an uncertified one (plotted, and marked), or none. */
export interface CertificationCount {
  certified: number;
  uncertified: number;
  /** failed, infeasible, cancelled … */
  noAnswer: number;
}

export function certificationCount(result: Pick<StudyResult, 'points'>): CertificationCount {
  const count = { certified: 0, uncertified: 0, noAnswer: 0 };
  for (const p of result.points) {
    if (!hasAnswer(p.status)) count.noAnswer++;
    else if (pointUncertified(p)) count.uncertified++;
    else count.certified++;
  }
  return count;
}

export interface TornadoBar {
  path: string;
  baseValue: number;
  lowValue: number;
  highValue: number;
  /** output at the low / high parameter value; null when that point failed */
  lowOutput: number | null;
  highOutput: number | null;
  /** output change from the base point */
  lowDelta: number | null;
  highDelta: number | null;
  /** |highOutput − lowOutput|: the bar's length, what the chart sorts by */
  swing: number | null;
}

export interface TornadoSummary {
  outputId: string;
  baseOutput: number | null;
  /** largest swing first; bars whose points failed (swing null) last, in parameter order */
  bars: TornadoBar[];
}

function scalarAt(result: StudyResult, index: number, outputId: string): number | null {
  const point = result.points.find((p) => p.index === index);
  const v = point && hasAnswer(point.status) ? point.outputs[outputId] : undefined;
  return typeof v === 'number' ? v : null;
}

function findOutput(result: StudyResult, outputId: string): OutputInfo {
  const info = result.outputs.find((o) => o.id === outputId);
  if (!info) throw new Error(`output "${outputId}" is not in this result; it holds ${result.outputs.map((o) => o.id).join(', ')}`);
  return info;
}

function requireScalar(result: StudyResult, outputId: string): void {
  const info = findOutput(result, outputId);
  if (info.shape !== 'scalar') throw new Error(`output "${outputId}" is a ${info.shape}; this summary needs a scalar output`);
}

export function tornadoSummary(result: StudyResult, outputId: string): TornadoSummary {
  const { study } = result;
  if (study.kind !== 'tornado') throw new Error(`a tornado summary needs a tornado study, not a ${study.kind}`);
  requireScalar(result, outputId);
  const basePoint = result.points.find((p) => p.index === 0);
  const baseOutput = scalarAt(result, 0, outputId);
  const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
  const bars = study.params.map((path, j): TornadoBar => {
    const low = tornadoPointIndex(j, 'low');
    const high = tornadoPointIndex(j, 'high');
    const lowOutput = scalarAt(result, low, outputId);
    const highOutput = scalarAt(result, high, outputId);
    const valueAt = (i: number) => result.points.find((p) => p.index === i)?.values[path] ?? NaN;
    const swing = diff(highOutput, lowOutput);
    return {
      path,
      baseValue: basePoint?.values[path] ?? NaN,
      lowValue: valueAt(low),
      highValue: valueAt(high),
      lowOutput,
      highOutput,
      lowDelta: diff(lowOutput, baseOutput),
      highDelta: diff(highOutput, baseOutput),
      swing: swing === null ? null : Math.abs(swing),
    };
  });
  // stable sort: equal swings keep the parameters' order
  bars.sort((a, b) => (b.swing ?? -1) - (a.swing ?? -1));
  return { outputId, baseOutput, bars };
}

export interface SampleSummary {
  /** samples that gave a number */
  n: number;
  mean: number;
  /** sample standard deviation (n − 1); 0 for a single sample */
  std: number;
  min: number;
  max: number;
  /** p → quantile, linear interpolation between order statistics (R type 7, as d3.quantile) */
  quantiles: Record<string, number>;
}

export const DEFAULT_QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

/**
 * Mean and standard deviation by Welford's one-pass update (B. P. Welford,
 * Technometrics 4(3), 1962), stable for values far from zero; quantiles of
 * the sorted values. NaN everywhere when there are no values.
 */
export function summarizeSamples(values: readonly number[], ps: readonly number[] = DEFAULT_QUANTILES): SampleSummary {
  let mean = 0;
  let m2 = 0;
  values.forEach((x, i) => {
    const d = x - mean;
    mean += d / (i + 1);
    m2 += d * (x - mean);
  });
  const n = values.length;
  const sorted = values.slice().sort((a, b) => a - b);
  const quantile = (p: number) => {
    if (n === 0) return NaN;
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const a = sorted[lo]!;
    return lo + 1 < n ? a + (sorted[lo + 1]! - a) * (h - lo) : a;
  };
  return {
    n,
    mean: n === 0 ? NaN : mean,
    std: n === 0 ? NaN : n === 1 ? 0 : Math.sqrt(m2 / (n - 1)),
    min: n === 0 ? NaN : sorted[0]!,
    max: n === 0 ? NaN : sorted[n - 1]!,
    quantiles: Object.fromEntries(ps.map((p) => [String(p), quantile(p)])),
  };
}

export interface MonteCarloSummary {
  outputId: string;
  samples: number;
  /** points without an answer, or whose output is not a number (excluded from the statistics) */
  failed: number;
  /** points in the statistics whose answer's certificate does not hold (status uncertified) */
  uncertified: number;
  /** a scalar output: one summary; a series: one per period (quantile bands); per-entity: one per id */
  summary: SampleSummary | SampleSummary[] | Record<string, SampleSummary>;
}

/** The distribution of an output over a study's points (usually a Monte Carlo study). */
export function monteCarloSummary(result: StudyResult, outputId: string, ps: readonly number[] = DEFAULT_QUANTILES): MonteCarloSummary {
  const info = findOutput(result, outputId);
  const values = result.points.map((p) => (hasAnswer(p.status) ? p.outputs[outputId] : undefined));
  const base = { outputId, samples: result.points.length, uncertified: result.points.filter((p) => hasAnswer(p.status) && pointUncertified(p)).length };

  if (info.shape === 'scalar') {
    const xs = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    return { ...base, failed: values.length - xs.length, summary: summarizeSamples(xs, ps) };
  }
  if (info.shape === 'series') {
    const rows = values.filter((v): v is number[] => Array.isArray(v));
    const length = Math.max(0, ...rows.map((r) => r.length));
    return { ...base, failed: values.length - rows.length, summary: Array.from({ length }, (_, t) => summarizeSamples(rows.map((r) => r[t]!).filter(Number.isFinite), ps)) };
  }
  const rows = values.filter((v): v is Record<string, number> => typeof v === 'object' && v !== null && !Array.isArray(v));
  const ids = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return {
    ...base,
    failed: values.length - rows.length,
    summary: Object.fromEntries(ids.map((id) => [id, summarizeSamples(rows.map((r) => r[id]!).filter(Number.isFinite), ps)])),
  };
}
