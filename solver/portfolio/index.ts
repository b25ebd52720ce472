/** Contract portfolio and risk (MODELS.md §4, docs/models/portfolio.md). */
export { simulateScenarios, type SimulationInput, type SimulatedScenarios } from './simulate.ts';
export { simulationStatistics, scenarioQuantiles, type SimulationStatistic } from './simulationStatistics.ts';
export { parseScenarioCsv, type CsvScenarios, type CsvIssue } from './csvScenarios.ts';
export { preparePortfolio, type PortfolioProblem, type PreparedPortfolio, type RiskTarget, type ContractTerms } from './problem.ts';
export { scenarioCosts } from './scenarioCosts.ts';
export { riskMetrics, type RiskMetrics } from './risk.ts';
export { toLp, lpCvar, deliveryRange, type PortfolioLp } from './toLp.ts';
export { solvePortfolio, solvePortfolioSteps, type PortfolioSolve } from './solveLp.ts';
export { efficientFrontier, type FrontierPoint, type FrontierSweep } from './frontier.ts';
export { portfolioJob } from './portfolioJob.ts';
export { portfolioEvaluateJob } from './evaluateJob.ts';
export type { ScenarioSet } from './scenarioSet.ts';
