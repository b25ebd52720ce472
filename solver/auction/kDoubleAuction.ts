/**
 * The one-buyer one-seller k-double auction of Chatterjee and Samuelson
 * ("Bargaining under incomplete information", Operations Research 31(5),
 * 1983): the buyer bids b, the seller asks a; if b ≥ a they trade at
 * p = k·b + (1 − k)·a, the buyer gets v − p and the seller p − c; otherwise
 * nobody gets anything. Values v and costs c are private, drawn from priors
 * on a grid of `typePoints` points over [min, max] (money per unit).
 *
 * Here the auction is a `BayesianGame` for the engine in solver/bayes:
 * player 0 is the buyer, player 1 the seller; both act on one action grid.
 */
import type { BayesianGame, StrategyProfile } from '../bayes/game.ts';
import { snapToGrid, uniformGrid } from '../bayes/grid.ts';

export interface KdaSpec {
  /** price weight on the bid, in [0, 1] */
  k: number;
  typePoints: number;
  min: number;
  max: number;
  /** prior weights over the type grid (need not sum to 1) */
  buyerPrior: readonly number[];
  sellerPrior: readonly number[];
  actionPoints: number;
}

export const BUYER = 0;
export const SELLER = 1;

/**
 * Default action grid: spacing one third of the type spacing. With k = 1/2,
 * uniform priors and typePoints − 1 divisible by 4 it contains every value
 * of the linear equilibrium (see docs/models/kda.md).
 */
export function defaultActionPoints(typePoints: number): number {
  return 3 * (typePoints - 1) + 1;
}

export function typeGrid(spec: KdaSpec): Float64Array {
  return uniformGrid(spec.min, spec.max, spec.typePoints);
}

export function actionGrid(spec: KdaSpec): Float64Array {
  return uniformGrid(spec.min, spec.max, spec.actionPoints);
}

export function kdaGame(spec: KdaSpec): BayesianGame {
  const { k } = spec;
  const values = typeGrid(spec);
  const actions = actionGrid(spec);
  const payoff = (i: number, types: Int32Array, a: Float64Array): number => {
    const bid = a[BUYER]!;
    const ask = a[SELLER]!;
    if (bid < ask) return 0;
    const price = k * bid + (1 - k) * ask;
    return i === BUYER ? values[types[BUYER]!]! - price : price - values[types[SELLER]!]!;
  };
  return {
    players: [
      { id: 'buyer', prior: spec.buyerPrior, actions, continuous: true },
      { id: 'seller', prior: spec.sellerPrior, actions, continuous: true },
    ],
    payoff,
    // Vectorised over own types and own actions: the trade test depends on the action only.
    payoffGrid(i, types, a, xs, out) {
      const nX = xs.length;
      const other = a[i === BUYER ? SELLER : BUYER]!;
      for (let x = 0; x < nX; x++) {
        const mine = xs[x]!;
        const trade = i === BUYER ? mine >= other : other >= mine;
        const price = i === BUYER ? k * mine + (1 - k) * other : k * other + (1 - k) * mine;
        for (let t = 0; t < values.length; t++)
          out[t * nX + x] = trade ? (i === BUYER ? values[t]! - price : price - values[t]!) : 0;
      }
    },
  };
}

/**
 * The Chatterjee–Samuelson linear equilibrium for values and costs uniform on
 * [min, max]: with u the type rescaled to [0, 1],
 *   bid = min + (max − min)·(u/(1 + k) + k(1 − k)/(2(1 + k))),
 *   ask = min + (max − min)·(u/(2 − k) + (1 − k)/2);
 * for k = 1/2 and [0, 1]: bid = 2v/3 + 1/12, ask = 2c/3 + 1/4.
 */
export function linearStrategies(spec: KdaSpec): StrategyProfile {
  const { k, min, max } = spec;
  const w = max - min;
  const types = typeGrid(spec);
  const bid = types.map((v) => min + w * ((v - min) / w / (1 + k) + (k * (1 - k)) / (2 * (1 + k))));
  const ask = types.map((c) => min + w * ((c - min) / w / (2 - k) + (1 - k) / 2));
  return [bid, ask];
}

export function truthfulStrategies(spec: KdaSpec): StrategyProfile {
  return [typeGrid(spec), typeGrid(spec)];
}

/** A profile moved onto the action grid (the discretised game's strategies take grid values). */
export function onActionGrid(spec: KdaSpec, profile: StrategyProfile): StrategyProfile {
  const grid = actionGrid(spec);
  return profile.map((s) => s.map((x) => snapToGrid(grid, x)));
}

function normalise(w: readonly number[]): number[] {
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / s);
}

export interface TradeOutcome {
  /** E[(v − c)·1{bid(v) ≥ ask(c)}] */
  expectedGainsFromTrade: number;
  tradeProbability: number;
}

/** Expected gains from trade of a profile under the priors. */
export function gainsFromTrade(spec: KdaSpec, profile: StrategyProfile): TradeOutcome {
  const values = typeGrid(spec);
  const pb = normalise(spec.buyerPrior);
  const ps = normalise(spec.sellerPrior);
  let gains = 0;
  let prob = 0;
  for (let i = 0; i < values.length; i++)
    for (let j = 0; j < values.length; j++)
      if (profile[BUYER]![i]! >= profile[SELLER]![j]!) {
        const w = pb[i]! * ps[j]!;
        gains += w * (values[i]! - values[j]!);
        prob += w;
      }
  return { expectedGainsFromTrade: gains, tradeProbability: prob };
}

/** Ex-post efficient benchmark: trade whenever v ≥ c, E[(v − c)⁺]. */
export function efficientGainsFromTrade(spec: KdaSpec): number {
  return gainsFromTrade(spec, truthfulStrategies(spec)).expectedGainsFromTrade;
}

/**
 * Myerson and Satterthwaite ("Efficient mechanisms for bilateral trading",
 * J. Economic Theory 29(2), 1983): no incentive-compatible, individually
 * rational, budget-balanced mechanism trades efficiently when the supports
 * overlap. For continuous uniform priors on [min, max] the first best is
 * (max − min)/6 and the second best — the largest expected gains of any such
 * mechanism, attained by the k = 1/2 linear equilibrium — is 9(max − min)/64.
 */
export function myersonSatterthwaiteUniform(spec: KdaSpec): { firstBest: number; secondBest: number } {
  const w = spec.max - spec.min;
  return { firstBest: w / 6, secondBest: (9 * w) / 64 };
}

export function isUniform(prior: readonly number[]): boolean {
  return prior.every((x) => Math.abs(x - prior[0]!) <= 1e-12 * Math.abs(prior[0]!));
}
