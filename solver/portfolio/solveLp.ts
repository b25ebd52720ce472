/**
 * `solveLp` stage of the portfolio job: the optimum of the full LP of toLp.ts
 * by row generation on a small master (master.ts).
 *
 * With a bid–ask spread the full LP needs a purchase variable and a row for
 * every scenario-period whose spot position can be long or short (24 000 for
 * 1 000 daily scenarios), and a tail row per scenario. But the expected cost
 * is separable by period — Σ_t g_t(Y_t), each g_t a convex piecewise-linear
 * function of one variable (expectedSpread.ts) — and only the scenarios in or
 * near the CVaR tail have binding tail rows. So the master starts with a few
 * pieces of each g_t and the tail rows of the scenarios costliest at the
 * risk-neutral start, solves, evaluates every scenario's cost exactly at the
 * master's volumes, and adds what the master got wrong there: the piece of g_t
 * at Y_t, the tail row of a scenario whose cost exceeds η, a purchase variable
 * where a tail row priced a period on the wrong side. Each master is a
 * relaxation of the full LP, so its optimum is a lower bound; the exact
 * objective at its volumes (costs by scenarioCosts.ts, CVaR by sorting) is an
 * upper bound. Rows are only ever added and there are finitely many, so the
 * loop ends, at the latest on the full LP; it stops when the two bounds agree
 * to 1e-9 relative (under a CVaR limit: and the volumes keep the limit); should
 * nothing be left to add before that, or the rounds run out, the full LP is
 * solved instead. A cutting-plane (Kelley 1960) / L-shaped
 * (Van Slyke & Wets 1969) scheme with multi-cuts; for CVaR see Künzi-Bay &
 * Mayer, "Computational aspects of minimizing conditional value-at-risk",
 * Computational Management Science 3 (2006).
 *
 * The master is solved from scratch each round (neither wasm build keeps a
 * basis); the generator yields after every round, where the job runner may
 * cancel. An infeasible master (a CVaR limit below what any allowed portfolio
 * reaches: the master is a relaxation, so the full LP is infeasible too) is
 * explained with the least reachable CVaR, found by the same method.
 */
import type { Scenario } from '../scenario/schema.ts';
import type { JobProgress } from '../contract.ts';
import type { LpBackend, LpSolution } from '../lp/backend.ts';
import type { LpModel } from '../lp/model.ts';
import type { LpSuspect } from '../lp/diagnosis.ts';
import { solveOptimal, describeSuspect, type ExplainOptions } from '../lp/solveOptimal.ts';
import { SolverError } from '../jobs/errors.ts';
import { toLp, lpCvar, SpotMode } from './toLp.ts';
import { buildMaster, decompose, type Decomposition, type MasterObjective, type MasterRows } from './master.ts';
import type { SpreadPiece } from './expectedSpread.ts';
import { scenarioCosts } from './scenarioCosts.ts';
import { riskMetrics } from './risk.ts';
import type { PortfolioProblem, RiskTarget } from './problem.ts';

const round6 = (v: number) => Number(v.toPrecision(6));

function describePortfolioSuspect(scenario: Scenario, s: LpSuspect): { phrase: string; path?: string } {
  const o = s.origin;
  if (o?.kind === 'cvar-limit')
    return { phrase: `the CVaR limit of ${round6(s.bound)} cannot be met (the allowed contracts reach at best about ${round6(s.bound + s.shortfall)})`, path: 'portfolio.risk.cvarLimit' };
  if (o?.kind === 'contract') {
    const i = scenario.portfolio!.contracts.findIndex((c) => c.id === o.id);
    return s.side === 'lower'
      ? { phrase: `contract ${o.id} would need less than its minimum of ${s.bound} kW`, path: `portfolio.contracts[${i}].minKw` }
      : { phrase: `contract ${o.id} would need more than its maximum of ${s.bound} kW`, path: `portfolio.contracts[${i}].maxKw` };
  }
  return { phrase: describeSuspect(s) };
}

