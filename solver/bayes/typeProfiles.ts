/**
 * The opponents' type profiles over which expected utilities are taken: every
 * profile (exact enumeration) when there are few, otherwise one fixed sample
 * drawn once from a seeded generator and reused for every player, iteration,
 * candidate action and for the certificate (common random numbers), so that
 * all of them compare utilities of the same game.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { typeCount, type BayesianGame } from './game.ts';
import type { ExpectationMethod, OpponentProfiles, TypeProfiles } from './opponentProfiles.ts';

export type { ExpectationMethod, OpponentProfiles, TypeProfiles } from './opponentProfiles.ts';

export interface TypeProfileOptions {
  /** enumerate exactly when every player faces at most this many opponent profiles */
  maxExactProfiles: number;
  /** profiles drawn otherwise */
  sampleSize: number;
  seed: number;
}

export const defaultTypeProfileOptions: TypeProfileOptions = { maxExactProfiles: 100_000, sampleSize: 512, seed: 1 };

function normalised(weights: readonly number[]): Float64Array {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (!(sum > 0) || weights.some((w) => !(w >= 0))) throw new Error('prior weights must be non-negative with a positive sum');
  return Float64Array.from(weights, (w) => w / sum);
}

/** Number of opponent type profiles player i would enumerate. */
function opponentProfileCount(game: BayesianGame, i: number): number {
  if (game.jointPrior) return game.jointPrior.profiles.length;
  return game.players.reduce((n, p, j) => (j === i ? n : n * typeCount(p)), 1);
}

/** Whole type profiles (every player's type) with probabilities: what outcome reports average over. */
export interface FullTypeProfiles {
  method: ExpectationMethod;
  count: number;
  /** count × nPlayers type indices */
  types: Int32Array;
  weights: Float64Array;
}

/**
 * Every type profile when there are at most maxExactProfiles of them,
 * otherwise the seeded sample — the same draws `typeProfiles` hands each
 * player, so reported outcomes average over the game that was solved.
 */
export function fullTypeProfiles(game: BayesianGame, options: Partial<TypeProfileOptions> = {}): FullTypeProfiles {
  const o = { ...defaultTypeProfileOptions, ...options };
  if (game.jointPrior)
    return { method: 'exact', count: game.jointPrior.profiles.length, types: Int32Array.from(game.jointPrior.profiles.flat()), weights: normalised(game.jointPrior.weights) };
  const priors = game.players.map((p) => normalised(p.prior));
  // the same rule as typeProfiles, so outcomes are exact exactly when the game's expectations are
  const largest = Math.max(...game.players.map((_, i) => opponentProfileCount(game, i)));
  if (largest <= o.maxExactProfiles) return { method: 'exact', ...productProfiles(priors, -1) };
  return { method: 'sample', count: o.sampleSize, types: sampleProfiles(priors, o.sampleSize, o.seed), weights: new Float64Array(o.sampleSize).fill(1 / o.sampleSize) };
}

export function typeProfiles(game: BayesianGame, options: Partial<TypeProfileOptions> = {}): TypeProfiles {
  const o = { ...defaultTypeProfileOptions, ...options };
  const n = game.players.length;
  const largest = Math.max(...game.players.map((_, i) => opponentProfileCount(game, i)));
  if (game.jointPrior) {
    if (largest > o.maxExactProfiles) throw new Error('a correlated prior is enumerated exactly; its support exceeds maxExactProfiles');
    return { method: 'exact', sampleSize: null, seed: null, forPlayer: game.players.map((_, i) => correlatedProfiles(game, i)) };
  }
  const priors = game.players.map((p) => normalised(p.prior));
  if (largest <= o.maxExactProfiles) {
    return { method: 'exact', sampleSize: null, seed: null, forPlayer: game.players.map((_, i) => enumerateProfiles(priors, i)) };
  }
  const sample = sampleProfiles(priors, o.sampleSize, o.seed);
  const forPlayer = game.players.map((_, i) => {
    const weights = new Float64Array(o.sampleSize * priors[i]!.length).fill(1 / o.sampleSize);
    const types = Int32Array.from(sample);
    for (let p = 0; p < o.sampleSize; p++) types[p * n + i] = 0;
    return { count: o.sampleSize, types, weights };
  });
  return { method: 'sample', sampleSize: o.sampleSize, seed: o.seed, forPlayer, draws: sample };
}

/** Product of the priors of every player but `skip` (−1: of all), in odometer order; skipped slots hold 0. */
function productProfiles(priors: Float64Array[], skip: number): { count: number; types: Int32Array; weights: Float64Array } {
  const n = priors.length;
  const count = priors.reduce((c, p, j) => (j === skip ? c : c * p.length), 1);
  const types = new Int32Array(count * n);
  const weights = new Float64Array(count);
  const digits = new Int32Array(n);
  for (let p = 0; p < count; p++) {
    let w = 1;
    for (let j = 0; j < n; j++) {
      types[p * n + j] = digits[j]!;
      if (j !== skip) w *= priors[j]![digits[j]!]!;
    }
    weights[p] = w;
    for (let j = 0; j < n; j++) {
      if (j === skip) continue;
      if (++digits[j]! < priors[j]!.length) break;
      digits[j] = 0;
    }
  }
  return { count, types, weights };
}

/** Player i's opponents: independent priors, so the weight of a profile does not depend on the own type. */
function enumerateProfiles(priors: Float64Array[], i: number): OpponentProfiles {
  const { count, types, weights } = productProfiles(priors, i);
  const own = priors[i]!.length;
  const byType = new Float64Array(count * own);
  for (let p = 0; p < count; p++) byType.fill(weights[p]!, p * own, (p + 1) * own);
  return { count, types, weights: byType };
}

/** Joint support grouped by the others' types; weights conditioned on the own type. */
function correlatedProfiles(game: BayesianGame, i: number): OpponentProfiles {
  const joint = game.jointPrior!;
  const own = typeCount(game.players[i]!);
  const total = joint.weights.reduce((s, w) => s + w, 0);
  const marginal = new Float64Array(own);
  joint.profiles.forEach((prof, q) => (marginal[prof[i]!]! += joint.weights[q]! / total));
  const index = new Map<string, number>();
  const rows: number[][] = [];
  const w: number[] = [];
  joint.profiles.forEach((prof, q) => {
    const others = prof.map((t, j) => (j === i ? 0 : t));
    const key = others.join(',');
    let p = index.get(key);
    if (p === undefined) {
      p = rows.length;
      index.set(key, p);
      rows.push(others);
      for (let t = 0; t < own; t++) w.push(0);
    }
    const t = prof[i]!;
    if (marginal[t]! > 0) w[p * own + t]! += joint.weights[q]! / total / marginal[t]!;
  });
  return { count: rows.length, types: Int32Array.from(rows.flat()), weights: Float64Array.from(w) };
}

/** Independent draws of whole type profiles by inverse CDF, from one seeded generator. */
export function sampleProfiles(priors: Float64Array[], size: number, seed: number): Int32Array {
  const rng = xoroshiro128plus(seed);
  const n = priors.length;
  const cdfs = priors.map((p) => {
    let c = 0;
    return Float64Array.from(p, (w) => (c += w));
  });
  const out = new Int32Array(size * n);
  for (let s = 0; s < size; s++)
    for (let j = 0; j < n; j++) {
      const u = uniformFloat64(rng);
      const cdf = cdfs[j]!;
      let t = 0;
      while (t < cdf.length - 1 && u >= cdf[t]!) t++;
      out[s * n + j] = t;
    }
  return out;
}
