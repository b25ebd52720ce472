/**
 * The carbon-aware DLMP market on a feeder (issue 19 item 2): a few
 * prosumer/trader agents at buses of the scenario's feeder each choose how
 * much to inject in a market period; the app's own OPF (solver/opf: the
 * LinDistFlow LP of `toLp`, DLMPs read from its duals by `periodDlmps`)
 * clears the rest of the feeder around those injections, and each agent is
 * paid the DLMP of its bus.
 *
 * Carbon-aware: the OPF's objective prices emissions at `carbonPricePerKg`
 * — grid import at importPrice + carbon price × the grid's intensity
 * (`network.substation.carbonKgPerKwh`, the carbon layer's source
 * intensity), each generator at cost + carbon price × its `carbonKgPerKwh`
 * — so every DLMP is ∂(cost + carbon price × emissions)/∂load: the energy,
 * voltage and congestion parts of docs/models/opf.md with the marginal
 * source's carbon cost inside them. The LP is the opf job's own, with only
 * those costs changed; there is no second OPF.
 *
 * A market state is one period of the scenario's day (`periods`) and a
 * feeder-wide load level; the period's LP is the scenario sliced to that
 * hour (batteries dropped: they couple periods and the market clears one
 * period at a time). An agent's injection q ∈ [0, qMax] kW costs it
 * c·q + ½·b·q² per hour; its reward is its profit dt·(DLMP·q − cost) —
 * the agents' own costs are private and not in the OPF.
 */
import type { Scenario } from '../scenario/schema.ts';
import type { LpBackend, LpSession } from '../lp/backend.ts';
import { openLpSession } from '../lp/session.ts';
import type { LpRow } from '../lp/model.ts';
import { SolverError } from '../jobs/errors.ts';
import { toLp, type OpfLp } from '../opf/toLp.ts';
import { periodDlmps } from '../opf/dlmp.ts';
import { rngOf, type Rng } from '../forecast/random.ts';
import type { MultiEnv } from './matd3.ts';
import type { DlmpAgent } from './dlmpTypes.ts';

export type { DlmpAgent };


export interface DlmpMarketSpec {
  agents: DlmpAgent[];
  /** the scenario's periods (hours) the market draws from */
  periods: number[];
  /** feeder load level drawn uniformly from [loadLow, loadHigh] × the period's loads */
  loadLow: number;
  loadHigh: number;
  carbonPricePerKg: number;
  polygonSides: number;
  stepsPerEpisode: number;
}

/** A market state: which period (index into spec.periods) and the load level. */
export interface MarketState {
  period: number;
  load: number;
}

/** One clearing: DLMPs at every bus (currency/kWh, scenario bus order), the OPF's cost and emissions. */
export interface Clearing {
  dlmps: number[];
  /** OPF objective incl. the carbon cost, currency for the period */
  cost: number;
  emissionsKg: number;
}

/** What prices the market: the exact OPF or its surrogate. */
export interface Pricer {
  /** DLMP of every bus at injections q (kW, one per agent) */
  prices(state: MarketState, q: readonly number[]): number[];
}

/** The agents' state features: the period one-hot and the load level on [−1, 1]. */
export function stateFeatures(spec: DlmpMarketSpec, s: MarketState): number[] {
  const f = spec.periods.map((_, p) => (p === s.period ? 1 : 0));
  const z = spec.loadHigh > spec.loadLow ? (2 * (s.load - spec.loadLow)) / (spec.loadHigh - spec.loadLow) - 1 : 0;
  return [...f, z];
}

export const injectionOf = (agent: DlmpAgent, a: number): number => ((Math.min(1, Math.max(-1, a)) + 1) / 2) * agent.qMaxKw;

/** Agent i's profit over a period of dtHours at price λ (currency). */
export function profitOf(agent: DlmpAgent, q: number, price: number, dtHours: number): number {
  return dtHours * (price * q - agent.costPerKwh * q - 0.5 * agent.quadPerKw * q * q);
}

/** The scenario at one period: T = 1, every profile cut to that period's value, no batteries. */
export function periodScenario(scenario: Scenario, t: number): Scenario {
  return {
    ...scenario,
    time: { ...scenario.time, T: 1 },
    profiles: scenario.profiles.map((p) => ({ ...p, values: [p.values[t]!] })),
    network: { ...scenario.network, der: { ...scenario.network.der, batteries: [] } },
  };
}

