/** The metrics both portfolio jobs and the frontier report for one portfolio: scenario costs and their historical risk estimators. */
import type { PortfolioMetrics } from '../contract.ts';
import type { PreparedPortfolio } from './problem.ts';
import { scenarioCosts } from './scenarioCosts.ts';
import { riskMetrics } from './risk.ts';

export function portfolioMetrics(prepared: PreparedPortfolio, volumesKw: ArrayLike<number>): PortfolioMetrics {
  const { problem } = prepared;
  const evaluated = scenarioCosts(problem, volumesKw);
  const risk = riskMetrics(evaluated.costs, problem.alpha);
  const volumes: Record<string, number> = {};
  problem.contracts.forEach((c, k) => (volumes[c.id] = volumesKw[k]!));
  const { S, T, dtHours } = problem.scenarios;
  return {
    volumes,
    contracts: problem.contracts.map((c, k) => ({ id: c.id, name: c.name, volumeKw: volumesKw[k]!, ...evaluated.perContract[k]! })),
    expectedCost: risk.expected,
    stdCost: risk.std,
    var: risk.var,
    cvar: risk.cvar,
    alpha: problem.alpha,
    contractCost: evaluated.contractCost,
    expectedSpotCost: risk.expected - evaluated.contractCost,
    costs: Array.from(evaluated.costs),
    scenarios: { count: S, T, dtHours, source: prepared.simulation ? 'simulated' : 'imported', seed: prepared.seed },
  };
}
