/**
 * Federated actor-critic bidders (the seed paper's federated MARL in a
 * double-sided auction, MODELS.md §11):
 *
 * - every agent has a deterministic actor (local observation → bid action
 *   in [−1, 1]) and a critic Q(observation, action, market price signal):
 *   the critic sees the market price every agent observes, the actor only
 *   its own household (so a trained actor bids from local data);
 * - parameter sharing: all actors start from one set of weights and are
 *   periodically made equal again by federated averaging — every
 *   `federatedEvery` episodes the server averages the actors' weights
 *   (weighted by the transitions each trained on) and sends the average
 *   back. Only weights travel: each agent's transitions stay in its own
 *   replay buffer. Critics stay local.
 * - updates are DDPG's (Lillicrap et al. 2016): critic by TD regression on
 *   r + γ·Q′(s′, μ′(s′), p′) with target networks trailing by Polyak
 *   averaging, actor by ascending Q(s, μ(s), p). The default γ = 0 is the
 *   exact objective here: a bid does not move the household's physical
 *   state (the battery follows its own rule), so each quarter-hour is its own
 *   decision; γ > 0 is supported and uses the targets.
 * - exploration: Gaussian noise on the action, decaying linearly.
 */
import type { ActorCriticConfig } from './config.ts';
import { rngOf, type Rng } from '../forecast/random.ts';
import { tf } from './tf.ts';
import { Net, federatedAverage, type NetWeights } from './network.ts';
import { ReplayBuffer } from './replayBuffer.ts';
import { explore, linearDecay } from './noise.ts';

/** What the bidders need of a market: per-agent observations, rewards, which agents bid, and the price signal. */
export interface BidEnv {
  readonly agents: number;
  readonly obsWidth: number;
  reset(episode: number): number[][];
  priceSignal(): number;
  active(): boolean[];
  step(actions: readonly number[]): { obs: number[][]; rewards: number[]; done: boolean };
}

export interface BidderConfig extends ActorCriticConfig {
  /** gradient steps per agent per market step */
  updatesPerStep: number;
  /** market steps between an agent's updates (1: every step; the community uses more, since one tfjs update costs milliseconds) */
  updateEvery: number;
  /** episodes between federated averaging rounds (0: never) */
  federatedEvery: number;
}

export const BIDDER_DEFAULTS: BidderConfig = {
  hidden: [32, 32], actorLr: 1e-3, criticLr: 3e-3, gamma: 0, tau: 0.05, batch: 64, buffer: 20_000, warmup: 64,
  noiseFrom: 0.5, noiseTo: 0.05, noiseDecay: 200, updatesPerStep: 1, updateEvery: 1, federatedEvery: 5,
};

interface Agent {
  actor: Net;
  critic: Net;
  targetActor: Net;
  targetCritic: Net;
  buffer: ReplayBuffer;
  actorOpt: tf.Optimizer;
  criticOpt: tf.Optimizer;
  /** transitions trained on since the last averaging round */
  samples: number;
}

export interface EpisodeLog {
  episode: number;
  /** Σ over agents and steps of the reward */
  reward: number;
  /** mean actor output of the agents that bid, per side */
  meanBuyAction: number | null;
  meanSellAction: number | null;
  noise: number;
}

export class FederatedBidders {
  readonly config: BidderConfig;
  private readonly agents: Agent[];
  private readonly rng: Rng;
  private readonly sigma: (episode: number) => number;
  episode = 0;

  constructor(readonly env: BidEnv, config: Partial<BidderConfig>, seed: number, initial?: NetWeights) {
    this.config = { ...BIDDER_DEFAULTS, ...config };
    const c = this.config;
    this.rng = rngOf(seed);
    const initRng = rngOf(seed ^ 0x1eaf);
    // parameter sharing: one initial actor for everyone
    const shared = initial ? Net.fromWeights(initial) : Net.create({ inputs: env.obsWidth, hidden: c.hidden, outputs: 1, output: 'tanh' }, initRng);
    const widths = { obs: env.obsWidth, action: 1, reward: 1, price: 1, nextObs: env.obsWidth, nextPrice: 1, done: 1 };
    this.agents = Array.from({ length: env.agents }, () => {
      const actor = shared.clone();
      const critic = Net.create({ inputs: env.obsWidth + 2, hidden: c.hidden, outputs: 1, output: 'linear' }, initRng);
      return {
        actor, critic, targetActor: actor.clone(), targetCritic: critic.clone(),
        buffer: new ReplayBuffer(c.buffer, widths),
        actorOpt: tf.train.adam(c.actorLr), criticOpt: tf.train.adam(c.criticLr), samples: 0,
      };
    });
    shared.dispose();
    this.sigma = linearDecay(c.noiseFrom, c.noiseTo, c.noiseDecay);
  }

