/**
 * The `dso-fees` and `dso-fees-evaluate` jobs (docs/models/dso-fees.md).
 *
 * dso-fees: build the game (model.ts), derive the big-Ms (bilevel/bounds.ts),
 * solve the single-level MILP exactly (bilevel/solve.ts), then certify: the
 * followers' KKT residuals at the answer, every microgrid re-solved alone at
 * the reported fees and clearing prices (its cost reproduced, its generation
 * reproduced to 1e-6), the leader's objective recomputed from fees × receipts
 * and with the followers re-solved jointly at the fees, and the network
 * limits at the answer. Baselines: the flat fee and no fee (followers'
 * response with the optimistic tie-break, network limits checked — a
 * baseline may break them; that is reported, not hidden).
 *
 * dso-fees-evaluate: the followers' response to fees given in the scenario,
 * the leader's objective there and its certificate (KKT residuals, each MG
 * alone): what the what-if engine sweeps and the grid-search oracle calls.
 */
import type { CertificateVerdict } from '../jobs/core.ts';
import type { JobDefinition, JobGenerator } from '../jobs/types.ts';
import { SolverError } from '../jobs/errors.ts';
import type { LpBackend } from '../lp/backendInterface.ts';
import type { LpModel } from '../lp/model.ts';
import type { Scenario } from '../scenario/schema.ts';
import { microgridCost } from '../microgrid/model.ts';
import { deriveBigMSteps, BoundDerivationError, type BigMBounds } from '../bilevel/bounds.ts';
import { buildSingleLevel } from '../bilevel/singleLevel.ts';
import { solveBilevelSteps } from '../bilevel/solve.ts';
import { checkBlocksAlone, kktResiduals, solveFollowers } from '../bilevel/blocks.ts';
import { feePayments, type FollowerProblem } from '../bilevel/follower.ts';
import type { DsoFeesCertificate, DsoFeesData, DsoFeesEvaluateCertificate, DsoFeesEvaluateData, DsoFeesOptions, DsoFollowerCheck, DsoOutcome, DsoPair } from '../jobs/kinds/dsoFees.ts';
import { buildDsoGame, flatFee, givenFees, type DsoGame } from './model.ts';
import { prepareFeeder } from '../network/powerflow.ts';
import { heuristicStartsSteps, leaderPreference, optimisticReceipts, type FeeStart } from './starts.ts';

/** Relative tolerance of the certificate's comparisons (costs, objective, generation in kW). */
export const DSO_CERTIFICATE_TOLERANCE = 1e-6;

function* bigM(game: DsoGame, lp: LpBackend, scale: number): Generator<number, BigMBounds, void> {
  try {
    const M = yield* deriveBigMSteps(game.follower, game.leader, lp);
    if (scale === 1) return M;
    const k = (a: Float64Array) => Float64Array.from(a, (v) => v * scale);
    return { ...M, yLo: k(M.yLo), yHi: k(M.yHi), dLo: k(M.dLo), dHi: k(M.dHi) };
  } catch (e) {
    if (e instanceof BoundDerivationError) throw new SolverError({ code: 'invalid-scenario', message: `dso-fees: ${e.message}` });
    throw e;
  }
}

function networkCostAt(game: DsoGame, x: ArrayLike<number>): number {
  let c = 0;
  for (const [v, k] of game.networkCost) c += k * x[v]!;
  return c;
}

