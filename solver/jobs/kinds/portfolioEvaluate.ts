/**
 * The `portfolio-evaluate` job kind: the risk of a given contract portfolio
 * (docs/models/portfolio.md; solver: solver/portfolio/evaluateJob.ts).
 * Options and certificate (its data, what-if outputs, CLI lines and CSV
 * tables are those of PortfolioMetrics); registered in solver/jobs/kindRegistry.ts.
 */
import { z } from 'zod';
import { defineJobKind } from '../kindModule.ts';
import { metricLines, portfolioMetricOutputs, portfolioTables, type PortfolioMetrics } from './portfolioMetrics.ts';

export const PortfolioEvaluateOptions = z
  .object({
    /** volume per contract id, kW; contracts not named keep their heldKw (default minKw) */
    volumesKw: z.record(z.string(), z.number().finite().nonnegative()).default({}),
  })
  .strict();
export type PortfolioEvaluateOptions = z.output<typeof PortfolioEvaluateOptions>;

export interface PortfolioEvaluateCertificate {
  /** the historical CVaR again, by the Rockafellar–Uryasev formula VaR + Σ(cost − VaR)⁺/((1−α)S) */
  ruCvar: number;
  /** |ruCvar − cvar|: the two estimators agree */
  cvarFormulaGap: number;
  /** volumes outside a contract's minKw..maxKw (evaluated anyway) */
  outsideBounds: string[];
}

export function portfolioEvaluateSummary(data: PortfolioMetrics, certificate: PortfolioEvaluateCertificate | null): string[] {
  const lines = metricLines(data);
  if (certificate) lines.push(`certificate    CVaR by the Rockafellar–Uryasev formula ${certificate.ruCvar.toFixed(2)} (gap ${certificate.cvarFormulaGap.toExponential(2)})`);
  return lines;
}

export const portfolioEvaluateKind = defineJobKind<'portfolio-evaluate', PortfolioEvaluateOptions, PortfolioMetrics, PortfolioEvaluateCertificate>({
  kind: 'portfolio-evaluate',
  label: 'Contract portfolio: risk of a given portfolio',
  options: PortfolioEvaluateOptions,
  outputs: portfolioMetricOutputs(),
  summary: portfolioEvaluateSummary,
  tables: portfolioTables,
  warmStart: false,
});
