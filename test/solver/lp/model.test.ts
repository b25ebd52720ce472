import { describe, expect, it } from 'vitest';
import { LpModel } from '../../../solver/lp/model.ts';
import { sanitiseLpName } from '../../../solver/lp/names.ts';

describe('sanitiseLpName', () => {
  it('keeps safe names and rewrites everything else', () => {
    expect(sanitiseLpName('p_g.3')).toBe('p_g.3');
    expect(sanitiseLpName('v[18,19]')).toBe('v_18_19_');
    expect(sanitiseLpName('19h')).toBe('_19h');
    expect(sanitiseLpName('e5')).toBe('_e5');
    expect(sanitiseLpName('export')).toBe('export');
    expect(sanitiseLpName('free')).toBe('_free');
    expect(sanitiseLpName('~range.x')).toBe('_range.x');
    expect(sanitiseLpName('x'.repeat(400))).toHaveLength(240);
  });
});

describe('LpModel', () => {
  it('addVar and addRow give unique names, keep origins and default bounds', () => {
    const m = new LpModel('t');
    const a = m.addVar('p[1]');
    const b = m.addVar('p(1)', { lb: -Infinity, cost: 2, origin: { kind: 'gen', id: 'g1' } });
    const r1 = m.addRow('obj', [[a, 1]], { eq: 1 });
    const r2 = m.addRow('bal', [[a, 1], [b, 1]], { lb: 0 }, { kind: 'balance', bus: '18', t: 19 });
    expect([m.varName(a), m.varName(b)]).toEqual(['p_1_', 'p_1__2']);
    expect([m.varLb(a), m.varUb(a), m.cost(a), m.varLb(b), m.cost(b)]).toEqual([0, Infinity, 0, -Infinity, 2]);
    expect(m.varOrigin(b)).toEqual({ kind: 'gen', id: 'g1' });
    expect([m.rowName(r1), m.rowName(r2)]).toEqual(['_obj', 'bal']);
    expect([m.rowLb(r1), m.rowUb(r1), m.rowLb(r2), m.rowUb(r2)]).toEqual([1, 1, 0, Infinity]);
    expect(m.rowOrigin(r2)).toEqual({ kind: 'balance', bus: '18', t: 19 });
  });

  it('addRow sums repeated variables and drops zero coefficients', () => {
    const m = new LpModel();
    const [x, y, z] = ['x', 'y', 'z'].map((n) => m.addVar(n)) as [never, never, never];
    const r = m.addRow('r', [[x, 1], [y, 2], [x, 3], [z, 0], [y, -2]], { ub: 1 });
    const terms = m.rowTerms(r);
    expect(Array.from(terms.vars)).toEqual([x]);
    expect(Array.from(terms.coefs)).toEqual([4]);
    // the parallel-array form stores the same row
    const r2 = m.addRow('r2', { vars: [x, y, x], coefs: [1, 2, 3] }, { ub: 1 });
    expect(Array.from(m.rowTerms(r2).coefs)).toEqual([4, 2]);
    expect(m.nonzeroCount).toBe(3);
  });

  it('rejects NaN, infinite costs, unknown variables and impossible infinities', () => {
    const m = new LpModel();
    const x = m.addVar('x');
    expect(() => m.addVar('y', { lb: NaN })).toThrow(RangeError);
    expect(() => m.addVar('y', { lb: Infinity })).toThrow(RangeError);
    expect(() => m.addVar('y', { cost: Infinity })).toThrow(RangeError);
    expect(() => m.addRow('r', [[7 as never, 1]], { ub: 1 })).toThrow(/unknown variable/);
    expect(() => m.addRow('r', [[x, NaN]], { ub: 1 })).toThrow(/finite/);
    expect(() => m.addRow('r', [[x, 1]], { eq: Infinity })).toThrow(RangeError);
  });

  it('rowActivity, reducedCosts and objectiveValue follow their formulas', () => {
    const m = new LpModel();
    const x = m.addVar('x', { cost: 1 }), y = m.addVar('y', { cost: -2 });
    m.addRow('a', [[x, 2], [y, 3]], { ub: 10 });
    m.addRow('b', [[y, -1]], { lb: -4 });
    m.setObjective('min', 5);
    expect(Array.from(m.rowActivity([1, 2]))).toEqual([8, -2]);
    // c − Aᵀy with y = (1, 2): (1 − 2, −2 − 3 + 2)
    expect(Array.from(m.reducedCosts([1, 2]))).toEqual([-1, -3]);
    expect(m.objectiveValue([1, 2])).toBe(2);
  });

  it('crossedBound finds a lower bound above its upper bound', () => {
    const m = new LpModel();
    const x = m.addVar('x', { lb: 0, ub: 1 });
    const r = m.addRow('r', [[x, 1]], { lb: 0, ub: 1 });
    expect(m.crossedBound()).toBeNull();
    m.setRowBounds(r, { lb: 2, ub: 1 });
    expect(m.crossedBound()).toEqual({ kind: 'row', index: r });
  });

  it('builds a 50k-variable sparse LP quickly (timing printed, not asserted)', () => {
    const n = 50_000;
    const t0 = performance.now();
    const m = new LpModel('large');
    const vars = new Int32Array(3), coefs = new Float64Array(3);
    for (let j = 0; j < n; j++) m.addVar(`x${j}`, { ub: 10, cost: (j % 7) - 3, origin: { kind: 'x', j } });
    for (let i = 0; i < n - 2; i++) {
      vars[0] = i, vars[1] = i + 1, vars[2] = i + 2;
      coefs[0] = 1, coefs[1] = -0.5, coefs[2] = 0.25;
      m.addRow(`r${i}`, { vars, coefs }, { lb: -1, ub: 5 });
    }
    const ms = performance.now() - t0;
    console.log(`LpModel: ${n} vars, ${m.rowCount} rows, ${m.nonzeroCount} non-zeros built in ${ms.toFixed(0)} ms`);
    expect(m.nonzeroCount).toBe(3 * (n - 2));
  });
});