export interface PortfolioSolve {
  /** x_c per contract, kW */
  volumes: Float64Array;
  /** the last LP solved (the final master, or the full LP) and its solution */
  model: LpModel;
  solution: LpSolution;
  /** that LP's η + Σ z_s/((1−α)S); null when it carries no CVaR */
  lpCvar: number | null;
  /** `cutting-plane`: the master loop ended with matching bounds; `full`: the full LP of toLp.ts was solved */
  method: 'cutting-plane' | 'full';
  /** LP solves, and the milliseconds they took (the rest of the time is building masters and evaluating costs) */
  rounds: number;
  lpMs: number;
  /** purchase variables and tail rows of the last LP */
  spotVariables: number;
  tailScenarios: number;
  /** the last LP's optimum (a lower bound of the full LP's) and the exact objective at `volumes` */
  lowerBound: number;
  upperBound: number;
  /** (upper − lower)/max(1, |upper|) */
  relativeGap: number;
}

/** Bounds agreeing to this (relative) end the loop. */
export const GAP_TOLERANCE = 1e-9;
/** A master that has not closed the gap by then gives way to the full LP. */
const MAX_ROUNDS = 60;
/** From this many scenarios on, the master starts from the optimum over every fourth scenario. */
const WARM_START_SCENARIOS = 1000;
/** Up to this many rows the full LP is solved directly. */
const SMALL_FULL_LP = 500;
/** Pieces of each g_t in the first master: at these demand quantiles. */
const START_QUANTILES = [0, 0.25, 0.5, 0.75, 1];

const objectiveOf = (risk: RiskTarget): MasterObjective => ('cvarLimit' in risk ? { expected: 1, cvar: 0, cvarLimit: risk.cvarLimit } : { expected: 1, cvar: risk.lambda, cvarLimit: null });

/** The exact objective at some volumes, and the metrics it comes from. */
function evaluate(problem: PortfolioProblem, objective: MasterObjective, x: Float64Array) {
  const costs = scenarioCosts(problem, x).costs;
  const risk = riskMetrics(costs, problem.alpha);
  return { costs, risk, value: objective.expected * risk.expected + objective.cvar * risk.cvar };
}

/** Y_t = Σ_c δ_c(t)·x_c */
function deliveredAt(problem: PortfolioProblem, x: ArrayLike<number>): Float64Array {
  const y = new Float64Array(problem.scenarios.T);
  problem.contracts.forEach((c, k) => c.delivery.forEach((d, t) => (y[t]! += d * x[k]!)));
  return y;
}

/** The same problem over every n-th scenario. */
function everyNth(problem: PortfolioProblem, n: number): PortfolioProblem {
  const { S, T } = problem.scenarios;
  const count = Math.ceil(S / n);
  const pick = (values: Float64Array) => {
    const out = new Float64Array(count * T);
    for (let k = 0; k < count; k++) out.set(values.subarray(k * n * T, k * n * T + T), k * T);
    return out;
  };
  return { ...problem, scenarios: { ...problem.scenarios, S: count, pricePerKwh: pick(problem.scenarios.pricePerKwh), demandKw: pick(problem.scenarios.demandKw) } };
}

type Outcome = { status: 'optimal'; solve: PortfolioSolve } | { status: 'infeasible' } | { status: 'gave-up'; rounds: number };

/**
 * The master loop for one objective. Yields after every LP solve; `span` maps
 * its rounds onto the job's progress fraction.
 */
