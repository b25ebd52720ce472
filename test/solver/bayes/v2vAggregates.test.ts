/**
 * The V2V game's incremental interim utilities (pool aggregates) against the
 * straightforward expectation: an oracle that rebuilds the whole pool's
 * flows for every opponent profile (poolFlows, own trade included) and
 * prices them with sdrPrice. Random seeded fleets, strategies and
 * deviations; sampled (common-random-number) and exact expectations.
 */
import { describe, expect, it } from 'vitest';
import { typeProfiles, type TypeProfiles } from '../../../solver/bayes/typeProfiles.ts';
import { scalarInterim } from '../../../solver/bayes/interim.ts';
import { maxDeviationGain } from '../../../solver/bayes/deviationGain.ts';
import type { BayesianGame } from '../../../solver/bayes/game.ts';
import type { ParkedEv } from '../../../solver/ev/fleet.ts';
import { poolFlows, v2vGame } from '../../../solver/ev/v2vGame.ts';
import { drain } from './support.ts';
import { sdrPrice } from '../../../solver/ev/v2vMarket.ts';

/** mulberry32: a small seeded generator for the random instances */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const T = 12;

function randomInstance(seed: number, n: number) {
  const r = rng(seed);
  const evs: ParkedEv[] = Array.from({ length: n }, (_, j) => {
    const from = Math.floor(r() * (T - 1));
    const to = Math.min(T, from + 1 + Math.floor(r() * 6));
    const role = r() < 0.1 ? 'idle' : r() < 0.5 ? 'seller' : 'buyer';
    const max = role === 'idle' ? 0 : 2 + 20 * r();
    return {
      id: `ev${j}`,
      fleetId: 'f',
      from,
      to,
      role,
      needKwh: role === 'buyer' ? max : 0,
      maxV2vKwh: max,
      wearPerKwh: 0.02 * r(),
      dissatisfactionPerKwh2: [0.02, 0.006, 0.002],
      prior: [0.2 + r(), 0.2 + r(), 0.2 + r()],
    };
  });
  const gridBuy = Float64Array.from({ length: T }, () => 0.2 + 0.1 * r());
  const gridSell = Float64Array.from(gridBuy, (b) => b * (0.2 + 0.5 * r()));
  const game = v2vGame({ evs, T, gridBuy, gridSell, exchangeCostPerKwh: 0.005, actionPoints: 11, v2vEnabled: true });
  const strategies = evs.map((ev) => Float64Array.from({ length: 3 }, () => (r() < 0.15 ? 0 : r() * ev.maxV2vKwh)));
  return { evs, gridBuy, gridSell, game, strategies, r };
}

/** E[u_i | t] for x, from the whole pool's flows per opponent profile (independent of the game's code). */
function oracle(inst: ReturnType<typeof randomInstance>, profiles: TypeProfiles, strategies: Float64Array[], i: number, t: number, x: number): number {
  const { evs, gridBuy, gridSell } = inst;
  const ev = evs[i]!;
  if (ev.role === 'idle') return 0;
  const n = evs.length;
  const opp = profiles.forPlayer[i]!;
  const actions = new Float64Array(n);
  let eu = 0;
  for (let p = 0; p < opp.count; p++) {
    const w = opp.weights[p * 3 + t]!;
    for (let j = 0; j < n; j++) actions[j] = j === i ? x : strategies[j]![opp.types[p * n + j]!]!;
    const { supply, demand } = poolFlows(evs, T, actions);
    const e = x / (ev.to - ev.from);
    let u = -ev.dissatisfactionPerKwh2[t]! * x * x - 0.005 * x;
    for (let k = ev.from; k < ev.to; k++) {
      const price = sdrPrice(supply[k]!, demand[k]!, gridSell[k]!, gridBuy[k]!);
      u += ev.role === 'seller' ? price.seller * e : (gridBuy[k]! - price.buyer) * e;
    }
    if (ev.role === 'seller') u -= ev.wearPerKwh * x;
    eu += w * u;
  }
  return eu;
}

function expectAgreement(inst: ReturnType<typeof randomInstance>, profiles: TypeProfiles, strategies: Float64Array[], fast: (i: number) => (t: number, x: number) => number) {
  let checked = 0;
  inst.evs.forEach((ev, i) => {
    const eu = fast(i);
    // grid points, the strategies' own values and random off-grid quantities
    const xs = [0, ev.maxV2vKwh, ...strategies[i]!, ...Array.from({ length: 4 }, () => inst.r() * ev.maxV2vKwh)];
    for (const x of xs)
      for (let t = 0; t < 3; t++) {
        const want = oracle(inst, profiles, strategies, i, t, x);
        expect(Math.abs(eu(t, x) - want), `EV ${i} (${ev.role}) type ${t} x ${x}`).toBeLessThanOrEqual(1e-12);
        checked++;
      }
  });
  return checked;
}

