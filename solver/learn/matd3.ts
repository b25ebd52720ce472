/**
 * MATD3 (Ackermann et al. 2019: TD3 of Fujimoto et al. 2018 with MADDPG's
 * centralised critics): each agent i has a deterministic actor μ_i(s) and
 * twin critics Q_i¹, Q_i² over the state and every agent's action, each
 * with a target copy. Per gradient step:
 *
 * - target smoothing: ã′_j = clip(μ′_j(s′) + clip(N(0, σ̃²), −c, c), −1, 1);
 * - clipped double Q: y_i = r_i + γ(1 − d)·min(Q_i¹′, Q_i²′)(s′, ã′), both
 *   critics regress on y_i;
 * - delayed policy updates: every `policyDelay` critic steps the actor
 *   ascends Q_i¹(s, μ₋ᵢ(s), μ_i(s)) — the others at their current policies,
 *   not at their stored, noisier actions — and the targets trail by
 *   Polyak averaging.
 */
import type { ActorCriticConfig } from './config.ts';
import { rngOf, type Rng } from '../forecast/random.ts';
import { tf } from './tf.ts';
import { Net, type NetWeights } from './network.ts';
import { ReplayBuffer } from './replayBuffer.ts';
import { clippedGaussian, explore, linearDecay } from './noise.ts';

export interface MultiEnv {
  readonly agents: number;
  readonly stateWidth: number;
  reset(): number[];
  step(actions: readonly number[]): { state: number[]; rewards: number[]; done: boolean };
}

export interface Matd3Config extends ActorCriticConfig {
  /** target smoothing σ̃ and clip c */
  targetNoise: number;
  targetClip: number;
  /** critic steps per actor step */
  policyDelay: number;
}

export const MATD3_DEFAULTS: Matd3Config = {
  hidden: [32, 32], actorLr: 1e-3, criticLr: 3e-3, gamma: 0.5, tau: 0.02, batch: 64, buffer: 20_000, warmup: 128,
  noiseFrom: 0.4, noiseTo: 0.05, noiseDecay: 2_000, targetNoise: 0.1, targetClip: 0.2, policyDelay: 2,
};

interface Agent {
  actor: Net;
  targetActor: Net;
  critics: [Net, Net];
  targetCritics: [Net, Net];
  actorOpt: tf.Optimizer;
  criticOpts: [tf.Optimizer, tf.Optimizer];
}

export class Matd3 {
  readonly config: Matd3Config;
  private readonly agents: Agent[];
  private readonly buffer: ReplayBuffer;
  private readonly rng: Rng;
  private readonly sigma: (step: number) => number;
  steps = 0;
  private updates = 0;

  constructor(readonly env: MultiEnv, config: Partial<Matd3Config>, seed: number) {
    this.config = { ...MATD3_DEFAULTS, ...config };
    const c = this.config, n = env.agents, s = env.stateWidth;
    this.rng = rngOf(seed);
    const init = rngOf(seed ^ 0x7d3);
    const critic = () => Net.create({ inputs: s + n, hidden: c.hidden, outputs: 1, output: 'linear' }, init);
    this.agents = Array.from({ length: n }, () => {
      const actor = Net.create({ inputs: s, hidden: c.hidden, outputs: 1, output: 'tanh' }, init);
      const critics: [Net, Net] = [critic(), critic()];
      return {
        actor, targetActor: actor.clone(), critics, targetCritics: [critics[0].clone(), critics[1].clone()],
        actorOpt: tf.train.adam(c.actorLr), criticOpts: [tf.train.adam(c.criticLr), tf.train.adam(c.criticLr)],
      };
    });
    this.buffer = new ReplayBuffer(c.buffer, { state: s, actions: n, rewards: n, next: s, done: 1 });
    this.sigma = linearDecay(c.noiseFrom, c.noiseTo, c.noiseDecay);
  }

  act(state: number[]): number[] {
    return this.agents.map((a) => a.actor.predict([state])[0]![0]!);
  }

  /** One episode with exploration, one gradient step per environment step; returns Σ rewards per agent. */
  trainEpisode(): number[] {
    const totals = new Array<number>(this.env.agents).fill(0);
    let state = this.env.reset();
    for (let done = false; !done; ) {
      const sigma = this.sigma(this.steps);
      const actions = this.act(state).map((a) => explore(a, this.rng, sigma));
      const step = this.env.step(actions);
      this.buffer.add({ state, actions, rewards: step.rewards, next: step.state, done: [step.done ? 1 : 0] });
      step.rewards.forEach((r, i) => (totals[i]! += r));
      this.steps++;
      if (this.buffer.size >= this.config.warmup) this.update();
      state = step.state;
      done = step.done;
    }
    return totals;
  }

  private update(): void {
    const c = this.config, n = this.env.agents;
    const b = this.buffer.sample(c.batch, this.rng).columns;
    const smoothing = b.next!.map(() => Array.from({ length: n }, () => clippedGaussian(this.rng, c.targetNoise, c.targetClip)));
    this.updates++;
    const policyStep = this.updates % c.policyDelay === 0;
    tf.tidy(() => {
      const s = tf.tensor2d(b.state!), a = tf.tensor2d(b.actions!), r = tf.tensor2d(b.rewards!), s2 = tf.tensor2d(b.next!), d = tf.tensor2d(b.done!);
      // target actions of every agent, smoothed and clipped
      const a2 = tf.clipByValue(tf.add(tf.concat(this.agents.map((g) => g.targetActor.apply(s2)), 1), tf.tensor2d(smoothing)), -1, 1);
      const x2 = tf.concat([s2, a2], 1) as tf.Tensor2D, x = tf.concat([s, a], 1) as tf.Tensor2D;
      this.agents.forEach((g, i) => {
        const q2 = tf.minimum(g.targetCritics[0].apply(x2), g.targetCritics[1].apply(x2));
        const ri = tf.slice(r, [0, i], [-1, 1]);
        const y = tf.add(ri, tf.mul(tf.mul(q2, tf.sub(1, d)), c.gamma));
        g.critics.forEach((q, k) => g.criticOpts[k]!.minimize(() => tf.losses.meanSquaredError(y, q.apply(x)) as tf.Scalar, false, q.vars));
      });
      if (policyStep) {
        // the others at their current policies (their stored actions carry old exploration noise); only μ_i's weights move
        const current = this.agents.map((h) => h.actor.apply(s));
        this.agents.forEach((g, i) => {
          g.actorOpt.minimize(() => {
            const parts = Array.from({ length: n }, (_, j) => (j === i ? g.actor.apply(s) : current[j]!));
            return tf.neg(tf.mean(g.critics[0].apply(tf.concat([s, ...parts], 1)))) as tf.Scalar;
          }, false, g.actor.vars);
        });
      }
    });
    if (policyStep) {
      for (const g of this.agents) {
        g.targetActor.softUpdate(g.actor, c.tau);
        g.targetCritics[0].softUpdate(g.critics[0], c.tau);
        g.targetCritics[1].softUpdate(g.critics[1], c.tau);
      }
    }
  }

  policies(): NetWeights[] {
    return this.agents.map((g) => g.actor.weights());
  }

  dispose(): void {
    for (const g of this.agents) {
      [g.actor, g.targetActor, ...g.critics, ...g.targetCritics].forEach((x) => x.dispose());
      [g.actorOpt, ...g.criticOpts].forEach((o) => o.dispose());
    }
  }
}