function* cuttingPlane(d: Decomposition, objective: MasterObjective, backend: LpBackend, span: [number, number]): Generator<JobProgress, Outcome, void> {
  const { problem, range, spread } = d;
  const { S, T, demandKw } = problem.scenarios;
  const rows: MasterRows = { pieces: Array.from({ length: T }, () => new Map()), tails: new Map() };
  const addPiece = (t: number, p: SpreadPiece) => {
    if (rows.pieces[t]!.has(p.count)) return 0;
    rows.pieces[t]!.set(p.count, p);
    return 1;
  };
  /** how far apart neighbouring pieces are added: a fiftieth of the interquartile range of demand */
  const pieceStep = Float64Array.from({ length: T }, (_, t) => (spread ? (spread.quantile(t, 0.75) - spread.quantile(t, 0.25)) / 50 : 0));
  const pieceAt = (t: number, y: number) => spread!.piece(t, Math.min(range.most[t]!, Math.max(range.least[t]!, y)));
  /**
   * The piece at y, the two next to it (an optimum sits on a kink) and pieces a little either side:
   * Y_t moves less and less between rounds.
   */
  const addPieces = (t: number, y: number) => {
    const here = pieceAt(t, y);
    const near = [here, spread!.pieceWithCount(t, here.count - 1), spread!.pieceWithCount(t, here.count + 1), ...[-2, -1, 1, 2].map((k) => pieceAt(t, y + k * pieceStep[t]!))];
    return near.reduce((n, p) => n + addPiece(t, p), 0);
  };
  if (spread)
    for (let t = 0; t < T; t++) for (const q of START_QUANTILES) addPiece(t, pieceAt(t, spread.quantile(t, q)));
  /** a new tail row prices each ambiguous period on the side it is on at delivery y */
  const resigned = new Map<number, Uint8Array>();
  const addTail = (s: number, y: ArrayLike<number>) => {
    rows.tails.set(s, Uint8Array.from({ length: T }, (_, t) => (demandKw[s * T + t]! > y[t]! ? SpotMode.Short : SpotMode.Long)));
    resigned.set(s, new Uint8Array(T));
  };
  const withTails = objective.cvar > 0 || objective.cvarLimit !== null;
  /** scenarios in the CVaR tail: ⌈(1−α)S⌉ */
  const tailSize = Math.ceil((1 - problem.alpha) * S - 1e-9);
  let rounds = 0, lpMs = 0;
  /** started from the optimum over a subsample: close enough that a wrong side is a near tie, best priced exactly */
  let warm = false;
  /** the share of `span` this level's own rounds report in (the second half after a warm start) */
  let own = span;
  const progress = (stage: string, metrics: Record<string, number>): JobProgress => ({
    fraction: own[0] + (own[1] - own[0]) * (1 - 1 / (1 + rounds / 4)),
    stage,
    metrics: { round: rounds, ...metrics },
  });

  if (withTails) {
    // The starting tail: the costliest scenarios at a first guess of the volumes, twice the tail's size (at least
    // (1−α)S rows, or η would run to −∞), each period priced on its side there. The guess: for many scenarios the
    // optimum over every fourth of them (the same method, a quarter the size); else the risk-neutral master's.
    let x: Float64Array | null = null;
    if (S >= WARM_START_SCENARIOS) {
      const half = (span[0] + span[1]) / 2;
      const sub = yield* cuttingPlane(decompose(everyNth(problem, 4)), objective, backend, [span[0], half]);
      own = [half, span[1]];
      if (sub.status === 'optimal') (x = sub.solve.volumes), (rounds += sub.solve.rounds), (lpMs += sub.solve.lpMs), (warm = true);
      else if (sub.status === 'gave-up') rounds += sub.rounds;
    }
    if (x === null) {
      const start = buildMaster(d, { expected: 1, cvar: 0, cvarLimit: null }, rows);
      const solution = backend.solve(start.model);
      rounds++;
      lpMs += solution.solveMs;
      if (solution.status !== 'optimal') return { status: 'gave-up', rounds };
      x = Float64Array.from(start.volumes, (v) => solution.x[v]!);
    }
    const y = deliveredAt(problem, x);
    const { costs } = evaluate(problem, objective, x);
    const order = Array.from(costs.keys()).sort((a, b) => costs[b]! - costs[a]!);
    for (const s of order.slice(0, Math.min(S, 2 * tailSize))) addTail(s, y);
    if (spread) for (let t = 0; t < T; t++) addPieces(t, y[t]!);
    yield progress(`cutting planes over ${S} scenarios: starting tail`, { tailScenarios: rows.tails.size });
  }

  for (;;) {
    const master = buildMaster(d, objective, rows);
    const solution = backend.solve(master.model);
    rounds++;
    lpMs += solution.solveMs;
    if (solution.status === 'infeasible') return { status: 'infeasible' };
    if (solution.status !== 'optimal') return { status: 'gave-up', rounds };
    const at = (v: number) => solution.x[v]!;
    const x = Float64Array.from(master.volumes, at);
    const y = Float64Array.from(master.delivered, at);
    const exact = evaluate(problem, objective, x);
    const lowerBound = solution.objective, upperBound = exact.value;
    const scale = Math.max(1, Math.abs(upperBound));
    const relativeGap = (upperBound - lowerBound) / scale;
    const capSlack = objective.cvarLimit === null ? 0 : exact.risk.cvar - objective.cvarLimit;
    const tailZ = new Map(master.tails.map((r) => [r.scenario, r.z]));
    yield progress(`cutting planes over ${S} scenarios: round ${rounds}, gap ${relativeGap.toExponential(1)}`, { lowerBound, upperBound, relativeGap, tailScenarios: rows.tails.size, spotVariables: master.spotVariables, rows: master.model.rowCount, solveMs: solution.solveMs });

    // what the master got wrong at x: every such row is a row of the full LP (finitely many)
    const tolerance = 1e-11 * scale;
    let added = 0;
    if (master.theta && spread)
      for (let t = 0; t < T; t++) if (spread.value(t, y[t]!) - at(master.theta[t]!) > tolerance) added += addPieces(t, y[t]!);
    if (master.eta !== null) {
      const eta = at(master.eta);
      const missing: { s: number; violation: number }[] = [];
      for (let s = 0; s < S; s++) {
        const z = tailZ.get(s);
        const violation = exact.costs[s]! - eta - (z === undefined ? 0 : at(z));
        if (violation <= tolerance) continue;
        const mode = rows.tails.get(s);
        if (!mode) {
          missing.push({ s, violation });
          continue;
        }
        // the tail row priced a period on the side the position is not on: the first time, switch sides (the
        // early masters' volumes are far from the optimum); the second time — or at once after a warm start —
        // price it exactly from now on
        const switched = resigned.get(s)!;
        for (let t = 0; t < T; t++) {
          const dst = demandKw[s * T + t]!;
          if (!((mode[t] === SpotMode.Short && dst < y[t]!) || (mode[t] === SpotMode.Long && dst > y[t]!))) continue;
          mode[t] = switched[t] || warm ? SpotMode.Exact : mode[t] === SpotMode.Short ? SpotMode.Long : SpotMode.Short;
          switched[t] = 1;
          added++;
        }
      }
      // An early master's η lies well below the true VaR and leaves most scenarios "violated"; only those in
      // the tail at x (cost ≥ VaR_α(x)) belong in its CVaR. So add those, or else the worst few.
      const inTail = missing.filter((m) => exact.costs[m.s]! >= exact.risk.var);
      const chosen = inTail.length > 0 ? inTail : missing.sort((a, b) => b.violation - a.violation).slice(0, tailSize);
      for (const { s } of chosen) addTail(s, y);
      added += chosen.length;
    }
    const closed = relativeGap <= GAP_TOLERANCE && capSlack <= GAP_TOLERANCE * Math.max(1, Math.abs(objective.cvarLimit ?? 0));
    // nothing left to add but the bounds apart: only solver tolerances can do that; the full LP decides
    if (!closed && added === 0) return { status: 'gave-up', rounds };
    if (closed) {
      const cvar = lpCvar(master.eta, master.tails.map((r) => r.z), problem.alpha, S, solution.x);
      return {
        status: 'optimal',
        solve: { volumes: x, model: master.model, solution, lpCvar: cvar, method: 'cutting-plane', rounds, lpMs, spotVariables: master.spotVariables, tailScenarios: master.tails.length, lowerBound, upperBound, relativeGap },
      };
    }
    if (rounds >= MAX_ROUNDS) return { status: 'gave-up', rounds };
  }
}

