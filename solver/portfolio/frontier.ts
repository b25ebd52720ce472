/**
 * The efficient frontier E[cost] vs CVaR_α: one portfolio LP per risk weight λ
 * (min E + λ·CVaR) or per CVaR limit (min E s.t. CVaR ≤ limit), each point's
 * metrics recomputed from its scenario costs (metrics.ts). A pure function of
 * the prepared problem: the what-if engine may split the values over workers.
 * Rockafellar & Uryasev, Journal of Risk 2(3), 2000, §3.
 */
import type { PortfolioMetrics } from '../contract.ts';
import type { LpBackend } from '../lp/backend.ts';
import { SolverError } from '../jobs/errors.ts';
import type { PreparedPortfolio, RiskTarget } from './problem.ts';
import { solvePortfolio, type PortfolioSolve } from './solveLp.ts';
import { portfolioMetrics } from './metrics.ts';

export type FrontierSweep = { lambdas: readonly number[] } | { cvarLimits: readonly number[] };

/** Each point's evidence: the LP bound and the exact objective at its volumes (solveLp.ts). */
export type FrontierCertificate = Pick<PortfolioSolve, 'method' | 'rounds' | 'lowerBound' | 'upperBound' | 'relativeGap'>;

export type FrontierPoint =
  | ({ status: 'ok'; lambda: number | null; cvarLimit: number | null; objective: number; certificate: FrontierCertificate } & Pick<PortfolioMetrics, 'volumes' | 'expectedCost' | 'stdCost' | 'var' | 'cvar'>)
  /** a CVaR limit below what any allowed portfolio reaches */
  | { status: 'infeasible'; lambda: null; cvarLimit: number };

export function efficientFrontier(prepared: PreparedPortfolio, backend: LpBackend, sweep: FrontierSweep): FrontierPoint[] {
  const targets: RiskTarget[] = 'lambdas' in sweep ? sweep.lambdas.map((lambda) => ({ lambda })) : sweep.cvarLimits.map((cvarLimit) => ({ cvarLimit }));
  return targets.map((risk): FrontierPoint => {
    const lambda = 'lambda' in risk ? risk.lambda : null;
    const cvarLimit = 'cvarLimit' in risk ? risk.cvarLimit : null;
    let solved;
    try {
      solved = solvePortfolio(prepared.problem, risk, backend);
    } catch (e) {
      if (cvarLimit !== null && e instanceof SolverError && e.error.code === 'infeasible') return { status: 'infeasible', lambda: null, cvarLimit };
      throw e;
    }
    const m = portfolioMetrics(prepared, solved.volumes);
    const { method, rounds, lowerBound, upperBound, relativeGap } = solved;
    return {
      status: 'ok', lambda, cvarLimit, objective: upperBound, volumes: m.volumes, expectedCost: m.expectedCost, stdCost: m.stdCost, var: m.var, cvar: m.cvar,
      certificate: { method, rounds, lowerBound, upperBound, relativeGap },
    };
  });
}
