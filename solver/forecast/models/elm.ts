/**
 * Extreme learning machine (Huang et al. 2006): a hidden layer of random
 * weights and biases that is never trained, and output weights by
 * regularised least squares, β = (HᵀH + λI)⁻¹Hᵀy. The hidden weights are
 * drawn from the seed; inputs are standardised on the training rows.
 */
import { Matrix } from 'ml-matrix';
import { column, fitScaler, fitTarget, ridgeSolve, scaleRows, withBias } from '../linear.ts';
import { selectColumns } from '../features.ts';
import { rngOf, type Rng } from '../random.ts';
import type { ForecastModel } from './model.ts';

export const ELM_DEFAULTS = { hidden: 100, lambda: 1 };

/** A random layer: weights and biases uniform on [−1, 1] (inputs are standardised). */
export function randomLayer(inputs: number, units: number, rng: Rng): Matrix {
  // the last row is the bias, applied through withBias
  return Matrix.from1DArray(inputs + 1, units, Array.from({ length: (inputs + 1) * units }, () => 2 * rng.next() - 1));
}

/** The logistic function, in place. */
export function sigmoid(M: Matrix): Matrix {
  for (let i = 0; i < M.rows; i++) for (let j = 0; j < M.columns; j++) M.set(i, j, 1 / (1 + Math.exp(-M.get(i, j))));
  return M;
}

/** The hidden activations g([X | 1] W). */
export const hiddenOf = (X: Matrix, W: Matrix): Matrix => sigmoid(withBias(X).mmul(W));

export const elm: ForecastModel = {
  id: 'elm',
  label: 'Extreme learning machine',
  baseline: false,
  fit(train, _val, mask, params, seed) {
    const hidden = params.hidden ?? ELM_DEFAULTS.hidden, lambda = params.lambda ?? ELM_DEFAULTS.lambda;
    const X = selectColumns(train.X, mask);
    const sx = fitScaler(X), sy = fitTarget(train.y);
    const W = randomLayer(X[0]?.length ?? 0, hidden, rngOf(seed));
    const beta = ridgeSolve(hiddenOf(scaleRows(X, sx), W), column(train.y.map((v) => (v - sy.mean) / sy.std)), lambda);
    return {
      predict: (Z) => hiddenOf(scaleRows(selectColumns(Z, mask), sx), W).mmul(beta).to1DArray().map((v) => v * sy.std + sy.mean),
      info: { hidden, lambda, features: mask.filter(Boolean).length },
      chosen: { hidden, lambda },
    };
  },
};
