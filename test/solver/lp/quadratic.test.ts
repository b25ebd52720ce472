import { beforeAll, describe, expect, it } from 'vitest';
import { loadLpBackend, type LpBackend } from '../../../solver/lp/backend.ts';
import { parseCplexLp, toCplexLp } from '../../../solver/lp/lpFormat.ts';
import { LpModel } from '../../../solver/lp/model.ts';

/**
 * min x² + 2y² − 4x − 8y  s.t. x + y ≤ 2.
 * KKT by hand: 2x − 4 + μ = 0, 4y − 8 + μ = 0, x + y = 2  ⇒  μ = 8/3, x = 2/3, y = 4/3,
 * objective −28/3 + … = 4/9 + 32/9 − 8/3 − 32/3 = −28/3; the row dual ∂obj/∂rhs = −μ.
 */
function separableQp() {
  const m = new LpModel('qp');
  const x = m.addVar('x', { cost: -4 });
  const y = m.addVar('y', { cost: -8 });
  m.setQuadraticCost(x, 2);
  m.setQuadraticCost(y, 4);
  const row = m.addRow('cap', [[x, 1], [y, 1]], { ub: 2 });
  m.setObjective('min');
  return { m, x, y, row };
}

let highs: LpBackend;
let glpk: LpBackend;
beforeAll(async () => {
  highs = await loadLpBackend('highs');
  glpk = await loadLpBackend('glpk');
});

describe('quadratic objectives', () => {
  it('objectiveValue adds ½·h·x² for each quadratic cost', () => {
    const { m } = separableQp();
    expect(m.objectiveValue([2 / 3, 4 / 3])).toBeCloseTo(-28 / 3, 12);
  });

  it('toCplexLp writes the [ … ]/2 section HiGHS reads, and parseCplexLp refuses it', () => {
    const text = toCplexLp(separableQp().m);
    expect(text).toMatch(/\+ \[ \+ 2 x \^2 \+ 4 y \^2 \]\/2/);
    expect(() => parseCplexLp(text)).toThrow(/quadratic/);
  });

  it('HiGHS solves the separable QP to its hand-worked KKT point and multiplier', () => {
    const { m, x, y, row } = separableQp();
    const s = highs.solve(m);
    expect(s.status).toBe('optimal');
    expect(s.x[x]).toBeCloseTo(2 / 3, 6);
    expect(s.x[y]).toBeCloseTo(4 / 3, 6);
    expect(s.objective).toBeCloseTo(-28 / 3, 6);
    expect(s.rowDuals[row]).toBeCloseTo(-8 / 3, 6);
  });

  it('GLPK answers error instead of dropping the quadratic term', () => {
    const s = glpk.solve(separableQp().m);
    expect(s.status).toBe('error');
    expect(s.message).toMatch(/quadratic/);
  });
});
