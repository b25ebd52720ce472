/** CSV views of a portfolio result: one row per contract, one per scenario cost. */
import type { PortfolioMetrics } from '../jobs/kinds/portfolioMetrics.ts';
import type { Table } from './table.ts';

export function portfolioTables(data: PortfolioMetrics): Record<'contracts' | 'costs', Table> {
  return {
    contracts: { columns: ['contract', 'name', 'volumeKw', 'energyKwh', 'cost'], rows: data.contracts.map((c) => [c.id, c.name, c.volumeKw, c.energyKwh, c.cost]) },
    costs: { columns: ['scenario', 'cost'], rows: data.costs.map((c, s) => [s + 1, c]) },
  };
}
