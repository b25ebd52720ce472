/**
 * Issue 21: the parking-lot sample reaches a certified equilibrium across the
 * fleet seeds a user would sweep and under skewed responsiveness priors; an
 * answer that does not is `uncertified` with its evidence, never `ok`.
 *
 * All 40 seeds take ≈ 130 s on the shared machine (≈ 100 s of it the three mixed seeds), so the unit suite runs a
 * representative nine (including seeds that used to stall: 12, 26 and 36, and
 * seed 28, whose game has no pure ε-equilibrium and is certified with one type mixing);
 * CI (CI=true, as .ci/run runs) adds the two other mixed seeds 27 and 33, so every special seed (mixed,
 * fallback, once stalling) runs there — the other 29 seeds converge plainly like 1, 5, 17, 24, 40 and
 * cost ≈ 30 s more (dropped from CI to keep the whole suite under 10 minutes on 2 cores).
 * `EV_SEEDS=all` (and `npm run fuzz`) runs the forty.
 */
import { describe, expect, it } from 'vitest';
import { runJob } from '../../../solver/jobs/run.ts';
import type { JobResult } from '../../../solver/contract.ts';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import { readFileSync } from 'node:fs';

const lot = (): ScenarioInput => JSON.parse(readFileSync(new URL('../../../assets/scenarios/ev-parking-lot.ggs.json', import.meta.url), 'utf8')) as ScenarioInput;

/**
 * Seeds whose sampled game has no pure ε-equilibrium along the cycling type's action and no certified mixture
 * either (none now: docs/models/bayes.md).
 */
export const KNOWN_CYCLING_SEEDS: number[] = [];
/**
 * Seeds where the cycling type's best response jumps over its own action (no pure ε-equilibrium along it) and
 * the answer is certified with that type mixing across the jump (solver/bayes/mixture.ts; docs/models/bayes.md).
 */
const MIXED: Record<number, { player: string; type: number }> = { 27: { player: 'lot-ev023', type: 1 }, 28: { player: 'lot-ev004', type: 1 }, 33: { player: 'lot-ev024', type: 2 } };
const all = Array.from({ length: 40 }, (_, i) => i + 1);
const representative = [1, 5, 12, 17, 24, 26, 28, 36, 40];
const inCi = /^(1|true|yes)$/i.test(process.env.CI ?? '');
const seeds = process.env.EV_SEEDS === 'all' ? all : inCi ? [...representative, 27, 33].sort((a, b) => a - b) : representative;
/** Seeds certified only through the engine's fallback (docs/models/bayes.md): the cycle's average, then polishing. */
const FALLBACK: Record<number, { polished: boolean; averaged: boolean }> = { 26: { polished: true, averaged: true }, 36: { polished: false, averaged: true } };

async function solveSeed(seed: number): Promise<JobResult<'ev-bayesian'>> {
  const s = lot();
  s.evFleets![0]!.generator!.seed = seed;
  return runJob({ kind: 'ev-bayesian', scenario: s });
}

describe('ev-bayesian across the parking-lot fleet seeds', () => {
  it.each(seeds)('seed %i: certified at ε = 1e-6, or uncertified with the cycle found', async (seed) => {
    const r = await solveSeed(seed);
    const c = r.certificate!;
    expect(r.verdict!.value).toBe(c.maxDeviationGain);
    if (KNOWN_CYCLING_SEEDS.includes(seed)) {
      expect(r.status).toBe('uncertified');
      expect(c.cycle.length).toBeGreaterThan(0);
      expect(r.verdict!.reason).toMatch(/no pure equilibrium found: best responses cycle/);
      // the evidence: held at its cycle's crossing with the others re-equilibrated, the cycling type's best response jumps over its own action
      const search = c.cycleSearch!;
      expect({ found: search.found, jump: search.jump }).toEqual({ found: false, jump: true });
      expect(search.below.bestResponse).toBeGreaterThan(search.above.x);
      expect(search.above.bestResponse).toBeLessThan(search.below.x);
      expect(Math.min(search.below.gain, search.above.gain)).toBeGreaterThan(c.epsilon);
      expect(r.verdict!.reason).toMatch(/jumps over its own action/);
    } else {
      expect(r.status, r.verdict?.reason ?? r.message).toBe('ok');
      expect(c.maxDeviationGain).toBeLessThanOrEqual(1e-6);
      if (FALLBACK[seed]) expect({ polished: c.polished, averaged: c.averaged }).toEqual(FALLBACK[seed]);
      const mixed = MIXED[seed];
      if (mixed) {
        // the evidence that no pure equilibrium lies along the type's action, then the mixture across its jump
        expect({ found: c.cycleSearch!.found, jump: c.cycleSearch!.jump }).toEqual({ found: false, jump: true });
        const m = c.mixture!;
        expect({ player: m.player, type: m.type }).toEqual(mixed);
        expect(m.low).toBeLessThanOrEqual(c.cycleSearch!.above.bestResponse + 1e-3);
        expect(m.high).toBeGreaterThanOrEqual(c.cycleSearch!.below.bestResponse - 1e-3);
        expect(m.p).toBeGreaterThan(0);
        expect(m.p).toBeLessThan(1);
        expect(c.statement).toMatch(/mixes: .* with probability/);
        // the table shows the mixing type's mean action
        const ev = r.data!.evs.find((e) => e.id === m.player)!;
        expect(ev.byType[m.type]!.v2vKwh).toBeCloseTo(m.p * m.low + (1 - m.p) * m.high, 9);
      } else expect(c.mixture ?? null).toBeNull();
    }
    // whatever the outcome, the status and the certificate agree
    expect(r.status === 'ok').toBe(c.maxDeviationGain <= c.epsilon);
  }, 180_000); // the three mixed seeds take 20–50 s each (the search over p re-equilibrates 40 EVs 6–7 times)
});

describe('ev-bayesian with skewed responsiveness priors (low 0.55, medium 0.4, high 0.05)', () => {
  it('is certified', async () => {
    const s = lot();
    s.evFleets![0]!.responsiveness.forEach((level: { prior: number }, k: number) => (level.prior = [0.55, 0.4, 0.05][k]!));
    const r = await runJob({ kind: 'ev-bayesian', scenario: s });
    expect(r.status, r.verdict?.reason ?? r.message).toBe('ok');
    expect(r.certificate!.maxDeviationGain).toBeLessThanOrEqual(1e-6);
  }, 60_000);
});
