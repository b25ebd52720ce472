/** Invariants of the sweep on random radial feeders (fast-check). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ScenarioInput } from '../../solver/scenario/schema.ts';
import { feeder, solvePowerflow } from './support/network.ts';

interface RandomFeeder {
  /** parent[i] < i + 1 for bus i + 2; bus 1 is the substation */
  parents: number[];
  lines: { rOhm: number; xOhm: number; flipped: boolean }[];
  loads: { pKw: number; qKvar: number }[];
}

const randomFeeder: fc.Arbitrary<RandomFeeder> = fc.integer({ min: 1, max: 12 }).chain((m) =>
  fc.record({
    parents: fc.tuple(...Array.from({ length: m }, (_, i) => fc.integer({ min: 0, max: i }))),
    lines: fc.array(
      fc.record({ rOhm: fc.double({ min: 0.01, max: 1, noNaN: true }), xOhm: fc.double({ min: 0.01, max: 1, noNaN: true }), flipped: fc.boolean() }),
      { minLength: m, maxLength: m },
    ),
    // negative P: a bus that exports (e.g. PV), so reverse flows are covered too
    loads: fc.array(fc.record({ pKw: fc.double({ min: -100, max: 200, noNaN: true }), qKvar: fc.double({ min: -50, max: 150, noNaN: true }) }), {
      minLength: m + 1,
      maxLength: m + 1,
    }),
  }),
);

/** Bus "1" is the substation; `flipAll` lists every line the other way round. */
function toScenario(f: RandomFeeder, flipAll = false): ScenarioInput {
  const id = (i: number) => String(i + 1);
  const lines = f.parents.map((p, i) => {
    const [from, to] = f.lines[i]!.flipped !== flipAll ? [id(i + 1), id(p)] : [id(p), id(i + 1)];
    return { id: `L${i + 1}`, from, to, rOhm: f.lines[i]!.rOhm, xOhm: f.lines[i]!.xOhm };
  });
  const loads = Object.fromEntries(f.loads.map((l, i): [string, [number, number]] => [id(i), [l.pKw, l.qKvar]]));
  return feeder(f.loads.map((_, i) => id(i)), lines, loads);
}

describe('powerflow on random radial feeders', () => {
  it('balances power: substation supply = loads + losses to 1e-6 kW and kvar, with a mismatch certificate below 1e-6 kVA', () => {
    fc.assert(
      fc.property(randomFeeder, (f) => {
        const { data, certificate } = solvePowerflow(toScenario(f), { tolerancePu: 1e-10 });
        const p = data.periods[0]!;
        expect(Math.abs(p.substationKw - p.loadKw - p.lossesKw)).toBeLessThan(1e-6);
        expect(Math.abs(p.substationKvar - p.loadKvar - p.lossesKvar)).toBeLessThan(1e-6);
        expect(certificate.maxMismatchKva).toBeLessThan(1e-6);
        expect(p.lossesKw).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 200, seed: 20261125 },
    );
  });

  it('does not depend on the direction in which lines are listed', () => {
    fc.assert(
      fc.property(randomFeeder, (f) => {
        const a = solvePowerflow(toScenario(f)).data.periods[0]!;
        const b = solvePowerflow(toScenario(f, true)).data.periods[0]!;
        a.buses.forEach((bus, i) => {
          expect(b.buses[i]!.vmPu).toBeCloseTo(bus.vmPu, 12);
          expect(b.buses[i]!.vaDeg).toBeCloseTo(bus.vaDeg, 10);
        });
        expect(b.lossesKw).toBeCloseTo(a.lossesKw, 9);
      }),
      { numRuns: 100, seed: 7 },
    );
  });
});