/** Everything a set of fees means, at the followers' response x with multipliers y (fees per pair and period). */
function outcome(label: DsoOutcome['label'], game: DsoGame, fee: (k: number, t: number) => number, x: ArrayLike<number>, y: ArrayLike<number>): DsoOutcome {
  const { T, dtHours: dt, pairs, mgs } = game;
  const feePerKwh = pairs.map((_, k) => Array.from({ length: T }, (_, t) => fee(k, t)));
  const fees = new Map(mgs.map((m) => [m.id, 0])), p2p = new Map(mgs.map((m) => [m.id, 0]));
  let revenue = 0;
  const pairVolumeKw = pairs.map(() => new Array<number>(T).fill(0));
  const p2pPricePerKwh = pairs.map(() => new Array<number>(T).fill(0));
  pairs.forEach((p, k) => {
    for (let t = 0; t < T; t++) {
      const f = feePerKwh[k]![t]!;
      const fa = f * dt * x[p.rab[t]!]!, fb = f * dt * x[p.rba[t]!]!;
      fees.set(p.a, fees.get(p.a)! + fa);
      fees.set(p.b, fees.get(p.b)! + fb);
      revenue += fa + fb;
      // the pairing row's multiplier: what the receiver pays per kW·Δt (block re-solve prices p by −y)
      const price = -y[p.pairing[t]!]!;
      p2p.set(p.a, p2p.get(p.a)! + price * x[p.pab[t]!]!);
      p2p.set(p.b, p2p.get(p.b)! + price * x[p.pba[t]!]!);
      pairVolumeKw[k]![t] = Math.abs(x[p.pab[t]!]!);
      p2pPricePerKwh[k]![t] = price / dt;
    }
  });
  const networkCost = networkCostAt(game, x);
  const mgCosts = mgs.map((m) => {
    const operating = microgridCost(m, x);
    return { id: m.id, operating, fees: fees.get(m.id)!, p2p: p2p.get(m.id)!, total: operating + fees.get(m.id)! + p2p.get(m.id)! };
  });
  const net = game.network.evaluate(x);
  return {
    label,
    feePerKwh,
    leaderObjective: revenue - networkCost,
    revenue,
    networkCost,
    mgCosts,
    totalMgCost: mgCosts.reduce((a, m) => a + m.total, 0),
    pairVolumeKw,
    p2pVolumeKw: Array.from({ length: T }, (_, t) => pairVolumeKw.reduce((a, v) => a + v[t]!, 0)),
    p2pPricePerKwh,
    lineLoadingPct: net.loadingPct,
    lineFlowKw: net.flowKw,
    minVoltagePu: net.voltagePu.map((v) => Math.min(...v)),
    networkViolations: game.network.violations(x).map((v) => v.what),
  };
}

/** The followers' response to fees given per pair and period, solved exactly with the optimistic tie-break. */
function respond(game: DsoGame, label: DsoOutcome['label'], fee: (k: number, t: number) => number, lp: LpBackend) {
  const { follower, u } = game.atFees(fee);
  const s = solveFollowers(follower, u, lp, leaderPreference(follower, u, game.networkCost));
  if (s.status !== 'optimal') throw new SolverError({ code: s.status === 'infeasible' ? 'infeasible' : 'internal', message: `the microgrids have no optimal response to the ${label} fees (${s.status}${s.message ? `: ${s.message}` : ''})` });
  s.x = optimisticReceipts(game, fee, Float64Array.from(s.x));
  return { follower, u, s, outcome: outcome(label, game, fee, s.x, s.rowDuals) };
}

function followerChecks(f: FollowerProblem, u: ArrayLike<number>, x: ArrayLike<number>, y: ArrayLike<number>, lp: LpBackend): DsoFollowerCheck[] {
  return checkBlocksAlone(f, u, x, y, lp).map((b) => ({ id: b.id, reportedCost: b.reportedCost, aloneCost: b.aloneCost, maxDecisionDiff: b.maxDecisionDiff, maxStrictDiff: b.maxStrictDiff }));
}

function pairsOf(s: Scenario, game: DsoGame): DsoPair[] {
  const feeder = prepareFeeder(s.network);
  const { topology } = feeder;
  const index = new Map(s.network.buses.map((b, i) => [b.id, i]));
  const up = (j: number) => {
    const lines: number[] = [];
    for (let k = j; k !== topology.root; k = topology.parent[k]!) lines.push(topology.parentLine[k]!);
    return lines;
  };
  return game.pairs.map((p) => {
    const busA = game.mgs[p.ia]!.inputs.busId, busB = game.mgs[p.ib]!.inputs.busId;
    const a = up(index.get(busA)!), b = up(index.get(busB)!);
    const shared = new Set(a.filter((l) => b.includes(l)));
    const path = [...a, ...b].filter((l) => !shared.has(l));
    return { a: p.a, b: p.b, busA, busB, distanceOhm: p.distanceOhm, pathLines: path.map((l) => s.network.lines[l]!.id), pathLineIndex: path };
  });
}

/**
 * Bilevel-feasible starting points (starts.ts): uniform fees on a grid and a per-period coordinate pass, each
 * the microgrids' exact response; the search starts with the best as its incumbent (and a proven gap).
 */
