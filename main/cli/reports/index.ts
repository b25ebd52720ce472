/** Human summaries of results, per job kind; adding a job kind adds one entry here. */
import type { JobCertificate, JobData, JobKind, JobResult } from '../../../solver/contract.ts';
import { formatIssue } from '../../../solver/scenario/validate.ts';
import { powerflowSummary } from './powerflow.ts';
import { opfSummary } from './opf.ts';
import { vppGameSummary } from './vppGame.ts';
import { portfolioSummary, portfolioEvaluateSummary } from './portfolio.ts';
import { evBayesianSummary, kdaSummary } from './bayes.ts';

const summaries: { [K in JobKind]: (data: JobData<K>, certificate: JobCertificate<K> | null) => string[] } = {
  powerflow: powerflowSummary,
  opf: opfSummary,
  'vpp-game': vppGameSummary,
  portfolio: portfolioSummary,
  'portfolio-evaluate': portfolioEvaluateSummary,
  kda: kdaSummary,
  'ev-bayesian': evBayesianSummary,
};

/** What `ggs solve` prints without --json: a headline, the kind's summary, warnings. */
export function resultSummary(result: JobResult, title: string): string[] {
  const ms = Math.round(result.timingsMs.total);
  const lines = [`${result.job} of ${title}: ${result.status} (${result.message}, ${ms} ms)`];
  if (result.data !== null) {
    // `job` and `data` come from the same kind (see resultTables)
    const summarize = summaries[result.job] as (data: JobData, certificate: JobCertificate | null) => string[];
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
