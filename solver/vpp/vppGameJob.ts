/**
 * The `vpp-game` job: the multi-VPP non-cooperative P2P trading game of the
 * seed paper ("Peer-to-Peer energy trading method for multi-virtual power
 * plants based on a non-cooperative game"; MODELS.md §2; docs/models/vpp.md).
 *
 * Stages: resolve the scenario (inputs.ts) and check every building's comfort
 * band; Gauss–Seidel best-response iteration (equilibrium.ts) over per-VPP
 * QPs (bestResponse.ts); the certificate re-optimises each VPP against the
 * others' equilibrium quantities; the oracle maximises the game's potential
 * in one QP (potential.ts); then best-response curves and, when asked, the
 * same game under constant-temperature and under flexible control.
 */
import type { CurvePoint, JobProgress, VppControlSummary, VppEquilibrium, VppGameCertificate, VppGameData, VppGameOptions } from '../contract.ts';
import { SolverError } from '../jobs/errors.ts';
import { atMost, formatTolerance } from '../jobs/certification.ts';
import type { JobDefinition, JobGenerator } from '../jobs/types.ts';
import type { LpBackend } from '../lp/backend.ts';
import type { Scenario } from '../scenario/schema.ts';
import { bestResponder, type BestResponder } from './bestResponse.ts';
import { bestResponseCurve, iterationPath } from './curves.ts';
import { checkComfort, type PeriodLabel } from './dispatch.ts';
import { bestResponseIteration, othersKw, type Equilibrium } from './equilibrium.ts';
import { p2pPrice, resolveMarket, resolveVpp, type Control, type MarketInputs, type VppInputs } from './inputs.ts';
import { vppPayoff } from './payoff.ts';
import { vppWarmState, warmQuantities } from './warmStart.ts';
import { gamePotential, maximisePotential, potentialModel } from './potential.ts';

interface Game {
  inputs: VppInputs[];
  responders: BestResponder[];
  eq: Equilibrium;
}

/** "14:00" for period t, from the scenario's start time and Δt. */
export function periodLabeler(s: Scenario): PeriodLabel {
  const m = /T(\d{2}):(\d{2})/.exec(s.time.start);
  const startH = m ? Number(m[1]) + Number(m[2]) / 60 : 0;
  return (t) => {
    const minutes = Math.round(((startH + t * s.time.dtHours) % 24) * 60);
    return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')} (t=${t})`;
  };
}

/** Every VPP resolved, and its buildings checked for a comfort band that can be kept. */
function resolvePlayers(s: Scenario, force: Control | undefined): VppInputs[] {
  const label = periodLabeler(s);
  const inputs = s.vpps.map((v) => resolveVpp(s, v, force));
  inputs.forEach((vi, i) => checkComfort(vi, i, s.time.dtHours, label));
  return inputs;
}

/** `opened` collects the responders' solver sessions, which `run` disposes however the job ends. */
function* playGame(lp: LpBackend, s: Scenario, market: MarketInputs, options: VppGameOptions, force: Control | undefined, span: [number, number], opened: BestResponder[], start?: Float64Array[]): Generator<JobProgress, Game, void> {
  const dt = s.time.dtHours;
  const inputs = resolvePlayers(s, force);
  const responders = inputs.map((vi) => bestResponder(lp, vi, market, dt));
  opened.push(...responders);
  const iteration = bestResponseIteration(responders, s.time.T, options, start);
  const stage = `best-response iteration${force ? ` (${force} control)` : ''}`;
  for (;;) {
    const step = iteration.next();
    if (step.done) return { inputs, responders, eq: step.value };
    const progress = Math.min(1, Math.log10(Math.max(step.value.residual, options.toleranceKw) / 1e3) / Math.log10(options.toleranceKw / 1e3));
    yield { fraction: span[0] + (span[1] - span[0]) * Math.max(0, progress), stage, metrics: { sweep: step.value.sweep, residualKw: step.value.residual } };
  }
}

const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0);

function totals(q: readonly Float64Array[], T: number): Float64Array {
  const out = new Float64Array(T);
  for (const qv of q) for (let t = 0; t < T; t++) out[t]! += qv[t]!;
  return out;
}

