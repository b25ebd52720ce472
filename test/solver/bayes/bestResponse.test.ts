import { describe, expect, it } from 'vitest';
import { typeProfiles } from '../../../solver/bayes/typeProfiles.ts';
import { expectedUtilityTable } from '../../../solver/bayes/bestResponse.ts';
import { maxDeviationGain } from '../../../solver/bayes/deviationGain.ts';
import { uniformGrid } from '../../../solver/bayes/grid.ts';
import type { BayesianGame } from '../../../solver/bayes/game.ts';
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

describe('iteratedBestResponse with a continuous utility (best responses refined between grid points)', () => {
  it('reaches Gibbons’ Bayesian Cournot equilibrium off a coarse grid, certified to 1e-12', () => {
    // grid step 1: none of 16/6, 13/6, 19/6 is on it; the refined best responses find them anyway
    const { game: base, equilibrium } = cournotGame();
    const game = { ...base, players: base.players.map((p) => ({ ...p, actions: uniformGrid(0, 6, 7) })), continuousUtility: true };
    const profiles = typeProfiles(game);
    const { result } = drain(game, profiles, zeros([1, 2]), { tolerance: 1e-14 });
    expect(result.converged).toBe(true);
    result.strategies.forEach((s, i) => s.forEach((q, t) => expect(q).toBeCloseTo(equilibrium[i]![t]!, 5)));
    expect(maxDeviationGain(game, profiles, result.strategies, 4).maxDeviationGain).toBeLessThan(1e-12);
  });

  it('stops a cycling iteration after `patience` sweeps without progress and returns the best profile seen', () => {
    // matching pennies in quantities: player 0 wants to match player 1, player 1 to mismatch — no pure equilibrium
    const actions = uniformGrid(0, 1, 2);
    const game: BayesianGame = {
      players: [
        { id: 'matcher', prior: [1], actions, continuous: false },
        { id: 'mismatcher', prior: [1], actions, continuous: false },
      ],
      payoff: (i, _, a) => (i === 0 ? -Math.abs(a[0]! - a[1]!) : Math.abs(a[0]! - a[1]!)),
    };
    const { result, states } = drain(game, typeProfiles(game), zeros([1, 1]), { patience: 5, maxIterations: 100 });
    expect(result.converged).toBe(false);
    expect(result.stalled).toBe(true);
    expect(result.iterations).toBeLessThan(100);
    const smallest = Math.min(...states.map((s) => s.maxGain));
    expect(result.history.maxGain.indexOf(smallest)).toBe(result.iterations - 1 - 5);
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
