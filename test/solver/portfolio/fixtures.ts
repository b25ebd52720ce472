/**
 * Portfolio scenarios for tests and the benchmark: a retailer's day (or days)
 * of hourly delivery with up to ten contracts of different shapes, priced
 * near the expected spot price so that every contract is worth considering.
 */
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import type { Scenario } from '../../../solver/scenario/schema.ts';
import { validateScenario, formatIssue } from '../../../solver/scenario/validate.ts';

export interface PortfolioFixture {
  /** scenarios */
  S: number;
  /** hourly periods (from Monday 00:00) */
  T?: number;
  /** contracts, 1..10 */
  C?: number;
  spreadPerKwh?: number;
  risk?: { alpha?: number; lambda?: number; cvarLimit?: number };
  seed?: number;
}

const gauss = (h: number, mu: number, s: number) => Math.exp(-(((h - mu) / s) ** 2) / 2);
const round3 = (v: number) => Math.round(v * 1e3) / 1e3;

export function portfolioScenario({ S, T = 24, C = 10, spreadPerKwh = 0.01, risk = { alpha: 0.95, lambda: 1 }, seed = 7 }: PortfolioFixture): ScenarioInput {
  const hour = (t: number) => (t % 24) + 0.5;
  const block = (from: number, to: number) => Array.from({ length: T }, (_, t) => (hour(t) >= from && hour(t) < to ? 1 : 0));
  const shapes: Record<string, number[]> = {
    morning: block(6, 10),
    evening: block(17, 22),
    night: block(0, 6),
    midday: block(10, 16),
    solar: Array.from({ length: T }, (_, t) => round3(Math.max(0, Math.sin((Math.PI * (hour(t) - 6)) / 13.5)) ** 1.3)),
    ramp: Array.from({ length: T }, (_, t) => round3(0.5 + 0.5 * gauss(hour(t), 18, 4))),
    shoulder: block(20, 24),
  };
  const all = [
    { id: 'base', shape: 'baseload' as const, pricePerKwh: 0.101, maxKw: 1500 },
    { id: 'peak', shape: 'peak' as const, pricePerKwh: 0.121, maxKw: 1000 },
    { id: 'offpeak', shape: 'offpeak' as const, pricePerKwh: 0.089, maxKw: 1000 },
    { id: 'evening', shape: 'custom' as const, profile: 'evening', pricePerKwh: 0.142, maxKw: 600 },
    { id: 'solar', shape: 'custom' as const, profile: 'solar', pricePerKwh: 0.082, maxKw: 800 },
    { id: 'morning', shape: 'custom' as const, profile: 'morning', pricePerKwh: 0.118, maxKw: 500 },
    { id: 'night', shape: 'custom' as const, profile: 'night', pricePerKwh: 0.07, maxKw: 600 },
    { id: 'midday', shape: 'custom' as const, profile: 'midday', pricePerKwh: 0.112, maxKw: 500 },
    { id: 'ramp', shape: 'custom' as const, profile: 'ramp', pricePerKwh: 0.121, maxKw: 500 },
    { id: 'shoulder', shape: 'custom' as const, profile: 'shoulder', pricePerKwh: 0.104, maxKw: 500 },
  ].slice(0, C);
  const used = new Set(all.map((c) => ('profile' in c ? c.profile : '')));
  return {
    schemaVersion: 1,
    metadata: { name: `portfolio S=${S} T=${T} C=${C}` },
    time: { T, dtHours: 1, start: '2026-01-05T00:00' },
    profiles: [
      { id: 'demand', kind: 'load', unit: 'kW', values: Array.from({ length: T }, (_, t) => round3(900 + 700 * gauss(hour(t), 12.5, 3.5) + 600 * gauss(hour(t), 19.5, 2.2))) },
      ...Object.entries(shapes).filter(([id]) => used.has(id)).map(([id, values]) => ({ id, values })),
    ],
    network: { baseKv: 11, substation: { busId: 'supply' }, buses: [{ id: 'supply' }] },
    portfolio: {
      spotPrice: {
        basePricePerKwh: 0.09,
        hourShape: Array.from({ length: 24 }, (_, h) => round3(0.75 + 0.3 * gauss(h + 0.5, 8.5, 1.8) + 0.55 * gauss(h + 0.5, 19, 2) + 0.2 * gauss(h + 0.5, 13, 4))),
        meanReversionPerHour: 0.1,
        volatilityPerSqrtHour: 0.08,
        jumps: { perDay: 0.5, meanLog: 0.6, stdLog: 0.3, decayPerHour: 0.5 },
        capPerKwh: 1.5,
      },
      demand: { kw: { profile: 'demand' }, volatility: 0.08, priceCorrelation: 0.4 },
      scenarios: { kind: 'simulated', count: S, seed },
      contracts: all.map((c) => ({ ...c, name: c.id, minKw: 0 })),
      spot: { bidAskSpreadPerKwh: spreadPerKwh },
      risk: { alpha: 0.95, ...risk },
    },
  };
}

export function validScenario(input: ScenarioInput): Scenario {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(`invalid test scenario: ${v.issues.map(formatIssue).join('; ')}`);
  return v.value;
}

/**
 * The hand-worked toy: one hour, two equally likely scenarios with demand
 * 100 kW at 0.10 and 0.30 /kWh, one baseload contract at 0.22 /kWh, 0..200 kW,
 * spot bought at price + 0.01 and sold at price − 0.01, α = 0.5 (CVaR = the
 * worse scenario). For x ≤ 100 kW: cost₁ = 0.22x + 0.11(100 − x) = 11 + 0.11x,
 * cost₂ = 0.22x + 0.31(100 − x) = 31 − 0.09x, E = 21 + 0.01x, CVaR = cost₂.
 * For x ≥ 100 both costs rise or E does, so x ∈ [0, 100]:
 * min E + λ·CVaR has slope 0.01 − 0.09λ: x = 0 for λ < 1/9, x = 100 above.
 */
export function toyScenario(risk: { lambda?: number; cvarLimit?: number }): ScenarioInput {
  return {
    schemaVersion: 1,
    metadata: { name: 'two-scenario toy' },
    time: { T: 1, dtHours: 1, start: '2026-01-05T12:00' },
    network: { baseKv: 11, substation: { busId: 'supply' }, buses: [{ id: 'supply' }] },
    portfolio: {
      spotPrice: { basePricePerKwh: 0.1 },
      demand: { kw: 100 },
      scenarios: { kind: 'imported', source: 'by hand', pricePerKwh: [[0.1], [0.3]], demandKw: [[100], [100]] },
      contracts: [{ id: 'base', shape: 'baseload', pricePerKwh: 0.22, minKw: 0, maxKw: 200 }],
      spot: { bidAskSpreadPerKwh: 0.02 },
      risk: { alpha: 0.5, ...risk },
    },
  };
}
