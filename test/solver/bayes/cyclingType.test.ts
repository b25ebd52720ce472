/**
 * The search over a cycling type's action (solver/bayes/cyclingType.ts): it
 * finds the pure equilibrium when the held type's best response crosses its
 * own action continuously, and reports the jump when it leaps over it.
 */
import { describe, expect, it } from 'vitest';
import { typeProfiles } from '../../../solver/bayes/typeProfiles.ts';
import { maxDeviationGain } from '../../../solver/bayes/deviationGain.ts';
import { uniformGrid } from '../../../solver/bayes/grid.ts';
import { holdAndSettle, searchCyclingType } from '../../../solver/bayes/cyclingType.ts';
import { solveBayesianGame } from '../../../solver/bayes/solve.ts';
import type { BayesianGame } from '../../../solver/bayes/game.ts';

const epsilon = 1e-6;
const options = { epsilon, refinement: 4 };

/** Two players with one type each, actions in [0, 1]; utilities continuous in the own action. */
function game(u0: (x0: number, x1: number) => number): BayesianGame {
  const actions = uniformGrid(0, 1, 21);
  return {
    players: [
      { id: 'a', prior: [1], actions, continuous: true },
      { id: 'b', prior: [1], actions, continuous: true },
    ],
    // player b follows a: its best response is a's action
    payoff: (i, _types, x) => (i === 0 ? u0(x[0]!, x[1]!) : -((x[1]! - x[0]!) ** 2)),
    continuousUtility: true,
  };
}

function drain<R>(g: Generator<unknown, R, void>): R {
  for (;;) {
    const s = g.next();
    if (s.done) return s.value;
  }
}

/** a wants to play 1 − b: the unique equilibrium is a = b = 1/2, a smooth crossing of BR(x) = 1 − x. */
const smooth = game((x0, x1) => -((x0 - (1 - x1)) ** 2));
/**
 * a has peaks at 0.2 and 0.8 and prefers the far one from b: the 0.8 peak wins while b < 1/2, the 0.2 peak
 * once b > 1/2. As b follows a, a's best response jumps from 0.8 to 0.2 as a crosses 1/2: no pure equilibrium,
 * and every action of a leaves it a gain of at least 0.09 (the depth of its utility at 1/2 below the peaks).
 */
const jumping = game((x0, x1) => Math.max(-((x0 - 0.2) ** 2) + 0.1 * (x1 - 0.5), -((x0 - 0.8) ** 2) + 0.1 * (0.5 - x1)));

describe('holdAndSettle', () => {
  it('re-equilibrates the others around the held action and reports its best response there', () => {
    const profiles = typeProfiles(smooth);
    const h = holdAndSettle(smooth, profiles, [Float64Array.of(0), Float64Array.of(0)], 0, 0, 0.3, options);
    expect(h.othersSettled).toBe(true);
    expect(h.strategies[1]![0]).toBeCloseTo(0.3, 9);
    expect(h.bestResponse).toBeCloseTo(0.7, 9);
    expect(h.gain).toBeCloseTo(0.16, 9);
    expect(h.strategies[0]![0]).toBe(0.3);
  });
});

describe('searchCyclingType', () => {
  it('finds the pure equilibrium where the best response crosses the held action, and the certificate accepts it', () => {
    const profiles = typeProfiles(smooth);
    const s = drain(searchCyclingType(smooth, profiles, [Float64Array.of(0.2), Float64Array.of(0.2)], { player: 0, type: 0, low: 0.2, high: 0.9 }, options));
    expect(s.found).not.toBeNull();
    expect(s.jump).toBe(false);
    expect(Math.abs(s.found!.x - 0.5)).toBeLessThan(1e-3);
    expect(maxDeviationGain(smooth, profiles, s.found!.strategies, 4).maxDeviationGain).toBeLessThanOrEqual(epsilon);
  });

  it('reports the jump of the best response over the held action, with a gain above ε on both sides', () => {
    const profiles = typeProfiles(jumping);
    const s = drain(searchCyclingType(jumping, profiles, [Float64Array.of(0.2), Float64Array.of(0.2)], { player: 0, type: 0, low: 0.2, high: 0.8 }, options));
    expect(s.found).toBeNull();
    expect(s.jump).toBe(true);
    expect(s.below.x).toBeLessThanOrEqual(0.5);
    expect(s.above.x).toBeGreaterThanOrEqual(0.5);
    expect(s.above.x - s.below.x).toBeLessThan(1e-4);
    expect(s.below.bestResponse).toBeCloseTo(0.8, 6);
    expect(s.above.bestResponse).toBeCloseTo(0.2, 6);
    expect(Math.min(s.below.gain, s.above.gain)).toBeGreaterThan(0.089);
  });
});

describe('solveBayesianGame on a game without a pure equilibrium', () => {
  const run = (g: BayesianGame) =>
    drain(solveBayesianGame(g, typeProfiles(g), [Float64Array.of(0.2), Float64Array.of(0.2)], { maxIterations: 200, damping: 1, tolerance: 1e-9, schedule: 'sequential', patience: 25, epsilon, certificateRefinement: 4 }));

  it('finds the jump as the evidence, then certifies the type mixing across it (p = 1/2 by symmetry)', () => {
    const solved = run(jumping);
    const c = solved.certificate;
    expect(c.cycleSearch?.jump).toBe(true);
    expect(c.isEpsilonEquilibrium).toBe(true);
    expect(c.mixture?.p).toBeCloseTo(0.5, 5);
    expect(c.statement).toMatch(/a type #0 mixes/);
  });

  it('without a utility continuous in the own action (no mixture tried) stays uncertified and states the jump as its evidence', () => {
    const c = run({ ...jumping, continuousUtility: false }).certificate;
    expect(c.isEpsilonEquilibrium).toBe(false);
    expect(c.cycleSearch?.jump).toBe(true);
    expect(c.mixture ?? null).toBeNull();
    expect(c.statement).toMatch(/jumps over its own action/);
  });
});
