/** Human summaries of results: the headline and warnings here, each kind's own lines from its module (jobSummaries, solver/jobs/kinds/). */
import { jobSummaries, type JobCertificate, type JobData, type JobResult } from '../../../solver/contract.ts';
import { formatIssue } from '../../../solver/scenario/validate.ts';

/** What `ggs solve` prints without --json: a headline, the kind's summary, warnings. */
export function resultSummary(result: JobResult, title: string): string[] {
  const ms = Math.round(result.timingsMs.total);
  const lines = [`${result.job} of ${title}: ${result.status} (${result.message}, ${ms} ms)`];
  if (result.data !== null) {
    // `job` and `data` come from the same kind (see resultTables)
    const summarize = jobSummaries[result.job] as (data: JobData, certificate: JobCertificate | null) => string[];
    lines.push(...summarize(result.data, result.certificate).map((l) => `  ${l}`));
  }
  for (const w of result.warnings) lines.push(`  warning: ${w}`);
  return lines;
}

/** What goes to stderr when a job fails: the sentence, the issues with their paths, the hint. */
export function failureReport(result: JobResult): string[] {
  const e = result.error;
  const lines = e?.issues?.length ? e.issues.map(formatIssue) : [`${e?.path ? `${e.path}: ` : ''}${result.message}`];
  if (e?.details) lines.push(`  ${Object.entries(e.details).map(([k, v]) => `${k}=${v}`).join(', ')}`);
  if (e?.hint) lines.push(`  hint: ${e.hint}`);
  return lines;
}
