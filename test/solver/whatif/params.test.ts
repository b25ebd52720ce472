import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseValuesSpec, expandValues, formatValuesSpec, readParam, checkParamValues } from '../../../solver/whatif/params.ts';
import { validateScenario } from '../../../solver/scenario/validate.ts';
import { threeBus } from './fixtures.ts';

const scenario = (() => {
  const v = validateScenario(threeBus);
  if (!v.ok) throw new Error('fixture is invalid');
  return v.value;
})();

describe('parseValuesSpec', () => {
  it('reads FROM:TO:STEPS as a linear range with both ends included', () => {
    expect(parseValuesSpec('0.5:1.5:11')).toEqual({ kind: 'linear', from: 0.5, to: 1.5, steps: 11 });
    const values = expandValues(parseValuesSpec('0.5:1.5:11'));
    expect(values).toHaveLength(11);
    expect(values[0]).toBe(0.5);
    expect(values[5]).toBe(1);
    expect(values[10]).toBe(1.5);
  });

  it('reads log:FROM:TO:STEPS as a geometric range', () => {
    const values = expandValues(parseValuesSpec('log:10:1000:3'));
    expect(values[0]).toBe(10);
    expect(values[1]).toBeCloseTo(100, 12);
    expect(values[2]).toBe(1000);
  });

  it('reads a comma list in the order given', () => {
    expect(expandValues(parseValuesSpec('1.2, 0.8,1'))).toEqual([1.2, 0.8, 1]);
    expect(expandValues(parseValuesSpec('7'))).toEqual([7]);
  });

  it('gives STEPS values from FROM to TO, evenly spaced (property)', () => {
    const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(finite, finite, fc.integer({ min: 2, max: 200 }), (a, b, steps) => {
        // as the text reads them (-0 prints as 0)
        const [from, to] = [Number(`${a}`), Number(`${b}`)];
        const values = expandValues(parseValuesSpec(`${a}:${b}:${steps}`));
        expect(values).toHaveLength(steps);
        expect(values[0]).toBe(from);
        expect(values[steps - 1]).toBe(to);
        const step = (to - from) / (steps - 1);
        values.forEach((v, i) => expect(Math.abs(v - (from + i * step))).toBeLessThanOrEqual(1e-9 * (Math.abs(from) + Math.abs(to) + 1)));
      }),
    );
  });

  it('round-trips through formatValuesSpec', () => {
    for (const text of ['0.5:1.5:11', 'log:1:100:5', '3,1,2']) expect(formatValuesSpec(parseValuesSpec(text))).toBe(text);
  });

  it.each([
    ['', /nothing given/],
    ['0.5:1.5', /expected FROM:TO:STEPS/],
    ['0.5:1.5:1', /STEPS must be a whole number of at least 2, not 1/],
    ['0.5:1.5:2.5', /STEPS must be a whole number/],
    ['a:1:3', /"a" is not a number/],
    ['1,,2', /"" is not a number/],
    ['log:0:10:3', /log range needs FROM and TO above 0/],
    ['log:5', /needs FROM:TO:STEPS/],
  ])('refuses %j, quoting it and saying what is expected', (text, why) => {
    expect(() => parseValuesSpec(text)).toThrow(why);
    expect(() => parseValuesSpec(text)).toThrow(`cannot read values "${text}"`);
  });
});

describe('readParam', () => {
  it('reads a number by key, index or id, including fields filled by defaults', () => {
    expect(readParam(scenario, 'network.loadScale')).toEqual({ ok: true, value: 1 });
    expect(readParam(scenario, 'network.buses[2].pdKw')).toEqual({ ok: true, value: 200 });
    expect(readParam(scenario, 'network.buses[id=2].qdKvar')).toEqual({ ok: true, value: 50 });
  });

  it.each([
    ['network.loadScal', /no field "loadScal"/],
    ['network.buses[id=99].pdKw', /no item with id "99"/],
    ['network.buses[7].pdKw', /has 3 items/],
    ['network.buses[0].id', /holds a string, not a number/],
    ['network.buses', /holds a list, not a number/],
    ['network.substation', /holds an object, not a number/],
  ])('refuses %s with a message naming the path', (path, why) => {
    const r = readParam(scenario, path);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issue.path).toBe(path);
    expect(r.issue.message).toMatch(/^cannot be swept: /);
    expect(r.issue.message).toMatch(why);
  });
});

describe('checkParamValues', () => {
  it('accepts values that keep the scenario valid', () => {
    expect(checkParamValues(threeBus, 'network.loadScale', [0, 0.5, 2])).toBeNull();
  });

  it('reports the first value that makes the scenario invalid, with the schema message', () => {
    const issue = checkParamValues(threeBus, 'network.loadScale', [1, -0.5, -2]);
    expect(issue?.path).toBe('network.loadScale');
    expect(issue?.message).toMatch(/^network\.loadScale = -0\.5 makes the scenario invalid: network\.loadScale: must be at least 0/);
  });
});
