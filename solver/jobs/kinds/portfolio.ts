/**
 * The `portfolio` job kind: the contract portfolio minimising expected cost +
 * λ·CVaR by LP (docs/models/portfolio.md; solver: solver/portfolio/portfolioJob.ts).
 * Options, result data and certificate, what-if outputs, CLI summary and CSV
 * tables; registered in solver/jobs/kindRegistry.ts.
 */
import { z } from 'zod';
import type { LpCertificate } from '../../lp/certificate.ts';
import { defineJobKind } from '../kindModule.ts';
import { metricLines, portfolioMetricOutputs, portfolioTables, type PortfolioMetrics } from './portfolioMetrics.ts';

export const PortfolioOptions = z
  .object({
    /** the LP certificate's primal violation or duality gap above this (relative to the objective scale) is reported as a warning */
    certificateTolerance: z.number().positive().max(1).default(1e-6),
  })
  .strict();
export type PortfolioOptions = z.output<typeof PortfolioOptions>;

export interface PortfolioData extends PortfolioMetrics {
  /** risk weight; null when a CVaR limit was imposed */
  lambda: number | null;
  cvarLimit: number | null;
}

export interface PortfolioCertificate {
  /** LP status, objective, backend, primal violation, duality gap … */
  lp: LpCertificate;
  rows: number;
  columns: number;
  nonzeros: number;
  /** scenario-periods of the final LP with a purchase variable (its spot position could be long or short) */
  spotVariables: number;
  /** LP solves: the cutting-plane masters (and the full LP, if it was needed) — docs/models/portfolio.md */
  rounds: number;
  /** `cutting-plane`: the last master's bounds met; `full`: the full LP of `ggs export-lp` was solved */
  method: 'cutting-plane' | 'full';
  /** scenarios with a tail row (z_s ≥ cost_s − η) in the final LP */
  tailScenarios: number;
  /** the final LP's optimum, a lower bound of the full LP's optimum (the full LP's own optimum when method = full) */
  lowerBound: number;
  /** the objective evaluated exactly at the chosen volumes: E[cost] + λ·CVaR ex post (E[cost] under a limit) */
  upperBound: number;
  /** (upperBound − lowerBound) / max(1, |upperBound|): the volumes are optimal to this; ≤ 1e-9 when method = cutting-plane */
  relativeGap: number;
  /** η + Σ z_s/((1−α)S) at the LP optimum; null when the LP carries no CVaR (λ = 0) */
  lpCvar: number | null;
  /** VaR and CVaR recomputed by sorting the scenario costs of the chosen volumes */
  expostVar: number;
  expostCvar: number;
  /** |lpCvar − expostCvar| / |expostCvar| where the LP minimises CVaR (λ > 0); null otherwise */
  cvarRelativeError: number | null;
  /** cvarLimit − expostCvar (≥ 0 up to solver tolerance); null without a limit */
  cvarLimitSlack: number | null;
}

export function portfolioSummary(data: PortfolioData, certificate: PortfolioCertificate | null): string[] {
  const lines = [data.lambda !== null ? `objective      E[cost] + ${data.lambda}·CVaR` : `objective      E[cost] with CVaR ≤ ${data.cvarLimit}`, ...metricLines(data)];
  if (certificate) {
    const c = certificate.lp;
    lines.push(`certificate    ${c.backend} ${c.status}, ${certificate.rows} rows × ${certificate.columns} columns, ${certificate.rounds} solve(s), duality gap ${c.dualityGap.toExponential(2)}, ex-post CVaR ${certificate.expostCvar.toFixed(2)}`);
    lines.push(`optimality     ${certificate.method}: ${certificate.lowerBound.toFixed(4)} ≤ optimum ≤ ${certificate.upperBound.toFixed(4)}, relative gap ${certificate.relativeGap.toExponential(2)}`);
  }
  return lines;
}

export const portfolioKind = defineJobKind<'portfolio', PortfolioOptions, PortfolioData, PortfolioCertificate>({
  kind: 'portfolio',
  label: 'Contract portfolio: minimise expected cost + λ·CVaR (LP)',
  options: PortfolioOptions,
  outputs: portfolioMetricOutputs(),
  summary: portfolioSummary,
  tables: portfolioTables,
  warmStart: false,
});
