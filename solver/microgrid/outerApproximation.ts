/**
 * A convex separable QP solved as a sequence of LPs (Kelley's cutting-plane
 * method, J. SIAM 8(4), 1960): each quadratic term ½·h·x² is replaced by an
 * epigraph variable c ≥ ½·h·(2·x_k·x − x_k²), the tangent at x_k, and cuts
 * are added at the LP's answer until the epigraphs meet their curves within
 * `relativeTolerance` × max(1, |objective|), summed over the terms (1e-8 is
 * about as fine as the LP's own feasibility tolerance lets the sum get).
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

const INITIAL_CUTS = 9;

export interface OuterApproximation {
  solution: LpSolution;
  /** the true objective cᵀx + ½xᵀHx + c₀ at the answer */
  objective: number;
  /** Σ (½hx² − c) left at the answer, objective units */
  gap: number;
  /** the gap met the tolerance (false: stopped at maxRounds) */
  converged: boolean;
  rounds: number;
  cuts: number;
}

/**
 * A model whose quadratic terms have become epigraphs, kept with its cuts and
 * a warm LP session: `solve()` again after changing linear costs or bounds
 * (the tangents stay valid: they bound the same curves), e.g. a microgrid's
 * responses to successive prices.
 */
export interface CuttingPlaneSession {
  solve(): OuterApproximation;
  dispose(): void;
}

/** Rewrites `model` (min, diagonal H ≥ 0) in place: quadratic terms → epigraph variables with first tangents. */
export function cuttingPlaneSession(model: LpModel, lp: LpBackend, relativeTolerance: number, explain: ExplainOptions = {}, maxRounds = 200): CuttingPlaneSession {
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
    if (Number.isFinite(lo) && Number.isFinite(hi) && hi > lo)
      // tangents at INITIAL_CUTS evenly spaced points: the first LP is already within (hi − lo)²·h/(8·(k−1)²) of the curve
      for (let k = 0; k < INITIAL_CUTS; k++) cut(e, lo + ((hi - lo) * k) / (INITIAL_CUTS - 1));
    else {
      const start = Number.isFinite(lo) ? lo : Number.isFinite(hi) ? hi : 0;
      cut(e, start);
      cut(e, start + (Number.isFinite(lo) || !Number.isFinite(hi) ? 1 : -1));
      if (!Number.isFinite(lo) && !Number.isFinite(hi)) cut(e, -1);
    }
  }
  const session = openLpSession(lp, model);
  return {
    solve() {
      for (let round = 1; ; round++) {
        const solution = solveOptimal(model, lp, { ...explain, session });
        const tolerance = relativeTolerance * Math.max(1, Math.abs(solution.objective));
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
          return { solution, objective, gap, rounds: round, cuts, converged: gap <= tolerance || short.length === 0 };
        }
        for (const { e, x } of short) cut(e, x);
      }
    },
    dispose: () => session.dispose(),
  };
}

/** Solves `model` (min, diagonal H ≥ 0) by cutting planes; the model is changed in place (see cuttingPlaneSession). */
export function solveByCuts(model: LpModel, lp: LpBackend, relativeTolerance: number, explain: ExplainOptions = {}, maxRounds = 200): OuterApproximation {
  const cps = cuttingPlaneSession(model, lp, relativeTolerance, explain, maxRounds);
  try {
    return cps.solve();
  } finally {
    cps.dispose();
  }
}
