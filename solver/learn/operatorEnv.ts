/**
 * The ADN operator over the dual-ascent P2P market (MODELS.md §11, after
 * SAC-DTC: the operator's control is learned by soft actor-critic, the
 * prosumers trade by distributed dual ascent, the reward is social welfare).
 *
 * The operator's control: a tariff adder τ_b (currency/kWh) per block b of
 * periods (the horizon split evenly into `blocks` blocks), added to every
 * microgrid's ADN buy and sell price in the block — the spread between them
 * stays, so the adder moves the level at which the ADN trades with the
 * microgrids. The action a ∈ [−1, 1]ᵏ maps linearly onto [adderMin, adderMax].
 *
 * The prosumers answer by the `dual-ascent` job itself (solver/microgrid/
 * dualAscent.ts, run on the scenario with the adjusted tariffs; not a
 * re-implementation): each microgrid's best response to the pool price,
 * the pool price by (accelerated) dual ascent, and that job's certificate
 * (gap to the centralised optimum of the pool) on every clearing.
 *
 * The reward is social welfare, as in SAC-DTC (ADN operation cost and the
 * prosumers' market outcome together):
 *
 *   W = −Σ_i C_i + R_ADN − K_ADN
 *
 * with C_i the microgrid's own cost at the cleared market (generator,
 * battery wear, what it pays the ADN minus what the ADN pays it), R_ADN the
 * ADN's revenue from the microgrids at the adjusted tariffs (so the money
 * between the ADN and the microgrids cancels) and the ADN's operation cost
 *
 *   K_ADN = Σ_t Δt·(c_t·D_t + κ·D_t²),   D_t = Σ_i (buy_i,t − sell_i,t)
 *
 * where c_t, the upstream energy price, is the microgrids' mean base buy
 * tariff (the scenario's tariff is the ADN's energy cost passed through),
 * and κ·D² the feeder's losses and congestion (losses grow with the square
 * of the current). With κ = 0 the base tariff is already marginal-cost
 * pricing; with κ > 0 the welfare-maximising adder is near the marginal
 * loss cost 2κ·D_t, an interior optimum the grid-search oracle finds.
 *
 * One-step episodes with a constant observation: the case is fixed, so the
 * learning problem is a continuous bandit over the operator's control (a
 * contextual or multi-day version would give the actor a state to read).
 */
import type { Scenario } from '../scenario/schema.ts';
import { seriesValues } from '../scenario/series.ts';
import type { LpBackend } from '../lp/backend.ts';
import type { DualAscentData, DualAscentOptions } from '../jobs/kinds/dualAscent.ts';
import type { AdnOperatorOutcome } from '../jobs/kinds/adnOperator.ts';
import { dualAscentJob } from '../microgrid/dualAscent.ts';
import { SolverError } from '../jobs/errors.ts';
import type { ContinuousEnv } from './sac.ts';

export interface OperatorSpec {
  /** tariff blocks (one adder each) */
  blocks: number;
  /** currency/kWh */
  adderMin: number;
  adderMax: number;
  /** κ of κ·D², currency per kW² per hour */
  lossCostPerKw2h: number;
  /** the dual-ascent market's options (parsed) */
  market: DualAscentOptions;
}

/** The outcome the job reports, with the clearing's own certificate figures (the dual-ascent job's). */
export interface OperatorOutcome extends AdnOperatorOutcome {
  marketGap: number;
  marketImbalanceKw: number;
  marketCertified: boolean;
  iterations: number;
}

/** Block of period t among `blocks` blocks over T periods. */
export const blockOf = (t: number, T: number, blocks: number): number => Math.min(blocks - 1, Math.floor((t * blocks) / T));

export const adderOf = (a: number, spec: Pick<OperatorSpec, 'adderMin' | 'adderMax'>): number => spec.adderMin + ((Math.min(1, Math.max(-1, a)) + 1) / 2) * (spec.adderMax - spec.adderMin);
export const actionOf = (adder: number, spec: Pick<OperatorSpec, 'adderMin' | 'adderMax'>): number => (2 * (adder - spec.adderMin)) / (spec.adderMax - spec.adderMin) - 1;

/** The scenario with every microgrid's ADN buy and sell price raised by the block's adder (new profiles; nothing else changes). */
export function withTariffAdders(s: Scenario, adders: readonly number[]): Scenario {
  const { T } = s.time;
  const profiles = [...s.profiles];
  const microgrids = s.microgrids.map((mg) => {
    const shifted = (side: 'buy' | 'sell') => {
      const base = seriesValues(s, side === 'buy' ? mg.adn.buyPricePerKwh : mg.adn.sellPricePerKwh);
      const id = `adn-operator-${mg.id}-${side}`;
      profiles.push({ id, name: `${mg.id} ADN ${side} price with the operator's adder`, kind: 'price', unit: 'currency/kWh', values: Array.from(base, (p, t) => p + adders[blockOf(t, T, adders.length)]!) });
      return { profile: id };
    };
    return { ...mg, adn: { ...mg.adn, buyPricePerKwh: shifted('buy'), sellPricePerKwh: shifted('sell') } };
  });
  return { ...s, profiles, microgrids };
}

/** Drains a job generator (the inner market's progress is not the operator's). */
function drain<T>(g: Generator<unknown, T, unknown>): T {
  for (;;) {
    const n = g.next();
    if (n.done) return n.value;
  }
}

