import { describe, expect, it } from 'vitest';
import { typeProfiles } from '../../../solver/bayes/typeProfiles.ts';
import { maxDeviationGain } from '../../../solver/bayes/deviationGain.ts';
import { uniformGrid } from '../../../solver/bayes/grid.ts';
import type { BayesianGame } from '../../../solver/bayes/game.ts';
import { cournotGame } from './support.ts';

describe('maxDeviationGain(game, profiles, profile, refinement)', () => {
  it('is zero (to rounding) at the Bayesian Cournot equilibrium', () => {
    const { game, equilibrium } = cournotGame();
    const c = maxDeviationGain(game, typeProfiles(game), equilibrium.map((s) => Float64Array.from(s)));
    expect(c.maxDeviationGain).toBeLessThan(1e-12);
  });

  it('finds the gain of the one type that deviates, and names it', () => {
    const { game, equilibrium } = cournotGame();
    const profile = equilibrium.map((s) => Float64Array.from(s));
    profile[1]![0]! += 0.5; // firm 2's high-cost type over-produces by 1/2
    const c = maxDeviationGain(game, typeProfiles(game), profile);
    // u(q*+d) − u(q*) = −d² (profit is quadratic in own output): moving back 1/2 gains 1/4.
    expect(c.players[1]!.maxGain).toBeCloseTo(0.25, 12);
    expect(c.players[1]!.worstType).toBe(0);
    expect(c.players[1]!.bestDeviation).toBeCloseTo(13 / 6, 12);
    expect(c.maxDeviationGain).toBeGreaterThanOrEqual(0.25 - 1e-12);
  });

  it('checks actions between grid points when the action set is continuous', () => {
    // One player, one type, u(x) = −(x − 0.3)²: on the grid {0, 1} the best is 0, a finer grid finds 0.25.
    const game: BayesianGame = {
      players: [{ id: 'solo', prior: [1], actions: uniformGrid(0, 1, 2), continuous: true }],
      payoff: (_, __, a) => -((a[0]! - 0.3) ** 2),
    };
    const profile = [Float64Array.of(0)];
    const coarse = maxDeviationGain(game, typeProfiles(game), profile, 1);
    const fine = maxDeviationGain(game, typeProfiles(game), profile, 4);
    expect(coarse.maxDeviationGain).toBe(0);
    expect(fine.players[0]!.fineGridPoints).toBe(5);
    expect(fine.maxDeviationGain).toBeCloseTo(0.09 - 0.0025, 14);
    const finite = maxDeviationGain({ ...game, players: [{ ...game.players[0]!, continuous: false }] }, typeProfiles(game), profile, 4);
    expect(finite.players[0]!.fineGridPoints).toBe(2);
    expect(finite.refinement).toBe(1);
  });

  it('with a continuous utility also searches between the fine grid points and reports the true largest gain', () => {
    const game: BayesianGame = {
      players: [{ id: 'solo', prior: [1], actions: uniformGrid(0, 1, 2), continuous: true }],
      payoff: (_, __, a) => -((a[0]! - 0.3) ** 2),
      continuousUtility: true,
    };
    const c = maxDeviationGain(game, typeProfiles(game), [Float64Array.of(0)], 4);
    // sup over [0, 1] is at x = 0.3: gain 0.09 (the 5-point grid alone finds 0.0875)
    expect(c.maxDeviationGain).toBeCloseTo(0.09, 14);
    expect(c.players[0]!.bestDeviation).toBeCloseTo(0.3, 6);
    expect(c.localSearch).toBe(true);
    expect(c.scope).toMatch(/local search/);
  });
});
