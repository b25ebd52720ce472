/** The human summaries `ggs solve --job portfolio` and `--job portfolio-evaluate` print. */
import type { PortfolioCertificate, PortfolioData, PortfolioEvaluateCertificate, PortfolioMetrics } from '../../../solver/contract.ts';

function metricLines(d: PortfolioMetrics): string[] {
  const pct = Math.round(d.alpha * 1000) / 10;
  return [
    `scenarios      ${d.scenarios.count} × ${d.scenarios.T} periods (${d.scenarios.source}${d.scenarios.seed !== null ? `, seed ${d.scenarios.seed}` : ''})`,
    ...d.contracts.map((c) => `  ${c.id.padEnd(12)} ${c.volumeKw.toFixed(1).padStart(10)} kW  ${c.energyKwh.toFixed(0).padStart(10)} kWh  cost ${c.cost.toFixed(2)}`),
    `expected cost  ${d.expectedCost.toFixed(2)} (contracts ${d.contractCost.toFixed(2)}, spot ${d.expectedSpotCost.toFixed(2)}), std ${d.stdCost.toFixed(2)}`,
    `risk           VaR ${pct} % ${d.var.toFixed(2)}, CVaR ${pct} % ${d.cvar.toFixed(2)}`,
  ];
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

export function portfolioEvaluateSummary(data: PortfolioMetrics, certificate: PortfolioEvaluateCertificate | null): string[] {
  const lines = metricLines(data);
  if (certificate) lines.push(`certificate    CVaR by the Rockafellar–Uryasev formula ${certificate.ruCvar.toFixed(2)} (gap ${certificate.cvarFormulaGap.toExponential(2)})`);
  return lines;
}
