/**
 * Certificates judged and summarised, the same way for every job kind.
 *
 * Each job definition says how its own certificate is judged
 * (`JobDefinition.verdict`: the one number it stands or falls by and its
 * tolerance). This module holds what is generic: the status that follows from
 * the verdict (`ok` only when the certificate holds, else `uncertified`),
 * which statuses carry an answer, and the certificate summary a what-if study
 * records at every point (certified yes/no, the gain or gap).
 */
import type { CertificateVerdict, JobResult, JobStatus } from './core.ts';
import { formatEpsilon } from '../bayes/epsilon.ts';
import type { LpCertificate } from '../lp/certificate.ts';

/** Statuses whose result carries data and a certificate: `ok` and `uncertified` (an answer whose certificate fails). */
export const hasAnswer = (status: JobStatus): boolean => status === 'ok' || status === 'uncertified';

/** A tolerance as people write it: 1e-6, not 0.000001. */
export const formatTolerance = formatEpsilon;

/** The status and one-sentence message of a solved job, from its verdict. */
export function statusOfVerdict(verdict: CertificateVerdict): { status: 'ok' | 'uncertified'; message: string } {
  // the message stays one short sentence; `verdict.reason` carries the evidence
  return verdict.certified ? { status: 'ok', message: 'solved' } : { status: 'uncertified', message: `solved, but not certified: ${verdict.measure} ${verdict.value.toExponential(2)} > ${formatTolerance(verdict.tolerance)}` };
}

/** The verdict of a value that must not exceed its tolerance; `reason` explains a failure in words. */
export function atMost(measure: string, value: number, tolerance: number, reason: () => string): CertificateVerdict {
  const certified = value <= tolerance;
  return { certified, measure, value, tolerance, reason: certified ? null : reason() };
}

/**
 * The verdict of an LP-backed answer: the larger of the LP's primal violation and duality gap, relative to
 * the objective's scale, against the job's `certificateTolerance`; `failures` are the job's own failed checks
 * in words (the same sentences it gives as warnings), any of which fails the verdict.
 */
export function lpVerdict(lp: LpCertificate, tolerance: number, failures: readonly string[]): CertificateVerdict {
  const scale = Math.max(1, Math.abs(lp.objective));
  const value = Math.max(lp.maxPrimalViolation, lp.dualityGap) / scale;
  const certified = failures.length === 0 && value <= tolerance;
  return { certified, measure: 'relative LP primal violation or duality gap', value, tolerance, reason: certified ? null : failures.join('; ') || `the LP evidence ${value.toExponential(2)} exceeds ${formatTolerance(tolerance)}` };
}

/** Output ids of the certificate summary every study point records, whatever the job kind. */
export const CERTIFIED_OUTPUT = 'certificate.certified';
export const CERTIFICATE_VALUE_OUTPUT = 'certificate.value';

/** How a study result describes the two outputs (the shape of OutputInfo, kept here to stay free of the output registry). */
export const certificateOutputInfos = [
  { id: CERTIFIED_OUTPUT, label: 'certificate holds (1 yes, 0 no)', unit: '', shape: 'scalar' as const },
  { id: CERTIFICATE_VALUE_OUTPUT, label: 'certificate gain or gap (against its tolerance)', unit: '', shape: 'scalar' as const },
];

/** The certificate summary of one result as outputs; empty when the result has no verdict (no answer). */
export function certificateOutputs(result: Pick<JobResult, 'verdict'>): Record<string, number> {
  const v = result.verdict;
  if (!v) return {};
  return { [CERTIFIED_OUTPUT]: v.certified ? 1 : 0, [CERTIFICATE_VALUE_OUTPUT]: v.value };
}

/** Whether a study point's answer was certified: false only when its outputs say so (older results have no summary). */
export function pointUncertified(point: { status: JobStatus; outputs: Record<string, unknown> }): boolean {
  return point.status === 'uncertified' || point.outputs[CERTIFIED_OUTPUT] === 0;
}
