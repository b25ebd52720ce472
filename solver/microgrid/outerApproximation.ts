/**
 * A convex separable QP solved as a sequence of LPs (Kelley's cutting-plane
 * method, J. SIAM 8(4), 1960): each quadratic term ½·h·x² is replaced by an
 * epigraph variable c ≥ ½·h·(2·x_k·x − x_k²), the tangent at x_k, and cuts
 * are added at the LP's answer until every epigraph meets its curve within
 * `tolerance` (absolute, in objective units, summed over the terms).
 *
 * Why: HiGHS's active-set QP solver can cycle without end on degenerate
 * models (ERGO-Code/HiGHS issues #1583, #2489; seen here on P1 with a binding
 * line rating), while its simplex is robust. The LPs re-solve warm in one
 * session. Only variables with finite bounds get their first cuts at both
 * bounds; others start from a cut at 0.
 */
import type { LpBackend, LpSolution } from '../lp/backend.ts';
import type { LpModel, LpVar } from '../lp/model.ts';
import { openLpSession } from '../lp/session.ts';
import { solveOptimal, type ExplainOptions } from '../lp/solveOptimal.ts';

export interface OuterApproximation {
  solution: LpSolution;
  /** the true objective cᵀx + ½xᵀHx + c₀ at the answer */
  objective: number;
  /** Σ (½hx² − c) left at the answer, objective units */
  gap: number;
  rounds: number;
  cuts: number;
}

/**
 * Solves `model` (min, diagonal H ≥ 0) by cutting planes. The model is changed
 * in place: its quadratic terms become epigraph variables and cut rows.
 */
export function solveByCuts(model: LpModel, lp: LpBackend, tolerance: number, explain: ExplainOptions = {}, maxRounds = 200): OuterApproximation {
  if (model.sense !== 'min') throw new Error('solveByCuts minimises');
  const terms = model.quadraticVars().map((j) => ({ x: j as LpVar, h: model.quadraticCost(j) }));
  if (terms.some((t) => t.h < 0)) throw new Error('solveByCuts needs a convex objective (h ≥ 0)');
  let cuts = 0;
  const epigraphs = terms.map(({ x, h }) => {
    model.setQuadraticCost(x, 0);
    const c = model.addVar(`${model.varName(x)}_sq`, { lb: -Infinity, cost: 1 });
    return { x, h, c };
  });
  const cut = (e: (typeof epigraphs)[number], at: number) => {
    // c − h·x_k·x ≥ −½·h·x_k²
    model.addRow(`${model.varName(e.x)}_cut${cuts++}`, [[e.c, 1], [e.x, -e.h * at]], { lb: -0.5 * e.h * at * at });
  };
  for (const e of epigraphs) {
    const lo = model.varLb(e.x), hi = model.varUb(e.x);
    const starts = [lo, hi].filter(Number.isFinite);
    for (const at of starts.length > 0 ? starts : [0]) cut(e, at);
    if (starts.length < 2) cut(e, starts[0] === undefined ? 1 : starts[0] + 1);
  }
  const session = openLpSession(lp, model);
  try {
    for (let round = 1; ; round++) {
      const solution = solveOptimal(model, lp, { ...explain, session });
      let gap = 0;
      const short: { e: (typeof epigraphs)[number]; x: number }[] = [];
      for (const e of epigraphs) {
        const x = solution.x[e.x]!;
        const err = 0.5 * e.h * x * x - solution.x[e.c]!;
        gap += Math.max(0, err);
        if (err > tolerance / Math.max(1, epigraphs.length)) short.push({ e, x });
      }
      if (gap <= tolerance || short.length === 0 || round >= maxRounds) {
        let objective = solution.objective;
        for (const e of epigraphs) objective += 0.5 * e.h * solution.x[e.x]! ** 2 - solution.x[e.c]!;
        return { solution, objective, gap, rounds: round, cuts };
      }
      for (const { e, x } of short) cut(e, x);
    }
  } finally {
    session.dispose();
  }
}
