/**
 * Extreme learning machine (Huang et al. 2006): a hidden layer of random
 * weights and biases that is never trained, and output weights by
 * regularised least squares, β = (HᵀH + λI)⁻¹Hᵀy. The hidden weights are
 * drawn from the seed; inputs are standardised on the training rows.
 */
import { column, dense, mul, fitScaler, fitTarget, hiddenLayer, ridgeSolve, scaleRows, type Dense } from '../linear.ts';
import { selectColumns } from '../features.ts';
import { rngOf, type Rng } from '../random.ts';
import type { ForecastModel } from './model.ts';

export const ELM_DEFAULTS = { hidden: 100, lambda: 1 };

/** A random layer: weights and biases uniform on [−1, 1] (inputs are standardised); the last row is the bias. */
export function randomLayer(inputs: number, units: number, rng: Rng): Dense {
  return dense(inputs + 1, units, Float64Array.from({ length: (inputs + 1) * units }, () => 2 * rng.next() - 1));
}

/** The hidden activations g([X | 1] W). */
export const hiddenOf = hiddenLayer;

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
      predict: (Z) => Array.from(mul(hiddenOf(scaleRows(selectColumns(Z, mask), sx), W), beta).data, (v) => v * sy.std + sy.mean),
      info: { hidden, lambda, features: mask.filter(Boolean).length },
      chosen: { hidden, lambda },
    };
  },
};
