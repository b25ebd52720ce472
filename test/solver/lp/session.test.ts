/**
 * The typed-array export and the persistent solve sessions: HiGHS re-solves a
 * changed model warm and must answer what a cold solve (and glpk.js, the
 * reference) answers; failures keep their class; sessions are disposed.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { LP_BACKENDS, loadLpBackend, type LpBackend, type LpBackendName, type LpSolution } from '../../../solver/lp/backend.ts';
import { lpCertificate } from '../../../solver/lp/certificate.ts';
import { toCplexLp } from '../../../solver/lp/lpFormat.ts';
import { LpModel, type LpRow, type LpVar } from '../../../solver/lp/model.ts';
import { openLpSession, withLpSession } from '../../../solver/lp/session.ts';
import { degenerate, infeasibleDispatch, isNondegenerate, randomFeasibleLp, randomLpSpec, relDiff, storageDispatch, unbounded, wyndor } from './fixtures.ts';

const backends = {} as Record<LpBackendName, LpBackend>;
beforeAll(async () => {
  for (const name of LP_BACKENDS) backends[name] = await loadLpBackend(name);
});

/** Park–Miller, as the fixtures use: deterministic per seed. */
function generator(seed: number) {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

/** Same status; when optimal, same objective, and same x and duals where the optimum is non-degenerate. */
function expectSameAnswer(model: LpModel, warm: LpSolution, reference: LpSolution) {
  expect(warm.status).toBe(reference.status);
  if (reference.status !== 'optimal') return;
  expect(relDiff(warm.objective, reference.objective)).toBeLessThan(1e-9);
  const cert = lpCertificate(model, warm);
  expect(cert.maxPrimalViolation).toBeLessThan(1e-9);
  expect(cert.dualityGap).toBeLessThan(1e-8 * Math.max(1, Math.abs(cert.objective)));
  if (!isNondegenerate(model, reference)) return;
  for (let j = 0; j < model.varCount; j++) expect(Math.abs(warm.x[j]! - reference.x[j]!)).toBeLessThan(1e-7);
  for (let i = 0; i < model.rowCount; i++) expect(Math.abs(warm.rowDuals[i]! - reference.rowDuals[i]!)).toBeLessThan(1e-7);
}

describe('LpModel.toArrays (what HiGHS is given: no text)', () => {
  it('holds the same matrix by columns as the model by rows, with costs, bounds and the Hessian diagonal', () => {
    fc.assert(
      fc.property(randomLpSpec, (spec) => {
        const m = randomFeasibleLp(spec);
        m.setQuadraticCost(1 as LpVar, 0.5);
        const a = m.toArrays();
        const dense = (get: (i: number, j: number) => number) => Array.from({ length: m.rowCount }, (_, i) => Array.from({ length: m.varCount }, (_, j) => get(i, j)));
        const byRows = dense((i, j) => {
          const { vars, coefs } = m.rowTerms(i);
          const k = Array.from(vars).indexOf(j);
          return k < 0 ? 0 : coefs[k]!;
        });
        const byCols = dense(() => 0);
        for (let j = 0; j < m.varCount; j++) {
          let last = -1;
          for (let k = a.matrix.start[j]!; k < a.matrix.start[j + 1]!; k++) {
            expect(a.matrix.index[k]!).toBeGreaterThan(last); // rows ascending within a column
            last = a.matrix.index[k]!;
            byCols[last]![j] = a.matrix.value[k]!;
          }
        }
        expect(byCols).toEqual(byRows);
        expect(a.matrix.start[m.varCount]).toBe(m.nonzeroCount);
        expect(Array.from(a.colCost)).toEqual(Array.from({ length: m.varCount }, (_, j) => m.cost(j)));
        expect(Array.from(a.colLower)).toEqual(Array.from({ length: m.varCount }, (_, j) => m.varLb(j)));
        expect(Array.from(a.rowUpper)).toEqual(Array.from({ length: m.rowCount }, (_, i) => m.rowUb(i)));
        expect(a.offset).toBe(m.objectiveConstant);
        expect(a.hessianDiagonal![1]).toBe(0.5);
        expect(a.hessianDiagonal!.filter((h) => h !== 0).length).toBe(1);
      }),
      { seed: 7, numRuns: 30 },
    );
    expect(wyndor().toArrays().hessianDiagonal).toBeNull();
  });

  it('gives the same names as before when they are first read late (they are resolved lazily, in order)', () => {
    const m = new LpModel();
    const a = m.addVar('x y'), b = m.addVar('x_y'), c = m.addVar('x y'), d = m.addVar('free');
    m.addRow('st', [[a, 1]], { ub: 1 });
    m.addRow('st', [[b, 1]], { ub: 1 });
    expect([m.varName(c), m.varName(a), m.varName(b), m.varName(d)]).toEqual(['x_y_3', 'x_y', 'x_y_2', '_free']);
    expect([m.rowName(1), m.rowName(0)]).toEqual(['_st_2', '_st']);
    expect(() => m.varName(9)).toThrow(RangeError);
  });
});

describe.each(LP_BACKENDS)('%s session', (name) => {
  it('re-solves after cost, bound and row-bound changes to what a cold solve gives (random LPs, 5 changes each)', () => {
    let warmSolves = 0;
    fc.assert(
      fc.property(randomLpSpec, (spec) => {
        const m = randomFeasibleLp(spec);
        const rand = generator(spec.seed);
        withLpSession(backends[name], m, (session) => {
          const first = session.solve();
          expect(first.warm ?? false).toBe(false);
          expectSameAnswer(m, first, backends.glpk.solve(m));
          for (let round = 0; round < 5; round++) {
            const j = Math.floor(rand() * m.varCount) as LpVar, i = Math.floor(rand() * m.rowCount) as LpRow;
            m.setCost(j, Math.round((rand() * 6 - 3) * 8) / 8);
            const lb = m.varLb(j), ub = m.varUb(j);
            m.setVarBounds(j, lb + (ub - lb) * rand() * 0.5, ub);
            // widening a row keeps the model feasible (the fixtures build every row around one interior point)
            if (m.rowUb(i) < Infinity) m.setRowBounds(i, { lb: m.rowLb(i), ub: m.rowUb(i) + rand() });
            const warm = session.solve();
            if (warm.warm) warmSolves++;
            expectSameAnswer(m, warm, backends[name].solve(m));
            expectSameAnswer(m, warm, backends.glpk.solve(m));
          }
        });
      }),
      { seed: 31337, numRuns: 25 },
    );
    // HiGHS starts again from its basis; glpk.js has no persistent model and rebuilds
    if (name === 'highs') expect(warmSolves).toBeGreaterThan(50);
    else expect(warmSolves).toBe(0);
  });

  it('takes appended rows (cutting planes) and new variables, and a changed objective sense and constant', () => {
    const m = wyndor();
    withLpSession(backends[name], m, (session) => {
      expect(session.solve().objective).toBeCloseTo(36, 9);
      m.addRow('cut', [[0 as LpVar, 1], [1 as LpVar, 1]], { ub: 7 });
      expectSameAnswer(m, session.solve(), backends.glpk.solve(m));
      const z = m.addVar('glass', { ub: 2, cost: 1 });
      m.addRow('glass_use', [[z, 1], [0 as LpVar, 1]], { ub: 5 });
      expectSameAnswer(m, session.solve(), backends.glpk.solve(m));
      m.setObjective('min', 10);
      const min = session.solve();
      expectSameAnswer(m, min, backends.glpk.solve(m));
      expect(min.objective).toBeCloseTo(10, 9);
    });
  });

  it('keeps infeasible and unbounded apart after changes, and recovers', () => {
    const m = wyndor();
    withLpSession(backends[name], m, (session) => {
      expect(session.solve().status).toBe('optimal');
      const impossible = m.addRow('impossible', [[0 as LpVar, 1]], { lb: 5 });
      expect(session.solve().status).toBe('infeasible');
      m.setRowBounds(impossible, { lb: 1 });
      expect(session.solve().objective).toBeCloseTo(36, 9);
      m.setVarBounds(0 as LpVar, 0, 1); // the row now pins x at 1
      expect(session.solve().status).toBe('optimal');
      m.setVarBounds(0 as LpVar, 3, 1); // crossed bounds: answered without the solver
      expect(session.solve()).toMatchObject({ status: 'infeasible', message: expect.stringContaining('doors') });
      m.setVarBounds(0 as LpVar, 0, Infinity);
      expect(session.solve().objective).toBeCloseTo(36, 9);
    });
    const u = unbounded();
    withLpSession(backends[name], u, (session) => {
      expect(session.solve().status).toBe('unbounded');
      u.setVarBounds(1 as LpVar, 0, 4);
      expect(session.solve().objective).toBeCloseTo(-9, 9);
    });
  });

  it('is disposed once, and refuses to solve afterwards', () => {
    const session = openLpSession(backends[name], wyndor());
    expect(session.solve().status).toBe('optimal');
    expect(session.disposed).toBe(false);
    session.dispose();
    session.dispose();
    expect(session.disposed).toBe(true);
    expect(() => session.solve()).toThrow(/disposed/);
    let kept: ReturnType<typeof openLpSession> | undefined;
    expect(() =>
      withLpSession(backends[name], wyndor(), (s) => {
        kept = s;
        throw new Error('caller failed');
      }),
    ).toThrow('caller failed');
    expect(kept!.disposed).toBe(true);
  });
});

describe('HiGHS persistent backend', () => {
  it('agrees with glpk.js on the fixtures, degenerate and infeasible ones included', () => {
    for (const make of [wyndor, degenerate, infeasibleDispatch, unbounded, () => storageDispatch(24, 3)]) {
      const g = backends.glpk.solve(make()), h = backends.highs.solve(make());
      expect(h.status).toBe(g.status);
      if (g.status === 'optimal') expect(relDiff(h.objective, g.objective)).toBeLessThan(1e-9);
    }
  });

  it('classifies a model that is both infeasible and has an unbounded ray as glpk.js does (re-solved without presolve)', () => {
    // x ≥ 0 with x ≤ −1 is impossible, and y improves the objective forever
    const m = new LpModel('both');
    const x = m.addVar('x', { cost: 1 });
    const y = m.addVar('y', { cost: -1 });
    m.addRow('impossible', [[x, 1]], { ub: -1 });
    m.addRow('free_y', [[y, 1], [x, 1]], { lb: 0 });
    const g = backends.glpk.solve(m);
    expect(g.status).toBe('infeasible');
    expect(backends.highs.solve(m).status).toBe(g.status);
    // the same answer with presolve turned off by the caller
    expect(backends.highs.solve(m, { presolve: 'off' }).status).toBe(g.status);
  });

  it('re-solves a QP warm after its linear costs and bounds change, to the cold answer', () => {
    const m = new LpModel('qp');
    const x = m.addVar('x', { cost: -4 });
    const y = m.addVar('y', { cost: -8 });
    m.setQuadraticCost(x, 2);
    m.setQuadraticCost(y, 4);
    m.addRow('cap', [[x, 1], [y, 1]], { ub: 2 });
    withLpSession(backends.highs, m, (session) => {
      expect(session.solve().x[0]).toBeCloseTo(2 / 3, 6);
      for (const [cx, ubY] of [[-6, 1], [-2, 5], [-4, Infinity]] as const) {
        m.setCost(x, cx);
        m.setVarBounds(y, 0, ubY);
        const warm = session.solve(), cold = backends.highs.solve(m);
        expect(warm.status).toBe('optimal');
        expect(warm.objective).toBeCloseTo(cold.objective, 8);
        expect(warm.x[0]).toBeCloseTo(cold.x[0]!, 6);
        expect(warm.rowDuals[0]).toBeCloseTo(cold.rowDuals[0]!, 6);
      }
      // all quadratic terms dropped: an LP again, solved as such
      m.setQuadraticCost(x, 0);
      m.setQuadraticCost(y, 0);
      m.setVarBounds(y, 0, 1);
      expectSameAnswer(m, session.solve(), backends.glpk.solve(m));
    });
  });
});

describe('HiGHS QP sessions start from the last optimum', () => {
  /** a storage dispatch whose generators have quadratic costs: a QP with a large active set */
  function quadraticDispatch() {
    const m = storageDispatch(24, 6); // per period: 6 generators, charge, discharge, soc
    for (let t = 0; t < 24; t++) for (let g = 0; g < 6; g++) m.setQuadraticCost((t * 9 + g) as LpVar, 0.2 + 0.1 * g);
    return m;
  }

  it('re-solves after a small cost change in fewer QP iterations than a cold solve, to the same optimum', () => {
    const m = quadraticDispatch();
    withLpSession(backends.highs, m, (session) => {
      const first = session.solve();
      expect(first.status).toBe('optimal');
      let warmIterations = 0, coldIterations = 0;
      for (let t = 0; t < 24; t += 6) {
        m.setCost((t * 9) as LpVar, m.cost(t * 9) + 0.5);
        const warm = session.solve(), cold = backends.highs.solve(m);
        expect(warm.warm).toBe(true);
        expect(relDiff(warm.objective, cold.objective)).toBeLessThan(1e-9);
        for (let j = 0; j < m.varCount; j++) if (m.quadraticCost(j) > 0) expect(Math.abs(warm.x[j]! - cold.x[j]!)).toBeLessThan(1e-6); // strictly convex in the generators
        warmIterations += warm.iterations!;
        coldIterations += cold.iterations!;
      }
      expect(warmIterations).toBeLessThan(coldIterations / 2);
    });
  });

  it('releases a bound the last optimum sat on once it has moved away, and starts warm to the cold answer', () => {
    const m = quadraticDispatch();
    withLpSession(backends.highs, m, (session) => {
      const first = session.solve();
      // a generator at its upper bound in the first optimum: raise that bound
      const j = Array.from({ length: m.varCount }, (_, k) => k).find((k) => m.quadraticCost(k) > 0 && Math.abs(first.x[k]! - m.varUb(k)) < 1e-9)!;
      expect(j).toBeDefined();
      m.setVarBounds(j as LpVar, 0, m.varUb(j) + 3);
      const again = session.solve(), cold = backends.highs.solve(m);
      expect(again.warm).toBe(true);
      expect(relDiff(again.objective, cold.objective)).toBeLessThan(1e-9);
      expect(again.x[j]).toBeCloseTo(cold.x[j]!, 6);
    });
  });

  it('starts cold, with the cold answer, when the last optimum lies outside a moved bound', () => {
    const m = quadraticDispatch();
    withLpSession(backends.highs, m, (session) => {
      const first = session.solve();
      const j = Array.from({ length: m.varCount }, (_, k) => k).find((k) => m.quadraticCost(k) > 0 && first.x[k]! > 1)!;
      m.setVarBounds(j as LpVar, 0, first.x[j]! / 2);
      const again = session.solve(), cold = backends.highs.solve(m);
      expect(again.warm).toBe(false);
      expect(relDiff(again.objective, cold.objective)).toBeLessThan(1e-9);
    });
  });

  it('starts the first QP from the LP optimum before it (quadratic terms set since), with a fixed variable released', () => {
    // the microgrid ADMM's round 0: an LP with some variables fixed at 0, then the same model with penalties on them, freed
    const m = storageDispatch(24, 6);
    const fixed = [0, 9, 18].map((k) => k as LpVar);
    const ub = fixed.map((v) => m.varUb(v));
    for (const v of fixed) m.setVarBounds(v, 0, 0);
    withLpSession(backends.highs, m, (session) => {
      expect(session.solve().status).toBe('optimal');
      fixed.forEach((v, k) => m.setVarBounds(v, 0, ub[k]!));
      for (let t = 0; t < 24; t++) for (let g = 0; g < 6; g++) m.setQuadraticCost((t * 9 + g) as LpVar, 0.2 + 0.1 * g);
      const warm = session.solve(), cold = backends.highs.solve(m);
      expect(warm.warm).toBe(true);
      expect(relDiff(warm.objective, cold.objective)).toBeLessThan(1e-9);
      for (let j = 0; j < m.varCount; j++) if (m.quadraticCost(j) > 0) expect(Math.abs(warm.x[j]! - cold.x[j]!)).toBeLessThan(1e-6);
    });
  });
});
