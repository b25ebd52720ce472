/**
 * The learned chooser ("ET-ANN"): a small TF.js network (network.ts, on
 * the pure-JS CPU backend, weights from our seeded generator) maps a
 * population's features (features.ts, standardised by the training set's
 * mean and spread) to a score per design choice; the pick is the highest
 * score.
 *
 * Labels come from the exhaustive oracle (choices.ts) on generated
 * populations: for each population the target of choice c is its welfare
 * relative to that population's best and worst, (w_c − w_best) /
 * (w_best − w_worst) ∈ [−1, 0] (0 for every choice that ties the best). A
 * score per choice rather than one class label: with a few dozen training
 * populations and ~50 choices, most classes would have no example, and
 * ties (choices with the same partition and outcome) would be arbitrary;
 * learning the whole welfare profile keeps that information, and the
 * argmax is the chooser's pick.
 */
import { rngOf } from '../../forecast/random.ts';
import { Net, fitMse, type NetWeights } from '../network.ts';

export interface ChooserConfig {
  hidden: number[];
  learningRate: number;
  epochs: number;
  batch: number;
}

export interface ChooserModel {
  net: NetWeights;
  /** feature standardisation of the training set */
  mean: number[];
  scale: number[];
}

/** Targets of one population: welfare relative to its best and worst choice. */
export function relativeWelfare(welfare: readonly number[]): number[] {
  const best = Math.max(...welfare), worst = Math.min(...welfare);
  const span = best - worst;
  return welfare.map((w) => (span > 1e-12 ? (w - best) / span : 0));
}

export function trainChooser(features: readonly number[][], welfare: readonly number[][], c: ChooserConfig, seed: number): { model: ChooserModel; losses: number[] } {
  const n = features.length, F = features[0]!.length, K = welfare[0]!.length;
  const mean = Array.from({ length: F }, (_, j) => features.reduce((s, x) => s + x[j]!, 0) / n);
  const scale = Array.from({ length: F }, (_, j) => Math.sqrt(features.reduce((s, x) => s + (x[j]! - mean[j]!) ** 2, 0) / n) || 1);
  const xs = features.map((x) => x.map((v, j) => (v - mean[j]!) / scale[j]!));
  const ys = welfare.map(relativeWelfare);
  const rng = rngOf(seed);
  const net = Net.create({ inputs: F, hidden: c.hidden, outputs: K, output: 'linear' }, rng);
  const losses = fitMse(net, xs, ys, c, rng);
  const model = { net: net.weights(), mean, scale };
  net.dispose();
  return { model, losses };
}

/** Scores per choice for each population's features. */
export function scoreChoices(model: ChooserModel, features: readonly number[][]): number[][] {
  const net = Net.fromWeights(model.net);
  try {
    return net.predict(features.map((x) => x.map((v, j) => (v - model.mean[j]!) / model.scale[j]!)));
  } finally {
    net.dispose();
  }
}

export function pick(scores: readonly number[]): number {
  let b = 0;
  scores.forEach((s, i) => { if (s > scores[b]!) b = i; });
  return b;
}
