/**
 * `fromLp` stage of the portfolio job: volumes from the LP, then every metric
 * recomputed from the scenario costs of those volumes (scenarioCosts.ts,
 * risk.ts) — the LP's own CVaR is kept only to be compared with them.
 */
import type { PortfolioCertificate, PortfolioData } from '../contract.ts';
import type { LpCertificate } from '../lp/certificate.ts';
import type { PreparedPortfolio } from './problem.ts';
import type { PortfolioSolve } from './solveLp.ts';
import { portfolioMetrics } from './metrics.ts';

export function fromLp(prepared: PreparedPortfolio, solved: PortfolioSolve, lpCert: LpCertificate): { data: PortfolioData; certificate: PortfolioCertificate } {
  const { model } = solved;
  const metrics = portfolioMetrics(prepared, solved.volumes);
  const lambda = 'lambda' in prepared.risk ? prepared.risk.lambda : null;
  const cvarLimit = 'cvarLimit' in prepared.risk ? prepared.risk.cvarLimit : null;
  const fromLpCvar = solved.lpCvar;
  // With λ > 0 the LP minimises η + Σz/((1−α)S), so at the optimum it is the CVaR itself (R&U 2000, Thm 2).
  // With λ = 0 or a limit, z is only bounded from below, so that sum is merely an upper bound: report the ex-post value.
  const minimisesCvar = lambda !== null && lambda > 0 && fromLpCvar !== null;
  const data: PortfolioData = { ...metrics, cvar: minimisesCvar ? fromLpCvar : metrics.cvar, lambda, cvarLimit };
  const certificate: PortfolioCertificate = {
    lp: lpCert,
    rows: model.rowCount,
    columns: model.varCount,
    nonzeros: model.nonzeroCount,
    spotVariables: solved.spotVariables,
    rounds: solved.rounds,
    method: solved.method,
    tailScenarios: solved.tailScenarios,
    lowerBound: solved.lowerBound,
    upperBound: solved.upperBound,
    relativeGap: solved.relativeGap,
    lpCvar: fromLpCvar,
    expostVar: metrics.var,
    expostCvar: metrics.cvar,
    cvarRelativeError: minimisesCvar ? Math.abs(fromLpCvar - metrics.cvar) / Math.max(Math.abs(metrics.cvar), Number.MIN_VALUE) : null,
    cvarLimitSlack: cvarLimit !== null ? cvarLimit - metrics.cvar : null,
  };
  return { data, certificate };
}