export function startsFor(game: DsoGame, lp: LpBackend, flat: number, maxEvaluations = 150): FeeStart[] {
  const steps = startsSteps(game, lp, flat, maxEvaluations);
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}

function startsSteps(game: DsoGame, lp: LpBackend, flat: number, maxEvaluations: number) {
  return heuristicStartsSteps(game, lp, { gridPoints: 11, maxEvaluations, flat });
}

const change = (now: number, base: number) => (base === 0 ? (now === 0 ? 0 : Infinity * Math.sign(now)) : (100 * (now - base)) / Math.abs(base));

function* runDsoFees(s: Scenario, options: DsoFeesOptions, lp: LpBackend): JobGenerator<'dso-fees'> {
  yield { fraction: 0, stage: 'building the game' };
  const game = buildDsoGame(s);
  yield { fraction: 0.05, stage: 'deriving big-M bounds' };
  const tb = performance.now();
  const derive = bigM(game, lp, options.bigMScale);
  let M: BigMBounds;
  for (;;) {
    const step = derive.next();
    if (step.done) {
      M = step.value;
      break;
    }
    yield { fraction: 0.05 + 0.15 * step.value, stage: 'deriving big-M bounds (LP per multiplier)' };
  }
  const boundsMs = performance.now() - tb;
  yield { fraction: 0.2, stage: 'starting points: uniform and per-period fees (microgrids re-solved)' };
  const ts = performance.now();
  const startSteps = startsSteps(game, lp, flatFee(s), options.startEvaluations);
  let starts: FeeStart[];
  for (;;) {
    const step = startSteps.next();
    if (step.done) {
      starts = step.value;
      break;
    }
    yield { fraction: 0.2 + 0.05 * step.value, stage: 'starting points: uniform and per-period fees (microgrids re-solved)' };
  }
  const startsMs = performance.now() - ts;
  yield { fraction: 0.25, stage: 'solving the single-level MILP' };
  const search = solveBilevelSteps(game.follower, game.leader, game.upper, M, lp, {
    mipRelGap: options.gapTolerance, relGap: options.gapTolerance, absGap: 1e-9, maxIterations: options.maxIterations, timeLimitSeconds: options.timeLimitSeconds, tangentsPerVar: options.tangentsPerVar,
    // one MILP call is one synchronous solve, followed by a QP polish (≤ 30 s) and two exact follower solves:
    // together below the worker pool's two-minute hang limit
    maxMilpSeconds: 75,
    starts,
  });
  let sol;
  for (;;) {
    const step = search.next();
    if (step.done) {
      sol = step.value;
      break;
    }
    yield { fraction: 0.2 + 0.6 * Math.min(1, (step.value.round + 1) / options.maxIterations), stage: 'outer-approximation rounds (MILP)', metrics: { round: step.value.round, lowerBound: step.value.lower, upperBound: step.value.upper } };
  }
  if (sol.status === 'infeasible') throw new SolverError({ code: 'infeasible', message: 'no fee within dsoFees.minPerKwh–maxPerKwh gives a microgrid response within the network limits' });
  if (!Number.isFinite(sol.objective)) throw new SolverError({ code: 'internal', message: `dso-fees: ${sol.message}` });
  yield { fraction: 0.8, stage: 'certifying and baselines' };
  const fee = (k: number, t: number) => game.feeOf(sol.u, k, t);
  const optimal = outcome('optimal', game, fee, sol.x, sol.y);
  const t1 = performance.now();
  const flat = options.baselines ? respond(game, 'flat', () => flatFee(s), lp).outcome : null;
  const none = options.baselines ? respond(game, 'none', () => 0, lp).outcome : null;
  const baselinesMs = performance.now() - t1;

  let curve: DsoFeesData['curve'] = null;
  if (options.curvePoints > 1 && game.leader.names.length === 1) {
    const lo = game.leader.lb[0]!, hi = game.leader.ub[0]!;
    const fees = Array.from({ length: options.curvePoints }, (_, k) => lo + ((hi - lo) * k) / (options.curvePoints - 1));
    const points = fees.map((f) => respond(game, 'given', (k, t) => game.feeOf([f], k, t), lp).outcome);
    curve = { feePerKwh: fees, leaderObjective: points.map((o) => o.leaderObjective), volumeKw: points.map((o) => o.p2pVolumeKw[0]!) };
  }

  const recomputed = feePayments(game.follower, sol.u, sol.x) - networkCostAt(game, sol.x);
  const evaluated = respond(game, 'optimal', fee, lp).outcome.leaderObjective;
  const certificate: DsoFeesCertificate = {
    searchStatus: sol.status === 'optimal' ? 'optimal' : 'stopped',
    searchMessage: sol.message,
    relGap: sol.relGap,
    gapTolerance: options.gapTolerance,
    bigM: { derived: options.bigMScale >= 1, scale: options.bigMScale, lpSolves: M.lpSolves, binding: sol.bindingBigM.map((b) => `${b.of} ${b.name} (${b.side})`) },
    kkt: kktResiduals(game.follower, sol.u, sol.x, sol.y, sol.d),
    followersAlone: followerChecks(game.follower, sol.u, sol.x, sol.y, lp),
    leaderObjective: { reported: sol.objective, recomputed, evaluated },
    networkViolations: optimal.networkViolations,
  };
  const data: DsoFeesData = {
    T: game.T,
    dtHours: game.dtHours,
    structure: game.structure,
    pairs: pairsOf(s, game),
    microgrids: game.mgs.map((m) => ({ id: m.id, busId: m.inputs.busId })),
    optimal,
    flat,
    none,
    curve,
    vsFlat: flat ? { mgCostChangePct: change(optimal.totalMgCost, flat.totalMgCost), revenueChangePct: change(optimal.revenue, flat.revenue), leaderObjectiveChangePct: change(optimal.leaderObjective, flat.leaderObjective) } : null,
    upperBound: sol.upperBound,
    absGap: sol.absGap,
    relGap: sol.relGap,
    iterations: sol.iterations.map((it) => ({ milpObjective: it.milpObjective, milpBound: it.milpBound, polished: it.polished, nodes: it.nodes, milpMs: it.milpMs, tangentsAdded: it.tangentsAdded })),
    milp: { rows: sol.rows, cols: sol.cols, binaries: sol.binaries, nodes: sol.nodes },
    timingsMs: { bounds: boundsMs, starts: startsMs, solve: sol.ms, baselines: baselinesMs },
  };
  const warnings: string[] = [];
  if (flat && flat.networkViolations.length) warnings.push(`the flat fee's response breaks ${flat.networkViolations.length} network limit(s), e.g. ${flat.networkViolations[0]}`);
  if (none && none.networkViolations.length) warnings.push(`the no-fee response breaks ${none.networkViolations.length} network limit(s), e.g. ${none.networkViolations[0]}`);
  if (s.network.der.pv.length + s.network.der.batteries.length + s.network.der.generators.length > 0) warnings.push('network.der resources are not part of the DSO-fee game (only the microgrids inject)');
  return { data, certificate, warnings };
}

