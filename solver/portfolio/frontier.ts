/**
 * The efficient frontier E[cost] vs CVaR_α: one portfolio LP per risk weight λ
 * (min E + λ·CVaR) or per CVaR limit (min E s.t. CVaR ≤ limit). The model is
 * built once and re-weighted (λ) or re-bounded (limit) between solves, so a
 * sweep costs one build. Every point's metrics are recomputed from its scenario
 * costs (metrics.ts). Rockafellar & Uryasev, Journal of Risk 2(3), 2000, §3.
 */
import type { PortfolioMetrics } from '../contract.ts';
import type { LpBackend } from '../lp/backend.ts';
import { solveOptimal } from '../lp/solveOptimal.ts';
import { SolverError } from '../jobs/errors.ts';
import type { PreparedPortfolio } from './problem.ts';
import { setRiskWeight, toLp } from './toLp.ts';
import { portfolioMetrics } from './metrics.ts';

export type FrontierSweep = { lambdas: readonly number[] } | { cvarLimits: readonly number[] };

export type FrontierPoint =
  | ({ status: 'ok'; lambda: number | null; cvarLimit: number | null; objective: number } & Pick<PortfolioMetrics, 'volumes' | 'expectedCost' | 'stdCost' | 'var' | 'cvar'>)
  /** a CVaR limit below what any allowed portfolio reaches */
  | { status: 'infeasible'; lambda: null; cvarLimit: number };

export function efficientFrontier(prepared: PreparedPortfolio, backend: LpBackend, sweep: FrontierSweep): FrontierPoint[] {
  const { problem } = prepared;
  const byLambda = 'lambdas' in sweep;
  const values = byLambda ? sweep.lambdas : sweep.cvarLimits;
  if (values.length === 0) return [];
  const lp = byLambda ? toLp(problem, { lambda: values[0]! }, { keepCvar: true }) : toLp(problem, { cvarLimit: values[0]! });
  return values.map((value): FrontierPoint => {
    if (byLambda) setRiskWeight(lp, value);
    else lp.model.setRowBounds(lp.limitRow!, { ub: value });
    let solution;
    try {
      solution = solveOptimal(lp.model, backend);
    } catch (e) {
      if (!byLambda && e instanceof SolverError && e.error.code === 'infeasible') return { status: 'infeasible', lambda: null, cvarLimit: value };
      throw e;
    }
    const m = portfolioMetrics(prepared, lp.volumes.map((v) => solution.x[v]!));
    return {
      status: 'ok',
      lambda: byLambda ? value : null,
      cvarLimit: byLambda ? null : value,
      objective: solution.objective,
      volumes: m.volumes,
      expectedCost: m.expectedCost,
      stdCost: m.stdCost,
      var: m.var,
      cvar: m.cvar,
    };
  });
}
