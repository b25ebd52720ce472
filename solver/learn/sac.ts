/**
 * Soft actor-critic (Haarnoja et al. 2018, "SAC: off-policy maximum entropy
 * deep RL with a stochastic actor", and the automatic temperature of
 * "SAC algorithms and applications") for continuous actions in [−1, 1]ᵏ, on
 * the learners' tfjs-core networks (network.ts):
 *
 * - actor: a squashed Gaussian. The network gives mean μ(s) and log σ(s)
 *   (clipped to [−5, 2]); an action is a = tanh(μ + σ·ε), ε ~ N(0, I) drawn
 *   from the seeded generator and fed in as a tensor, so the gradient flows
 *   through the sample (reparameterisation) and a run replays from its seed.
 *   log π(a|s) = Σ_j [log N(u_j; μ_j, σ_j) − log(1 − a_j² + 1e-6)] (the tanh
 *   change of variables);
 * - twin critics Q¹, Q² over (s, a) with Polyak-averaged targets; the target
 *   y = r + γ(1 − d)·(min Q′(s′, a′) − α·log π(a′|s′)), a′ sampled afresh;
 * - actor loss E[α·log π(ã|s) − min Q(s, ã)];
 * - temperature: log α descends −log α·(log π + H̄) with the target entropy
 *   H̄ (default −k), so α shrinks while the policy is more random than H̄
 *   and grows when it is less.
 *
 * The first `warmup` actions are uniform on [−1, 1]ᵏ. `act(s)` is the
 * deterministic action tanh(μ(s)), the one a certificate evaluates.
 */
import { rngOf, type Rng } from '../forecast/random.ts';
import { tf } from './tf.ts';
import { Net, type NetWeights } from './network.ts';
import { ReplayBuffer } from './replayBuffer.ts';

/** A single-agent environment with a continuous action in [−1, 1]ᵏ. */
export interface ContinuousEnv {
  readonly stateWidth: number;
  readonly actionWidth: number;
  reset(): number[];
  step(action: readonly number[]): { state: number[]; reward: number; done: boolean };
}

export interface SacConfig {
  hidden: number[];
  actorLr: number;
  criticLr: number;
  /** Adam step of log α */
  alphaLr: number;
  gamma: number;
  tau: number;
  batch: number;
  buffer: number;
  /** uniformly random actions before the first update */
  warmup: number;
  /** gradient steps per environment step (more when environment steps are dear, as a market clearing is) */
  updatesPerStep: number;
  initialAlpha: number;
  /** H̄; null: −k, the usual choice */
  targetEntropy: number | null;
}

export const SAC_DEFAULTS: SacConfig = {
  hidden: [32, 32], actorLr: 3e-3, criticLr: 3e-3, alphaLr: 3e-3, gamma: 0.99, tau: 0.01, batch: 64, buffer: 20_000, warmup: 64,
  updatesPerStep: 1, initialAlpha: 0.1, targetEntropy: null,
};

const LOG_STD_MIN = -5;
const LOG_STD_MAX = 2;
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** What a SAC agent saves: the actor (μ and log σ heads), enough to act and to resume the policy. */
export interface SacPolicy {
  actor: NetWeights;
  alpha: number;
}

export class Sac {
  readonly config: SacConfig;
  readonly actor: Net;
  private readonly critics: [Net, Net];
  private readonly targets: [Net, Net];
  private readonly logAlpha: tf.Variable;
  private readonly actorOpt: tf.Optimizer;
  private readonly criticOpts: [tf.Optimizer, tf.Optimizer];
  private readonly alphaOpt: tf.Optimizer;
  private readonly buffer: ReplayBuffer;
  private readonly rng: Rng;
  private readonly k: number;
  private readonly targetEntropy: number;
  steps = 0;
  updates = 0;

