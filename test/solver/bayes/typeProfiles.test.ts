import { describe, expect, it } from 'vitest';
import { fullTypeProfiles, typeProfiles } from '../../../solver/bayes/typeProfiles.ts';
import { uniformGrid } from '../../../solver/bayes/grid.ts';
import type { BayesianGame } from '../../../solver/bayes/game.ts';
import { drain } from './support.ts';

/** n players with three types; player i wants to match the others' mean type: u = −(x − mean θ_−i)². */
function matchingGame(n: number, prior = [0.2, 0.3, 0.5]): BayesianGame {
  const actions = uniformGrid(0, 2, 201);
  return {
    players: Array.from({ length: n }, (_, i) => ({ id: `p${i}`, prior, actions, continuous: true })),
    payoff(i, types, a) {
      let s = 0;
      for (let j = 0; j < types.length; j++) if (j !== i) s += types[j]!;
      return -((a[i]! - s / (types.length - 1)) ** 2);
    },
  };
}

const rowSums = (weights: Float64Array, nTypes: number, t: number) => weights.reduce((s, w, k) => (k % nTypes === t ? s + w : s), 0);

describe('typeProfiles(game, options)', () => {
  it('enumerates every opponent profile exactly when there are few, with weights summing to 1 for each own type', () => {
    const tp = typeProfiles(matchingGame(3));
    expect(tp.method).toBe('exact');
    expect(tp.sampleSize).toBeNull();
    for (const opp of tp.forPlayer) {
      expect(opp.count).toBe(9);
      for (let t = 0; t < 3; t++) expect(rowSums(opp.weights, 3, t)).toBeCloseTo(1, 14);
    }
  });

  it('switches to a seeded sample above maxExactProfiles and says so', () => {
    const game = matchingGame(12);
    const a = typeProfiles(game, { maxExactProfiles: 1000, sampleSize: 4000, seed: 7 });
    const b = typeProfiles(game, { maxExactProfiles: 1000, sampleSize: 4000, seed: 7 });
    const c = typeProfiles(game, { maxExactProfiles: 1000, sampleSize: 4000, seed: 8 });
    expect(a.method).toBe('sample');
    expect(a.sampleSize).toBe(4000);
    expect(a.forPlayer[0]!.count).toBe(4000);
    expect(Array.from(a.forPlayer[3]!.types)).toEqual(Array.from(b.forPlayer[3]!.types));
    expect(Array.from(a.forPlayer[3]!.types)).not.toEqual(Array.from(c.forPlayer[3]!.types));
    // the sample follows the prior: 4000·0.5 draws of type 2 for player 5, within 4 standard deviations
    const n = 12;
    let highs = 0;
    for (let p = 0; p < 4000; p++) if (a.forPlayer[0]!.types[p * n + 5] === 2) highs++;
    expect(Math.abs(highs - 2000)).toBeLessThan(4 * Math.sqrt(4000 * 0.25));
  });

  it('uses the same common-random-number sample for every player', () => {
    const n = 12;
    const tp = typeProfiles(matchingGame(n), { maxExactProfiles: 1000, sampleSize: 50 });
    for (let p = 0; p < 50; p++) expect(tp.forPlayer[0]!.types[p * n + 5]).toBe(tp.forPlayer[1]!.types[p * n + 5]);
  });

  it('lets the engine solve a sampled game: each player matches the sample mean of the others', () => {
    const game = matchingGame(12);
    const tp = typeProfiles(game, { maxExactProfiles: 1000, sampleSize: 256 });
    const { result } = drain(game, tp, game.players.map(() => new Float64Array(3)));
    expect(result.converged).toBe(true);
    // the optimum is the sampled mean of the others' types, the same for every own type
    const n = 12;
    const mean = (i: number) => {
      let s = 0;
      for (let p = 0; p < 256; p++) for (let j = 0; j < n; j++) if (j !== i) s += tp.forPlayer[i]!.types[p * n + j]!;
      return s / 256 / (n - 1);
    };
    for (const i of [0, 7]) for (const x of result.strategies[i]!) expect(Math.abs(x - mean(i))).toBeLessThanOrEqual(0.005 + 1e-12);
  });

  it('conditions on the own type under a correlated prior', () => {
    // perfectly correlated types: knowing mine tells me yours, so I match my own type
    const game: BayesianGame = {
      ...matchingGame(2, [1, 1]),
      jointPrior: { profiles: [[0, 0], [1, 1]], weights: [1, 1] },
    };
    const correlated = drain(game, typeProfiles(game), [new Float64Array(2), new Float64Array(2)]).result;
    expect(Array.from(correlated.strategies[0]!)).toEqual([0, 1]);
    const { jointPrior: _, ...independent } = game;
    const free = drain(independent, typeProfiles(independent), [new Float64Array(2), new Float64Array(2)]).result;
    expect(Array.from(free.strategies[0]!)).toEqual([0.5, 0.5]);
  });
});

describe('fullTypeProfiles(game, options)', () => {
  it('enumerates whole profiles with probabilities summing to 1 when the game is small', () => {
    const full = fullTypeProfiles(matchingGame(3));
    expect(full.method).toBe('exact');
    expect(full.count).toBe(27);
    expect(full.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 14);
    expect(full.weights[26]).toBeCloseTo(0.5 ** 3, 15); // all three players of type 2
  });

  it('returns the very draws each player’s opponents come from when the game is sampled', () => {
    const game = matchingGame(12);
    const options = { maxExactProfiles: 1000, sampleSize: 64, seed: 3 };
    const full = fullTypeProfiles(game, options);
    const opp = typeProfiles(game, options).forPlayer[4]!;
    expect(full.method).toBe('sample');
    for (let k = 0; k < full.types.length; k++) if (k % 12 !== 4) expect(opp.types[k]).toBe(full.types[k]);
  });
});
