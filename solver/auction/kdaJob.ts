/**
 * The `kda` job: the k-double auction of the scenario's `kda` section solved
 * for a Bayesian Nash equilibrium of the discretised game (types and bids on
 * grids), certified by the largest deviation gain, and compared with the
 * ex-post efficient and Myerson–Satterthwaite benchmarks.
 */
import type { BayesStrategyPoint, KdaData } from '../contract.ts';
import type { JobDefinition } from '../jobs/types.ts';
import type { Scenario } from '../scenario/schema.ts';
import { SolverError } from '../jobs/errors.ts';
import { bayesVerdict, solveBayesianGame, startingProfile } from '../bayes/solve.ts';
import { typeProfiles } from '../bayes/typeProfiles.ts';
import {
  BUYER,
  SELLER,
  defaultActionPoints,
  efficientGainsFromTrade,
  gainsFromTrade,
  isUniform,
  kdaGame,
  linearStrategies,
  myersonSatterthwaiteUniform,
  onActionGrid,
  truthfulStrategies,
  typeGrid,
  type KdaSpec,
} from './kDoubleAuction.ts';

export function kdaSpec(scenario: Scenario): KdaSpec {
  const kda = scenario.kda;
  if (!kda)
    throw new SolverError({
      code: 'invalid-scenario',
      message: 'the scenario has no "kda" section',
      path: 'kda',
      hint: 'add a kda section, e.g. {"k": 0.5, "typePoints": 101}',
    });
  const uniform = Array<number>(kda.typePoints).fill(1);
  return {
    k: kda.k,
    typePoints: kda.typePoints,
    min: kda.min,
    max: kda.max,
    buyerPrior: kda.buyerPrior ?? uniform,
    sellerPrior: kda.sellerPrior ?? uniform,
    actionPoints: kda.actionPoints ?? defaultActionPoints(kda.typePoints),
  };
}

const MS_NOTE =
  'Myerson & Satterthwaite (1983): no incentive-compatible, individually rational, budget-balanced mechanism trades whenever v ≥ c, so expected gains from trade stay below the efficient benchmark; for continuous uniform priors the best such mechanism reaches 9/64 of the range against 1/6 (the k = 1/2 linear equilibrium attains it).';

export const kdaJob: JobDefinition<'kda'> = {
  kind: 'kda',
  *run(scenario, options, ctx) {
    const spec = kdaSpec(scenario);
    const start = scenario.kda!.start;
    const game = kdaGame(spec);
    const profiles = typeProfiles(game);
    const linear = linearStrategies(spec);
    const cold = onActionGrid(spec, start === 'linear' ? linear : truthfulStrategies(spec));
    // the linear start is already (the grid image of) the analytic equilibrium: no neighbour is closer
    const warm = ctx.warmStart === undefined ? undefined
      : start === 'linear' ? { start: cold, use: { used: false, note: 'kda.start is linear: the best response starts from the linear equilibrium of this k' } }
      : startingProfile(game, cold, ctx.warmStart);
    const solved = yield* solveBayesianGame(game, profiles, warm?.start ?? cold, options);

    const types = typeGrid(spec);
    const points = (player: number): BayesStrategyPoint[] =>
      Array.from(types, (type, t) => ({
        type,
        action: solved.strategies[player]![t]!,
        expectedUtility: solved.deviation.players[player]!.expectedUtilityByType[t]!,
      }));
    const trade = gainsFromTrade(spec, solved.strategies);
    const efficient = efficientGainsFromTrade(spec);
    const uniform = isUniform(spec.buyerPrior) && isUniform(spec.sellerPrior);
    const data: KdaData = {
      k: spec.k,
      min: spec.min,
      max: spec.max,
      typePoints: spec.typePoints,
      actionPoints: spec.actionPoints,
      start,
      buyer: points(BUYER),
      seller: points(SELLER),
      linear: {
        buyer: Array.from(types, (type, t) => ({ type, action: linear[BUYER]![t]! })),
        seller: Array.from(types, (type, t) => ({ type, action: linear[SELLER]![t]! })),
      },
      expectedGainsFromTrade: trade.expectedGainsFromTrade,
      tradeProbability: trade.tradeProbability,
      efficientGainsFromTrade: efficient,
      efficiency: efficient > 0 ? trade.expectedGainsFromTrade / efficient : 1,
      linearGainsFromTrade: gainsFromTrade(spec, onActionGrid(spec, linear)).expectedGainsFromTrade,
      myersonSatterthwaite: { note: MS_NOTE, continuousUniform: uniform ? myersonSatterthwaiteUniform(spec) : null },
      convergence: solved.iteration.history,
    };
        return { data, certificate: { ...solved.certificate, typePoints: spec.typePoints, actionPoints: spec.actionPoints }, ...(warm ? { warmStart: warm.use } : {}) };
  },
  verdict: bayesVerdict,
  warmState: (data) => ({ strategies: [data.buyer.map((p) => p.action), data.seller.map((p) => p.action)] }),
};