/** Rows of the full LP: deliveries, tail rows, a purchase row per ambiguous scenario-period. */
function fullLpRows({ problem, range }: Decomposition, objective: MasterObjective): number {
  const { S, T, demandKw } = problem.scenarios;
  let rows = T + (objective.cvar > 0 || objective.cvarLimit !== null ? S : 0);
  if (problem.halfSpread > 0) for (let i = 0; i < S * T; i++) if (demandKw[i]! > range.least[i % T]! && demandKw[i]! < range.most[i % T]!) rows++;
  return rows;
}

/** The full LP of toLp.ts in one solve: the fallback, and what `ggs export-lp` writes. */
function solveFull(problem: PortfolioProblem, risk: RiskTarget, backend: LpBackend, explain: ExplainOptions, roundsBefore: number): PortfolioSolve {
  const lp = toLp(problem, risk);
  const solution = solveOptimal(lp.model, backend, explain);
  const volumes = Float64Array.from(lp.volumes, (v) => solution.x[v]!);
  const upperBound = evaluate(problem, objectiveOf(risk), volumes).value;
  return {
    volumes,
    model: lp.model,
    solution,
    lpCvar: lpCvar(lp.eta, lp.tails, problem.alpha, problem.scenarios.S, solution.x),
    method: 'full',
    rounds: roundsBefore + 1,
    lpMs: solution.solveMs,
    spotVariables: lp.spotVariables,
    tailScenarios: lp.tails.length,
    lowerBound: solution.objective,
    upperBound,
    relativeGap: (upperBound - solution.objective) / Math.max(1, Math.abs(upperBound)),
  };
}

