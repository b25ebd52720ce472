/**
 * Historical (sample) risk estimators of a cost distribution given by S
 * equally likely scenario costs. With the costs sorted ascending
 * c(1) ≤ … ≤ c(S) and k = ⌈αS⌉:
 *
 *   VaR_α  = c(k)                                   (the α-quantile of cost)
 *   CVaR_α = [ (k − αS)·c(k) + Σ_{i>k} c(i) ] / ((1−α)S)   (the mean of the worst (1−α) share, c(k) weighted by its fraction)
 *
 * which equals min_η η + Σ_s (c_s − η)⁺ / ((1−α)S) (Rockafellar & Uryasev,
 * "Optimization of conditional value-at-risk", Journal of Risk 2(3), 2000,
 * Theorem 1 on a discrete distribution) — the value the portfolio LP
 * minimises. Computed here by sorting, independently of the LP, so the
 * optimiser's CVaR can be checked against it.
 */

export interface RiskMetrics {
  expected: number;
  std: number;
  var: number;
  cvar: number;
}

export function riskMetrics(costs: ArrayLike<number>, alpha: number): RiskMetrics {
  const S = costs.length;
  if (S === 0) throw new Error('risk metrics of an empty cost sample');
  const sorted = Float64Array.from(costs).sort();
  let expected = 0;
  for (let i = 0; i < S; i++) expected += (sorted[i]! - expected) / (i + 1);
  let ss = 0;
  for (let i = 0; i < S; i++) ss += (sorted[i]! - expected) ** 2;
  // αS is often meant to be a whole number (0.95·1000): do not let rounding push k past it
  const k = Math.min(S, Math.max(1, Math.ceil(alpha * S - 1e-9)));
  const valueAtRisk = sorted[k - 1]!;
  let tail = (k - alpha * S) * valueAtRisk;
  for (let i = k; i < S; i++) tail += sorted[i]!;
  return { expected, std: S > 1 ? Math.sqrt(ss / (S - 1)) : 0, var: valueAtRisk, cvar: tail / ((1 - alpha) * S) };
}
