/**
 * MATD3 traders on the carbon-aware DLMP market, trained twice — once
 * priced by the neural surrogate, once by the exact OPF — and compared on
 * the exact OPF (issue 19 items 3 and 4; docs/models/learning.md):
 *
 * 1. samples: `samples` market states and injections drawn uniformly, each
 *    priced by the exact OPF; a share held out;
 * 2. the surrogate fitted on the rest (or a saved one loaded), its error on
 *    the held-out samples;
 * 3. MATD3 (matd3.ts) with the surrogate's prices, then from the same seed
 *    with the exact OPF's prices;
 * 4. evaluation on a grid of states (every market period × `evalLoads`
 *    load levels): each run's greedy injections re-priced by the exact
 *    OPF (profits, prices, welfare), the surrogate's own prices for the
 *    surrogate-trained actions against the exact ones, each run's
 *    exploitability (the most an agent gains by deviating alone, exact
 *    OPF), and the stage game's Nash equilibrium by best-response
 *    iteration on the exact OPF as the known optimum.
 *
 * Welfare: the load is fixed, so welfare is minus the period's total cost —
 * the OPF's (grid, generators and their carbon at the carbon price) plus
 * the agents' own injection costs (currency).
 */
import type { NetWeights } from './network.ts';
import { Matd3, type Matd3Config } from './matd3.ts';
import {
  DlmpMarketEnv, ExactOpfPricer, exploitability, injectionOf, nashByBestResponse, profitOf, stateFeatures, drawState,
  type DlmpAgent, type DlmpMarketSpec, type MarketState, type Pricer,
} from './dlmpMarket.ts';
import { DlmpSurrogate, fitSurrogate, surrogateError, type PriceSample, type SurrogateConfig, type SurrogateError, type SurrogateWeights } from './surrogate.ts';
import { rngOf, permutation } from '../forecast/random.ts';
import type { JobProgress } from '../contract.ts';
import type { DlmpLearnResult, EvalPoint, OutcomeSummary, PricedActions } from './dlmpTypes.ts';

export type { DlmpLearnResult, EvalPoint, OutcomeSummary, PricedActions };

export interface DlmpLearnSetup {
  market: DlmpMarketSpec;
  /** exact OPF samples for the surrogate, and the share held out */
  samples: number;
  heldOutShare: number;
  surrogate: SurrogateConfig;
  /** use this surrogate instead of fitting one (its held-out error is still measured on fresh samples) */
  savedSurrogate?: SurrogateWeights;
  episodes: number;
  matd3: Partial<Matd3Config>;
  /** load levels per period in the evaluation grid */
  evalLoads: number;
  /** injections per agent scanned by a best response (+ the price-taker point) */
  bestResponseGrid: number;
  seed: number;
}





const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

export function samplePrices(pricer: ExactOpfPricer, spec: DlmpMarketSpec, count: number, seed: number): PriceSample[] {
  const rng = rngOf(seed ^ 0x5e7);
  return Array.from({ length: count }, () => {
    const state = drawState(spec, rng);
    const q = spec.agents.map((a) => rng.next() * a.qMaxKw);
    return { state, q, dlmps: pricer.prices(state, q) };
  });
}

export function evaluationStates(spec: DlmpMarketSpec, loads: number): MarketState[] {
  const levels = loads === 1 ? [(spec.loadLow + spec.loadHigh) / 2] : Array.from({ length: loads }, (_, k) => spec.loadLow + (k / (loads - 1)) * (spec.loadHigh - spec.loadLow));
  return spec.periods.flatMap((_, period) => levels.map((load) => ({ period, load })));
}

function priced(pricer: ExactOpfPricer, spec: DlmpMarketSpec, state: MarketState, q: number[], grid: number): PricedActions {
  const c = pricer.clear(state, q);
  const prices = pricer.agentBus.map((j) => c.dlmps[j]!);
  const profits = spec.agents.map((a, i) => profitOf(a, q[i]!, prices[i]!, pricer.dtHours));
  const agentCost = sum(spec.agents.map((a, i) => profitOf(a, q[i]!, 0, pricer.dtHours)));
  return { q, prices, profits, welfare: -c.cost + agentCost, emissionsKg: c.emissionsKg, exploitability: exploitability(pricer, spec, pricer.agentBus, pricer.dtHours, state, q, grid) };
}

function summarise(points: readonly PricedActions[]): OutcomeSummary {
  return {
    profit: mean(points.map((p) => sum(p.profits))),
    price: mean(points.map((p) => mean(p.prices))),
    welfare: mean(points.map((p) => p.welfare)),
    exploitability: mean(points.map((p) => p.exploitability)),
  };
}

function* trainTraders(label: string, spec: DlmpMarketSpec, pricer: Pricer, exact: ExactOpfPricer, priceScale: number, setup: DlmpLearnSetup, from: number, to: number): Generator<JobProgress, { agents: Matd3; curve: number[] }, void> {
  const env = new DlmpMarketEnv(spec, pricer, exact.agentBus, exact.dtHours, priceScale, setup.seed);
  const agents = new Matd3(env, setup.matd3, setup.seed);
  const curve: number[] = [];
  for (let e = 0; e < setup.episodes; e++) {
    curve.push(sum(agents.trainEpisode()) * env.rewardScale);
    yield { fraction: from + ((to - from) * (e + 1)) / setup.episodes, stage: `MATD3 on ${label} prices: episode ${e + 1}/${setup.episodes}`, metrics: { episode: e + 1, profit: curve.at(-1)! } };
  }
  return { agents, curve };
}

