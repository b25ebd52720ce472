/**
 * `solveLp` stage of the portfolio job.
 *
 * With a bid–ask spread every scenario-period whose demand lies inside the
 * range the contracts can deliver needs a purchase variable and a row (toLp.ts),
 * 24 000 of them for 1 000 daily scenarios. Most are far from the optimum's
 * delivery Y*, where their sign is obvious. So the LP is solved over a trust
 * region: Y_t kept in a box around the spread-free optimum, only the scenarios
 * inside the box get variables. The restricted LP models every cost exactly
 * on the box, and the problem is convex, so if no box bound of Y_t has a
 * non-zero reduced cost the restricted optimum satisfies the KKT conditions of
 * the full LP and is its optimum (the restricted cost's subgradients at a box
 * point are subgradients of the true cost). Otherwise the side that binds is
 * widened and the LP solved again; after a few rounds the full range is used.
 *
 * An infeasible model (a CVaR limit below what any allowed portfolio reaches)
 * is explained in scenario words with the path of the field to change.
 */
import type { Scenario } from '../scenario/schema.ts';
import type { LpBackend, LpSolution } from '../lp/backend.ts';
import type { LpSuspect } from '../lp/diagnosis.ts';
import { solveOptimal, describeSuspect } from '../lp/solveOptimal.ts';
import { SolverError } from '../jobs/errors.ts';
import { toLp, deliveryRange, type DeliveryBox, type PortfolioLp } from './toLp.ts';
import type { PortfolioProblem, RiskTarget } from './problem.ts';
import type { ExplainOptions } from '../lp/solveOptimal.ts';

const round = (v: number) => Number(v.toPrecision(6));

function describePortfolioSuspect(scenario: Scenario, s: LpSuspect): { phrase: string; path?: string } {
  const o = s.origin;
  if (o?.kind === 'cvar-limit')
    return { phrase: `the CVaR limit of ${round(s.bound)} cannot be met (the allowed contracts reach at best about ${round(s.bound + s.shortfall)})`, path: 'portfolio.risk.cvarLimit' };
  if (o?.kind === 'contract') {
    const i = scenario.portfolio!.contracts.findIndex((c) => c.id === o.id);
    return s.side === 'lower'
      ? { phrase: `contract ${o.id} would need less than its minimum of ${s.bound} kW`, path: `portfolio.contracts[${i}].minKw` }
      : { phrase: `contract ${o.id} would need more than its maximum of ${s.bound} kW`, path: `portfolio.contracts[${i}].maxKw` };
  }
  return { phrase: describeSuspect(s) };
}

export interface PortfolioSolve {
  lp: PortfolioLp;
  solution: LpSolution;
  /** LP solves: 1 for the full model (no spread, or a small one), else the spread-free start plus the boxed rounds */
  rounds: number;
}

/** Rounds with a box before falling back to the full delivery range. */
const MAX_BOX_ROUNDS = 6;
/** Up to this many ambiguous scenario-periods the full model is solved directly. */
const SMALL_MODEL = 3000;