/** Per-VPP results: payoff parts, market share, price–cost margin (quantity-weighted (p − f − λ)/p). */
function equilibriumTable(game: Game, market: MarketInputs, dt: number): VppEquilibrium[] {
  const T = market.retail.length;
  const volume = totals(game.eq.q, T);
  const allKwh = sum(volume) * dt;
  return game.eq.strategies.map((st, v) => {
    const vi = game.inputs[v]!;
    const pay = vppPayoff(st, vi, market, dt, othersKw(game.eq.q, v));
    let weighted = 0;
    for (let t = 0; t < T; t++) {
      const price = p2pPrice(market, t, volume[t]!);
      weighted += st.q[t]! * ((price - market.fee - st.marginalValue[t]!) / price);
    }
    const sold = sum(st.q);
    return {
      id: vi.vpp.id,
      name: vi.vpp.name,
      busId: vi.vpp.busId,
      q: Array.from(st.q),
      ...pay,
      marketShare: allKwh > 0 ? (sold * dt) / allKwh : 0,
      priceCostMargin: sold > 1e-9 ? weighted / sold : null,
      exportKw: Array.from(st.exportKw),
      importKw: Array.from(st.importKw),
      marginalValue: Array.from(st.marginalValue),
      energyKwh: Array.from(st.energyKwh),
      buildings: st.buildings.map((b, j) => {
        const bi = vi.buildings[j]!;
        return { id: b.id, name: bi.building.name, control: vi.controls[j]!, acKw: Array.from(b.acKw), tempC: Array.from(b.tempC), minC: Array.from(bi.minC), maxC: Array.from(bi.maxC) };
      }),
    };
  });
}

function controlSummary(control: Control, table: VppEquilibrium[], dt: number): VppControlSummary {
  return {
    control,
    totalRevenue: sum(table.map((v) => v.revenue)),
    volumeKwh: sum(table.map((v) => sum(v.q) * dt)),
    vpps: table.map((v) => ({ id: v.id, revenue: v.revenue, payoff: v.payoff, marketShare: v.marketShare, priceCostMargin: v.priceCostMargin, volumeKwh: sum(v.q) * dt })),
  };
}

/** Each VPP re-optimises against the others' equilibrium quantities; the gain is the certificate. */
function deviationGains(game: Game, market: MarketInputs, dt: number): VppGameCertificate['deviationGains'] {
  return game.eq.strategies.map((st, v) => {
    const others = othersKw(game.eq.q, v);
    const payoff = vppPayoff(st, game.inputs[v]!, market, dt, others).payoff;
    return { id: game.inputs[v]!.vpp.id, gain: game.responders[v]!(others).payoff - payoff, payoff };
  });
}

function curvesOf(game: Game, options: VppGameOptions, market: MarketInputs, T: number): VppGameData['bestResponseCurves'] {
  const ids = game.inputs.map((vi) => vi.vpp.id);
  if (options.curvePoints === 0 || ids.length < 2) return null;
  const pair = options.curveVpps ?? [ids[0]!, ids[1]!];
  const [a, b] = pair.map((id, k) => {
    const i = ids.indexOf(id);
    if (i < 0) throw new SolverError({ code: 'invalid-options', message: `options.curveVpps[${k}]: VPP "${id}" does not exist`, path: `options.curveVpps[${k}]` });
    return i;
  }) as [number, number];
  if (a === b) throw new SolverError({ code: 'invalid-options', message: 'options.curveVpps: the two VPPs must differ', path: 'options.curveVpps' });
  const volume = totals(game.eq.q, T);
  const t = options.curvePeriod ?? volume.indexOf(Math.max(...volume));
  if (t >= T) throw new SolverError({ code: 'invalid-options', message: `options.curvePeriod: must be below the horizon time.T (${T}), not ${t}`, path: 'options.curvePeriod' });
  const qa = game.eq.q[a]![t]!, qb = game.eq.q[b]![t]!;
  const maxKw = Math.min(market.demandKw[t]!, Math.max(2 * Math.max(qa, qb), 1));
  const brA = bestResponseCurve(game.responders[a]!, game.eq.q, a, b, t, maxKw, options.curvePoints);
  const brB = bestResponseCurve(game.responders[b]!, game.eq.q, b, a, t, maxKw, options.curvePoints);
  return {
    period: t,
    vpps: [ids[a]!, ids[b]!],
    curves: [brA.map((p): CurvePoint => ({ a: p.y, b: p.x })), brB.map((p): CurvePoint => ({ a: p.x, b: p.y }))],
    equilibrium: { a: qa, b: qb },
    path: iterationPath(game.eq.sweeps, a, b, t),
  };
}

/** The market, or an `invalid-scenario` error when the scenario has no VPPs or no market. */
function gameMarket(s: Scenario): MarketInputs {
  if (s.vpps.length === 0) throw new SolverError({ code: 'invalid-scenario', message: 'vpps: the VPP game needs at least one VPP', path: 'vpps' });
  if (!s.market) throw new SolverError({ code: 'invalid-scenario', message: 'market: the VPP game needs market settings (prices, buyers\' demand, service fee)', path: 'market' });
  return resolveMarket(s, s.market);
}

const forcedControl = (options: VppGameOptions): Control | undefined => (options.control === 'scenario' ? undefined : options.control);

function* run(s: Scenario, options: VppGameOptions, lp: LpBackend, warmStart: unknown): JobGenerator<'vpp-game'> {
  const opened: BestResponder[] = [];
  try {
    return yield* solveGame(s, options, lp, warmStart, opened);
  } finally {
    for (const responder of opened) responder.dispose();
  }
}

