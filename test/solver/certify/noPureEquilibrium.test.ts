/**
 * A game without a pure equilibrium on its grid is reported as such, with the
 * best-response cycle found as evidence: status `uncertified`, never `ok`.
 */
import { describe, expect, it } from 'vitest';
import { solveBayesianGame, bayesVerdict } from '../../../solver/bayes/solve.ts';
import { typeProfiles } from '../../../solver/bayes/typeProfiles.ts';
import { cycleEvidence } from '../../../solver/bayes/bestResponse.ts';
import { uniformGrid } from '../../../solver/bayes/grid.ts';
import type { BayesianGame } from '../../../solver/bayes/game.ts';
import { statusOfVerdict } from '../../../solver/jobs/certification.ts';

const drain = <R>(g: Generator<unknown, R, void>): R => {
  let s = g.next();
  while (!s.done) s = g.next();
  return s.value;
};

/** Matching pennies on {0, 1}: player 0 wants to match, player 1 to mismatch; no pure equilibrium, best responses cycle 0 → 1 → 0. */
const pennies: BayesianGame = {
  players: [
    { id: 'matcher', prior: [1], actions: uniformGrid(0, 1, 2), continuous: false },
    { id: 'mismatcher', prior: [1], actions: uniformGrid(0, 1, 2), continuous: false },
  ],
  payoff: (i, _, a) => (i === 0 ? -Math.abs(a[0]! - a[1]!) : Math.abs(a[0]! - a[1]!)),
};

describe('a game with no pure equilibrium', () => {
  const options = { maxIterations: 200, damping: 1, tolerance: 1e-12, schedule: 'sequential' as const, epsilon: 1e-9, certificateRefinement: 1, patience: 6 };
  const solved = drain(solveBayesianGame(pennies, typeProfiles(pennies), [new Float64Array(1), new Float64Array(1)], options));

  it('is not certified: some player gains 1 by deviating', () => {
    expect(solved.certificate.isEpsilonEquilibrium).toBe(false);
    expect(solved.certificate.maxDeviationGain).toBe(1);
    expect(statusOfVerdict(bayesVerdict(solved.certificate)).status).toBe('uncertified');
  });

  it('reports the cycle: both players flip between 0 and 1, over and over', () => {
    const cycle = solved.certificate.cycle;
    expect(cycle.map((c) => c.player).sort()).toEqual(['matcher', 'mismatcher']);
    for (const c of cycle) {
      expect([c.low, c.high]).toEqual([0, 1]);
      expect(c.reversals).toBeGreaterThanOrEqual(2);
    }
    expect(solved.certificate.statement).toMatch(/no pure equilibrium found: best responses cycle \(matcher type #0 between 0 and 1/);
    expect(solved.certificate.polished).toBe(true);
  });
});

describe('cycleEvidence(window)', () => {
  const p = (...xs: number[]) => xs.map((x) => Float64Array.of(x));
  it('names the types whose action reverses at least twice, largest swing first', () => {
    const window = [p(0, 5, 1), p(1, 5, 2), p(0, 5, 3), p(1, 5, 2), p(0, 5, 3)];
    const ev = cycleEvidence(window);
    // player 2 swings over 1 … 3 with two reversals, player 0 over 0 … 1 with three; player 1 never moves
    expect(ev.map((e) => e.player)).toEqual([2, 0]);
    expect(ev[0]).toMatchObject({ type: 0, low: 1, high: 3, reversals: 2 });
    expect(ev[1]).toMatchObject({ type: 0, low: 0, high: 1, reversals: 3 });
  });
  it('finds none in a monotone or settled iteration', () => {
    expect(cycleEvidence([p(0), p(1), p(2), p(2)])).toEqual([]);
  });
});
