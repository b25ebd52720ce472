/**
 * Extreme learning machine (Huang et al. 2006): a hidden layer of random
 * weights and biases that is never trained, and output weights by
 * regularised least squares, β = (HᵀH + λI)⁻¹Hᵀy. The hidden weights are
 * drawn from the seed; inputs and target are standardised on the training
 * rows.
 *
 * Refitting with more rows (`refit`, the rolling-origin evaluation's refit on
 * the whole training window) keeps the random layer and the standardisation
 * of the first fit — both are part of the fixed random feature map — so the
 * hidden activations of the rows already fitted stay what they were and only
 * the new rows' HᵀH and Hᵀy are added to the normal equations.
 */
import { columnsOf, dense, fitScaler, fitTarget, hiddenLayer, NormalEquations, outputOf, scaleRows, targetColumn, type Layer, type Scaler, type TargetScale } from '../linear.ts';
import { rngOf, type Rng } from '../random.ts';
import type { FittedModel, ForecastModel, TrainSet } from './model.ts';

export const ELM_DEFAULTS = { hidden: 100, lambda: 1 };

/**
 * A random layer: weights and biases uniform on [−1, 1] (inputs are
 * standardised). Drawn row by row of the (inputs + 1) × units matrix [W; b]
 * — the order every seed's weights have been drawn in — and stored one row
 * of input weights per unit, the layout `affine` reads.
 */
export function randomLayer(inputs: number, units: number, rng: Rng): Layer {
  const weights = dense(units, inputs), bias = new Float64Array(units);
  for (let k = 0; k <= inputs; k++)
    for (let j = 0; j < units; j++) {
      const v = 2 * rng.next() - 1;
      if (k < inputs) weights.data[j * inputs + k] = v;
      else bias[j] = v;
    }
  return { weights, bias };
}

/** How an ELM-family model standardises: its mask's input columns, and the target. */
export interface Standardisation {
  x: Scaler;
  y: TargetScale;
}

export const standardisationOf = (train: TrainSet, mask: readonly boolean[]): Standardisation => ({ x: fitScaler(train.X, columnsOf(mask)), y: fitTarget(train.y) });

/** An ELM fitted on `train` (with `std`, the first fit's standardisation, when refitting). */
export function fitElm(train: TrainSet, mask: readonly boolean[], hidden: number, lambda: number, seed: number, std = standardisationOf(train, mask)): FittedModel {
  const layer = randomLayer(std.x.cols.length, hidden, rngOf(seed));
  const features = (X: number[][]) => hiddenLayer(scaleRows(X, std.x), layer);
  const fitted = (ne: NormalEquations): FittedModel => {
    const beta = ne.solve(lambda);
    return {
      predict: (Z) => outputOf(features(Z), beta, std.y),
      info: { hidden, lambda, features: std.x.cols.length },
      chosen: { hidden, lambda },
      refit: (more) => fitted(ne.plus(features(more.X), targetColumn(more.y, std.y))),
    };
  };
  return fitted(NormalEquations.of(features(train.X), targetColumn(train.y, std.y)));
}

export const elm: ForecastModel = {
  id: 'elm',
  label: 'Extreme learning machine',
  baseline: false,
  fit: (train, _val, mask, params, seed) => fitElm(train, mask, params.hidden ?? ELM_DEFAULTS.hidden, params.lambda ?? ELM_DEFAULTS.lambda, seed),
};