function* runEvaluate(s: Scenario, fees: 'given' | 'flat' | 'none', lp: LpBackend): JobGenerator<'dso-fees-evaluate'> {
  yield { fraction: 0, stage: 'building the game' };
  const game = buildDsoGame(s);
  const fee = fees === 'none' ? () => 0 : fees === 'flat' ? () => flatFee(s) : givenFees(s, game);
  yield { fraction: 0.2, stage: 'solving the microgrids\' response' };
  const r = respond(game, fees === 'given' ? 'given' : fees, fee, lp);
  const data: DsoFeesEvaluateData = { T: game.T, dtHours: game.dtHours, pairs: pairsOf(s, game), microgrids: game.mgs.map((m) => ({ id: m.id, busId: m.inputs.busId })), outcome: r.outcome };
  const certificate: DsoFeesEvaluateCertificate = {
    kkt: kktResiduals(r.follower, r.u, r.s.x, r.s.rowDuals, r.s.reducedCosts),
    followersAlone: followerChecks(r.follower, r.u, r.s.x, r.s.rowDuals, lp),
  };
  return { data, certificate, warnings: r.outcome.networkViolations.length ? [`the response breaks ${r.outcome.networkViolations.length} network limit(s), e.g. ${r.outcome.networkViolations[0]}`] : [] };
}

/** Costs and objectives are compared relative to their scale (at least 1 currency). */
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));

