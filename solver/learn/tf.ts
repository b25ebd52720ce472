/**
 * TensorFlow.js on its pure-JavaScript CPU backend, set up once per thread
 * (as solver/forecast/models/mlp.ts does for the forecast MLP): no native
 * binaries, the same in Node worker threads, browser workers and CI, and
 * deterministic on this one backend (every kernel runs in a fixed order on
 * one thread).
 */
import * as tf from '@tensorflow/tfjs-core';
// a named import: a bare one is dropped by bundlers (the package's sideEffects list omits its Node entry)
import { version_cpu } from '@tensorflow/tfjs-backend-cpu';
// the gradient kernels: tfjs-layers registers them all when it loads (its Node bundle carries them; its
// ES build imports tfjs-core's register_all_gradients). Importing that file here directly breaks Node's
// own ES loader (tfjs-core's ES sources import a directory), i.e. the source-run Node worker.
import { version_layers } from '@tensorflow/tfjs-layers';

let ready = false;

export function cpuBackend(): typeof tf {
  void version_cpu;
  void version_layers;
  if (!ready) {
    // synchronous: the CPU backend initialises at once (setBackend's promise only reports it);
    // PROD silences tfjs's advice to install the native Node backend, which this app must not use
    tf.env().set('PROD', true);
    void tf.setBackend('cpu');
    ready = true;
  }
  return tf;
}

export { tf };