/**
 * The operator's world: clears the market under given adders and scores
 * the result. Every call is one full dual-ascent run (its own oracle and
 * certificate included); `clearings` counts them.
 */
export class OperatorModel {
  readonly T: number;
  readonly dt: number;
  /** c_t: mean base buy tariff over the microgrids, currency/kWh */
  readonly upstreamPricePerKwh: number[];
  clearings = 0;

  constructor(readonly scenario: Scenario, readonly spec: OperatorSpec, private readonly lp: LpBackend, private readonly seed: number) {
    const { T, dtHours } = scenario.time;
    if (!Number.isInteger(spec.blocks) || spec.blocks < 1 || spec.blocks > T) throw new SolverError({ code: 'invalid-options', message: `blocks must be an integer from 1 to the ${T} periods, got ${spec.blocks}`, path: 'options.blocks' });
    if (!(spec.adderMax > spec.adderMin)) throw new SolverError({ code: 'invalid-options', message: `adderMax (${spec.adderMax}) must exceed adderMin (${spec.adderMin})`, path: 'options.adderMax' });
    if (scenario.microgrids.length < 2) throw new SolverError({ code: 'invalid-scenario', message: `microgrids: the operator's market needs at least two microgrids, the scenario has ${scenario.microgrids.length}`, path: 'microgrids' });
    this.T = T;
    this.dt = dtHours;
    const buys = scenario.microgrids.map((mg) => seriesValues(scenario, mg.adn.buyPricePerKwh));
    this.upstreamPricePerKwh = Array.from({ length: T }, (_, t) => buys.reduce((a, b) => a + b[t]!, 0) / buys.length);
  }

  evaluate(adders: readonly number[]): OperatorOutcome {
    const s = withTariffAdders(this.scenario, adders);
    this.clearings++;
    const out = drain(dualAscentJob.run(s, this.spec.market, { seed: this.seed, backend: 'highs', lp: this.lp }));
    return this.score(s, [...adders], out.data, dualAscentJob.verdict(out.certificate, this.spec.market, out.data).certified);
  }

  private score(s: Scenario, adders: number[], d: DualAscentData, certified: boolean): OperatorOutcome {
    const { T, dt } = this;
    let revenue = 0;
    const netImportKw = new Array<number>(T).fill(0);
    s.microgrids.forEach((mg, i) => {
      const buy = seriesValues(s, mg.adn.buyPricePerKwh), sell = seriesValues(s, mg.adn.sellPricePerKwh);
      const m = d.microgrids[i]!;
      for (let t = 0; t < T; t++) {
        revenue += dt * (buy[t]! * m.adnBuyKw[t]! - sell[t]! * m.adnSellKw[t]!);
        netImportKw[t]! += m.adnBuyKw[t]! - m.adnSellKw[t]!;
      }
    });
    const adnCost = netImportKw.reduce((a, D, t) => a + dt * (this.upstreamPricePerKwh[t]! * D + this.spec.lossCostPerKw2h * D * D), 0);
    const microgridCost = d.microgrids.reduce((a, m) => a + m.cost, 0);
    return {
      adders, welfare: -microgridCost + revenue - adnCost, microgridCost, adnRevenue: revenue, adnCost, netImportKw,
      marketGap: d.relativeGap, marketImbalanceKw: d.maxImbalanceKw, marketCertified: certified, iterations: d.iterations.length, poolPricePerKwh: d.pricePerKwh,
    };
  }
}

export interface GridOracle {
  /** adders tried per block */
  points: number;
  best: OperatorOutcome;
  /** every point tried: adders and welfare */
  grid: { adders: number[]; welfare: number }[];
  /** grid spacing, currency/kWh */
  step: number;
}

/** The oracle: every combination of `points` evenly spaced adders per block, the best by welfare. */
export function gridOracle(model: OperatorModel, points: number): GridOracle {
  const { blocks, adderMin, adderMax } = model.spec;
  const step = (adderMax - adderMin) / (points - 1);
  const grid: { adders: number[]; welfare: number }[] = [];
  let best: OperatorOutcome | null = null;
  const total = points ** blocks;
  for (let n = 0; n < total; n++) {
    const adders = Array.from({ length: blocks }, (_, b) => adderMin + step * (Math.floor(n / points ** b) % points));
    const o = model.evaluate(adders);
    grid.push({ adders, welfare: o.welfare });
    if (!best || o.welfare > best.welfare) best = o;
  }
  return { points, best: best!, grid, step };
}

/**
 * The environment SAC trains on: one clearing per step, reward = (W − W₀)/scale
 * with W₀ the welfare at zero adders and `scale` chosen by the caller (so the
 * critic sees rewards of order one).
 */
export class OperatorEnv implements ContinuousEnv {
  readonly stateWidth = 1;
  readonly actionWidth: number;
  last: OperatorOutcome | null = null;
  constructor(readonly model: OperatorModel, readonly baseline: number, readonly scale: number) {
    this.actionWidth = model.spec.blocks;
  }
  reset(): number[] {
    return [1];
  }
  step(action: readonly number[]): { state: number[]; reward: number; done: boolean } {
    this.last = this.model.evaluate(action.map((a) => adderOf(a, this.model.spec)));
    return { state: [1], reward: (this.last.welfare - this.baseline) / this.scale, done: true };
  }
}