/** Solves the portfolio LP to the optimum of the full model (see above), or throws a SolverError. */
export function solvePortfolio(problem: PortfolioProblem, risk: RiskTarget, backend: LpBackend, explain: ExplainOptions = {}): PortfolioSolve {
  const full = () => {
    const lp = toLp(problem, risk);
    return { lp, solution: solveOptimal(lp.model, backend, explain) };
  };
  if (problem.halfSpread === 0) return { ...full(), rounds: 1 };

  const { least, most } = deliveryRange(problem);
  const { S, T } = problem.scenarios;
  // a small full model solves faster than several boxed rounds
  let ambiguous = 0;
  for (let i = 0; i < S * T; i++) if (problem.scenarios.demandKw[i]! > least[i % T]! && problem.scenarios.demandKw[i]! < most[i % T]!) ambiguous++;
  if (ambiguous <= SMALL_MODEL) return { ...full(), rounds: 1 };
  const centre = spreadFreeDelivery(problem, risk, backend);
  if (centre === null) return { ...full(), rounds: 2 };
  // initial half-width: the demand's standard deviation across scenarios in that period
  const below = new Float64Array(T), above = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    let m = 0, ss = 0;
    for (let s = 0; s < S; s++) m += problem.scenarios.demandKw[s * T + t]! / S;
    for (let s = 0; s < S; s++) ss += (problem.scenarios.demandKw[s * T + t]! - m) ** 2;
    below[t] = above[t] = Math.max(Math.sqrt(ss / S), 1e-3 * (most[t]! - least[t]!));
  }
  for (let round = 2; round < 2 + MAX_BOX_ROUNDS; round++) {
    const box: DeliveryBox = { lo: new Float64Array(T), hi: new Float64Array(T) };
    for (let t = 0; t < T; t++) {
      box.lo[t] = Math.max(least[t]!, centre[t]! - below[t]!);
      box.hi[t] = Math.min(most[t]!, centre[t]! + above[t]!);
    }
    const lp = toLp(problem, risk, box);
    const solution = backend.solve(lp.model);
    // a box that cuts the feasible set (a tight CVaR cap): solve, or explain, on the full model
    if (solution.status !== 'optimal') return { ...full(), rounds: round + 1 };
    // Several Y_t are often the same combination of volumes (every night hour, say), and the LP
    // puts the whole dual on one of them: so once a bound holds, widen every side that is touched.
    const tolerance = 1e-9 * (1 + Math.abs(solution.objective));
    const touched: { t: number; side: 'lo' | 'hi' }[] = [];
    let held = false;
    for (let t = 0; t < T; t++) {
      const y = lp.delivered[t]!;
      const d = solution.reducedCosts[y]! * (1 + most[t]!);
      const slack = 1e-9 * (1 + most[t]!);
      if (box.lo[t]! > least[t]! && solution.x[y]! <= box.lo[t]! + slack) touched.push({ t, side: 'lo' }), (held ||= d > tolerance);
      if (box.hi[t]! < most[t]! && solution.x[y]! >= box.hi[t]! - slack) touched.push({ t, side: 'hi' }), (held ||= d < -tolerance);
    }
    if (!held) return { lp, solution, rounds: round };
    // move the box to the new point and widen the touched sides
    for (const { t, side } of touched) (side === 'lo' ? below : above)[t]! *= 2;
    for (let t = 0; t < T; t++) centre[t] = solution.x[lp.delivered[t]!]!;
  }
  return { ...full(), rounds: 2 + MAX_BOX_ROUNDS };
}

/** Y_t at the optimum without the spread (no purchase variables at all), or null when that problem has none. */
function spreadFreeDelivery(problem: PortfolioProblem, risk: RiskTarget, backend: LpBackend): Float64Array | null {
  const lp = toLp({ ...problem, halfSpread: 0 }, risk);
  const solution = backend.solve(lp.model);
  if (solution.status !== 'optimal') return null;
  return Float64Array.from(lp.delivered, (y) => solution.x[y]!);
}

/** The job's solve, with infeasibility explained in scenario words and the path of the field to change. */
export function solveLp(scenario: Scenario, problem: PortfolioProblem, risk: RiskTarget, backend: LpBackend): PortfolioSolve {
  let firstPath: string | undefined;
  const describe = (s: LpSuspect) => {
    const d = describePortfolioSuspect(scenario, s);
    firstPath ??= d.path;
    return d.phrase;
  };
  try {
    return solvePortfolio(problem, risk, backend, { describe });
  } catch (e) {
    if (e instanceof SolverError && firstPath !== undefined) throw new SolverError({ ...e.error, path: firstPath, hint: 'raise the CVaR limit or widen the contracts’ volume bounds' });
    throw e;
  }
}
