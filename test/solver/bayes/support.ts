/** Small Bayesian games with known equilibria, and a helper that drains the best-response generator. */
import type { BayesianGame, StrategyProfile } from '../../../solver/bayes/game.ts';
import { uniformGrid } from '../../../solver/bayes/grid.ts';
import { iteratedBestResponse, type BestResponseOptions, type BestResponseResult, type IterationState } from '../../../solver/bayes/bestResponse.ts';
import type { TypeProfiles } from '../../../solver/bayes/typeProfiles.ts';

/**
 * Cournot duopoly with one-sided incomplete information (Gibbons, "A Primer
 * in Game Theory", 1992, §3.1.A): inverse demand P = a − q1 − q2; firm 1 has
 * cost c; firm 2 has cost cH with probability θ, cL otherwise. The BNE is
 *   q2(cH) = (a − 2cH + c)/3 + (1 − θ)(cH − cL)/6,
 *   q2(cL) = (a − 2cL + c)/3 − θ(cH − cL)/6,
 *   q1 = (a − 2c + θcH + (1 − θ)cL)/3.
 * With a = 10, c = 2, cH = 3, cL = 1, θ = 1/2: q1 = 16/6, q2 = (13/6, 19/6),
 * all on the quantity grid of step 1/6 over [0, 6].
 */
export function cournotGame(): { game: BayesianGame; equilibrium: number[][] } {
  const a = 10;
  const cost = [[2], [3, 1]];
  const actions = uniformGrid(0, 6, 37);
  const game: BayesianGame = {
    players: [
      { id: 'firm1', prior: [1], actions, continuous: true },
      { id: 'firm2', prior: [1, 1], actions, continuous: true },
    ],
    payoff: (i, types, q) => q[i]! * (a - q[0]! - q[1]! - cost[i]![types[i]!]!),
  };
  return { game, equilibrium: [[16 / 6], [13 / 6, 19 / 6]] };
}

export function drain(
  game: BayesianGame,
  profiles: TypeProfiles,
  start: StrategyProfile,
  options: Partial<BestResponseOptions> = {},
): { result: BestResponseResult; states: IterationState[] } {
  const gen = iteratedBestResponse(game, profiles, start, options);
  const states: IterationState[] = [];
  for (;;) {
    const step = gen.next();
    if (step.done) return { result: step.value, states };
    states.push(step.value);
  }
}