export function* learnDlmpMarket(exact: ExactOpfPricer, setup: DlmpLearnSetup): Generator<JobProgress, DlmpLearnResult, void> {
  const spec = setup.market;
  const buses = exact.busIds;
  yield { fraction: 0, stage: `sampling ${setup.samples} exact OPF clearings` };
  // a saved surrogate is measured on samples of another stream of the seed: a run with the seed it was fitted with would otherwise redraw its training samples
  const samples = samplePrices(exact, spec, setup.samples, setup.savedSurrogate ? setup.seed ^ 0x5a7ed : setup.seed);
  const order = permutation(samples.length, rngOf(setup.seed ^ 0x401d));
  const held = Math.max(1, Math.round(setup.heldOutShare * samples.length));
  const heldOut = order.slice(0, held).map((i) => samples[i]!);
  const train = order.slice(held).map((i) => samples[i]!);

  yield { fraction: 0.15, stage: setup.savedSurrogate ? 'loading the saved surrogate' : `fitting the surrogate on ${train.length} samples` };
  let surrogate: DlmpSurrogate, loss: number[] = [];
  if (setup.savedSurrogate) surrogate = new DlmpSurrogate(spec, setup.savedSurrogate);
  else ({ surrogate, loss } = fitSurrogate(spec, buses, train, setup.surrogate, setup.seed));
  const surrogateInfo = {
    weights: surrogate.saved, fitted: !setup.savedSurrogate, trainSamples: setup.savedSurrogate ? 0 : train.length,
    heldOut: surrogateError(surrogate, setup.savedSurrogate ? samples : heldOut, exact.agentBus),
    train: setup.savedSurrogate ? null : surrogateError(surrogate, train, exact.agentBus),
    loss,
  };

  const gridPrices = exact.gridPrices();
  const priceScale = Math.max(...gridPrices.map(Math.abs), 1e-3);
  const bySurrogate = yield* trainTraders('surrogate', spec, surrogate, exact, priceScale, setup, 0.3, 0.5);
  const byExact = yield* trainTraders('exact OPF', spec, exact, exact, priceScale, setup, 0.5, 0.85);

  const states = evaluationStates(spec, setup.evalLoads);
  const evaluation: EvalPoint[] = [];
  let repriceSum = 0, repriceMax = 0, repriceCount = 0;
  for (const [k, state] of states.entries()) {
    const features = stateFeatures(spec, state);
    const qOf = (agents: Matd3) => agents.act(features).map((a, i) => injectionOf(spec.agents[i]!, a));
    const qs = qOf(bySurrogate.agents), qe = qOf(byExact.agents);
    const surrogatePrices = (() => { const p = surrogate.prices(state, qs); return exact.agentBus.map((j) => p[j]!); })();
    const s = priced(exact, spec, state, qs, setup.bestResponseGrid);
    s.prices.forEach((p, i) => { const e = Math.abs(p - surrogatePrices[i]!); repriceSum += e; repriceCount++; repriceMax = Math.max(repriceMax, e); });
    const ne = nashByBestResponse(exact, spec, exact.agentBus, exact.dtHours, state, setup.bestResponseGrid);
    evaluation.push({
      period: spec.periods[state.period]!, load: state.load,
      surrogateTrained: { ...s, surrogatePrices },
      exactTrained: priced(exact, spec, state, qe, setup.bestResponseGrid),
      nash: { ...priced(exact, spec, state, ne.q, setup.bestResponseGrid), rounds: ne.rounds, converged: ne.converged },
    });
    yield { fraction: 0.85 + (0.15 * (k + 1)) / states.length, stage: `exact re-pricing and Nash equilibrium: state ${k + 1}/${states.length}` };
  }
  const summary = {
    surrogateTrained: summarise(evaluation.map((p) => p.surrogateTrained)),
    exactTrained: summarise(evaluation.map((p) => p.exactTrained)),
    nash: summarise(evaluation.map((p) => p.nash)),
  };
  const result: DlmpLearnResult = {
    buses, agents: spec.agents, periods: spec.periods, carbonPricePerKg: spec.carbonPricePerKg, gridPrices,
    surrogate: surrogateInfo,
    curves: { surrogate: bySurrogate.curve, exact: byExact.curve },
    evaluation,
    summary,
    gap: {
      profit: summary.surrogateTrained.profit - summary.exactTrained.profit,
      price: summary.surrogateTrained.price - summary.exactTrained.price,
      welfare: summary.surrogateTrained.welfare - summary.exactTrained.welfare,
      meanAbsInjectionKw: mean(evaluation.flatMap((p) => p.surrogateTrained.q.map((q, i) => Math.abs(q - p.exactTrained.q[i]!)))),
    },
    reprice: { meanAbs: repriceCount ? repriceSum / repriceCount : 0, max: repriceMax },
    policies: { surrogate: bySurrogate.agents.policies(), exact: byExact.agents.policies() },
    opfSolves: exact.solves,
  };
  bySurrogate.agents.dispose();
  byExact.agents.dispose();
  surrogate.dispose();
  return result;
}
