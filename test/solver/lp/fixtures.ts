/** Small LPs worked by hand, and a generator of random feasible bounded LPs, shared by the LP tests. */
import fc from 'fast-check';
import { LpModel, type LpVar } from '../../../solver/lp/model.ts';
import type { LpSolution } from '../../../solver/lp/backend.ts';

/**
 * Wyndor Glass (Hillier & Lieberman, Introduction to Operations Research, §3.1):
 * max 3x + 5y s.t. x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18, x, y ≥ 0.
 * Optimum x = 2, y = 6, z = 36; shadow prices 0, 1.5, 1 (§4.7). Non-degenerate.
 */
export function wyndor(): LpModel {
  const m = new LpModel('wyndor');
  const x = m.addVar('doors', { cost: 3 });
  const y = m.addVar('windows', { cost: 5 });
  m.addRow('plant1', [[x, 1]], { ub: 4 }, { kind: 'capacity', plant: 1 });
  m.addRow('plant2', [[y, 2]], { ub: 12 }, { kind: 'capacity', plant: 2 });
  m.addRow('plant3', [[x, 3], [y, 2]], { ub: 18 }, { kind: 'capacity', plant: 3 });
  m.setObjective('max');
  return m;
}

/** min −x − y s.t. x + y ≤ 2, x ≤ 1, y ≤ 1 (rows): three rows meet at the optimum (1, 1), so the duals are not unique. */
export function degenerate(): LpModel {
  const m = new LpModel('degenerate');
  const x = m.addVar('x', { cost: -1 });
  const y = m.addVar('y', { cost: -1 });
  m.addRow('sum', [[x, 1], [y, 1]], { ub: 2 });
  m.addRow('xcap', [[x, 1]], { ub: 1 });
  m.addRow('ycap', [[y, 1]], { ub: 1 });
  return m;
}

/**
 * A two-bus, two-hour dispatch with one impossible hour: the demand at bus 2 at
 * t = 1 (9 kW) exceeds the local generator (3 kW) plus the line limit (5 kW).
 */
export function infeasibleDispatch(): LpModel {
  const m = new LpModel('dispatch');
  const demand = [4, 9];
  for (const t of [0, 1]) {
    const g1 = m.addVar(`g1_${t}`, { ub: 100, cost: 1, origin: { kind: 'generator', id: 'g1', t } });
    const g2 = m.addVar(`g2_${t}`, { ub: 3, cost: 5 });
    const flow = m.addVar(`f_${t}`, { lb: -Infinity, ub: Infinity });
    m.addRow(`line_${t}`, [[flow, 1]], { lb: -5, ub: 5 }, { kind: 'line', line: '1-2', t });
    m.addRow(`bal1_${t}`, [[g1, 1], [flow, -1]], { eq: 0 }, { kind: 'balance', bus: '1', t });
    m.addRow(`bal2_${t}`, [[g2, 1], [flow, 1]], { eq: demand[t]! }, { kind: 'balance', bus: '2', t });
  }
  return m;
}

/** min −x − y s.t. x − y ≤ 1, x, y ≥ 0: the ray (1, 1) improves forever. */
export function unbounded(): LpModel {
  const m = new LpModel('unbounded');
  const x = m.addVar('x', { cost: -1, origin: { kind: 'import', t: 0 } });
  const y = m.addVar('y', { cost: -1 });
  m.addRow('diff', [[x, 1], [y, -1]], { ub: 1 });
  return m;
}

/**
 * Random LPs (fast-check generates the spec, so counterexamples print small) that are feasible (every row is built around a point x₀ inside
 * the box) and bounded (every variable has finite bounds). Rows mix ≤, ≥,
 * equality and ranged; costs and coefficients are multiples of 1/8, so ties
 * (degenerate optima) happen now and then, as in real models.
 */
export const randomLpSpec = fc.record({
  n: fc.integer({ min: 2, max: 12 }),
  m: fc.integer({ min: 1, max: 10 }),
  max: fc.boolean(),
  seed: fc.integer({ min: 1, max: 2 ** 31 - 2 }),
});
export type RandomLpSpec = { n: number; m: number; max: boolean; seed: number };

