import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadLpBackend, LpModel, openLpSession, type LpVar } from '../../../solver/lp/index.ts';
import { WorkingSetQp, type WorkingSetSolution } from '../../../solver/qp/workingSetQp.ts';
import { allMicrogridInputs } from '../../../solver/microgrid/inputs.ts';
import { couplingVars, stepModel } from '../../../solver/microgrid/localSteps.ts';
import { classroom, valid } from '../microgrid/classroomAdmm.ts';

const lp = await loadLpBackend('highs');

/**
 * The KKT conditions of `model` at an answer, recomputed from the model alone: bounds, stationarity
 * c + Hx − Aᵀy − d = 0 with d the reduced costs, multipliers of the right sign, and complementarity.
 */
function kktResiduals(model: LpModel, s: WorkingSetSolution) {
  const { colCost: c, colLower: lb, colUpper: ub, rowLower: rl, rowUpper: ru, hessianDiagonal: h } = model.vectors();
  const activity = model.rowActivity(s.x);
  const implied = model.reducedCosts(s.rowDuals); // c − Aᵀy
  let primal = 0, dual = 0, complementarity = 0;
  const bound = (value: number, lower: number, upper: number, multiplier: number) => {
    if (lower > -Infinity) primal = Math.max(primal, (lower - value) / Math.max(1, Math.abs(lower)));
    if (upper < Infinity) primal = Math.max(primal, (value - upper) / Math.max(1, Math.abs(upper)));
    // a positive multiplier belongs to the lower bound, a negative one to the upper
    if (multiplier > 0) complementarity = Math.max(complementarity, multiplier * Math.abs(value - lower));
    if (multiplier < 0) complementarity = Math.max(complementarity, -multiplier * Math.abs(value - upper));
    if (multiplier > 0 && lower === -Infinity) dual = Math.max(dual, multiplier);
    if (multiplier < 0 && upper === Infinity) dual = Math.max(dual, -multiplier);
  };
  for (let j = 0; j < model.varCount; j++) {
    const d = implied[j]! + (h?.[j] ?? 0) * s.x[j]!;
    dual = Math.max(dual, Math.abs(d - s.reducedCosts[j]!));
    bound(s.x[j]!, lb[j]!, ub[j]!, d);
  }
  for (let i = 0; i < model.rowCount; i++) bound(activity[i]!, rl[i]!, ru[i]!, s.rowDuals[i]!);
  return { primal, dual, complementarity, objective: model.objectiveValue(s.x) };
}

/** A random feasible QP with a diagonal Hessian (half the variables without curvature), bounded. */
const qp = fc.record({ n: fc.integer({ min: 3, max: 30 }), m: fc.integer({ min: 1, max: 20 }), seed: fc.integer({ min: 1, max: 2 ** 30 }) }).map(({ n, m, seed }) => {
  let s = seed;
  const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0), s / 4294967296);
  const model = new LpModel('random qp');
  const x0 = Array.from({ length: n }, () => rand() * 10 - 5);
  const vars = x0.map((v, j) => model.addVar(`x${j}`, { lb: v - 1 - rand() * 5, ub: v + 1 + rand() * 5, cost: rand() * 2 - 1 }));
  vars.forEach((v) => rand() < 0.5 && model.setQuadraticCost(v, rand() * 2));
  for (let i = 0; i < m; i++) {
    const terms = vars.filter(() => rand() < 0.3).map((v): [LpVar, number] => [v, rand() * 4 - 2]);
    if (terms.length === 0) continue;
    const at = terms.reduce((a, [v, k]) => a + k * x0[v]!, 0);
    const kind = rand();
    model.addRow(`r${i}`, terms, kind < 0.3 ? { eq: at } : kind < 0.6 ? { lb: at - rand() * 3 } : { lb: at - rand() * 3, ub: at + rand() * 3 });
  }
  model.setObjective('min');
  return { model, vars, rand };
});