/** The market's field checks, with the paths of the job's options. */
export function checkMarketSpec(scenario: Scenario, spec: DlmpMarketSpec): void {
  const buses = new Set(scenario.network.buses.map((b) => b.id));
  spec.agents.forEach((a, i) => {
    if (!buses.has(a.busId)) throw new SolverError({ code: 'invalid-options', message: `agent ${i + 1} is at bus "${a.busId}", which the feeder does not have`, path: `options.agents.${i}.busId` });
    if (a.busId === scenario.network.substation.busId) throw new SolverError({ code: 'invalid-options', message: `agent ${i + 1} is at the substation bus "${a.busId}", whose price is the grid's`, path: `options.agents.${i}.busId` });
  });
  spec.periods.forEach((t, i) => {
    if (t >= scenario.time.T) throw new SolverError({ code: 'invalid-options', message: `period ${t} is beyond the scenario's ${scenario.time.T} periods`, path: `options.periods.${i}` });
  });
  if (spec.loadLow > spec.loadHigh) throw new SolverError({ code: 'invalid-options', message: `loadLow ${spec.loadLow} is above loadHigh ${spec.loadHigh}`, path: 'options.loadLow' });
}

interface PeriodLp {
  lp: OpfLp;
  session: LpSession;
}

/**
 * The market's LP of one scenario period: the opf job's own LP of the
 * period (`toLp` on the sliced scenario) with emissions priced in its
 * objective — what the exact pricer re-solves and `ggs export-lp` writes.
 */
export function marketLp(scenario: Scenario, t: number, carbonPricePerKg: number, polygonSides: number): OpfLp {
  const lp = toLp(periodScenario(scenario, t), { polygonSides });
  const { data, dtHours: dt } = lp;
  lp.model.setCost(lp.gridImport[0]!, dt * (data.importPrice[0]! + carbonPricePerKg * data.gridCarbon[0]!));
  scenario.network.der.generators.forEach((g, k) => lp.model.setCost(lp.generatorP[k]![0]!, dt * (g.costPerKwh + carbonPricePerKg * g.carbonKgPerKwh)));
  return lp;
}

/**
 * The exact pricer: one carbon-aware OPF LP per market period, built once
 * and re-solved (an LP session: HiGHS warm, glpk cold) with the agents'
 * injections and the load level in the nodal balance rows.
 */
export class ExactOpfPricer implements Pricer {
  readonly busIds: string[];
  readonly agentBus: number[];
  readonly dtHours: number;
  /** OPF solves so far */
  solves = 0;
  private readonly lps: PeriodLp[];

  constructor(private readonly scenario: Scenario, readonly spec: DlmpMarketSpec, backend: LpBackend) {
    checkMarketSpec(scenario, spec);
    const net = scenario.network;
    this.busIds = net.buses.map((b) => b.id);
    this.agentBus = spec.agents.map((a) => this.busIds.indexOf(a.busId));
    this.dtHours = scenario.time.dtHours;
    this.lps = spec.periods.map((t) => {
      const lp = marketLp(scenario, t, spec.carbonPricePerKg, spec.polygonSides);
      return { lp, session: openLpSession(backend, lp.model) };
    });
  }

  /** The effective grid price (import price + carbon price × intensity) of each period, currency/kWh. */
  gridPrices(): number[] {
    return this.lps.map(({ lp }) => lp.data.importPrice[0]! + this.spec.carbonPricePerKg * lp.data.gridCarbon[0]!);
  }

  clear(state: MarketState, q: readonly number[]): Clearing {
    const { lp, session } = this.lps[state.period]!;
    const n = this.busIds.length;
    const inject = new Float64Array(n);
    this.agentBus.forEach((j, i) => (inject[j]! += q[i]!));
    for (let j = 0; j < n; j++) {
      lp.model.setRowBounds(lp.balanceP[0]![j]! as LpRow, { eq: state.load * lp.data.loadKw[0]![j]! - inject[j]! });
      lp.model.setRowBounds(lp.balanceQ[0]![j]! as LpRow, { eq: state.load * lp.data.loadKvar[0]![j]! });
    }
    const solution = session.solve();
    this.solves++;
    if (solution.status !== 'optimal') {
      throw new SolverError({
        code: 'infeasible',
        message: `the OPF of period ${this.spec.periods[state.period]} at load level ${state.load.toFixed(3)} with injections ${q.map((v) => v.toFixed(1)).join(', ')} kW is ${solution.status}`,
        path: 'options.loadHigh',
        hint: 'lower loadHigh or choose periods the feeder can supply',
      });
    }
    const x = solution.x;
    let emissionsKg = x[lp.gridImport[0]!]! * lp.data.gridCarbon[0]!;
    this.scenario.network.der.generators.forEach((g, k) => (emissionsKg += x[lp.generatorP[k]![0]!]! * g.carbonKgPerKwh));
    return { dlmps: periodDlmps(lp, solution.rowDuals, 0).dlmps.map((d) => d.total), cost: solution.objective, emissionsKg: emissionsKg * this.dtHours };
  }

  prices(state: MarketState, q: readonly number[]): number[] {
    return this.clear(state, q).dlmps;
  }

  dispose(): void {
    for (const l of this.lps) l.session.dispose();
  }
}

/**
 * The market as a multi-agent environment (MATD3's MultiEnv): each step
 * draws a state, the agents' actions in [−1, 1] become injections, the
 * pricer prices them and each agent earns its profit, divided by
 * `rewardScale` (a typical profit, so rewards are of order 1). The next
 * state does not depend on the actions: each period's stage game is the
 * whole game, as in the Cournot check.
 */
