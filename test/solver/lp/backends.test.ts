import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { LP_BACKENDS, loadLpBackend, type LpBackend, type LpBackendName } from '../../../solver/lp/backend.ts';
import { lpCertificate } from '../../../solver/lp/certificate.ts';
import { parseCplexLp, toCplexLp } from '../../../solver/lp/lpFormat.ts';
import type { LpModel, LpRow, LpVar } from '../../../solver/lp/model.ts';
import { degenerate, isNondegenerate, randomFeasibleLp, randomLpSpec, relDiff, unbounded, wyndor } from './fixtures.ts';

const backends = {} as Record<LpBackendName, LpBackend>;
beforeAll(async () => {
  for (const name of LP_BACKENDS) backends[name] = await loadLpBackend(name);
});

/** Certificate residuals of an optimal solution: all at solver tolerance. */
function expectCertified(model: LpModel, name: LpBackendName) {
  const solution = backends[name].solve(model);
  const cert = lpCertificate(model, solution);
  expect(cert.status).toBe('optimal');
  expect(cert.maxPrimalViolation).toBeLessThan(1e-9);
  expect(cert.maxDualViolation).toBeLessThan(1e-9);
  expect(cert.maxComplementarity).toBeLessThan(1e-9);
  expect(cert.dualityGap).toBeLessThan(1e-9 * Math.max(1, Math.abs(cert.objective)));
  return solution;
}

describe.each(LP_BACKENDS)('%s backend', (name) => {
  it('solves Wyndor Glass to x = (2, 6), z = 36 with shadow prices (0, 1.5, 1)', () => {
    const s = expectCertified(wyndor(), name);
    expect(s.backend).toBe(name);
    expect(s.objective).toBeCloseTo(36, 9);
    expect(Array.from(s.x)).toEqual([expect.closeTo(2, 9), expect.closeTo(6, 9)]);
    expect(Array.from(s.rowDuals)).toEqual([expect.closeTo(0, 9), expect.closeTo(1.5, 9), expect.closeTo(1, 9)]);
    expect(Array.from(s.rowActivity)).toEqual([expect.closeTo(2, 9), expect.closeTo(12, 9), expect.closeTo(18, 9)]);
    expect(Array.from(s.reducedCosts)).toEqual([expect.closeTo(0, 9), expect.closeTo(0, 9)]);
  });

  it('gives the same optimum with opposite duals when Wyndor is written as a min problem', () => {
    const m = wyndor();
    m.setObjective('min', 100);
    for (let j = 0; j < m.varCount; j++) m.setCost(j as never, -m.cost(j));
    const s = expectCertified(m, name);
    expect(s.objective).toBeCloseTo(64, 9);
    expect(Array.from(s.rowDuals)).toEqual([expect.closeTo(0, 9), expect.closeTo(-1.5, 9), expect.closeTo(-1, 9)]);
  });

  it('certifies a degenerate optimum whose duals are not unique', () => {
    const s = expectCertified(degenerate(), name);
    expect(s.objective).toBeCloseTo(-2, 9);
    expect(Array.from(s.x)).toEqual([expect.closeTo(1, 9), expect.closeTo(1, 9)]);
  });

  it('reports infeasible and unbounded models as such', () => {
    const m = wyndor();
    m.addRow('impossible', [[0 as never, 1]], { lb: 5 });
    expect(backends[name].solve(m).status).toBe('infeasible');
    expect(backends[name].solve(unbounded()).status).toBe('unbounded');
    const crossed = wyndor();
    crossed.setVarBounds(0 as never, 3, 1);
    expect(backends[name].solve(crossed)).toMatchObject({ status: 'infeasible', message: expect.stringContaining('doors') });
  });

  it.each([
    { n: 4, m: 5, max: true, seed: 1 },
    { n: 4, m: 5, max: false, seed: 3 },
  ])('duals and reduced costs equal finite-difference objective changes (rhs and bounds moved by 1e-4) on random LP %o', (spec) => {
    // chosen non-degenerate, with an equality row and a ranged row active at the optimum
    const m = randomFeasibleLp(spec);
    const base = backends[name].solve(m);
    expect(isNondegenerate(m, base)).toBe(true);
    const h = 1e-4;
    const slope = (moved: number) => (moved - base.objective) / h;
    for (let i = 0; i < m.rowCount; i++) {
      const r = i as LpRow, lb = m.rowLb(r), ub = m.rowUb(r);
      const atUpper = Math.abs(base.rowActivity[i]! - ub) < 1e-9;
      m.setRowBounds(r, lb === ub ? { eq: lb + h } : atUpper ? { lb, ub: ub + h } : { lb: lb + h, ub });
      expect(Math.abs(slope(backends[name].solve(m).objective) - base.rowDuals[i]!)).toBeLessThan(1e-6);
      m.setRowBounds(r, { lb, ub });
    }
    for (let j = 0; j < m.varCount; j++) {
      const v = j as LpVar, lb = m.varLb(v), ub = m.varUb(v);
      const atUpper = Math.abs(base.x[j]! - ub) < 1e-9;
      m.setVarBounds(v, atUpper ? lb : lb + h, atUpper ? ub + h : ub);
      expect(Math.abs(slope(backends[name].solve(m).objective) - base.reducedCosts[j]!)).toBeLessThan(1e-6);
      m.setVarBounds(v, lb, ub);
    }
  });
});

