/**
 * What both portfolio kinds (portfolio, portfolio-evaluate) report about one
 * portfolio, the outputs a what-if study reads off it, the lines `ggs solve`
 * prints for it and its CSV tables. Not a kind itself (docs/models/portfolio.md).
 */
import type { Scenario } from '../../scenario/schema.ts';
import type { Table } from '../../results/table.ts';
import type { OutputSpecOf } from '../outputSpec.ts';

/** What both portfolio jobs report about one portfolio on the scenario set. Costs are currency over the horizon. */
export interface PortfolioMetrics {
  /** volume per contract id, kW */
  volumes: Record<string, number>;
  contracts: { id: string; name: string; volumeKw: number; energyKwh: number; cost: number }[];
  expectedCost: number;
  /** sample standard deviation of the scenario costs */
  stdCost: number;
  /** α-quantile of cost (historical) */
  var: number;
  /** CVaR_α of cost: mean of the worst (1−α) share of scenarios */
  cvar: number;
  alpha: number;
  /** paid for contracts (the same in every scenario) and expected spot cost */
  contractCost: number;
  expectedSpotCost: number;
  /** cost of every scenario, in scenario order (for the histogram) */
  costs: number[];
  scenarios: { count: number; T: number; dtHours: number; source: 'simulated' | 'imported'; seed: number | null };
}

const contractIds = { entity: 'contract', entities: (s: Scenario) => s.portfolio?.contracts.map((c) => c.id) ?? [] };

/** The same outputs for both kinds: their data share PortfolioMetrics. */
export function portfolioMetricOutputs(): OutputSpecOf<PortfolioMetrics>[] {
  return [
    { id: 'expectedCost', label: 'Expected cost', unit: 'currency', shape: 'scalar', extract: (d) => d.expectedCost },
    { id: 'cvar', label: 'CVaR of cost', unit: 'currency', shape: 'scalar', extract: (d) => d.cvar },
    { id: 'var', label: 'VaR of cost', unit: 'currency', shape: 'scalar', extract: (d) => d.var },
    { id: 'stdCost', label: 'Standard deviation of cost', unit: 'currency', shape: 'scalar', extract: (d) => d.stdCost },
    { id: 'volumeKw', label: 'Volume per contract', unit: 'kW', shape: 'per-entity', ...contractIds, extract: (d) => d.volumes },
  ];
}

/** The lines of `ggs solve` both portfolio kinds print about the portfolio. */
export function metricLines(d: PortfolioMetrics): string[] {
  const pct = Math.round(d.alpha * 1000) / 10;
  return [
    `scenarios      ${d.scenarios.count} × ${d.scenarios.T} periods (${d.scenarios.source}${d.scenarios.seed !== null ? `, seed ${d.scenarios.seed}` : ''})`,
    ...d.contracts.map((c) => `  ${c.id.padEnd(12)} ${c.volumeKw.toFixed(1).padStart(10)} kW  ${c.energyKwh.toFixed(0).padStart(10)} kWh  cost ${c.cost.toFixed(2)}`),
    `expected cost  ${d.expectedCost.toFixed(2)} (contracts ${d.contractCost.toFixed(2)}, spot ${d.expectedSpotCost.toFixed(2)}), std ${d.stdCost.toFixed(2)}`,
    `risk           VaR ${pct} % ${d.var.toFixed(2)}, CVaR ${pct} % ${d.cvar.toFixed(2)}`,
  ];
}

/** CSV views (`ggs solve --out`) of a portfolio result: one row per contract, one per scenario cost. */
export function portfolioTables(data: PortfolioMetrics): Record<'contracts' | 'costs', Table> {
  return {
    contracts: { columns: ['contract', 'name', 'volumeKw', 'energyKwh', 'cost'], rows: data.contracts.map((c) => [c.id, c.name, c.volumeKw, c.energyKwh, c.cost]) },
    costs: { columns: ['scenario', 'cost'], rows: data.costs.map((c, s) => [s + 1, c]) },
  };
}
