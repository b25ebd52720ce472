/**
 * SAC's known-optimum check: a continuous bandit with a concave quadratic
 * reward r(a) = −Σ_j w_j·(a_j − a*_j)² + noise on a ∈ [−1, 1]ᵏ (one-step
 * episodes, a constant observation). The optimum a* is known by
 * construction; the deterministic action tanh(μ) of a trained SAC agent must
 * approach it. The reward noise (seeded) makes the critic average, as it
 * must in the operator environment's nearby-action differences.
 */
import { rngOf, type Rng } from '../forecast/random.ts';
import type { ContinuousEnv } from './sac.ts';

export interface QuadraticBanditSpec {
  optimum: number[];
  weights: number[];
  /** σ of Gaussian reward noise */
  noise: number;
}

export class QuadraticBandit implements ContinuousEnv {
  readonly stateWidth = 1;
  readonly actionWidth: number;
  private readonly rng: Rng;
  constructor(readonly spec: QuadraticBanditSpec, seed: number) {
    if (spec.optimum.length !== spec.weights.length || spec.optimum.some((a) => !(Math.abs(a) < 1))) throw new RangeError('the bandit needs one weight per optimum coordinate, each optimum inside (−1, 1)');
    this.actionWidth = spec.optimum.length;
    this.rng = rngOf(seed ^ 0xba4d);
  }
  reward(action: readonly number[]): number {
    return -action.reduce((s, a, j) => s + this.spec.weights[j]! * (a - this.spec.optimum[j]!) ** 2, 0);
  }
  reset(): number[] {
    return [1];
  }
  step(action: readonly number[]): { state: number[]; reward: number; done: boolean } {
    return { state: [1], reward: this.reward(action) + this.spec.noise * this.rng.normal(), done: true };
  }
}