/**
 * Solves the portfolio LP to the optimum of the full model (see above), yielding
 * progress between rounds, or throws a SolverError.
 */
export function* solvePortfolioSteps(problem: PortfolioProblem, risk: RiskTarget, backend: LpBackend, explain: ExplainOptions = {}, span: [number, number] = [0, 1]): Generator<JobProgress, PortfolioSolve, void> {
  const d = decompose(problem);
  const objective = objectiveOf(risk);
  // a full LP this small solves faster in one go than in rounds
  if (fullLpRows(d, objective) <= SMALL_FULL_LP) return solveFull(problem, risk, backend, explain, 0);
  const outcome = yield* cuttingPlane(d, objective, backend, span);
  if (outcome.status === 'optimal') return outcome.solve;
  if (outcome.status === 'infeasible' && objective.cvarLimit !== null) {
    // the least CVaR the contracts reach, by the same method: then name the limit as the LP layer would
    const least = yield* cuttingPlane(d, { expected: 0, cvar: 1, cvarLimit: null }, backend, span);
    if (least.status === 'optimal' && least.solve.upperBound > objective.cvarLimit) {
      const suspect: LpSuspect = { kind: 'row', name: 'cvar_limit', origin: { kind: 'cvar-limit' }, side: 'upper', bound: objective.cvarLimit, shortfall: least.solve.upperBound - objective.cvarLimit };
      const phrase = (explain.describe ?? describeSuspect)(suspect);
      throw new SolverError({
        code: 'infeasible',
        message: `no operating point satisfies every limit: ${phrase}`,
        hint: 'relax one of the named limits or check the data behind it',
        details: { backend: backend.name, suspects: phrase, leastCvar: least.solve.upperBound },
      });
    }
  }
  // anything else (a backend failure, a master that would not close): the full LP decides, and explains
  yield { fraction: span[1], stage: 'the full LP', metrics: {} };
  return solveFull(problem, risk, backend, explain, outcome.status === 'gave-up' ? outcome.rounds : 0);
}

/** The same, run to completion (the frontier, tests, benchmarks). */
export function solvePortfolio(problem: PortfolioProblem, risk: RiskTarget, backend: LpBackend, explain: ExplainOptions = {}): PortfolioSolve {
  const steps = solvePortfolioSteps(problem, risk, backend, explain);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The job's solve, with infeasibility explained in scenario words and the path of the field to change. */
export function* solveLp(scenario: Scenario, problem: PortfolioProblem, risk: RiskTarget, backend: LpBackend, span: [number, number]): Generator<JobProgress, PortfolioSolve, void> {
  let firstPath: string | undefined;
  const describe = (s: LpSuspect) => {
    const d = describePortfolioSuspect(scenario, s);
    firstPath ??= d.path;
    return d.phrase;
  };
  try {
    return yield* solvePortfolioSteps(problem, risk, backend, { describe }, span);
  } catch (e) {
    if (e instanceof SolverError && firstPath !== undefined) throw new SolverError({ ...e.error, path: firstPath, hint: 'raise the CVaR limit or widen the contracts’ volume bounds' });
    throw e;
  }
}
