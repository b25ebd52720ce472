/**
 * The small fully connected networks of the learners, as plain TF.js
 * variables (tfjs-core), not tfjs-layers models: an agent's actor and
 * critic are a handful of weight matrices that are copied (target
 * networks), averaged (federated learning), saved as JSON and trained with
 * `optimizer.minimize` synchronously (job generators are synchronous; the
 * layers API's fit() is not). Kernels are Glorot-uniform from the seeded
 * generator, biases zero, so a network is a pure function of its spec and
 * seed.
 *
 * - actor: observation → action in [−1, 1]ᵏ (tanh output), a deterministic policy;
 * - critic: (observation, action, extra inputs) → Q, linear output.
 */
import { cpuBackend, tf } from './tf.ts';
import { permutation, type Rng } from '../forecast/random.ts';

export interface NetSpec {
  inputs: number;
  hidden: number[];
  outputs: number;
  /** tanh: an actor's bounded action; linear: a critic's value */
  output: 'tanh' | 'linear';
}

/** Weights as plain numbers (row-major kernels, then biases, layer by layer): what checkpoints store. */
export interface NetWeights {
  spec: NetSpec;
  weights: number[][];
}

export class Net {
  readonly vars: tf.Variable[];
  private constructor(readonly spec: NetSpec, vars: tf.Variable[]) {
    this.vars = vars;
  }

  static create(spec: NetSpec, rng: Rng): Net {
    cpuBackend();
    const sizes = [spec.inputs, ...spec.hidden, spec.outputs];
    const vars: tf.Variable[] = [];
    for (let l = 0; l + 1 < sizes.length; l++) {
      const fanIn = sizes[l]!, fanOut = sizes[l + 1]!;
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      const kernel = Array.from({ length: fanIn * fanOut }, () => (2 * rng.next() - 1) * limit);
      vars.push(tf.variable(tf.tensor2d(kernel, [fanIn, fanOut]), true));
      vars.push(tf.variable(tf.zeros([fanOut]), true));
    }
    return new Net(spec, vars);
  }

  static fromWeights(w: NetWeights): Net {
    cpuBackend();
    const sizes = [w.spec.inputs, ...w.spec.hidden, w.spec.outputs];
    const vars: tf.Variable[] = [];
    for (let l = 0; l + 1 < sizes.length; l++) {
      const k = w.weights[2 * l], b = w.weights[2 * l + 1];
      if (!k || k.length !== sizes[l]! * sizes[l + 1]! || !b || b.length !== sizes[l + 1]!) throw new RangeError(`saved weights of layer ${l + 1} do not fit a ${sizes.join('-')} network`);
      vars.push(tf.variable(tf.tensor2d(k, [sizes[l]!, sizes[l + 1]!]), true));
      vars.push(tf.variable(tf.tensor1d(b), true));
    }
    return new Net(w.spec, vars);
  }

  /** Forward pass on a batch [n × inputs] (ReLU hidden layers). Call inside tf.tidy or a minimize closure. */
  apply(x: tf.Tensor2D): tf.Tensor2D {
    let h: tf.Tensor2D = x;
    const layers = this.vars.length / 2;
    for (let l = 0; l < layers; l++) {
      h = tf.add(tf.matMul(h, this.vars[2 * l] as tf.Tensor2D), this.vars[2 * l + 1]!) as tf.Tensor2D;
      if (l + 1 < layers) h = tf.relu(h);
      else if (this.spec.output === 'tanh') h = tf.tanh(h);
    }
    return h;
  }

  /** Outputs for plain rows, as numbers. */
  predict(rows: number[][]): number[][] {
    return tf.tidy(() => {
      const out = this.apply(tf.tensor2d(rows, [rows.length, this.spec.inputs]));
      const flat = out.dataSync();
      return rows.map((_, i) => Array.from(flat.subarray(i * this.spec.outputs, (i + 1) * this.spec.outputs)));
    });
  }

  weights(): NetWeights {
    return { spec: this.spec, weights: this.vars.map((v) => Array.from(v.dataSync())) };
  }

  setWeights(weights: number[][]): void {
    tf.tidy(() => this.vars.forEach((v, i) => v.assign(tf.tensor(weights[i]!, v.shape))));
  }

  /** θ ← θ_source (a target network's initial copy). */
  copyFrom(source: Net): void {
    tf.tidy(() => this.vars.forEach((v, i) => v.assign(source.vars[i]!)));
  }

  /** Polyak averaging θ ← τ·θ_source + (1 − τ)·θ: how target networks trail the trained ones. */
  softUpdate(source: Net, tau: number): void {
    tf.tidy(() => this.vars.forEach((v, i) => v.assign(tf.add(tf.mul(source.vars[i]!, tau), tf.mul(v, 1 - tau)))));
  }

  clone(): Net {
    return Net.fromWeights(this.weights());
  }

  dispose(): void {
    this.vars.forEach((v) => v.dispose());
  }
}

/**
 * Federated averaging (McMahan et al. 2017): the element-wise average of
 * the clients' weights, each weighted by how many samples it trained on.
 * Only weights travel to the averaging server; transitions stay with their
 * agent.
 */
export function federatedAverage(clients: readonly number[][][], samples: readonly number[]): number[][] {
  const total = samples.reduce((a, b) => a + b, 0);
  const share = total > 0 ? samples.map((s) => s / total) : samples.map(() => 1 / samples.length);
  return clients[0]!.map((layer, l) => layer.map((_, j) => clients.reduce((acc, c, i) => acc + share[i]! * c[l]![j]!, 0)));
}

/**
 * Supervised fit of `net` to rows `xs` → targets `ys` by Adam on the mean
 * squared error, shuffled mini-batches drawn from `rng` (the DLMP surrogate,
 * the community-design chooser). Returns the training loss of every epoch
 * (the batches' losses weighted by their sizes).
 */
export function fitMse(net: Net, xs: readonly number[][], ys: readonly number[][], c: { learningRate: number; epochs: number; batch: number }, rng: Rng): number[] {
  const n = xs.length, inputs = net.spec.inputs, outputs = net.spec.outputs;
  const opt = tf.train.adam(c.learningRate);
  const losses: number[] = [];
  try {
    for (let e = 0; e < c.epochs; e++) {
      const order = permutation(n, rng);
      let sum = 0;
      for (let b = 0; b < n; b += c.batch) {
        const idx = order.slice(b, b + c.batch);
        sum += tf.tidy(() => {
          const x = tf.tensor2d(idx.map((i) => xs[i]! as number[]), [idx.length, inputs]), y = tf.tensor2d(idx.map((i) => ys[i]! as number[]), [idx.length, outputs]);
          const l = opt.minimize(() => tf.losses.meanSquaredError(y, net.apply(x)) as tf.Scalar, true, net.vars);
          return l!.dataSync()[0]! * idx.length;
        });
      }
      losses.push(sum / n);
    }
  } finally {
    opt.dispose();
  }
  return losses;
}
