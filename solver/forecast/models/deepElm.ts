/**
 * Deep extreme learning machine: stacked ELM autoencoders (the ML-ELM of
 * Kasun et al. 2013) and an ELM regression on top. Each autoencoder draws a
 * random hidden layer H = g([X | 1] W), learns output weights β that
 * reconstruct its input from H by regularised least squares (HᵀH + λI)β =
 * HᵀX, and passes on g(X βᵀ): the input projected on the learned weights,
 * so the representation is learned, not random. No backpropagation anywhere.
 */
import { column, fitScaler, fitTarget, mul, ridgeSolve, scaleRows, sigmoidInPlace, transpose, type Dense } from '../linear.ts';
import { selectColumns } from '../features.ts';
import { rngOf } from '../random.ts';
import { hiddenOf, randomLayer } from './elm.ts';
import type { ForecastModel } from './model.ts';

/** Autoencoder widths, as multiples of the input width (wider than the input: a sparse-ish expansion). */
export const DELM_LAYERS = 2;
export const DELM_DEFAULTS = { hidden: 60, lambda: 1 };

export const deepElm: ForecastModel = {
  id: 'delm',
  label: 'Deep ELM (stacked ELM autoencoders)',
  baseline: false,
  fit(train, _val, mask, params, seed) {
    const hidden = params.hidden ?? DELM_DEFAULTS.hidden, lambda = params.lambda ?? DELM_DEFAULTS.lambda;
    const rng = rngOf(seed);
    const X0 = selectColumns(train.X, mask);
    const sx = fitScaler(X0), sy = fitTarget(train.y);
    // each layer: β (hidden × width) maps the representation; the next is g(X βᵀ)
    const encoders: Dense[] = [];
    let R = scaleRows(X0, sx);
    for (let l = 0; l < DELM_LAYERS; l++) {
      const H = hiddenOf(R, randomLayer(R.cols, hidden, rng));
      const beta = ridgeSolve(H, R, lambda);
      encoders.push(transpose(beta));
      R = sigmoidInPlace(mul(R, encoders[l]!));
    }
    const Wout = randomLayer(R.cols, hidden, rng);
    const out = ridgeSolve(hiddenOf(R, Wout), column(train.y.map((v) => (v - sy.mean) / sy.std)), lambda);
    const encode = (Z: number[][]) => encoders.reduce((M, E) => sigmoidInPlace(mul(M, E)), scaleRows(selectColumns(Z, mask), sx));
    return {
      predict: (Z) => Array.from(mul(hiddenOf(encode(Z), Wout), out).data, (v) => v * sy.std + sy.mean),
      info: { layers: DELM_LAYERS, hidden, lambda, features: mask.filter(Boolean).length },
      chosen: { hidden, lambda },
    };
  },
};
