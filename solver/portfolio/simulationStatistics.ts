/**
 * What the simulator produced, next to what its parameters say it should
 * produce, so a user can see that it does what it says (docs/models/portfolio.md).
 * Sample moments are pooled over scenarios and periods; the OU part is
 * stationary by construction, so pooling is legitimate.
 */
import type { SpotPriceModel, DemandModel } from '../scenario/schema.ts';
import type { SimulatedScenarios } from './simulate.ts';
import type { ScenarioSet } from './scenarioSet.ts';

export interface SimulationStatistic {
  name: string;
  unit: string;
  /** the value the parameters imply */
  model: number;
  /** the value measured on the simulated scenarios */
  sample: number;
}

function meanStd(values: Float64Array): { mean: number; std: number } {
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += (values[i]! - mean) / (i + 1); // running mean: no large sums
  let ss = 0;
  for (let i = 0; i < values.length; i++) ss += (values[i]! - mean) ** 2;
  return { mean, std: Math.sqrt(ss / Math.max(1, values.length - 1)) };
}

/** Lag-1 autocorrelation within each path, pooled over paths (pairs never straddle two scenarios). */
function lag1Autocorrelation(values: Float64Array, S: number, T: number, mean: number): number {
  let num = 0, den = 0;
  for (let s = 0; s < S; s++) {
    for (let t = 0; t < T; t++) {
      const d = values[s * T + t]! - mean;
      den += d * d;
      if (t > 0) num += d * (values[s * T + t - 1]! - mean);
    }
  }
  return den === 0 ? 0 : (num * T) / ((T - 1) * den);
}

function correlation(a: Float64Array, b: Float64Array): number {
  const ma = meanStd(a), mb = meanStd(b);
  if (ma.std === 0 || mb.std === 0) return 0;
  let c = 0;
  for (let i = 0; i < a.length; i++) c += (a[i]! - ma.mean) * (b[i]! - mb.mean);
  return c / ((a.length - 1) * ma.std * mb.std);
}

export function simulationStatistics(sim: SimulatedScenarios, spotPrice: SpotPriceModel, demand: Pick<DemandModel, 'volatility' | 'priceCorrelation'>): SimulationStatistic[] {
  const { S, T, dtHours } = sim;
  const kappa = spotPrice.meanReversionPerHour;
  const ou = meanStd(sim.ouLogPrice);
  const logF = meanStd(sim.logDemandFactor);
  const hours = S * T * dtHours;
  return [
    { name: 'mean of the OU part of log-price', unit: '', model: 0, sample: ou.mean },
    { name: 'std of the OU part of log-price', unit: '', model: spotPrice.volatilityPerSqrtHour / Math.sqrt(2 * kappa), sample: ou.std },
    { name: 'lag-1 autocorrelation of the OU part', unit: '', model: Math.exp(-kappa * dtHours), sample: lag1Autocorrelation(sim.ouLogPrice, S, T, ou.mean) },
    { name: 'price jumps', unit: 'per day', model: spotPrice.jumps.perDay, sample: (sim.jumpCount * 24) / hours },
    { name: 'mean of the demand factor', unit: 'p.u.', model: 1, sample: meanStd(sim.logDemandFactor.map(Math.exp)).mean },
    { name: 'std of the log demand factor', unit: '', model: demand.volatility, sample: logF.std },
    { name: 'correlation of log demand factor and OU log-price', unit: '', model: demand.priceCorrelation, sample: correlation(sim.logDemandFactor, sim.ouLogPrice) },
  ];
}

/** Per-period quantiles of price and demand across scenarios (a fan chart), by linear interpolation between order statistics. */
export function scenarioQuantiles(set: ScenarioSet, probabilities: readonly number[] = [0.05, 0.25, 0.5, 0.75, 0.95]): { probabilities: number[]; pricePerKwh: number[][]; demandKw: number[][] } {
  const { S, T } = set;
  const column = new Float64Array(S);
  const bands = (values: Float64Array) =>
    probabilities.map(() => new Array<number>(T)).map((row, q) => {
      for (let t = 0; t < T; t++) {
        for (let s = 0; s < S; s++) column[s] = values[s * T + t]!;
        column.sort();
        const h = (S - 1) * probabilities[q]!;
        const lo = Math.floor(h);
        row[t] = column[lo]! + (h - lo) * ((column[Math.min(lo + 1, S - 1)] ?? 0) - column[lo]!);
      }
      return row;
    });
  return { probabilities: [...probabilities], pricePerKwh: bands(set.pricePerKwh), demandKw: bands(set.demandKw) };
}
