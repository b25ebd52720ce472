/**
 * Feature selection and hyper-parameter tuning by the metaheuristics, on the
 * fit/validation split inside the training window only (the caller passes
 * nothing else). The wrapper model is a small ELM on a subsample of the fit
 * rows, so that a search of a few hundred evaluations takes seconds.
 *
 * - grasshopper (MOGOA): the Pareto front of validation MAE vs feature count;
 *   the chosen mask is the front's lowest-error member. As in binary
 *   grasshopper variants, a position becomes a mask through an S-shaped
 *   transfer (feature j is used with probability 1/(1 + e^(−10(x_j − ½))),
 *   seeded): MOGOA's swarm contracts onto its archive targets, and a plain
 *   threshold would then try only a handful of masks.
 * - coyote (opposition-based COA): one objective, validation MAE with a
 *   small penalty per feature (2 % of the error for using all of them).
 * - chicken swarm: the ELM's hidden units and log10 λ, on the chosen mask.
 */
import { elm } from './models/elm.ts';
import { errorMetrics } from './metrics.ts';
import type { TrainSet } from './models/model.ts';
import { mogoa } from './metaheuristics/grasshopper.ts';
import { coyoteMinimize } from './metaheuristics/coyote.ts';
import { chickenMinimize } from './metaheuristics/chickenSwarm.ts';
import { cube, maskOf } from './metaheuristics/problem.ts';
import { rngOf } from './random.ts';

export const WRAPPER = { hidden: 30, lambda: 1, maxRows: 2000 };
/** the tuner's ELM sees at most this many fit rows (its cost grows with rows × hidden²) */
export const TUNING_ROWS = 1500;

export interface SearchEffort {
  population: number;
  iterations: number;
}

export interface FrontPoint {
  error: number;
  features: number;
  mask: boolean[];
}

export interface SelectionResult {
  method: 'grasshopper' | 'coyote' | 'none';
  mask: boolean[];
  /** validation MAE of the wrapper with the chosen mask */
  error: number;
  /** best validation MAE after each iteration (convergence) */
  history: number[];
  /** grasshopper: the non-dominated (error, feature count) pairs */
  front: FrontPoint[];
  evaluations: number;
}

export interface TuningResult {
  method: 'chicken' | 'none';
  hidden: number;
  lambda: number;
  error: number;
  history: number[];
  evaluations: number;
}

/** Every k-th row so that at most `max` remain (deterministic). */
export function thin(s: TrainSet, max: number): TrainSet {
  const k = Math.max(1, Math.ceil(s.y.length / max));
  return { X: s.X.filter((_, i) => i % k === 0), y: s.y.filter((_, i) => i % k === 0) };
}

function wrapperError(fit: TrainSet, val: TrainSet, mask: boolean[], hidden: number, lambda: number, seed: number): number {
  const m = elm.fit(fit, null, mask, { hidden, lambda }, seed);
  return errorMetrics(val.y, m.predict(val.X), Infinity).mae;
}

export function selectFeatures(method: SelectionResult['method'], fitAll: TrainSet, val: TrainSet, d: number, effort: SearchEffort, seed: number, onIteration?: (i: number) => void): SelectionResult {
  const fit = thin(fitAll, WRAPPER.maxRows);
  const cache = new Map<string, number>();
  const err = (mask: boolean[]) => {
    const key = mask.map((b) => (b ? 1 : 0)).join('');
    let e = cache.get(key);
    if (e === undefined) cache.set(key, (e = wrapperError(fit, val, mask, WRAPPER.hidden, WRAPPER.lambda, seed)));
    return e;
  };
  const all = new Array<boolean>(d).fill(true);
  if (method === 'none') return { method, mask: all, error: err(all), history: [], front: [], evaluations: 1 };
  if (method === 'coyote') {
    const r = coyoteMinimize((x) => { const m = maskOf(x); return err(m) * (1 + (0.02 * m.filter(Boolean).length) / d); }, cube(d, 0, 1), { ...effort, seed, onIteration });
    const mask = maskOf(r.best);
    return { method, mask, error: err(mask), history: r.history, front: [], evaluations: cache.size };
  }
  const history: number[] = [];
  const transfer = rngOf(seed + 7);
  const masks = new WeakMap<number[], boolean[]>();
  const binary = (x: number[]) => {
    const m = x.map((v) => transfer.next() < 1 / (1 + Math.exp(-10 * (v - 0.5))));
    if (!m.some(Boolean)) m[x.indexOf(Math.max(...x))] = true;
    masks.set(x, m);
    return m;
  };
  const r = mogoa((x) => { const m = binary(x); return [err(m), m.filter(Boolean).length]; }, cube(d, 0, 1), {
    ...effort,
    seed,
    onIteration: (i, archive) => {
      history.push(Math.min(...archive.map((a) => a.f[0])));
      onIteration?.(i);
    },
  });
  // one point per feature count (several x can share a mask)
  const front = new Map<number, FrontPoint>();
  for (const p of r.archive) {
    const mask = masks.get(p.x)!, k = mask.filter(Boolean).length;
    if (!front.has(k) || front.get(k)!.error > p.f[0]) front.set(k, { error: p.f[0], features: k, mask });
  }
  const points = [...front.values()].sort((a, b) => a.features - b.features);
  const chosen = points.reduce((a, b) => (b.error < a.error ? b : a));
  return { method, mask: chosen.mask, error: chosen.error, history, front: points, evaluations: cache.size };
}

export const TUNING_BOX = { hidden: [10, 200] as const, log10Lambda: [-3, 3] as const };

export function tuneElm(method: TuningResult['method'], fitAll: TrainSet, val: TrainSet, mask: boolean[], defaults: { hidden: number; lambda: number }, effort: SearchEffort, seed: number, onIteration?: (i: number) => void): TuningResult {
  const fit = thin(fitAll, TUNING_ROWS);
  if (method === 'none') return { method, ...defaults, error: wrapperError(fit, val, mask, defaults.hidden, defaults.lambda, seed), history: [], evaluations: 1 };
  const decode = (x: number[]) => ({ hidden: Math.round(x[0]!), lambda: 10 ** x[1]! });
  const r = chickenMinimize((x) => { const p = decode(x); return wrapperError(fit, val, mask, p.hidden, p.lambda, seed); }, { lower: [TUNING_BOX.hidden[0], TUNING_BOX.log10Lambda[0]], upper: [TUNING_BOX.hidden[1], TUNING_BOX.log10Lambda[1]] }, { ...effort, seed, onIteration });
  return { method, ...decode(r.best), error: r.value, history: r.history, evaluations: r.evaluations };
}