describe('v2vGame(…).interim: expected utilities from pool aggregates', () => {
  it('equals the straightforward expectation to 1e-12 on random seeded fleets (common-random-number sample)', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const inst = randomInstance(seed, 30);
      const profiles = typeProfiles(inst.game, { maxExactProfiles: 100, sampleSize: 24, seed });
      expect(profiles.method).toBe('sample');
      const model = inst.game.interim!(profiles, inst.strategies);
      expect(expectAgreement(inst, profiles, inst.strategies, (i) => model.player(i))).toBeGreaterThan(30 * 3 * 5);
    }
  });

  it('equals it with exact enumeration of the others’ types (small fleets)', () => {
    for (const seed of [11, 12, 13]) {
      const inst = randomInstance(seed, 6);
      const profiles = typeProfiles(inst.game, { maxExactProfiles: 4096 });
      expect(profiles.method).toBe('exact');
      const model = inst.game.interim!(profiles, inst.strategies);
      expectAgreement(inst, profiles, inst.strategies, (i) => model.player(i));
    }
  });

  it('stays equal after incremental strategy updates (the iteration’s Gauss–Seidel path)', () => {
    const inst = randomInstance(7, 30);
    const profiles = typeProfiles(inst.game, { maxExactProfiles: 100, sampleSize: 24, seed: 7 });
    const model = inst.game.interim!(profiles, inst.strategies);
    const strategies = inst.strategies.map((s) => Float64Array.from(s));
    for (let step = 0; step < 200; step++) {
      const j = Math.floor(inst.r() * inst.evs.length);
      strategies[j] = Float64Array.from(strategies[j]!, () => inst.r() * inst.evs[j]!.maxV2vKwh);
      model.setStrategy(j, strategies[j]!);
    }
    expectAgreement(inst, profiles, strategies, (i) => model.player(i));
  });

  it('drives the best-response iteration to the same strategies as the scalar expectation, sequential and simultaneous', () => {
    const inst = randomInstance(21, 12);
    const profiles = typeProfiles(inst.game, { maxExactProfiles: 100, sampleSize: 16, seed: 21 });
    const slowGame: BayesianGame = { ...inst.game, interim: (p, profile) => scalarInterim(inst.game, p, profile) };
    const start = inst.evs.map(() => new Float64Array(3));
    for (const schedule of ['sequential', 'simultaneous'] as const) {
      const options = { tolerance: 1e-8, maxIterations: 6, schedule };
      const fast = drain(inst.game, profiles, start, options).result;
      const slow = drain(slowGame, profiles, start, options).result;
      expect(fast.iterations).toBe(slow.iterations);
      // Brent's search resolves a smooth peak to ~1.5e-8·x (the utility is flat to rounding closer in), so 1e-16 differences in values show there
      fast.strategies.forEach((s, i) => s.forEach((x, t) => expect(Math.abs(x - slow.strategies[i]![t]!)).toBeLessThanOrEqual(1e-6)));
      expect(Math.max(...fast.strategies.flatMap((s) => Array.from(s)))).toBeGreaterThan(0);
    }
  });

  it('agrees with the scalar payoff’s expectation (the reference the certificate used before), and gives the same certificate', () => {
    const inst = randomInstance(9, 20);
    const profiles = typeProfiles(inst.game, { maxExactProfiles: 100, sampleSize: 16, seed: 9 });
    const fast = inst.game.interim!(profiles, inst.strategies);
    const slow = scalarInterim(inst.game, profiles, inst.strategies);
    inst.evs.forEach((ev, i) => {
      const [f, s] = [fast.player(i), slow.player(i)];
      for (let t = 0; t < 3; t++) for (const x of [0, 0.37 * ev.maxV2vKwh, ev.maxV2vKwh]) expect(Math.abs(f(t, x) - s(t, x))).toBeLessThanOrEqual(1e-12);
    });
    const { interim: _, ...scalar } = inst.game;
    const a = maxDeviationGain(inst.game, profiles, inst.strategies, 2);
    const b = maxDeviationGain(scalar as BayesianGame, profiles, inst.strategies, 2);
    expect(Math.abs(a.maxDeviationGain - b.maxDeviationGain)).toBeLessThanOrEqual(1e-12);
    a.players.forEach((p, i) => p.gainByType.forEach((g, t) => expect(Math.abs(g - b.players[i]!.gainByType[t]!)).toBeLessThanOrEqual(1e-12)));
  });
});
