/**
 * Comparison of two study runs, A and B, as pure functions: which outputs
 * both hold, whether they can be differenced (the same points with the same
 * parameter values, in the same order) and, when they can, B − A as a study
 * result of its own, so the difference is drawn by the same studyPlots as
 * either run (a line over the swept values, a heat map, a histogram of
 * paired Monte Carlo differences …).
 */
import type { OutputValue } from '../../../solver/whatif/outputs.ts';
import type { PointResult, StudyResult } from '../../../solver/whatif/result.ts';
import { studyPaths } from '../../../solver/whatif/study.ts';

/** Output ids in both runs, with the same shape, in B's order. */
export function commonOutputs(a: StudyResult, b: StudyResult): string[] {
  return b.outputs.filter((o) => a.outputs.some((x) => x.id === o.id && x.shape === o.shape)).map((o) => o.id);
}

const sameNumber = (x: number | undefined, y: number | undefined) => x === y || (x !== undefined && y !== undefined && Math.abs(x - y) <= 1e-12 * Math.max(1, Math.abs(x), Math.abs(y)));

/** Why A and B cannot be differenced for this output, or null when they can. */
export function whyNotDifferenced(a: StudyResult, b: StudyResult, outputId: string): string | null {
  if (!a.outputs.some((o) => o.id === outputId)) return `A did not record ${outputId}`;
  if (!b.outputs.some((o) => o.id === outputId)) return `B did not record ${outputId}`;
  if (!commonOutputs(a, b).includes(outputId)) return `${outputId} has a different shape in A and B`;
  const [ua, ub] = [a, b].map((r) => r.outputs.find((o) => o.id === outputId)!.unit);
  if (ua !== ub) return `${outputId} is in ${ua} in A and in ${ub} in B`;
  if (a.study.kind !== b.study.kind) return `A is a ${a.study.kind} study and B a ${b.study.kind}: their points do not correspond`;
  const pa = studyPaths(a.study).join(', ');
  const pb = studyPaths(b.study).join(', ');
  if (pa !== pb) return `A varies ${pa || 'nothing'} and B varies ${pb || 'nothing'}`;
  if (a.points.length !== b.points.length) return `A has ${a.points.length} points and B ${b.points.length}`;
  for (let i = 0; i < a.points.length; i++) {
    const x = a.points[i]!;
    const y = b.points[i]!;
    for (const path of studyPaths(a.study)) {
      if (!sameNumber(x.values[path], y.values[path])) return `point ${i}: A has ${path} = ${x.values[path]} and B ${path} = ${y.values[path]} (the parameter values differ${a.study.kind === 'monte-carlo' ? ': use the same distributions, N and seed' : ''})`;
    }
  }
  return null;
}

function subtract(a: OutputValue | undefined, b: OutputValue | undefined): OutputValue | undefined {
  if (typeof a === 'number' && typeof b === 'number') return b - a;
  // a scalar undefined in either run (no rated line …): the difference is undefined too, a gap, not a failure
  if ((a === null && (b === null || typeof b === 'number')) || (b === null && typeof a === 'number')) return null;
  if (Array.isArray(a) && Array.isArray(b)) return b.map((v, t) => (typeof a[t] === 'number' && typeof v === 'number' ? v - a[t]! : NaN));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ra = a as Record<string, number>;
    return Object.fromEntries(Object.entries(b as Record<string, number>).filter(([id]) => id in ra).map(([id, v]) => [id, v - ra[id]!]));
  }
  return undefined;
}

/** B − A for one output as a study result shaped like B; a point is ok only where both were. Call whyNotDifferenced first. */
export function differenceResult(a: StudyResult, b: StudyResult, outputId: string): StudyResult {
  const info = b.outputs.find((o) => o.id === outputId)!;
  const points = b.points.map((y, i): PointResult => {
    const x = a.points[i]!;
    const d = x.status === 'ok' && y.status === 'ok' ? subtract(x.outputs[outputId], y.outputs[outputId]) : undefined;
    if (d === undefined) {
      const bad = y.status !== 'ok' ? ['B', y] : ['A', x];
      return { ...y, status: (bad[1] as PointResult).status === 'ok' ? 'failed' : (bad[1] as PointResult).status, message: `${bad[0] as string}: ${(bad[1] as PointResult).message}`, outputs: {}, at: {} };
    }
    return { ...y, outputs: { [outputId]: d }, at: {} };
  });
  return { ...b, outputs: [{ ...info, label: `Δ ${info.label} (B − A)` }], points };
}
