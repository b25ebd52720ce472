/**
 * Deep extreme learning machine: stacked ELM autoencoders (the ML-ELM of
 * Kasun et al. 2013) and an ELM regression on top. Each autoencoder draws a
 * random hidden layer H = g([X | 1] W), learns output weights β that
 * reconstruct its input from H by regularised least squares (HᵀH + λI)β =
 * HᵀX, and passes on g(X βᵀ): the input projected on the learned weights,
 * so the representation is learned, not random. No backpropagation anywhere.
 *
 * Refitting with more rows (`refit`) keeps the random layers and the first
 * fit's standardisation (as the ELM does, elm.ts): the first autoencoder's
 * normal equations then only gain the new rows; every later layer is solved
 * again on all rows, because its input changes with the layer below.
 */
import { affine, hiddenLayer, NormalEquations, outputOf, scaleRows, sigmoidInPlace, stack, targetColumn, type Dense } from '../linear.ts';
import { rngOf } from '../random.ts';
import { randomLayer, standardisationOf } from './elm.ts';
import type { FittedModel, ForecastModel, TrainSet } from './model.ts';

/** Stacked autoencoders, each of `hidden` units (the regression on top has as many). */
export const DELM_LAYERS = 2;
export const DELM_DEFAULTS = { hidden: 60, lambda: 1 };

/** A deep ELM fitted on `train` (with `std`, the first fit's standardisation, when refitting). */
export function fitDeepElm(train: TrainSet, mask: readonly boolean[], hidden: number, lambda: number, seed: number, std = standardisationOf(train, mask)): FittedModel {
  const rng = rngOf(seed);
  // drawn in the order they are used: each autoencoder's hidden layer, then the regression's
  const random = Array.from({ length: DELM_LAYERS + 1 }, (_, l) => randomLayer(l === 0 ? std.x.cols.length : hidden, hidden, rng));
  const top = random[DELM_LAYERS]!;
  const input = (X: number[][]) => scaleRows(X, std.x);
  /** R0: every training row's standardised input; first: the first autoencoder's normal equations over them; Y: the standardised targets */
  const fitted = (R0: Dense, first: NormalEquations, Y: Dense): FittedModel => {
    // each autoencoder's β (hidden × its input width): the next representation is g(R βᵀ)
    const encoders: Dense[] = [];
    let R = R0;
    for (let l = 0; l < DELM_LAYERS; l++) {
      const ne = l === 0 ? first : NormalEquations.of(hiddenLayer(R, random[l]!), R);
      encoders.push(ne.solve(lambda));
      R = sigmoidInPlace(affine(R, encoders[l]!));
    }
    const out = NormalEquations.of(hiddenLayer(R, top), Y).solve(lambda);
    const encode = (Z: number[][]) => encoders.reduce((M, E) => sigmoidInPlace(affine(M, E)), input(Z));
    return {
      predict: (Z) => outputOf(hiddenLayer(encode(Z), top), out, std.y),
      info: { layers: DELM_LAYERS, hidden, lambda, features: std.x.cols.length },
      chosen: { hidden, lambda },
      refit: (more) => {
        const Rm = input(more.X);
        return fitted(stack(R0, Rm), first.plus(hiddenLayer(Rm, random[0]!), Rm), stack(Y, targetColumn(more.y, std.y)));
      },
    };
  };
  const R0 = input(train.X);
  return fitted(R0, NormalEquations.of(hiddenLayer(R0, random[0]!), R0), targetColumn(train.y, std.y));
}

export const deepElm: ForecastModel = {
  id: 'delm',
  label: 'Deep ELM (stacked ELM autoencoders)',
  baseline: false,
  fit: (train, _val, mask, params, seed) => fitDeepElm(train, mask, params.hidden ?? DELM_DEFAULTS.hidden, params.lambda ?? DELM_DEFAULTS.lambda, seed),
};
