import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCplexLp, toCplexLp } from '../../../solver/lp/lpFormat.ts';
import { LpModel } from '../../../solver/lp/model.ts';
import { randomFeasibleLp, randomLpSpec, wyndor } from './fixtures.ts';

/** Everything an LP file carries, keyed by name (origins are not part of the file). */
function contents(m: LpModel) {
  const vars: Record<string, [number, number, number]> = {};
  for (let j = 0; j < m.varCount; j++) vars[m.varName(j)] = [m.varLb(j), m.varUb(j), m.cost(j)];
  const rows: Record<string, { lb: number; ub: number; terms: Record<string, number> }> = {};
  for (let i = 0; i < m.rowCount; i++) {
    const { vars: v, coefs } = m.rowTerms(i);
    const terms: Record<string, number> = {};
    v.forEach((j, k) => (terms[m.varName(j)] = coefs[k]!));
    rows[m.rowName(i)] = { lb: m.rowLb(i), ub: m.rowUb(i), terms };
  }
  return { name: m.name, sense: m.sense, constant: m.objectiveConstant, vars, rows };
}

/** One of each kind of bound and row the writer has a special case for. */
function everyKind(): LpModel {
  const m = new LpModel('every kind');
  const free = m.addVar('free_var', { lb: -Infinity, ub: Infinity, cost: 1.5 });
  const neg = m.addVar('neg', { lb: -Infinity, ub: -2, cost: -1e-7 });
  const fixed = m.addVar('fixed', { lb: 3.25, ub: 3.25 });
  const lower = m.addVar('lower', { lb: -4 });
  const boxed = m.addVar('boxed', { lb: 1, ub: 1e21, cost: 0.1 });
  m.addVar('unused');
  m.addRow('ranged', [[free, 1], [neg, -2]], { lb: -1, ub: 1 });
  m.addRow('eq', [[fixed, 0.3], [lower, 1]], { eq: -0.1 });
  m.addRow('le', [[boxed, 1]], { ub: 7 });
  m.addRow('ge', [[lower, 2], [boxed, -1]], { lb: 2 });
  m.addRow('free_row', [[free, 1]], {});
  m.addRow('empty', [], { lb: -1 });
  m.setObjective('max', -12.5);
  return m;
}

describe('toCplexLp', () => {
  it('writes sections, auxiliary columns for a ranged row and the constant, and every bound kind', () => {
    const text = toCplexLp(everyKind());
    expect(text).toMatch(/^\\ Problem: every kind\nMaximize\n obj: \+ 1\.5 free_var - 1e-7 neg/);
    expect(text).toContain(' ranged: + 1 free_var - 2 neg - 1 ~range.ranged = 0');
    expect(text).toContain(' free_row: + 1 free_var - 1 ~range.free_row = 0');
    expect(text).toContain(' empty: + 0 free_var >= -1');
    expect(text).toContain('Bounds\n free_var free\n -inf <= neg <= -2\n fixed = 3.25\n lower >= -4\n 1 <= boxed <= 1e+21\n -1 <= ~range.ranged <= 1\n ~range.free_row free\n ~objconst = 1\nEnd\n');
    expect(text).toContain('- 12.5 ~objconst');
  });

  it('wraps long rows so no line exceeds 210 characters', () => {
    const m = new LpModel();
    const vars = Array.from({ length: 500 }, (_, j) => m.addVar(`a_rather_long_variable_name_${j}`, { cost: 1 }));
    m.addRow('long', vars.map((v) => [v, 1] as const), { lb: 1 });
    const lines = toCplexLp(m).split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(210);
    expect(parseCplexLp(toCplexLp(m)).rowTerms(0).vars).toHaveLength(500);
  });
});

describe('parseCplexLp(toCplexLp(model))', () => {
  it('gives back every name, bound, coefficient, the sense and the constant', () => {
    const m = everyKind();
    expect(contents(parseCplexLp(toCplexLp(m)))).toEqual(contents(m));
    expect(contents(parseCplexLp(toCplexLp(wyndor())))).toEqual(contents(wyndor()));
  });

  it('round-trips random LPs exactly (fast-check, seeded)', () => {
    fc.assert(
      fc.property(randomLpSpec, (spec) => {
        const m = randomFeasibleLp(spec);
        expect(contents(parseCplexLp(toCplexLp(m)))).toEqual(contents(m));
      }),
      { seed: 20261125, numRuns: 60 },
    );
  });

  it('reads GLPK-style files: "\\* *\\" comments, implicit coefficients, -Inf, st', () => {
    const m = parseCplexLp(`\\* Problem: glpk *\\\n\nMinimize\n obj: + x + 2 y\n\nst\n c1: + x + y - ~r_1 = 1\n c2: x\n  - y >= -2\n\nBounds\n 0 <= ~r_1 <= 3\n -Inf <= x <= 10\n y free\n\nEnd\n`);
    expect(m.name).toBe('glpk');
    expect(m.varCount).toBe(3);
    expect(m.varName(2)).toBe('_r_1');
    expect([m.varLb(0), m.varUb(0), m.varLb(1), m.cost(1)]).toEqual([-Infinity, 10, -Infinity, 2]);
    expect(Array.from(m.rowTerms(1).coefs)).toEqual([1, -1]);
  });

  it('rejects binary and SOS sections and text it cannot read (General integers are read: test/solver/lp/mip.test.ts)', () => {
    expect(() => parseCplexLp('Minimize\n obj: x\nSubject To\n c: x >= 1\nBinary\n x\nEnd')).toThrow(/not supported/);
    expect(() => parseCplexLp('Minimize\n obj: x\nSubject To\n c: x >= 1\nSOS\n s1: S1:: x:1\nEnd')).toThrow(/not supported/);
    expect(() => parseCplexLp('Subject To\n c: x >= 1\nEnd')).toThrow(/Minimize/);
    expect(() => parseCplexLp('Minimize\n obj: x\nSubject To\n c: x 1\nEnd')).toThrow(SyntaxError);
  });
});