  constructor(readonly env: ContinuousEnv, config: Partial<SacConfig>, seed: number, initial?: SacPolicy) {
    this.config = { ...SAC_DEFAULTS, ...config };
    const c = this.config, s = env.stateWidth, k = env.actionWidth;
    if (!(k >= 1) || !(s >= 1)) throw new RangeError(`SAC needs at least one state and one action dimension (got ${s}, ${k})`);
    this.k = k;
    this.targetEntropy = c.targetEntropy ?? -k;
    this.rng = rngOf(seed);
    const init = rngOf(seed ^ 0x5ac);
    const actorSpec = { inputs: s, hidden: c.hidden, outputs: 2 * k, output: 'linear' as const };
    if (initial && (initial.actor.spec.inputs !== s || initial.actor.spec.outputs !== 2 * k || initial.actor.spec.hidden.join() !== c.hidden.join()))
      throw new RangeError(`the saved actor is a ${[initial.actor.spec.inputs, ...initial.actor.spec.hidden, initial.actor.spec.outputs].join('-')} network; this agent's is ${[s, ...c.hidden, 2 * k].join('-')}`);
    this.actor = initial ? Net.fromWeights(initial.actor) : Net.create(actorSpec, init);
    const critic = () => Net.create({ inputs: s + k, hidden: c.hidden, outputs: 1, output: 'linear' }, init);
    this.critics = [critic(), critic()];
    this.targets = [this.critics[0].clone(), this.critics[1].clone()];
    this.logAlpha = tf.variable(tf.scalar(Math.log(initial?.alpha ?? c.initialAlpha)), true);
    this.actorOpt = tf.train.adam(c.actorLr);
    this.criticOpts = [tf.train.adam(c.criticLr), tf.train.adam(c.criticLr)];
    this.alphaOpt = tf.train.adam(c.alphaLr);
    this.buffer = new ReplayBuffer(c.buffer, { state: s, action: k, reward: 1, next: s, done: 1 });
  }

  get alpha(): number {
    return Math.exp(this.logAlpha.dataSync()[0]!);
  }

  /** The deterministic action tanh(μ(s)). */
  act(state: readonly number[]): number[] {
    return this.actor.predict([[...state]])[0]!.slice(0, this.k).map(Math.tanh);
  }

  /** σ of the pre-squash Gaussian at s (how random the policy still is). */
  spread(state: readonly number[]): number[] {
    return this.actor.predict([[...state]])[0]!.slice(this.k).map((l) => Math.exp(Math.min(LOG_STD_MAX, Math.max(LOG_STD_MIN, l))));
  }

  /** A stochastic action (uniform during warm-up). */
  sample(state: readonly number[]): number[] {
    if (this.steps < this.config.warmup) return Array.from({ length: this.k }, () => 2 * this.rng.next() - 1);
    const out = this.actor.predict([[...state]])[0]!;
    return Array.from({ length: this.k }, (_, j) => Math.tanh(out[j]! + Math.exp(Math.min(LOG_STD_MAX, Math.max(LOG_STD_MIN, out[this.k + j]!))) * this.rng.normal()));
  }

  /** One episode with sampled actions, `updatesPerStep` gradient steps per environment step once warm; returns Σ rewards. */
  trainEpisode(): number {
    let total = 0;
    let state = this.env.reset();
    for (let done = false; !done; ) {
      const action = this.sample(state);
      const step = this.env.step(action);
      this.buffer.add({ state, action, reward: [step.reward], next: step.state, done: [step.done ? 1 : 0] });
      total += step.reward;
      this.steps++;
      if (this.steps >= this.config.warmup) for (let u = 0; u < this.config.updatesPerStep; u++) this.update();
      state = step.state;
      done = step.done;
    }
    return total;
  }

