/**
 * Two portfolios side by side: their metrics and volumes with B − A, and,
 * when both were evaluated on the same scenarios, the cost difference
 * scenario by scenario (the same draw of price and demand for both).
 */
import type { PortfolioMetrics } from '../../../solver/contract.ts';

export interface ComparisonRow {
  label: string;
  unit: string;
  a: number;
  b: number;
  /** b − a */
  diff: number;
}

const pct = (alpha: number) => `${Math.round(alpha * 1000) / 10} %`;

export function comparisonRows(a: PortfolioMetrics, b: PortfolioMetrics, contracts: { id: string; name?: string | undefined }[]): ComparisonRow[] {
  const row = (label: string, unit: string, x: number, y: number): ComparisonRow => ({ label, unit, a: x, b: y, diff: y - x });
  const alpha = a.alpha === b.alpha ? pct(a.alpha) : `${pct(a.alpha)} / ${pct(b.alpha)}`;
  return [
    row('Expected cost', 'currency', a.expectedCost, b.expectedCost),
    row('Std of cost', 'currency', a.stdCost, b.stdCost),
    row(`VaR ${alpha}`, 'currency', a.var, b.var),
    row(`CVaR ${alpha}`, 'currency', a.cvar, b.cvar),
    row('Contract cost', 'currency', a.contractCost, b.contractCost),
    row('Expected spot cost', 'currency', a.expectedSpotCost, b.expectedSpotCost),
    ...contracts.map((c) => row(`Volume ${c.name || c.id}`, 'kW', a.volumes[c.id] ?? 0, b.volumes[c.id] ?? 0)),
  ];
}

/** Whether the two were costed on the very same scenarios, so costs can be subtracted scenario by scenario. */
export function sameScenarios(a: PortfolioMetrics, b: PortfolioMetrics): boolean {
  const x = a.scenarios, y = b.scenarios;
  return x.count === y.count && x.T === y.T && x.dtHours === y.dtHours && x.source === y.source && x.seed === y.seed && a.costs.length === b.costs.length;
}

/** cost_B(s) − cost_A(s) for every scenario, or null when the scenario sets differ. */
export function costDifferences(a: PortfolioMetrics, b: PortfolioMetrics): number[] | null {
  return sameScenarios(a, b) ? b.costs.map((c, s) => c - a.costs[s]!) : null;
}

/** A cost axis that holds both histograms, padded by 2 % of the span. */
export function sharedCostRange(a: PortfolioMetrics, b: PortfolioMetrics): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const c of [...a.costs, ...b.costs]) (lo = Math.min(lo, c)), (hi = Math.max(hi, c));
  const pad = Math.max(1e-9, (hi - lo) * 0.02);
  return [lo - pad, hi + pad];
}
