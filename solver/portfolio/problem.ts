/**
 * The portfolio problem in numbers: the scenario set (simulated from the
 * document's models with its seed, or imported), each contract's delivery
 * profile, the half spread and the risk settings. Every portfolio job and the
 * frontier start from here, so they all see the same scenarios.
 */
import type { Portfolio, Scenario } from '../scenario/schema.ts';
import { seriesValues } from '../scenario/series.ts';
import { SolverError } from '../jobs/errors.ts';
import { periodCalendar } from './calendar.ts';
import { deliveryProfile } from './delivery.ts';
import { simulateScenarios, type SimulatedScenarios } from './simulate.ts';
import type { ScenarioSet } from './scenarioSet.ts';

export interface ContractTerms {
  id: string;
  name: string;
  pricePerKwh: number;
  minKw: number;
  maxKw: number;
  /** delivered kW per kW of volume, per period */
  delivery: Float64Array;
}

export interface PortfolioProblem {
  scenarios: ScenarioSet;
  contracts: ContractTerms[];
  /** half the bid–ask spread: spot purchases pay price + halfSpread, sales receive price − halfSpread, currency/kWh */
  halfSpread: number;
  alpha: number;
}

export type RiskTarget = { lambda: number } | { cvarLimit: number };

export interface PreparedPortfolio {
  problem: PortfolioProblem;
  /** the simulation with its hidden components; null for imported scenarios */
  simulation: SimulatedScenarios | null;
  /** the seed used (null for imported scenarios) */
  seed: number | null;
  risk: RiskTarget;
}

export function requirePortfolio(scenario: Scenario): Portfolio {
  if (!scenario.portfolio)
    throw new SolverError({ code: 'invalid-scenario', message: 'the scenario has no contract portfolio', path: 'portfolio', hint: 'add a "portfolio" section (see assets/scenarios/retailer-portfolio.ggs.json)' });
  return scenario.portfolio;
}

export function preparePortfolio(scenario: Scenario, jobSeed: number): PreparedPortfolio {
  const pf = requirePortfolio(scenario);
  const { T, dtHours } = scenario.time;
  const calendar = periodCalendar(scenario.time);
  let scenarios: ScenarioSet, simulation: SimulatedScenarios | null = null, seed: number | null = null;
  if (pf.scenarios.kind === 'simulated') {
    seed = pf.scenarios.seed ?? jobSeed;
    simulation = simulateScenarios({ spotPrice: pf.spotPrice, demand: pf.demand, demandKw: seriesValues(scenario, pf.demand.kw), calendar, dtHours, S: pf.scenarios.count, seed });
    scenarios = simulation;
  } else {
    const { pricePerKwh, demandKw } = pf.scenarios;
    scenarios = { S: pricePerKwh.length, T, dtHours, pricePerKwh: Float64Array.from(pricePerKwh.flat()), demandKw: Float64Array.from(demandKw.flat()) };
  }
  const contracts = pf.contracts.map((c) => ({ id: c.id, name: c.name || c.id, pricePerKwh: c.pricePerKwh, minKw: c.minKw, maxKw: c.maxKw, delivery: deliveryProfile(scenario, c, calendar) }));
  const risk: RiskTarget = pf.risk.cvarLimit !== undefined ? { cvarLimit: pf.risk.cvarLimit } : { lambda: pf.risk.lambda ?? 0 };
  return { problem: { scenarios, contracts, halfSpread: pf.spot.bidAskSpreadPerKwh / 2, alpha: pf.risk.alpha }, simulation, seed, risk };
}
