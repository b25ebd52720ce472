/**
 * The deep model: a multilayer perceptron (fully connected, ReLU, two hidden
 * layers) built and trained with TensorFlow.js on its pure-JavaScript CPU
 * backend (no native binaries, runs in Node worker threads and browser
 * workers). It is an MLP trained by backpropagation with Adam — not a deep
 * belief network, which would need layer-wise RBM pre-training; the docs say
 * so. Deterministic: the initialisers are seeded and the mini-batch order
 * comes from the seed (pure-rand), on one thread.
 *
 * Training is synchronous (optimizer.minimize, layer.apply), because job
 * generators are: tfjs-layers' fit() is asynchronous.
 */
import * as tf from '@tensorflow/tfjs-core';
// a named import: a bare one is dropped by bundlers (the package's sideEffects list omits its Node entry)
import { version_cpu } from '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { fitScaler, fitTarget } from '../linear.ts';
import { selectColumns } from '../features.ts';
import { permutation, rngOf } from '../random.ts';
import type { ForecastModel } from './model.ts';

export const MLP_DEFAULTS = { layers: [32, 16], epochs: 40, batch: 128, learningRate: 0.005, patience: 5 };

let backendReady = false;
function cpuBackend(): void {
  void version_cpu;
  if (backendReady) return;
  // synchronous: the CPU backend initialises at once (setBackend's promise only reports it);
  // PROD silences tfjs's console advice to install the native Node backend, which this app must not use
  tf.env().set('PROD', true);
  void tf.setBackend('cpu');
  backendReady = true;
}

function buildNet(inputs: number, seed: number): tfl.Sequential {
  const net = tfl.sequential();
  MLP_DEFAULTS.layers.forEach((units, i) =>
    net.add(tfl.layers.dense({ units, activation: 'relu', ...(i === 0 ? { inputShape: [inputs] } : {}), kernelInitializer: tfl.initializers.heNormal({ seed: seed + i }), biasInitializer: 'zeros' })),
  );
  net.add(tfl.layers.dense({ units: 1, kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + 99 }) }));
  return net;
}

const scaled = (X: number[][], s: { mean: number[]; std: number[] }) => X.map((r) => r.map((v, j) => (v - s.mean[j]!) / s.std[j]!));

export const mlp: ForecastModel = {
  id: 'mlp',
  label: 'Deep network: MLP 32-16 (TensorFlow.js, CPU)',
  baseline: false,
  fit(train, val, mask, params, seed) {
    cpuBackend();
    const X = selectColumns(train.X, mask);
    const sx = fitScaler(X), sy = fitTarget(train.y);
    const n = X.length, d = X[0]?.length ?? 0;
    const xs = tf.tensor2d(scaled(X, sx), [n, d]);
    const ys = tf.tensor2d(train.y.map((v) => [(v - sy.mean) / sy.std]), [n, 1]);
    const vx = val && val.y.length > 0 ? tf.tensor2d(scaled(selectColumns(val.X, mask), sx), [val.y.length, d]) : null;
    const vy = val && vx ? tf.tensor2d(val.y.map((v) => [(v - sy.mean) / sy.std]), [val.y.length, 1]) : null;
    const net = buildNet(d, seed);
    const optimizer = tf.train.adam(MLP_DEFAULTS.learningRate);
    const rng = rngOf(seed);
    const vars = net.trainableWeights.map((w) => w.read() as tf.Variable);
    const maxEpochs = params.epochs ?? MLP_DEFAULTS.epochs;
    let best = Infinity, bestEpoch = maxEpochs, bestWeights: tf.Tensor[] | null = null, stale = 0, epochs = 0;
    for (let e = 1; e <= maxEpochs; e++) {
      const order = permutation(n, rng);
      for (let b = 0; b < n; b += MLP_DEFAULTS.batch) {
        const idx = tf.tensor1d(order.slice(b, b + MLP_DEFAULTS.batch), 'int32');
        tf.tidy(() => {
          const bx = tf.gather(xs, idx), by = tf.gather(ys, idx);
          optimizer.minimize(() => tf.losses.meanSquaredError(by, net.apply(bx) as tf.Tensor) as tf.Scalar, false, vars);
        });
        idx.dispose();
      }
      epochs = e;
      if (vx && vy) {
        const loss = tf.tidy(() => tf.losses.absoluteDifference(vy, net.apply(vx) as tf.Tensor).dataSync()[0]!);
        if (loss < best - 1e-6) {
          best = loss;
          bestEpoch = e;
          bestWeights?.forEach((t) => t.dispose());
          bestWeights = vars.map((v) => v.clone());
          stale = 0;
        } else if (++stale >= MLP_DEFAULTS.patience) break;
      }
    }
    if (bestWeights) {
      vars.forEach((v, i) => v.assign(bestWeights![i]!));
      bestWeights.forEach((t) => t.dispose());
    }
    tf.dispose([xs, ys, ...(vx ? [vx] : []), ...(vy ? [vy] : [])]);
    optimizer.dispose();
    return {
      predict: (Z) =>
        tf.tidy(() => {
          const out = net.apply(tf.tensor2d(scaled(selectColumns(Z, mask), sx), [Z.length, d])) as tf.Tensor;
          return Array.from(out.dataSync(), (v) => v * sy.std + sy.mean);
        }),
      info: { architecture: `MLP ${d}-${MLP_DEFAULTS.layers.join('-')}-1, ReLU, Adam`, epochs: vx ? bestEpoch : epochs, trainedEpochs: epochs, features: d },
      chosen: { epochs: vx ? bestEpoch : epochs },
    };
  },
};