function followerEvidence(kkt: DsoFeesCertificate['kkt'], alone: DsoFollowerCheck[]): { value: number; worst: string } {
  let value = Math.max(kkt.primal, kkt.stationarity, kkt.sign, kkt.complementarity), worst = 'KKT residual';
  for (const f of alone) {
    const c = rel(f.aloneCost, f.reportedCost);
    if (c > value) (value = c), (worst = `${f.id} alone: cost`);
    if (f.maxStrictDiff > value) (value = f.maxStrictDiff), (worst = `${f.id} alone: generation`);
  }
  return { value, worst };
}

export function dsoFeesVerdict(c: DsoFeesCertificate): CertificateVerdict {
  const ev = followerEvidence(c.kkt, c.followersAlone);
  const objective = Math.max(rel(c.leaderObjective.reported, c.leaderObjective.recomputed), rel(c.leaderObjective.reported, c.leaderObjective.evaluated));
  const value = Math.max(ev.value, objective);
  const failures: string[] = [];
  if (!c.bigM.derived) failures.push(`big-M scaled by ${c.bigM.scale} below the derived bounds: the optimum may have been cut off${c.bigM.binding.length ? ` (${c.bigM.binding.length} multiplier(s) at their bound, e.g. ${c.bigM.binding[0]})` : ''}`);
  if (c.relGap > c.gapTolerance) failures.push(`proven relative gap ${c.relGap.toExponential(2)} above ${c.gapTolerance} (${c.searchMessage})`);
  if (c.networkViolations.length) failures.push(`the answer breaks ${c.networkViolations[0]}`);
  if (value > DSO_CERTIFICATE_TOLERANCE) failures.push(objective > ev.value ? `the leader's objective ${c.leaderObjective.reported} is not reproduced (recomputed ${c.leaderObjective.recomputed}, re-evaluated ${c.leaderObjective.evaluated})` : `${ev.worst} differs by ${value.toExponential(2)}`);
  // the headline number is the one that fails: the gap when the search stopped short, else the re-solve evidence
  if (c.relGap > c.gapTolerance && value <= DSO_CERTIFICATE_TOLERANCE) return { certified: false, measure: 'proven relative gap', value: c.relGap, tolerance: c.gapTolerance, reason: failures.join('; ') };
  return { certified: failures.length === 0, measure: 'largest relative discrepancy of the followers\' re-solves and the leader\'s objective', value, tolerance: DSO_CERTIFICATE_TOLERANCE, reason: failures.length ? failures.join('; ') : null };
}

export const dsoFeesJob: JobDefinition<'dso-fees'> = {
  kind: 'dso-fees',
  usesLp: true,
  lpBackend: 'highs',
  verdict: (c) => dsoFeesVerdict(c),
  // the single-level MILP of the first outer-approximation round, with the derived big-Ms
  buildLp(s, options, lp): LpModel {
    if (!lp) throw new Error('dso-fees: the single-level MILP needs an LP backend to derive its big-M bounds');
    const game = buildDsoGame(s);
    const derive = bigM(game, lp, options.bigMScale);
    let step = derive.next();
    while (!step.done) step = derive.next();
    return buildSingleLevel(game.follower, game.leader, game.upper, step.value, { form: 'milp', tangentsPerVar: options.tangentsPerVar }).model;
  },
  run(s, options, ctx) {
    if (!ctx.lp) throw new Error('dso-fees needs a loaded HiGHS backend in ctx.lp');
    return runDsoFees(s, options, ctx.lp);
  },
};

export const dsoFeesEvaluateJob: JobDefinition<'dso-fees-evaluate'> = {
  kind: 'dso-fees-evaluate',
  usesLp: true,
  lpBackend: 'highs',
  verdict: (c) => {
    const ev = followerEvidence(c.kkt, c.followersAlone);
    const ok = ev.value <= DSO_CERTIFICATE_TOLERANCE;
    return { certified: ok, measure: 'largest KKT residual or relative cost difference of a microgrid re-solved alone', value: ev.value, tolerance: DSO_CERTIFICATE_TOLERANCE, reason: ok ? null : `${ev.worst} differs by ${ev.value.toExponential(2)}` };
  },
  run(s, options, ctx) {
    if (!ctx.lp) throw new Error('dso-fees-evaluate needs a loaded HiGHS backend in ctx.lp');
    return runEvaluate(s, options.fees, ctx.lp);
  },
};
