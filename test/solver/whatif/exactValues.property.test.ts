/**
 * Sweep ranges hit their ends exactly and give exact whole numbers where the
 * step is whole (issue 21: `1:40:40` gave 26.000000000000004), and a
 * whole-number field refuses a range that would not land on whole numbers.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { expandValues, isWholeNumberField, parseValuesSpec, wholeNumberIssue, type ValuesSpec } from '../../../solver/whatif/params.ts';
import { checkStudy } from '../../../solver/whatif/study.ts';
import { readFileSync } from 'node:fs';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';

const evLot = JSON.parse(readFileSync(new URL('../../../assets/scenarios/ev-parking-lot.ggs.json', import.meta.url), 'utf8')) as ScenarioInput;
const SEED = 'evFleets[id=lot].generator.seed';

describe('exact sweep values', () => {
  it('1:40:40 is the whole numbers 1 … 40', () => {
    expect(expandValues(parseValuesSpec('1:40:40'))).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('a linear range with whole ends and a whole step gives exact whole numbers, ends included', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: -5000, max: 5000 }), fc.integer({ min: 2, max: 400 }), (from, step, steps) => {
        const to = from + step * (steps - 1);
        const values = expandValues({ kind: 'linear', from, to, steps });
        expect(values).toEqual(Array.from({ length: steps }, (_, i) => from + step * i));
        expect(wholeNumberIssue({ kind: 'linear', from, to, steps })).toBeNull();
      }),
    );
  });

  it('any range hits both ends exactly, is monotone and has the asked number of values', () => {
    const range = fc.record({
      kind: fc.constantFrom('linear' as const, 'log' as const),
      from: fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
      to: fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
      steps: fc.integer({ min: 2, max: 200 }),
    });
    fc.assert(
      fc.property(range, (spec: ValuesSpec & { from: number; to: number; steps: number }) => {
        const v = expandValues(spec);
        expect(v).toHaveLength(spec.steps);
        expect(v[0]).toBe(spec.from);
        expect(v.at(-1)).toBe(spec.to);
        const sign = Math.sign(spec.to - spec.from);
        for (let i = 1; i < v.length; i++) expect(Math.sign(v[i]! - v[i - 1]!) * sign).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('decimal ranges give the decimals people write (0.1 steps are not 0.30000000000000004)', () => {
    expect(expandValues(parseValuesSpec('0:1:11'))).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  });

  it('log ranges between powers land on them exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 6 }), (lo, decades) => {
        const values = expandValues({ kind: 'log', from: 10 ** lo, to: 10 ** (lo + decades), steps: decades + 1 });
        expect(values).toEqual(Array.from({ length: decades + 1 }, (_, i) => 10 ** (lo + i)));
      }),
    );
  });

  it('a whole-number field refuses a fractional step and says which STEPS would do', () => {
    expect(isWholeNumberField(evLot, SEED, 7)).toBe(true);
    expect(isWholeNumberField(evLot, 'evMarket.pvKw', 30)).toBe(false);
    const issue = wholeNumberIssue(parseValuesSpec('1:40:30'));
    expect(issue).toMatch(/whole numbers only.*steps by 1\.34483.*STEPS = 2, 4, 14, 40/);
    expect(wholeNumberIssue(parseValuesSpec('log:1:50:4'))).toMatch(/give the values as a list/);
    expect(wholeNumberIssue(parseValuesSpec('log:1:1000:4'))).toBeNull();
  });

  it('a study over a whole-number field checks its values', () => {
    const study = (values: string) => ({ base: { kind: 'ev-bayesian' as const, scenario: evLot }, design: { kind: 'sweep' as const, param: { path: SEED, values: parseValuesSpec(values) } } });
    expect(checkStudy(study('1:40:40'))).toEqual([]);
    expect(checkStudy(study('1:40:30'))).toEqual([{ path: SEED, message: expect.stringMatching(/whole numbers only/) }]);
  });
});
