/**
 * The forecasting models on small known problems: ridge recovers a linear
 * law, the ELM family fits a nonlinear one better than ridge, the MLP
 * (TensorFlow.js CPU) learns, and every model is deterministic for a seed;
 * the ELM family's refit with more rows is the fit on all rows with the first
 * fit's random layers and standardisation.
 */
import { describe, expect, it } from 'vitest';
import { MODELS } from '../../../solver/forecast/models/index.ts';
import type { TrainSet } from '../../../solver/forecast/models/model.ts';
import { rngOf } from '../../../solver/forecast/random.ts';
import { errorMetrics } from '../../../solver/forecast/metrics.ts';
import { fitElm, standardisationOf } from '../../../solver/forecast/models/elm.ts';
import { fitDeepElm } from '../../../solver/forecast/models/deepElm.ts';

function dataset(n: number, seed: number, f: (x: number[]) => number): TrainSet {
  const rng = rngOf(seed);
  // 8 columns so that column 3 (LAG_WEEK) exists for the seasonal naive
  const X = Array.from({ length: n }, () => Array.from({ length: 8 }, () => 2 * rng.next() - 1));
  return { X, y: X.map(f) };
}
const linear = (x: number[]) => 2 * x[0]! - x[1]! + 0.5 * x[2]! + 3;
const nonlinear = (x: number[]) => x[0]! ** 2 + x[1]! * x[2]!;
const all = new Array(8).fill(true);
const mae = (m: { predict(X: number[][]): number[] }, s: TrainSet) => errorMetrics(s.y, m.predict(s.X), Infinity).mae;

describe('forecasting models', () => {
  it('seasonal naive returns the same-time-last-week column', () => {
    const s = dataset(5, 1, linear);
    expect(MODELS.naive.fit(s, null, all, {}, 1).predict(s.X)).toEqual(s.X.map((r) => r[3]));
  });

  it('ridge recovers a linear law', () => {
    const train = dataset(500, 1, linear), test = dataset(200, 2, linear);
    const m = MODELS.ridge.fit(train, null, all, { lambda: 1e-6 }, 1);
    expect(mae(m, test)).toBeLessThan(1e-6);
  });

  it('ridge picks λ on the validation split', () => {
    const train = dataset(300, 1, linear), val = dataset(100, 3, linear);
    const m = MODELS.ridge.fit(train, val, all, {}, 1);
    expect(m.chosen.lambda).toBe(1e-3); // noise-free: the least regularisation validates best
  });

  it.each(['elm', 'delm', 'mlp'] as const)('%s fits a nonlinear law better than ridge, and repeats itself for a seed', (id) => {
    const train = dataset(1500, 1, nonlinear), val = dataset(300, 3, nonlinear), test = dataset(300, 2, nonlinear);
    const r = mae(MODELS.ridge.fit(train, val, all, {}, 1), test);
    // noise-free data: little regularisation (the job's tuner picks λ on real data)
    const params = id === 'mlp' ? {} : { hidden: 200, lambda: 1e-3 };
    const a = MODELS[id].fit(train, val, all, params, 7), b = MODELS[id].fit(train, val, all, params, 7);
    expect(mae(a, test)).toBeLessThan(0.7 * r);
    expect(a.predict(test.X)).toEqual(b.predict(test.X));
    const c = MODELS[id].fit(train, val, all, params, 8);
    expect(c.predict(test.X)).not.toEqual(a.predict(test.X));
  }, 60_000);

  it('a mask hides columns from the learned models', () => {
    const train = dataset(400, 1, nonlinear), test = dataset(100, 2, nonlinear);
    const only7 = all.map((_, j) => j === 7); // a column the law does not use
    const m = MODELS.elm.fit(train, null, only7, { hidden: 20 }, 1);
    const spread = Math.max(...test.y) - Math.min(...test.y);
    expect(mae(m, test)).toBeGreaterThan(0.1 * spread);
    // changing the hidden columns changes nothing
    const moved = test.X.map((r) => r.map((v, j) => (j === 7 ? v : v + 5)));
    expect(m.predict(moved)).toEqual(m.predict(test.X));
  });
});

describe('refitting the ELM family with more rows', () => {
  it.each([['elm', fitElm], ['delm', fitDeepElm]] as const)('%s: refit(more) is the fit on all rows with the first fit\'s random layers and standardisation', (id, fitFn) => {
    const train = dataset(700, 1, nonlinear), more = dataset(150, 3, nonlinear), test = dataset(200, 2, nonlinear);
    const mask = all.map((_, j) => j !== 4);
    const first = MODELS[id].fit(train, null, mask, { hidden: 40, lambda: 0.1 }, 5);
    const refitted = first.refit!(more);
    const whole = { X: [...train.X, ...more.X], y: [...train.y, ...more.y] };
    const direct = fitFn(whole, mask, 40, 0.1, 5, standardisationOf(train, mask)).predict(test.X);
    const got = refitted.predict(test.X);
    expect(Math.max(...got.map((v, i) => Math.abs(v - direct[i]!)))).toBeLessThan(1e-9);
    // the added rows changed the model, and a fit from scratch on all rows (its own standardisation) is close but not the same
    expect(Math.max(...got.map((v, i) => Math.abs(v - first.predict(test.X)[i]!)))).toBeGreaterThan(1e-4);
    const scratch = MODELS[id].fit(whole, null, mask, { hidden: 40, lambda: 0.1 }, 5);
    expect(Math.abs(mae(refitted, test) - mae(scratch, test))).toBeLessThan(0.1 * mae(scratch, test));
    expect(refitted.chosen).toEqual(first.chosen);
  });
});
