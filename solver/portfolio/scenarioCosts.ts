/**
 * Cost of a given portfolio in every scenario, evaluated directly (no LP):
 *
 *   cost_s = Σ_c π_c·x_c·Σ_t δ_c(t)·Δt  +  Σ_t Δt·( n(s,t) ≥ 0 ? (p(s,t) + h)·n(s,t) : (p(s,t) − h)·n(s,t) )
 *   n(s,t) = D(s,t) − Σ_c δ_c(t)·x_c    (kW short, bought on the spot market; negative = sold)
 *
 * x_c kW of volume, δ_c(t) delivery multiplier, π_c currency/kWh, h half the bid–ask spread.
 */
import type { PortfolioProblem } from './problem.ts';

export interface ScenarioCosts {
  /** total cost per scenario, currency over the horizon */
  costs: Float64Array;
  /** the part paid for contracts (the same in every scenario) */
  contractCost: number;
  /** per contract: energy delivered (kWh) and its cost */
  perContract: { energyKwh: number; cost: number }[];
}

export function scenarioCosts(problem: PortfolioProblem, volumesKw: ArrayLike<number>): ScenarioCosts {
  const { scenarios: set, contracts, halfSpread: h } = problem;
  const { S, T, dtHours } = set;
  const contracted = new Float64Array(T);
  const perContract = contracts.map((c, k) => {
    let kwh = 0;
    for (let t = 0; t < T; t++) {
      const kw = c.delivery[t]! * volumesKw[k]!;
      contracted[t]! += kw;
      kwh += kw * dtHours;
    }
    return { energyKwh: kwh, cost: kwh * c.pricePerKwh };
  });
  const contractCost = perContract.reduce((sum, c) => sum + c.cost, 0);
  const costs = new Float64Array(S);
  for (let s = 0; s < S; s++) {
    let spot = 0;
    for (let t = 0; t < T; t++) {
      const i = s * T + t;
      const short = set.demandKw[i]! - contracted[t]!;
      spot += short * (set.pricePerKwh[i]! + (short >= 0 ? h : -h));
    }
    costs[s] = contractCost + spot * dtHours;
  }
  return { costs, contractCost, perContract };
}
