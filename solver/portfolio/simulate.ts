/**
 * Seeded spot-price and demand scenarios (MODELS.md §4, docs/models/portfolio.md).
 *
 *   log p(s,t) = log(base · hourShape[h(t)] · weekdayShape[d(t)]) + X(s,t) + J(s,t),   p clipped to [floor, cap]
 *   X: Ornstein–Uhlenbeck, dX = −κX dt + σ dB, sampled exactly: X(t+1) = a·X(t) + √(v∞(1−a²))·ε, a = e^(−κ·dt), v∞ = σ²/(2κ),
 *      started from its stationary law N(0, v∞) (so every period has the same marginal);
 *   J: compound Poisson jumps, N(t) ~ Poisson(perDay·dt/24) jumps of size N(meanLog, stdLog²), decaying as e^(−decay·dt);
 *   demand D(s,t) = kw(t) · F(s,t),  log F = σ_D (ρ·U + √(1−ρ²)·W) − σ_D²/2,
 *      U = X/√v∞ and W an independent standardised OU with the same κ, so corr(log F, X) = ρ and E[F] = 1.
 *
 * (Exact OU discretisation: e.g. Glasserman, Monte Carlo Methods in Financial Engineering, 2003, §3.3;
 * mean-reverting jump-diffusion spot models: Cartea & Figueroa, Applied Mathematical Finance 12(4), 2005.)
 */
import type { DemandModel, SpotPriceModel } from '../scenario/schema.ts';
import type { PeriodCalendar } from './calendar.ts';
import type { ScenarioSet } from './scenarioSet.ts';
import { createRng } from './rng.ts';

export interface SimulationInput {
  spotPrice: SpotPriceModel;
  /** σ_D and ρ of the demand model (its kW series is resolved in `demandKw`) */
  demand: Pick<DemandModel, 'volatility' | 'priceCorrelation'>;
  /** expected demand per period, kW */
  demandKw: ArrayLike<number>;
  calendar: PeriodCalendar;
  dtHours: number;
  S: number;
  seed: number;
}

/** The scenarios plus the hidden components, kept so the statistics can be compared with the parameters. */
export interface SimulatedScenarios extends ScenarioSet {
  /** X(s,t), the OU part of the log-price */
  ouLogPrice: Float64Array;
  /** log F(s,t), the log demand factor */
  logDemandFactor: Float64Array;
  /** number of price jumps drawn over all scenarios and periods */
  jumpCount: number;
  /** how many prices the floor or cap clipped */
  clippedCount: number;
}

export function simulateScenarios(input: SimulationInput): SimulatedScenarios {
  const { spotPrice: sp, demand, demandKw, calendar, dtHours, S, seed } = input;
  const T = demandKw.length;
  const rng = createRng(seed);
  const a = Math.exp(-sp.meanReversionPerHour * dtHours);
  const innovation = Math.sqrt(1 - a * a); // of a standardised OU step
  const stdX = sp.volatilityPerSqrtHour / Math.sqrt(2 * sp.meanReversionPerHour);
  const jumpDecay = Math.exp(-sp.jumps.decayPerHour * dtHours);
  const jumpMean = (sp.jumps.perDay * dtHours) / 24;
  const sigmaD = demand.volatility;
  const rho = demand.priceCorrelation;
  const rhoPerp = Math.sqrt(1 - rho * rho);
  const floor = sp.floorPerKwh;
  const cap = sp.capPerKwh ?? Infinity;

  const logShape = new Float64Array(T);
  for (let t = 0; t < T; t++) logShape[t] = Math.log(sp.basePricePerKwh * sp.hourShape[calendar.hour[t]!]! * sp.weekdayShape[calendar.weekday[t]!]!);

  const pricePerKwh = new Float64Array(S * T);
  const demandOut = new Float64Array(S * T);
  const ouLogPrice = new Float64Array(S * T);
  const logDemandFactor = new Float64Array(S * T);
  let jumpCount = 0, clippedCount = 0;
  for (let s = 0; s < S; s++) {
    let u = rng.normal(), w = rng.normal(), jump = 0;
    for (let t = 0; t < T; t++) {
      if (t > 0) {
        u = a * u + innovation * rng.normal();
        w = a * w + innovation * rng.normal();
        jump *= jumpDecay;
      }
      const jumps = rng.poisson(jumpMean);
      for (let k = 0; k < jumps; k++) jump += sp.jumps.meanLog + sp.jumps.stdLog * rng.normal();
      jumpCount += jumps;
      const i = s * T + t;
      const x = stdX * u;
      ouLogPrice[i] = x;
      const p = Math.exp(logShape[t]! + x + jump);
      const clipped = Math.min(cap, Math.max(floor, p));
      if (clipped !== p) clippedCount++;
      pricePerKwh[i] = clipped;
      const logF = sigmaD * (rho * u + rhoPerp * w) - (sigmaD * sigmaD) / 2;
      logDemandFactor[i] = logF;
      demandOut[i] = demandKw[t]! * Math.exp(logF);
    }
  }
  return { S, T, dtHours, pricePerKwh, demandKw: demandOut, ouLogPrice, logDemandFactor, jumpCount, clippedCount };
}