export class DlmpMarketEnv implements MultiEnv {
  readonly stateWidth: number;
  readonly rewardScale: number;
  private readonly rng: Rng;
  private state: MarketState = { period: 0, load: 1 };
  private t = 0;

  constructor(readonly spec: DlmpMarketSpec, private readonly pricer: Pricer, readonly agentBus: readonly number[], readonly dtHours: number, priceScale: number, seed: number) {
    this.stateWidth = spec.periods.length + 1;
    this.rng = rngOf(seed ^ 0xd1f);
    this.rewardScale = Math.max(1e-9, dtHours * priceScale * Math.max(...spec.agents.map((a) => a.qMaxKw)));
  }

  get agents(): number {
    return this.spec.agents.length;
  }

  drawState(): MarketState {
    return drawState(this.spec, this.rng);
  }

  reset(): number[] {
    this.t = 0;
    this.state = this.drawState();
    return stateFeatures(this.spec, this.state);
  }

  step(actions: readonly number[]): { state: number[]; rewards: number[]; done: boolean } {
    const q = this.spec.agents.map((a, i) => injectionOf(a, actions[i]!));
    const prices = this.pricer.prices(this.state, q);
    const rewards = this.spec.agents.map((a, i) => profitOf(a, q[i]!, prices[this.agentBus[i]!]!, this.dtHours) / this.rewardScale);
    this.t++;
    this.state = this.drawState();
    return { state: stateFeatures(this.spec, this.state), rewards, done: this.t >= this.spec.stepsPerEpisode };
  }
}

export function drawState(spec: DlmpMarketSpec, rng: Rng): MarketState {
  return { period: rng.int(spec.periods.length), load: spec.loadLow + rng.next() * (spec.loadHigh - spec.loadLow) };
}

/**
 * Agent i's best response to the others' injections on the exact pricer:
 * its profit on a grid of `grid` + 1 injections, then at the price-taker
 * optimum (λ − c)/b of the best point's price (the profit is a concave
 * quadratic on every piece where the LP's DLMP is constant, so that is the
 * piece's own maximum).
 */
export function bestResponse(pricer: Pricer, spec: DlmpMarketSpec, agentBus: readonly number[], dtHours: number, state: MarketState, q: readonly number[], i: number, grid: number): { q: number; profit: number } {
  const a = spec.agents[i]!;
  const profitAt = (x: number) => {
    const trial = q.slice();
    trial[i] = x;
    const price = pricer.prices(state, trial)[agentBus[i]!]!;
    return { profit: profitOf(a, x, price, dtHours), price };
  };
  let best = { q: 0, profit: -Infinity, price: 0 };
  for (let k = 0; k <= grid; k++) {
    const x = (k / grid) * a.qMaxKw;
    const r = profitAt(x);
    if (r.profit > best.profit) best = { q: x, ...r };
  }
  const taker = Math.min(a.qMaxKw, Math.max(0, (best.price - a.costPerKwh) / Math.max(a.quadPerKw, 1e-12)));
  const r = profitAt(taker);
  if (r.profit > best.profit) best = { q: taker, ...r };
  return { q: best.q, profit: best.profit };
}

/** The most any agent gains by deviating alone to its best response (currency; 0 at a Nash equilibrium up to the grid). */
export function exploitability(pricer: Pricer, spec: DlmpMarketSpec, agentBus: readonly number[], dtHours: number, state: MarketState, q: readonly number[], grid: number): number {
  const prices = pricer.prices(state, q);
  return Math.max(0, ...spec.agents.map((a, i) => bestResponse(pricer, spec, agentBus, dtHours, state, q, i, grid).profit - profitOf(a, q[i]!, prices[agentBus[i]!]!, dtHours)));
}

/**
 * A Nash equilibrium of one state's stage game by best-response iteration
 * (Gauss–Seidel: each agent answers the others' latest injections) from
 * zero injections, until no injection moves by more than `tolKw`; the
 * result's exploitability says how close it is.
 */
export function nashByBestResponse(pricer: Pricer, spec: DlmpMarketSpec, agentBus: readonly number[], dtHours: number, state: MarketState, grid: number, maxRounds = 30, tolKw = 1e-6): { q: number[]; rounds: number; converged: boolean } {
  const q = spec.agents.map(() => 0);
  for (let round = 1; round <= maxRounds; round++) {
    let moved = 0;
    for (let i = 0; i < q.length; i++) {
      const br = bestResponse(pricer, spec, agentBus, dtHours, state, q, i, grid).q;
      moved = Math.max(moved, Math.abs(br - q[i]!));
      q[i] = br;
    }
    if (moved <= tolKw) return { q, rounds: round, converged: true };
  }
  return { q, rounds: maxRounds, converged: false };
}