  /** Squashed Gaussian sample and its log-density for a batch of states and given standard normals ε. */
  private policy(s: tf.Tensor2D, eps: tf.Tensor2D): { a: tf.Tensor2D; logp: tf.Tensor2D } {
    const out = this.actor.apply(s);
    const mean = tf.slice(out, [0, 0], [-1, this.k]);
    const logStd = tf.clipByValue(tf.slice(out, [0, this.k], [-1, this.k]), LOG_STD_MIN, LOG_STD_MAX);
    const u = tf.add(mean, tf.mul(tf.exp(logStd), eps));
    const a = tf.tanh(u) as tf.Tensor2D;
    // log N(u; μ, σ) = −ε²/2 − log σ − ½ log 2π, minus the tanh Jacobian log(1 − a²)
    const gauss = tf.sub(tf.sub(tf.mul(tf.square(eps), -0.5), logStd), HALF_LOG_2PI);
    const jac = tf.log(tf.add(tf.sub(1, tf.square(a)), 1e-6));
    return { a, logp: tf.sum(tf.sub(gauss, jac), 1, true) as tf.Tensor2D };
  }

  private normals(rows: number): number[][] {
    return Array.from({ length: rows }, () => Array.from({ length: this.k }, () => this.rng.normal()));
  }

  private update(): void {
    const c = this.config;
    const b = this.buffer.sample(c.batch, this.rng).columns;
    const eps2 = this.normals(c.batch), eps = this.normals(c.batch);
    this.updates++;
    tf.tidy(() => {
      const s = tf.tensor2d(b.state!), a = tf.tensor2d(b.action!), r = tf.tensor2d(b.reward!), s2 = tf.tensor2d(b.next!), d = tf.tensor2d(b.done!);
      const alpha = tf.exp(this.logAlpha);
      const next = this.policy(s2, tf.tensor2d(eps2));
      const x2 = tf.concat([s2, next.a], 1) as tf.Tensor2D;
      const soft = tf.sub(tf.minimum(this.targets[0].apply(x2), this.targets[1].apply(x2)), tf.mul(alpha, next.logp));
      const y = tf.add(r, tf.mul(tf.mul(soft, tf.sub(1, d)), c.gamma));
      const x = tf.concat([s, a], 1) as tf.Tensor2D;
      this.critics.forEach((q, i) => this.criticOpts[i]!.minimize(() => tf.losses.meanSquaredError(y, q.apply(x)) as tf.Scalar, false, q.vars));
      const e = tf.tensor2d(eps);
      // the temperature's step sees log π at the same draws as plain data (computed outside the actor's gradient tape)
      const entropyGap = tf.add(this.policy(s, e).logp, this.targetEntropy);
      this.actorOpt.minimize(() => {
        const p = this.policy(s, e);
        const xa = tf.concat([s, p.a], 1) as tf.Tensor2D;
        const q = tf.minimum(this.critics[0].apply(xa), this.critics[1].apply(xa));
        return tf.mean(tf.sub(tf.mul(alpha, p.logp), q)) as tf.Scalar;
      }, false, this.actor.vars);
      this.alphaOpt.minimize(() => tf.neg(tf.mean(tf.mul(this.logAlpha, entropyGap))) as tf.Scalar, false, [this.logAlpha]);
    });
    this.targets[0].softUpdate(this.critics[0], c.tau);
    this.targets[1].softUpdate(this.critics[1], c.tau);
  }

  policyWeights(): SacPolicy {
    return { actor: this.actor.weights(), alpha: this.alpha };
  }

  dispose(): void {
    [this.actor, ...this.critics, ...this.targets].forEach((n) => n.dispose());
    [this.actorOpt, ...this.criticOpts, this.alphaOpt].forEach((o) => o.dispose());
    this.logAlpha.dispose();
  }
}

/** The deterministic action of a saved SAC actor at a state (no agent, no critics). */
export function sacAction(policy: SacPolicy, state: readonly number[]): number[] {
  const net = Net.fromWeights(policy.actor);
  try {
    const k = policy.actor.spec.outputs / 2;
    return net.predict([[...state]])[0]!.slice(0, k).map(Math.tanh);
  } finally {
    net.dispose();
  }
}
