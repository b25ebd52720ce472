/** The scenario simulator: reproducible from its seed, and its statistics near the parameters it was given. */
import { describe, expect, it } from 'vitest';
import { SpotPriceModel } from '../../../solver/scenario/schema.ts';
import { simulateScenarios, type SimulationInput } from '../../../solver/portfolio/simulate.ts';
import { simulationStatistics, scenarioQuantiles } from '../../../solver/portfolio/simulationStatistics.ts';
import { periodCalendar } from '../../../solver/portfolio/calendar.ts';

const spotPrice = SpotPriceModel.parse({
  basePricePerKwh: 0.1,
  hourShape: Array.from({ length: 24 }, (_, h) => (h >= 17 && h < 21 ? 1.5 : 1)),
  weekdayShape: [1, 1, 1, 1, 1, 0.8, 0.7],
  meanReversionPerHour: 0.2,
  volatilityPerSqrtHour: 0.1,
  jumps: { perDay: 2, meanLog: 0.5, stdLog: 0.2, decayPerHour: 1 },
});
const demand = { volatility: 0.15, priceCorrelation: 0.6 };
const T = 48;
const input = (seed: number, S = 2000): SimulationInput => ({
  spotPrice,
  demand,
  demandKw: new Float64Array(T).fill(1000),
  calendar: periodCalendar({ T, dtHours: 1, start: '2026-01-09T00:00' }), // a Friday: the weekday shape matters on day 2
  dtHours: 1,
  S,
  seed,
});

describe('simulateScenarios', () => {
  it('is reproducible: the same seed gives the same numbers, another seed others', () => {
    const [a, b, c] = [simulateScenarios(input(42, 50)), simulateScenarios(input(42, 50)), simulateScenarios(input(43, 50))];
    expect(Array.from(a.pricePerKwh)).toEqual(Array.from(b.pricePerKwh));
    expect(Array.from(a.demandKw)).toEqual(Array.from(b.demandKw));
    expect(Array.from(a.pricePerKwh)).not.toEqual(Array.from(c.pricePerKwh));
  });

  it('matches its parameters: OU mean, std and lag-1 autocorrelation, jump rate, demand factor and its correlation with price', () => {
    const sim = simulateScenarios(input(7));
    const stats = Object.fromEntries(simulationStatistics(sim, spotPrice, demand).map((s) => [s.name, s]));
    const near = (name: string, tolerance: number) => expect(Math.abs(stats[name]!.sample - stats[name]!.model), name).toBeLessThan(tolerance);
    // 96 000 draws, but strongly autocorrelated within a path: tolerances of a few standard errors of 2 000 paths
    near('mean of the OU part of log-price', 0.01);
    near('std of the OU part of log-price', 0.006);
    near('lag-1 autocorrelation of the OU part', 0.01);
    near('price jumps', 0.05);
    near('mean of the demand factor', 0.01);
    near('std of the log demand factor', 0.005);
    near('correlation of log demand factor and OU log-price', 0.02);
    expect(stats['std of the OU part of log-price']!.model).toBeCloseTo(0.1 / Math.sqrt(0.4), 12);
    expect(stats['lag-1 autocorrelation of the OU part']!.model).toBeCloseTo(Math.exp(-0.2), 12);
  });

  it('follows the hour-of-day and weekday shapes and respects floor and cap', () => {
    const capped = simulateScenarios({ ...input(5, 400), spotPrice: { ...spotPrice, floorPerKwh: 0.08, capPerKwh: 0.3 } });
    expect(Math.min(...capped.pricePerKwh)).toBeGreaterThanOrEqual(0.08);
    expect(Math.max(...capped.pricePerKwh)).toBeLessThanOrEqual(0.3);
    expect(capped.clippedCount).toBeGreaterThan(0);
    const fan = scenarioQuantiles(simulateScenarios(input(5, 400)), [0.5]);
    const median = fan.pricePerKwh[0]!;
    expect(median[18]! / median[12]!).toBeCloseTo(1.5, 1); // Friday evening vs noon
    expect(median[24 + 12]! / median[12]!).toBeCloseTo(0.8, 1); // Saturday noon vs Friday noon
  });
});
