/** What a what-if study can read off a portfolio or portfolio-evaluate result (see outputs.ts for the shapes). */
import type { PortfolioMetrics } from '../contract.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { OutputSpec } from './outputs.ts';

const contractIds = { entity: 'contract', entities: (s: Scenario) => s.portfolio?.contracts.map((c) => c.id) ?? [] };

/** The same outputs for both kinds: their data share PortfolioMetrics. */
function portfolioMetricOutputs<K extends 'portfolio' | 'portfolio-evaluate'>(): OutputSpec<K>[] {
  const m = (d: unknown) => d as PortfolioMetrics;
  return [
    { id: 'expectedCost', label: 'Expected cost', unit: 'currency', shape: 'scalar', extract: (d) => m(d).expectedCost },
    { id: 'cvar', label: 'CVaR of cost', unit: 'currency', shape: 'scalar', extract: (d) => m(d).cvar },
    { id: 'var', label: 'VaR of cost', unit: 'currency', shape: 'scalar', extract: (d) => m(d).var },
    { id: 'stdCost', label: 'Standard deviation of cost', unit: 'currency', shape: 'scalar', extract: (d) => m(d).stdCost },
    { id: 'volumeKw', label: 'Volume per contract', unit: 'kW', shape: 'per-entity', ...contractIds, extract: (d) => m(d).volumes },
  ];
}

export const portfolioOutputs = portfolioMetricOutputs<'portfolio'>();
export const portfolioEvaluateOutputs = portfolioMetricOutputs<'portfolio-evaluate'>();