function* solveGame(s: Scenario, options: VppGameOptions, lp: LpBackend, warmStart: unknown, opened: BestResponder[]): JobGenerator<'vpp-game'> {
  const market = gameMarket(s);
  const dt = s.time.dtHours;
  const T = s.time.T;
  const force = forcedControl(options);
  // a warm start serves the game asked for; the control comparison's other games start cold
  const warm = warmStart === undefined ? undefined : warmQuantities(s.vpps.map((v) => v.id), T, warmStart);
  const game = yield* playGame(lp, s, market, options, force, [0, options.compareControl ? 0.4 : 0.8], opened, warm?.start);
  const table = equilibriumTable(game, market, dt);

  yield { fraction: options.compareControl ? 0.45 : 0.85, stage: 'certificate: each VPP re-optimises against the equilibrium' };
  const gains = deviationGains(game, market, dt);

  let potentialCheck: VppGameData['potentialCheck'] = null;
  if (options.potentialCheck) {
    yield { fraction: options.compareControl ? 0.5 : 0.9, stage: 'oracle: maximising the game potential' };
    const max = maximisePotential(lp, game.inputs, market, dt);
    let diff = 0;
    max.strategies.forEach((st, v) => st.q.forEach((x, t) => (diff = Math.max(diff, Math.abs(x - game.eq.q[v]![t]!)))));
    potentialCheck = { maxQuantityDiffKw: diff, potentialAtEquilibrium: gamePotential(game.eq.strategies, game.inputs, market, dt), potentialMaximum: max.potential, solveMs: max.solveMs };
  }

  yield { fraction: options.compareControl ? 0.55 : 0.95, stage: 'best-response curves' };
  const bestResponseCurves = curvesOf(game, options, market, T);

  let comparison: VppGameData['comparison'] = null;
  if (options.compareControl) {
    const summaries = {} as Record<Control, VppControlSummary>;
    for (const [k, control] of (['constant', 'flexible'] as const).entries()) {
      const other = control === force ? game : yield* playGame(lp, s, market, options, control, [0.6 + 0.2 * k, 0.8 + 0.2 * k], opened);
      summaries[control] = controlSummary(control, other === game ? table : equilibriumTable(other, market, dt), dt);
    }
    comparison = summaries;
  }

  const volume = totals(game.eq.q, T);
  const worst = gains.reduce((w, g) => (g.gain > w.gain ? g : w), gains[0]!);
  return {
    data: {
      T,
      dtHours: dt,
      control: options.control,
      feePerKwh: market.fee,
      price: Array.from(volume, (Q, t) => p2pPrice(market, t, Q)),
      volumeKw: Array.from(volume),
      equilibrium: table,
      totalRevenue: sum(table.map((v) => v.revenue)),
      potentialCheck,
      iterations: game.eq.sweeps.map((sw) => ({ sweep: sw.sweep, residual: sw.residual, q: sw.q.map((x) => Array.from(x)) })),
      bestResponseCurves,
      comparison,
    },
    certificate: {
      maxDeviationGain: worst.gain,
      maxRelativeDeviationGain: Math.max(...gains.map((g) => g.gain / Math.max(Math.abs(g.payoff), 1e-12))),
      deviationGains: gains,
      sweeps: game.eq.sweeps.length,
      residualHistory: game.eq.sweeps.map((sw) => sw.residual),
      toleranceKw: options.toleranceKw,
      bestResponses: game.eq.bestResponses,
      bestResponseMs: game.eq.bestResponseMs,
      backend: 'highs',
    },
    ...(warm ? { warmStart: warm.use } : {}),
  };
}

/** A VPP game answer is certified when no VPP gains more than this fraction of its payoff by re-optimising (docs/models/vpp.md). */
export const VPP_RELATIVE_EPSILON = 1e-6;

export const vppGameJob: JobDefinition<'vpp-game'> = {
  kind: 'vpp-game',
  verdict: (c) => {
    const worst = c.deviationGains.reduce((w, g) => (g.gain > w.gain ? g : w), c.deviationGains[0] ?? { id: '—', gain: 0, payoff: 0 });
    return atMost('largest relative deviation gain', c.maxRelativeDeviationGain, VPP_RELATIVE_EPSILON, () => `${worst.id} gains ${worst.gain.toExponential(3)} (relative ${c.maxRelativeDeviationGain.toExponential(2)} > ${formatTolerance(VPP_RELATIVE_EPSILON)}) by re-optimising against the others`);
  },
  usesLp: true,
  lpBackend: 'highs',
  // the game as one program: its potential's maximisation (a QP; HiGHS, CPLEX or Gurobi read the file)
  buildLp(s, options) {
    return potentialModel(resolvePlayers(s, forcedControl(options)), gameMarket(s), s.time.dtHours).model;
  },
  run(s, options, ctx) {
    if (!ctx.lp) throw new Error('vpp-game needs a loaded HiGHS backend in ctx.lp');
    return run(s, options, ctx.lp, ctx.warmStart);
  },
  warmState: vppWarmState,
};
