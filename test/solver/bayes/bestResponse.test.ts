import { describe, expect, it } from 'vitest';
import { typeProfiles } from '../../../solver/bayes/typeProfiles.ts';
import { expectedUtilityTable } from '../../../solver/bayes/bestResponse.ts';
import { maxDeviationGain } from '../../../solver/bayes/deviationGain.ts';
import { kdaGame, linearStrategies, onActionGrid, defaultActionPoints, type KdaSpec } from '../../../solver/auction/kDoubleAuction.ts';
import { cournotGame, drain } from './support.ts';

const zeros = (lengths: number[]) => lengths.map((n) => new Float64Array(n));

describe('iteratedBestResponse(game, profiles, start)', () => {
  // On a grid, best responses with slope −1/2 tie between neighbours, so the grid game has
  // equilibria one step from Gibbons' as well; the iteration must end at one of them.
  const step = 1 / 6;
  const nearGibbons = (strategies: Float64Array[], equilibrium: number[][]) =>
    strategies.forEach((s, i) => s.forEach((q, t) => expect(Math.abs(q - equilibrium[i]![t]!)).toBeLessThanOrEqual(step + 1e-12)));

  it('ends from zero output at an equilibrium of the grid game within one step of Gibbons’ Bayesian Cournot equilibrium', () => {
    const { game, equilibrium } = cournotGame();
    const profiles = typeProfiles(game);
    const { result } = drain(game, profiles, zeros([1, 2]));
    expect(result.converged).toBe(true);
    expect(maxDeviationGain(game, profiles, result.strategies, 1).maxDeviationGain).toBeLessThan(1e-12);
    nearGibbons(result.strategies, equilibrium);
  });

  it('stays at Gibbons’ equilibrium when started there (one sweep, nothing changes)', () => {
    const { game, equilibrium } = cournotGame();
    const { result } = drain(game, typeProfiles(game), equilibrium.map((s) => Float64Array.from(s)));
    expect(result.iterations).toBe(1);
    expect(result.strategies.map((s) => Array.from(s))).toEqual(equilibrium);
  });

  it('yields one state per sweep whose last sweep changes nothing', () => {
    const { game } = cournotGame();
    const { result, states } = drain(game, typeProfiles(game), zeros([1, 2]));
    expect(states.map((s) => s.iteration)).toEqual(Array.from({ length: result.iterations }, (_, k) => k + 1));
    expect(states.at(-1)!.changedTypes).toBe(0);
    expect(states.at(-1)!.maxStrategyChange).toBe(0);
    expect(states[0]!.maxGain).toBeGreaterThan(0);
    expect(result.history.maxGain).toEqual(states.map((s) => s.maxGain));
  });

  it('also ends at a grid equilibrium with damping 0.5 and with the simultaneous schedule', () => {
    const { game, equilibrium } = cournotGame();
    const profiles = typeProfiles(game);
    for (const options of [{ damping: 0.5 }, { schedule: 'simultaneous' as const }]) {
      const { result } = drain(game, profiles, zeros([1, 2]), options);
      expect(result.converged).toBe(true);
      expect(maxDeviationGain(game, profiles, result.strategies, 1).maxDeviationGain).toBeLessThan(1e-12);
      nearGibbons(result.strategies, equilibrium);
    }
  });

  it('stops after maxIterations without claiming convergence', () => {
    const { game } = cournotGame();
    const { result } = drain(game, typeProfiles(game), zeros([1, 2]), { maxIterations: 1 });
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(1);
  });

  it('does not mutate the starting profile', () => {
    const { game } = cournotGame();
    const start = zeros([1, 2]);
    drain(game, typeProfiles(game), start);
    expect(start.map((s) => Array.from(s))).toEqual([[0], [0, 0]]);
  });
});

describe('expectedUtilityTable(game, profiles, profile, i)', () => {
  it('gives the same table through the vectorised payoffGrid as through the scalar payoff', () => {
    const n = 9;
    const spec: KdaSpec = { k: 0.3, typePoints: n, min: 0, max: 1, buyerPrior: [1, 2, 3, 4, 5, 4, 3, 2, 1], sellerPrior: Array(n).fill(1), actionPoints: defaultActionPoints(n) };
    const fast = kdaGame(spec);
    const { payoffGrid: _, ...slow } = fast;
    const profiles = typeProfiles(fast);
    const profile = onActionGrid(spec, linearStrategies(spec));
    for (const i of [0, 1]) {
      const a = expectedUtilityTable(fast, profiles, profile, i);
      const b = expectedUtilityTable(slow, profiles, profile, i);
      a.table.forEach((x, k) => expect(x).toBeCloseTo(b.table[k]!, 14));
      expect(Array.from(a.current)).toEqual(Array.from(b.current));
    }
  });

  it('agrees with the certificate’s independent expected utility of the current actions', () => {
    const { game } = cournotGame();
    const profiles = typeProfiles(game);
    const profile = [Float64Array.of(1), Float64Array.of(2, 3)];
    const certificate = maxDeviationGain(game, profiles, profile);
    [0, 1].forEach((i) =>
      expectedUtilityTable(game, profiles, profile, i).current.forEach((u, t) => expect(u).toBeCloseTo(certificate.players[i]!.expectedUtilityByType[t]!, 12)),
    );
  });
});
