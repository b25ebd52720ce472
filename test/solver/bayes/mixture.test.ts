/**
 * A game whose only equilibrium is mixed (solver/bayes/mixture.ts): one type's
 * best response jumps over its own action, so it mixes across the jump with
 * the probability that makes it indifferent, and the certificate judges the
 * mixture with the others' expected play under it.
 */
import { describe, expect, it } from 'vitest';
import { typeProfiles } from '../../../solver/bayes/typeProfiles.ts';
import { maxDeviationGain } from '../../../solver/bayes/deviationGain.ts';
import { uniformGrid } from '../../../solver/bayes/grid.ts';
import { mixedInterim } from '../../../solver/bayes/mixedType.ts';
import { solveBayesianGame } from '../../../solver/bayes/solve.ts';
import type { BayesianGame } from '../../../solver/bayes/game.ts';

const epsilon = 1e-6;

/**
 * Player a has peaks at 0.2 and 0.8; the 0.8 peak wins while b < 0.4, the 0.2 peak once b > 0.4:
 *   u_a = max(−(a − 0.2)² + 0.1 (b − 0.4), −(a − 0.8)² + 0.1 (0.4 − b)).
 * Player b follows a: u_b = −(b − a)², so against a mixture it plays E[a] = 0.2 p + 0.8 (1 − p).
 * No pure equilibrium (a = 0.2 → b = 0.2 → a wants 0.8 → b = 0.8 → a wants 0.2); the mixed one makes a
 * indifferent, b = 0.4, so 0.8 − 0.6 p = 0.4: p = 2/3.
 */
const game: BayesianGame = {
  players: [
    { id: 'a', prior: [1], actions: uniformGrid(0, 1, 21), continuous: true },
    { id: 'b', prior: [1], actions: uniformGrid(0, 1, 21), continuous: true },
  ],
  payoff: (i, _types, x) => (i === 0 ? Math.max(-((x[0]! - 0.2) ** 2) + 0.1 * (x[1]! - 0.4), -((x[0]! - 0.8) ** 2) + 0.1 * (0.4 - x[1]!)) : -((x[1]! - x[0]!) ** 2)),
  continuousUtility: true,
};

function drain<R>(g: Generator<unknown, R, void>): R {
  for (;;) {
    const s = g.next();
    if (s.done) return s.value;
  }
}

describe('a type that mixes across the jump of its best response', () => {
  it('the others face the mixture: their interim utility is the p-weighted sum of the two pure profiles', () => {
    const profiles = typeProfiles(game);
    const model = mixedInterim(game, profiles, [Float64Array.of(0.5), Float64Array.of(0.3)], { player: 0, type: 0, low: 0.2, high: 0.8, p: 0.25 });
    const ub = model.player(1);
    expect(ub(0, 0.3)).toBeCloseTo(-(0.25 * 0.1 ** 2 + 0.75 * 0.5 ** 2), 12);
  });

  it('is found with the closed-form p = 2/3 and certified; the pure profiles around it are not', () => {
    const profiles = typeProfiles(game);
    const solved = drain(
      solveBayesianGame(game, profiles, [Float64Array.of(0.2), Float64Array.of(0.2)], { epsilon, certificateRefinement: 4, maxIterations: 200, damping: 0.5, tolerance: epsilon / 4, schedule: 'sequential', patience: 25 }),
    );
    const m = solved.mixture!;
    expect(m).not.toBeNull();
    expect(m.p).toBeCloseTo(2 / 3, 5);
    expect(m.low).toBeCloseTo(0.2, 6);
    expect(m.high).toBeCloseTo(0.8, 6);
    expect(solved.strategies[1]![0]).toBeCloseTo(0.4, 5);
    expect(solved.strategies[0]![0]).toBeCloseTo((2 / 3) * 0.2 + (1 / 3) * 0.8, 5);
    const c = solved.certificate;
    expect(c.isEpsilonEquilibrium).toBe(true);
    expect(c.maxDeviationGain).toBeLessThanOrEqual(epsilon);
    expect(c.mixture).toMatchObject({ player: 'a', type: 0 });
    expect(c.statement).toMatch(/a type #0 mixes/);
    // independently: the certificate of the mixture holds, and a's mean action as a pure strategy is far from it
    expect(maxDeviationGain(game, profiles, solved.strategies, 4, m).maxDeviationGain).toBeLessThanOrEqual(epsilon);
    expect(maxDeviationGain(game, profiles, solved.strategies, 4).maxDeviationGain).toBeGreaterThan(0.01);
    // a wrong p is caught: at p = 1/2 b's best answer is 0.5, so a's worse action loses 0.2 · 0.1 = 0.02
    const off = { ...m, p: 0.5 };
    const wrong = maxDeviationGain(game, profiles, [Float64Array.of(0.5), Float64Array.of(0.5)], 4, off);
    expect(wrong.maxDeviationGain).toBeCloseTo(0.02, 6);
  });

  it('says so when mixing one type is not enough: the other player jumps too, so the indifference gap jumps over zero', () => {
    // b now also has two peaks, 0.2 or 0.8, whichever is on the side of E[a] against 0.5: as a's mixture crosses
    // p = 1/2, b jumps and a's gap U(0.2) − U(0.8) = 0.2 (b − 0.4) leaps from +0.08 to −0.04. Only both mixing would do.
    const both: BayesianGame = {
      ...game,
      payoff: (i, types, x) => (i === 0 ? game.payoff(0, types, x) : Math.max(-((x[1]! - 0.2) ** 2) + 0.1 * (0.5 - x[0]!), -((x[1]! - 0.8) ** 2) + 0.1 * (x[0]! - 0.5))),
    };
    const profiles = typeProfiles(both);
    const solved = drain(
      solveBayesianGame(both, profiles, [Float64Array.of(0.2), Float64Array.of(0.2)], { epsilon, certificateRefinement: 4, maxIterations: 200, damping: 0.5, tolerance: epsilon / 4, schedule: 'sequential', patience: 25 }),
    );
    const c = solved.certificate;
    expect(c.isEpsilonEquilibrium).toBe(false);
    expect(solved.mixture).toBeNull();
    expect(c.mixture ?? null).toBeNull();
    const t = c.mixtureTried!;
    expect(t.a.difference).toBeGreaterThan(epsilon);
    expect(t.b.difference).toBeLessThan(-epsilon);
    // the bracket closes on b's jump at p = 1/2 (narrowed until the search's 24 re-equilibrations ran out)
    expect(t.a.p).toBeLessThanOrEqual(0.5);
    expect(t.b.p).toBeGreaterThanOrEqual(0.5);
    expect(t.b.p - t.a.p).toBeLessThan(1e-4);
    expect(c.statement).toMatch(/reached no indifference within ε/);
  });
});