  /** The agents' actions for their observations (no noise: the policy itself). */
  act(obs: number[][]): number[] {
    return this.agents.map((a, i) => a.actor.predict([obs[i]!])[0]![0]!);
  }

  /** One training episode: act with exploration, store each agent's own transitions, update, and average the actors on schedule. */
  trainEpisode(): EpisodeLog {
    const env = this.env, c = this.config;
    const sigma = this.sigma(this.episode);
    let obs = env.reset(this.episode);
    let reward = 0, buys = 0, buySum = 0, sells = 0, sellSum = 0;
    for (let done = false, t = 0; !done; t++) {
      const learn = t % c.updateEvery === 0;
      const active = env.active();
      const price = env.priceSignal();
      const policy = this.act(obs);
      const actions = policy.map((a) => explore(a, this.rng, sigma));
      obs.forEach((o, i) => {
        if (!active[i]) return;
        if (o[2]! > 0) (buys++, (buySum += policy[i]!));
        else (sells++, (sellSum += policy[i]!));
      });
      const step = env.step(actions);
      const nextPrice = env.priceSignal();
      this.agents.forEach((a, i) => {
        if (!active[i]) return;
        a.buffer.add({ obs: obs[i]!, action: [actions[i]!], reward: [step.rewards[i]!], price: [price], nextObs: step.obs[i]!, nextPrice: [nextPrice], done: [step.done ? 1 : 0] });
        reward += step.rewards[i]!;
        if (learn && a.buffer.size >= c.warmup) for (let u = 0; u < c.updatesPerStep; u++) this.update(a);
      });
      obs = step.obs;
      done = step.done;
    }
    this.episode++;
    if (c.federatedEvery > 0 && this.episode % c.federatedEvery === 0) this.federate();
    return { episode: this.episode, reward, meanBuyAction: buys ? buySum / buys : null, meanSellAction: sells ? sellSum / sells : null, noise: sigma };
  }

  private update(a: Agent): void {
    const c = this.config;
    const batch = a.buffer.sample(c.batch, this.rng).columns;
    a.samples += c.batch;
    tf.tidy(() => {
      const s = tf.tensor2d(batch.obs!), act = tf.tensor2d(batch.action!), p = tf.tensor2d(batch.price!);
      let y = tf.tensor2d(batch.reward!);
      if (c.gamma > 0) {
        const s2 = tf.tensor2d(batch.nextObs!), p2 = tf.tensor2d(batch.nextPrice!), d = tf.tensor2d(batch.done!);
        const q2 = a.targetCritic.apply(tf.concat([s2, a.targetActor.apply(s2), p2], 1));
        y = tf.add(y, tf.mul(tf.mul(q2, tf.sub(1, d)), c.gamma));
      }
      a.criticOpt.minimize(() => tf.losses.meanSquaredError(y, a.critic.apply(tf.concat([s, act, p], 1))) as tf.Scalar, false, a.critic.vars);
      a.actorOpt.minimize(() => tf.neg(tf.mean(a.critic.apply(tf.concat([s, a.actor.apply(s), p], 1)))) as tf.Scalar, false, a.actor.vars);
    });
    a.targetCritic.softUpdate(a.critic, c.tau);
    a.targetActor.softUpdate(a.actor, c.tau);
  }

  /** One federated averaging round: the server sees weights and sample counts, nothing else. */
  federate(): void {
    const counts = this.agents.map((a) => a.samples);
    if (counts.every((n) => n === 0)) return;
    const avg = federatedAverage(this.agents.map((a) => a.actor.weights().weights), counts);
    for (const a of this.agents) {
      a.actor.setWeights(avg);
      a.targetActor.setWeights(avg);
      a.samples = 0;
    }
  }

  /** The policy a checkpoint taken now holds, without touching training: the sample-weighted average of the actors when federated, else agent 1's. */
  snapshot(): NetWeights {
    const first = this.agents[0]!.actor.weights();
    if (this.config.federatedEvery === 0) return first;
    const counts = this.agents.map((a) => a.samples);
    const weights = counts.every((n) => n === 0) ? counts.map(() => 1) : counts;
    return { spec: first.spec, weights: federatedAverage(this.agents.map((a) => a.actor.weights().weights), weights) };
  }

  /** The shared policy (after a final averaging round when federated): what a checkpoint stores. */
  policy(): NetWeights {
    if (this.config.federatedEvery > 0) this.federate();
    return this.agents[0]!.actor.weights();
  }

  dispose(): void {
    for (const a of this.agents) {
      [a.actor, a.critic, a.targetActor, a.targetCritic].forEach((n) => n.dispose());
      a.actorOpt.dispose();
      a.criticOpt.dispose();
    }
  }
}