describe('glpk and HiGHS agree', () => {
  it('on objectives (1e-7 relative), and on x and duals of non-degenerate problems, for random feasible LPs', () => {
    let compared = 0, worstObjective = 0, worstDual = 0;
    fc.assert(
      fc.property(randomLpSpec, (spec) => {
        const m = randomFeasibleLp(spec);
        const g = expectCertified(m, 'glpk');
        const h = expectCertified(m, 'highs');
        worstObjective = Math.max(worstObjective, relDiff(g.objective, h.objective));
        expect(relDiff(g.objective, h.objective)).toBeLessThan(1e-7);
        if (!isNondegenerate(m, g)) return;
        compared++;
        for (let i = 0; i < m.rowCount; i++) {
          worstDual = Math.max(worstDual, Math.abs(g.rowDuals[i]! - h.rowDuals[i]!));
          expect(Math.abs(g.rowDuals[i]! - h.rowDuals[i]!)).toBeLessThan(1e-7);
        }
        for (let j = 0; j < m.varCount; j++) expect(Math.abs(g.x[j]! - h.x[j]!)).toBeLessThan(1e-7);
      }),
      { seed: 424242, numRuns: 40 },
    );
    console.log(`glpk vs HiGHS on 40 random LPs: worst objective difference ${worstObjective.toExponential(1)} relative; duals compared on the ${compared} non-degenerate ones, worst difference ${worstDual.toExponential(1)}`);
    expect(compared).toBeGreaterThan(5);
  });

  it('when an exported LP file is re-read and solved by the other backend', () => {
    const m = randomFeasibleLp({ n: 12, m: 10, max: true, seed: 77 });
    const reread = parseCplexLp(toCplexLp(m));
    expect(relDiff(backends.glpk.solve(m).objective, backends.highs.solve(reread).objective)).toBeLessThan(1e-7);
    expect(relDiff(backends.highs.solve(m).objective, backends.glpk.solve(reread).objective)).toBeLessThan(1e-7);
  });
});

describe('lpCertificate', () => {
  it('detects a wrong solution: primal violation, wrong-sign dual and a duality gap', () => {
    const m = wyndor();
    const s = backends.glpk.solve(m);
    const broken = { ...s, x: Float64Array.from([3, 6]), rowDuals: Float64Array.from([0, -1.5, 1]) };
    const cert = lpCertificate(m, broken);
    expect(cert.maxPrimalViolation).toBeCloseTo(3, 9); // 3·3 + 2·6 = 21 > 18
    expect(cert.maxDualViolation).toBeGreaterThan(1);
    expect(cert.dualityGap).toBeGreaterThan(1);
  });

  it('carries NaN residuals for a solution that is not optimal', () => {
    const cert = lpCertificate(unbounded(), backends.highs.solve(unbounded()));
    expect(cert).toMatchObject({ status: 'unbounded', backend: 'highs' });
    expect(cert.dualityGap).toBeNaN();
  });
});
