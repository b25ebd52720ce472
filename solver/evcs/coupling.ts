/**
 * The coupled fixed point of MODELS.md §12 (docs/models/evcs.md):
 *
 *   quoted prices π_k → traffic equilibrium with station choice → station loads
 *   → market cleared by ADMM (DSO with LinDistFlow limits above, P2P below)
 *   → AC power flow of the cleared injections → the market's answer Φ(π_k)
 *   → π_{k+1} = π_k + θ_k·(Φ(π_k) − π_k)
 *
 * with θ_k = 1/k (method of successive averages) or a fixed step. A higher
 * price sends EVs elsewhere, which lowers the station's load and so its
 * energy cost: the map Φ pushes back, and damping keeps the iteration from
 * overshooting. The fixed point holds when max |Φ(π_k) − π_k| ≤ tolerance;
 * then traffic, market and power flow of round k are the answer, each with
 * its own certificate. A loop that runs out of rounds returns its last round
 * marked not converged — reported as such, never as an answer.
 */
import type { Evcs, Scenario } from '../scenario/schema.ts';
import type { LpBackend } from '../lp/backend.ts';
import type { JobProgress } from '../contract.ts';
import type { AdmmSettings } from '../microgrid/admm.ts';
import type { EvcsCouplingRound, EvcsMarketOptions } from '../jobs/kinds/evcsMarket.ts';
import type { SweepSolution } from '../network/powerflow.ts';
import { prepareFeeder, type Feeder } from '../network/powerflow.ts';
import { loadMultipliers, sweepPeriod } from '../network/powerflowJob.ts';
import { SolverError } from '../jobs/errors.ts';
import { assignWithStations, stationNetwork, type StationAssignment, type StationNetwork } from './stationTraffic.ts';
import { clearMarket, hourScenario, type MarketClearing } from './market.ts';

export interface HourFlow {
  feeder: Feeder;
  solution: SweepSolution;
  pLoad: Float64Array;
  qLoad: Float64Array;
}

/** The AC power flow of the hour: the feeder's own loads less every participant's cleared injection at its bus. */
export function hourPowerFlow(scenario: Scenario, market: MarketClearing, options: Pick<EvcsMarketOptions, 'tolerancePu' | 'maxSweeps'>): HourFlow {
  const net = scenario.network;
  const feeder = prepareFeeder(net);
  const kvaPerPu = feeder.baseMva * 1000;
  const mult = loadMultipliers(hourScenario(scenario))[0]!;
  const busIndex = new Map(net.buses.map((b, i) => [b.id, i]));
  const pLoad = Float64Array.from(net.buses, (b, i) => (b.pdKw * mult[i]!) / kvaPerPu);
  const qLoad = Float64Array.from(net.buses, (b, i) => (b.qdKvar * mult[i]!) / kvaPerPu);
  for (const p of market.participants) pLoad[busIndex.get(p.busId)!]! -= p.injectionKw / kvaPerPu;
  const solution = sweepPeriod(feeder, pLoad, qLoad, { tolerancePu: options.tolerancePu, maxIterations: options.maxSweeps }, 0, 1);
  return { feeder, solution, pLoad, qLoad };
}

/** The price a station quotes for the market's energy cost: plus its service cost, within its bounds. */
export function stationPrices(evcs: Evcs, energyPricePerKwh: ArrayLike<number>): Float64Array {
  return Float64Array.from(evcs.stations, (s, k) => Math.min(s.priceMaxPerKwh, Math.max(s.priceMinPerKwh, energyPricePerKwh[k]! + s.serviceCostPerKwh)));
}

export interface CouplingResult {
  net: StationNetwork;
  converged: boolean;
  rounds: EvcsCouplingRound[];
  /** the last round: the prices quoted, the traffic they drew, the market's clearing of it and its power flow */
  prices: Float64Array;
  answer: Float64Array;
  traffic: StationAssignment;
  market: MarketClearing;
  flow: HourFlow;
}

export function* couple(lp: LpBackend, scenario: Scenario, options: EvcsMarketOptions, admmSettings: AdmmSettings): Generator<JobProgress, CouplingResult, void> {
  const evcs = scenario.evcs!, transport = scenario.transport!;
  const net = stationNetwork(transport, evcs);
  const S = evcs.stations.length;
  // the first quote: every station at the DSO tariff plus its service cost (what it pays with no P2P trade)
  let prices = stationPrices(evcs, new Float64Array(S).fill(evcs.dso.buyPricePerKwh));
  let lastFlows: Float64Array | null = null;
  const rounds: EvcsCouplingRound[] = [];
  const cap = options.maxCouplingIterations;
  for (let k = 1; ; k++) {
    const part = (x: number) => Math.min(0.98, (k - 1 + x) / Math.min(cap, 12));
    yield { fraction: part(0), stage: `round ${k}: traffic equilibrium with station choice`, metrics: { round: k } };
    const traffic = yield* drain(assignWithStations(net, prices, { relativeGap: options.relativeGap, maxIterations: options.maxPathIterations, usedShare: options.usedShare, wardropTolerance: options.wardropTolerance }));
    if (!traffic.converged)
      throw new SolverError({ code: 'not-converged', message: `round ${k}: the traffic assignment stopped at the relative gap ${traffic.gaps.at(-1)!.toExponential(2)} after ${traffic.iterations} iterations (maxPathIterations)` });
    const loadKw = Float64Array.from(traffic.stationVehPerH, (x) => x * evcs.energyPerEvKwh);
    yield { fraction: part(0.3), stage: `round ${k}: market (ADMM)`, metrics: { round: k } };
    const market = yield* drain(clearMarket(lp, scenario, evcs, loadKw, admmSettings));
    const flow = hourPowerFlow(scenario, market, options);
    const answer = stationPrices(evcs, market.energyPricePerKwh);
    let residual = 0, flowChange = 0;
    for (let s = 0; s < S; s++) {
      residual = Math.max(residual, Math.abs(answer[s]! - prices[s]!));
      if (lastFlows) flowChange = Math.max(flowChange, Math.abs(traffic.stationVehPerH[s]! - lastFlows[s]!));
    }
    rounds.push({
      k,
      pricePerKwh: Array.from(prices),
      answerPerKwh: Array.from(answer),
      stationEvPerH: Array.from(traffic.stationVehPerH),
      priceResidual: residual,
      flowChangeVehPerH: lastFlows ? flowChange : null,
      trafficIterations: traffic.iterations,
      admmIterations: market.iterations,
      admmConverged: market.converged,
    });
    yield { fraction: part(1), stage: `round ${k}: price residual ${residual.toExponential(2)}`, metrics: { round: k, priceResidual: residual } };
    const converged = residual <= options.priceTolerancePerKwh;
    if (converged || k >= cap) return { net, converged, rounds, prices, answer, traffic, market, flow };
    const step = options.averaging === 'msa' ? 1 / (k + 1) : options.damping;
    prices = Float64Array.from(prices, (p, s) => p + step * (answer[s]! - p));
    lastFlows = traffic.stationVehPerH;
  }
}

/** Runs an inner iteration to its end without passing its per-iteration progress on (the rounds report theirs). */
function* drain<Y, R>(gen: Generator<Y, R, void>): Generator<never, R, void> {
  for (;;) {
    const step = gen.next();
    if (step.done) return step.value;
  }
}
