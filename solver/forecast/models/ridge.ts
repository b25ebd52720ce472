/**
 * Ridge regression on the lag and calendar features (the second baseline):
 * standardised inputs, centred target, λ from a small grid chosen on the
 * validation split inside the training window when one is given.
 */
import { fitScaler, fitTarget, outputOf, ridgeSolve, scaleRows, targetColumn } from '../linear.ts';
import { selectColumns } from '../features.ts';
import type { FittedModel, ForecastModel, TrainSet } from './model.ts';

const LAMBDAS = [1e-3, 1e-2, 1e-1, 1, 10, 100, 1000];

function fitRidge(train: TrainSet, lambda: number): (X: number[][]) => number[] {
  const sx = fitScaler(train.X), sy = fitTarget(train.y);
  const beta = ridgeSolve(scaleRows(train.X, sx), targetColumn(train.y, sy), lambda);
  return (X) => outputOf(scaleRows(X, sx), beta, sy);
}

const mae = (a: number[], b: number[]) => a.reduce((s, v, i) => s + Math.abs(v - b[i]!), 0) / Math.max(1, a.length);

export const ridge: ForecastModel = {
  id: 'ridge',
  label: 'Ridge regression (lags + calendar)',
  baseline: true,
  fit(train, val, mask, params): FittedModel {
    const tr = { X: selectColumns(train.X, mask), y: train.y };
    let lambda = params.lambda;
    if (lambda === undefined) {
      if (val && val.y.length > 0) {
        const vx = selectColumns(val.X, mask);
        const scored = LAMBDAS.map((l) => ({ l, e: mae(fitRidge(tr, l)(vx), val.y) }));
        lambda = scored.reduce((a, b) => (b.e < a.e ? b : a)).l;
      } else lambda = 1;
    }
    const f = fitRidge(tr, lambda);
    return { predict: (X) => f(selectColumns(X, mask)), info: { lambda, features: mask.filter(Boolean).length }, chosen: { lambda } };
  },
};
