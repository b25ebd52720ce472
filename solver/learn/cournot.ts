/**
 * MATD3's known-optimum check: a repeated Cournot duopoly (a two-agent game
 * with quadratic payoffs). Each step draws a demand intercept A, both agents
 * see it and choose quantities q_i ∈ [0, qMax]; agent i earns
 * q_i·(A − B·Σ_j q_j) − c·q_i. The next state does not depend on the
 * actions, so the stage game's Nash equilibrium, played in every state, is
 * a Markov perfect equilibrium of the repeated game — in closed form
 * q* = (A − c) / ((N + 1)·B) (interior when 0 < q* < qMax). Episodes are
 * several steps long with a discount, so the critics bootstrap through the
 * target networks as in any MATD3 task.
 */
import { rngOf, type Rng } from '../forecast/random.ts';

export interface CournotSpec {
  agents: number;
  /** demand intercept range */
  aLow: number;
  aHigh: number;
  /** demand slope, marginal cost, largest quantity */
  slope: number;
  cost: number;
  qMax: number;
  steps: number;
}

export const COURNOT_DEFAULTS: CournotSpec = { agents: 2, aLow: 2, aHigh: 4, slope: 1, cost: 1, qMax: 2, steps: 4 };

export const quantityOf = (a: number, qMax: number): number => ((Math.min(1, Math.max(-1, a)) + 1) / 2) * qMax;

/** The Nash quantity at intercept A. */
export function cournotNash(spec: CournotSpec, A: number): number {
  return Math.min(spec.qMax, Math.max(0, (A - spec.cost) / ((spec.agents + 1) * spec.slope)));
}

/** State [z] with A = aLow + (z + 1)/2·(aHigh − aLow). */
export const interceptOf = (spec: CournotSpec, z: number): number => spec.aLow + ((z + 1) / 2) * (spec.aHigh - spec.aLow);

export class CournotGame {
  readonly stateWidth = 1;
  private readonly rng: Rng;
  private z = 0;
  private t = 0;
  constructor(readonly spec: CournotSpec, seed: number) {
    this.rng = rngOf(seed ^ 0xc0);
  }
  get agents(): number {
    return this.spec.agents;
  }
  reset(): number[] {
    this.t = 0;
    this.z = 2 * this.rng.next() - 1;
    return [this.z];
  }
  /** Stage payoffs of quantities q. */
  payoffs(A: number, q: readonly number[]): number[] {
    const total = q.reduce((a, b) => a + b, 0);
    return q.map((qi) => qi * (A - this.spec.slope * total) - this.spec.cost * qi);
  }
  step(actions: readonly number[]): { state: number[]; rewards: number[]; done: boolean } {
    const A = interceptOf(this.spec, this.z);
    const rewards = this.payoffs(A, actions.map((a) => quantityOf(a, this.spec.qMax)));
    this.t++;
    this.z = 2 * this.rng.next() - 1;
    return { state: [this.z], rewards, done: this.t >= this.spec.steps };
  }
}

/**
 * How far quantities q are from equilibrium in payoff terms: the most any
 * agent gains by switching alone to its exact best response
 * q_i = (A − c − B·Σ_{j≠i} q_j) / (2B) (0 at the Nash equilibrium).
 */
export function exploitability(spec: CournotSpec, A: number, q: readonly number[]): number {
  const total = q.reduce((a, b) => a + b, 0);
  return Math.max(...q.map((qi, i) => {
    const others = total - qi;
    const br = Math.min(spec.qMax, Math.max(0, (A - spec.cost - spec.slope * others) / (2 * spec.slope)));
    const pay = (x: number) => x * (A - spec.slope * (others + x)) - spec.cost * x;
    return pay(br) - pay(qi);
  }));
}