describe('WorkingSetQp: a QP re-solved from the working set of its last optimum', () => {
  it('answers with HiGHS’s optimum after cost changes, certified by KKT residuals recomputed from the model', () => {
    let answered = 0, asked = 0;
    fc.assert(
      fc.property(qp, ({ model, vars, rand }) => {
        const session = openLpSession(lp, model);
        try {
          let highs = session.solve();
          expect(highs.status).toBe('optimal');
          const ws = new WorkingSetQp(model);
          for (let change = 0; change < 4; change++) {
            if (!ws.hasWorkingSet) ws.startFrom(highs);
            for (const v of vars) model.setCost(v, model.cost(v) + (rand() - 0.5) * 0.2);
            const fast = ws.solve();
            highs = session.solve();
            expect(highs.status).toBe('optimal');
            asked++;
            if (!fast) continue;
            answered++;
            const kkt = kktResiduals(model, fast);
            expect(kkt.primal).toBeLessThanOrEqual(1e-7);
            expect(kkt.dual).toBeLessThanOrEqual(1e-9);
            expect(kkt.complementarity).toBeLessThanOrEqual(1e-6);
            expect(fast.objective).toBeCloseTo(kkt.objective, 9);
            // HiGHS's QP solver regularises (1e-7): its optimum agrees to that order
            expect(Math.abs(fast.objective - highs.objective)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(highs.objective)));
          }
        } finally {
          session.dispose();
        }
      }),
      { numRuns: 80, seed: 3 },
    );
    // the point of the method: most small cost changes need no QP solver
    expect(answered / asked).toBeGreaterThan(0.7);
  });

  it('re-solves a microgrid’s ADMM step (battery at its limits, generator ramps) as HiGHS does, round after round', () => {
    const inputs = allMicrogridInputs(valid(classroom()));
    for (const mg of inputs) {
      const { model, vars } = stepModel(mg);
      const coupling = couplingVars(vars, true);
      const session = openLpSession(lp, model);
      const ws = new WorkingSetQp(model);
      let seed = 5;
      const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), seed / 4294967296);
      const rho = 0.005;
      coupling.forEach((v) => model.setQuadraticCost(v, rho));
      let fastCount = 0;
      for (let round = 0; round < 12; round++) {
        // prices that settle like an ADMM run's: large moves first, then small ones
        coupling.forEach((v) => model.setCost(v, (rand() - 0.5) * 0.2 * 0.6 ** round + (round === 0 ? 0 : model.cost(v))));
        const fast = ws.solve();
        const highs = session.solve();
        expect(highs.status).toBe('optimal');
        if (fast) {
          fastCount++;
          const kkt = kktResiduals(model, fast);
          expect(kkt.primal).toBeLessThanOrEqual(1e-7);
          expect(kkt.dual).toBeLessThanOrEqual(1e-9);
          expect(Math.abs(fast.objective - highs.objective)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(highs.objective)));
          // never worse than HiGHS; and the coupling variables carry ρ/2·x², so f is ρ-strongly convex in them:
          // ρ/2·|Δx|² ≤ f(x_HiGHS) − f* bounds how far HiGHS's (regularised) answer may sit from the true optimum
          const gap = highs.objective - fast.objective;
          expect(gap).toBeGreaterThanOrEqual(-1e-9);
          const reach = Math.sqrt((2 * Math.max(gap, 0)) / rho) + 1e-6;
          for (const v of coupling) expect(Math.abs(fast.x[v]! - highs.x[v]!)).toBeLessThanOrEqual(reach);
        } else ws.startFrom(highs);
      }
      expect(fastCount, mg.id).toBeGreaterThanOrEqual(8);
      session.dispose();
    }
  });

  it('gives up, and forgets its working set, when it holds none, the model changed shape, or its rounds run out', () => {
    const model = new LpModel('box');
    const x = model.addVar('x', { lb: 0, ub: 10, cost: 1 });
    const y = model.addVar('y', { lb: 0, ub: 10, cost: 1 });
    model.setQuadraticCost(x, 1);
    model.setQuadraticCost(y, 1);
    model.addRow('sum', [[x, 1], [y, 1]], { lb: 4 });
    model.setObjective('min');
    const ws = new WorkingSetQp(model, { maxRounds: 0 });
    expect(ws.solve()).toBeNull();
    const highs = lp.solve(model);
    ws.startFrom(highs);
    // same costs: the held set is right at once (x = y = 2 on the row)
    const same = ws.solve()!;
    expect(same.rounds).toBe(0);
    expect(same.x[x]).toBeCloseTo(2, 9);
    expect(same.rowDuals[0]).toBeCloseTo(3, 9);
    // x's cost jumps: the row leaves the working set (y at 0 joins), which takes a round it may not have
    model.setCost(x, -20);
    expect(ws.solve()).toBeNull();
    expect(ws.hasWorkingSet).toBe(false);
    const patient = new WorkingSetQp(model);
    patient.startFrom(highs);
    const moved = patient.solve()!;
    expect(moved.x[x]).toBeCloseTo(10, 9);
    expect(moved.x[y]).toBeCloseTo(0, 9);
    expect(moved.rounds).toBeGreaterThan(0);
    model.addVar('z', { lb: 0, ub: 1 });
    expect(patient.solve()).toBeNull();
  });
});