export function randomFeasibleLp({ n, m, max, seed }: RandomLpSpec): LpModel {
    let s = seed;
    // Park–Miller minimal standard generator: deterministic per seed
    const rand = () => (s = (s * 48271) % 2147483647) / 2147483647;
    const eighths = (lo: number, hi: number) => Math.round((lo + (hi - lo) * rand()) * 8) / 8;
    const model = new LpModel(`random_${seed}`);
    const x0: number[] = [];
    for (let j = 0; j < n; j++) {
      const lb = eighths(-5, 0), ub = lb + 0.5 + eighths(0, 5);
      model.addVar(`x${j}`, { lb, ub, cost: eighths(-3, 3), origin: { kind: 'x', j } });
      x0.push(lb + (ub - lb) * rand());
    }
    for (let i = 0; i < m; i++) {
      const vars: number[] = [], coefs: number[] = [];
      let activity = 0;
      for (let j = 0; j < n; j++) {
        if (rand() > 0.5) continue;
        const a = eighths(-4, 4);
        vars.push(j), coefs.push(a), (activity += a * x0[j]!);
      }
      const kind = Math.floor(rand() * 4);
      const below = Math.floor(activity - rand() * 3), above = Math.ceil(activity + rand() * 3);
      const bounds = kind === 0 ? { ub: above } : kind === 1 ? { lb: below } : kind === 2 ? { lb: below, ub: above } : { eq: activity };
      model.addRow(`r${i}`, { vars, coefs }, bounds);
    }
  model.setObjective(max ? 'max' : 'min', eighths(-10, 10));
  return model;
}

/**
 * True when the basic solution is non-degenerate both ways: exactly n rows and
 * bounds are active (primal) and each active one has a non-zero dual (dual),
 * so the duals are unique and two solvers must agree on them.
 */
export function isNondegenerate(model: LpModel, s: LpSolution, tol = 1e-7): boolean {
  let active = 0;
  const check = (value: number, lb: number, ub: number, dual: number) => {
    const atBound = Math.abs(value - lb) <= tol || Math.abs(value - ub) <= tol;
    if (atBound) active++;
    return atBound === Math.abs(dual) > tol;
  };
  for (let i = 0; i < model.rowCount; i++) if (!check(s.rowActivity[i]!, model.rowLb(i), model.rowUb(i), s.rowDuals[i]!)) return false;
  for (let j = 0; j < model.varCount; j++) if (!check(s.x[j]!, model.varLb(j), model.varUb(j), s.reducedCosts[j]!)) return false;
  return active === model.varCount;
}

/** |a − b| relative to max(1, |a|, |b|). */
export const relDiff = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));

/**
 * A storage-dispatch LP shaped like the OPF and portfolio models: T periods,
 * G generators with ramp limits, one battery; per period a balance row, a
 * state-of-charge row and G ramp rows. (G + 3)·T variables, (G + 2)·T rows.
 */
export function storageDispatch(T: number, G: number): LpModel {
  const m = new LpModel(`dispatch_${T}x${G}`);
  const vars = new Int32Array(G + 3), coefs = new Float64Array(G + 3);
  let prevGen = -1, prevSoc = -1;
  for (let t = 0; t < T; t++) {
    const load = 50 + 30 * Math.sin((2 * Math.PI * t) / 24) + 10 * Math.sin((2 * Math.PI * t) / 168);
    const firstGen = m.varCount;
    for (let g = 0; g < G; g++) m.addVar(`p_${g}_${t}`, { ub: 10 + 2 * g, cost: 10 + 3 * g + (t % 24 < 8 ? 0 : 1), origin: { kind: 'gen', g, t } });
    const charge = m.addVar(`ch_${t}`, { ub: 20 });
    const discharge = m.addVar(`dis_${t}`, { ub: 20 });
    const soc = m.addVar(`soc_${t}`, { lb: 10, ub: 100 });
    for (let g = 0; g < G; g++) (vars[g] = firstGen + g), (coefs[g] = 1);
    vars[G] = charge, coefs[G] = -1, vars[G + 1] = discharge, coefs[G + 1] = 1;
    m.addRow(`balance_${t}`, { vars: vars.subarray(0, G + 2), coefs: coefs.subarray(0, G + 2) }, { eq: load }, { kind: 'balance', t });
    // soc_t = soc_{t−1} + 0.95·ch − dis/0.95; soc_{−1} = 50
    m.addRow(`soc_${t}`, prevSoc < 0 ? [[soc, 1], [charge, -0.95], [discharge, 1 / 0.95]] : [[soc, 1], [prevSoc as LpVar, -1], [charge, -0.95], [discharge, 1 / 0.95]], { eq: prevSoc < 0 ? 50 : 0 }, { kind: 'soc', t });
    if (prevGen >= 0) for (let g = 0; g < G; g++) m.addRow(`ramp_${g}_${t}`, [[(firstGen + g) as LpVar, 1], [(prevGen + g) as LpVar, -1]], { lb: -4, ub: 4 }, { kind: 'ramp', g, t });
    prevGen = firstGen;
    prevSoc = soc;
  }
  return m;
}
