/**
 * The DSO network-usage fee game (MODELS.md §8, docs/models/dso-fees.md) in
 * the bilevel layer's terms (solver/bilevel/):
 *
 * - followers: the microgrids of `scenario.microgrids` (solver/microgrid/,
 *   shared with issue 15) in one market: each MG's dispatch, its trades
 *   p_ij (> 0: i receives), the pairing p_ij + p_ji = 0 (coupling rows; their
 *   multipliers are the P2P prices), and rᵢⱼ ≥ max(p_ij, 0), the energy i
 *   receives from j, on which i pays the fee (Δt·fee per kW);
 * - leader: the fees, per trading pair and period ('path') or one rate per
 *   period times the pair's electrical distance over the mean ('distance'),
 *   within [minPerKwh, maxPerKwh]; its objective is fee revenue minus its
 *   network cost (networkCostPerKwhOhm × distance per kWh received);
 * - upper-level limits: LinDistFlow of the feeder with the MGs' injections
 *   (network.ts).
 */
import type { Scenario } from '../scenario/schema.ts';
import { LpModel, type LpRow, type LpVar } from '../lp/model.ts';
import { SolverError } from '../jobs/errors.ts';
import { allMicrogridInputs } from '../microgrid/inputs.ts';
import { addMicrogrid, type MicrogridVars } from '../microgrid/model.ts';
import { seriesValues } from '../scenario/series.ts';
import type { FeeTerm, FollowerProblem, LeaderVars } from '../bilevel/follower.ts';
import type { UpperLevel } from '../bilevel/singleLevel.ts';
import { feederLimits, pairDistancesOhm, type FeederLimits } from './network.ts';

export interface TradingPair {
  a: string;
  b: string;
  /** indices in scenario.microgrids */
  ia: number;
  ib: number;
  distanceOhm: number;
  /** per period: p_ab (a's trade var), p_ba, r_ab (a receives from b), r_ba */
  pab: LpVar[];
  pba: LpVar[];
  rab: LpVar[];
  rba: LpVar[];
  /** pairing rows per period */
  pairing: LpRow[];
}

export interface DsoGame {
  T: number;
  dtHours: number;
  structure: 'path' | 'distance';
  follower: FollowerProblem;
  leader: LeaderVars;
  upper: UpperLevel;
  mgs: MicrogridVars[];
  pairs: TradingPair[];
  /** fee per kWh of pair k in period t at leader decision u */
  feeOf: (u: ArrayLike<number>, k: number, t: number) => number;
  /** the followers with fees given per pair and period (fee(k, t), currency/kWh) instead of the leader's structure, and those fees as its u */
  atFees: (fee: (k: number, t: number) => number) => { follower: FollowerProblem; u: Float64Array };
  network: FeederLimits;
  meanDistanceOhm: number;
  /** the leader's network cost per follower variable, currency per kW */
  networkCost: Map<number, number>;
}

const settings = (s: Scenario) => s.dsoFees ?? { structure: 'path' as const, minPerKwh: 0, maxPerKwh: 0.1, flatPerKwh: 0.02, networkCostPerKwhOhm: 0, given: [] };

/** Finite limits on everything a complementarity slack depends on (bounds.ts): ask for them by path. */
function requireLimits(s: Scenario): void {
  s.microgrids.forEach((mg, i) => {
    if (mg.adn.maxImportKw === undefined) throw new SolverError({ code: 'invalid-scenario', message: `microgrids[${i}].adn.maxImportKw: the DSO-fee game needs a finite import limit (the KKT reformulation's bounds are derived from finite limits)`, path: `microgrids[${i}].adn.maxImportKw` });
    if (mg.adn.maxExportKw === undefined) throw new SolverError({ code: 'invalid-scenario', message: `microgrids[${i}].adn.maxExportKw: the DSO-fee game needs a finite export limit`, path: `microgrids[${i}].adn.maxExportKw` });
  });
}

export function buildDsoGame(s: Scenario): DsoGame {
  const cfg = settings(s);
  if (s.microgrids.length < 2) throw new SolverError({ code: 'invalid-scenario', message: 'microgrids: the DSO-fee game needs at least two microgrids that trade', path: 'microgrids' });
  if (cfg.minPerKwh > cfg.maxPerKwh) throw new SolverError({ code: 'invalid-scenario', message: `dsoFees.minPerKwh ${cfg.minPerKwh} is above dsoFees.maxPerKwh ${cfg.maxPerKwh}`, path: 'dsoFees.minPerKwh' });
  requireLimits(s);
  const { T, dtHours: dt } = s.time;
  const inputs = allMicrogridInputs(s);
  const model = new LpModel(`dso-fees followers ${s.metadata.name}`);
  const ranges: [number, number][] = [];
  const mgs = inputs.map((mg) => {
    const first = model.varCount;
    const vars = addMicrogrid(model, mg);
    ranges.push([first, model.varCount]);
    return vars;
  });
  const index = new Map(inputs.map((mg, i) => [mg.id, i]));
  // addMicrogrid splits a trade with a trading cost into bought − sold ≥ 0, unbounded above; both positive at
  // once (a wash trade) is never optimal when it costs, so both are ≤ the pair's limit at every follower optimum:
  // that bound leaves the followers' optima — and so the bilevel program — unchanged, and gives the slacks a bound
  mgs.forEach((m, i) => {
    for (let v = ranges[i]![0]; v < ranges[i]![1]; v++) {
      const hit = /_trade_(.+)_(in|out)_t\d+$/.exec(model.varName(v));
      const partner = hit ? m.inputs.partners.find((p) => model.varName(v).endsWith(`_trade_${p.id}_${hit[2]}_${/_t\d+$/.exec(model.varName(v))![0].slice(1)}`)) : undefined;
      if (partner && model.varUb(v) === Infinity && Number.isFinite(partner.maxKw)) model.setVarBounds(v as LpVar, model.varLb(v), partner.maxKw);
    }
  });
  const distances = pairDistancesOhm(s);

  // receipts r_ij ≥ p_ij, r ≥ 0: what MG i receives from j (the fee base), in i's block
  const blockVars: LpVar[][] = mgs.map(() => []);
  const pairs: TradingPair[] = [];
  const coupling: LpRow[] = [];
  mgs.forEach((mi, i) => {
    for (const [j, pij] of mi.trades) {
      const jj = index.get(j)!;
      if (jj < i) continue;
      const pji = mgs[jj]!.trades.get(mi.id);
      if (!pji) continue;
      const limit = mi.inputs.partners.find((p) => p.id === j)!.maxKw;
      if (!Number.isFinite(limit)) throw new SolverError({ code: 'invalid-scenario', message: `microgrids[${i}].partners: the pair ${mi.id}–${j} needs a finite maxKw for the DSO-fee game`, path: `microgrids[${i}].partners` });
      const rab: LpVar[] = [], rba: LpVar[] = [], pairing: LpRow[] = [];
      for (let t = 0; t < T; t++) {
        const ra = model.addVar(`recv_${mi.id}_from_${j}_t${t}`, { ub: limit });
        const rb = model.addVar(`recv_${j}_from_${mi.id}_t${t}`, { ub: limit });
        model.addRow(`recv_${mi.id}_from_${j}_t${t}`, [[ra, 1], [pij[t]!, -1]], { lb: 0 });
        model.addRow(`recv_${j}_from_${mi.id}_t${t}`, [[rb, 1], [pji[t]!, -1]], { lb: 0 });
        const row = model.addRow(`pair_${mi.id}_${j}_t${t}`, [[pij[t]!, 1], [pji[t]!, 1]], { eq: 0 });
        rab.push(ra), rba.push(rb), pairing.push(row), coupling.push(row);
        blockVars[i]!.push(ra);
        blockVars[jj]!.push(rb);
      }
      pairs.push({ a: mi.id, b: j, ia: i, ib: jj, distanceOhm: distances(mi.inputs.busId, mgs[jj]!.inputs.busId), pab: pij, pba: pji, rab, rba, pairing });
    }
  });
  if (pairs.length === 0) throw new SolverError({ code: 'invalid-scenario', message: 'microgrids[].partners: no two microgrids list each other, so there is no trade to charge a fee on', path: 'microgrids' });
  model.setObjective('min');

  // MG i's block: every variable addMicrogrid made for it, and its receipts
  const blocks = mgs.map((m, i) => {
    const vars: LpVar[] = [];
    for (let v = ranges[i]![0]; v < ranges[i]![1]; v++) vars.push(v as LpVar);
    return { id: m.id, vars: [...vars, ...blockVars[i]!] };
  });

  const meanDistanceOhm = pairs.reduce((a, p) => a + p.distanceOhm, 0) / pairs.length;
  const structure = cfg.structure;
  const names: string[] = [], lb: number[] = [], ub: number[] = [];
  const feeTerms: FeeTerm[] = [];
  if (structure === 'path') {
    pairs.forEach((p) =>
      p.rab.forEach((_, t) => {
        const l = names.length;
        names.push(`fee_${p.a}_${p.b}_t${t}`), lb.push(cfg.minPerKwh), ub.push(cfg.maxPerKwh);
        feeTerms.push({ v: p.rab[t]!, leader: l, coef: dt }, { v: p.rba[t]!, leader: l, coef: dt });
      }),
    );
  } else {
    for (let t = 0; t < T; t++) names.push(`rate_t${t}`), lb.push(cfg.minPerKwh), ub.push(cfg.maxPerKwh);
    for (const p of pairs) {
      const scale = meanDistanceOhm > 0 ? p.distanceOhm / meanDistanceOhm : 1;
      for (let t = 0; t < T; t++) feeTerms.push({ v: p.rab[t]!, leader: t, coef: dt * scale }, { v: p.rba[t]!, leader: t, coef: dt * scale });
    }
  }
  const feeOf = (u: ArrayLike<number>, k: number, t: number) => {
    if (structure === 'path') return u[k * T + t]!;
    const p = pairs[k]!;
    return u[t]! * (meanDistanceOhm > 0 ? p.distanceOhm / meanDistanceOhm : 1);
  };
  // fees given per pair and period (baselines, dso-fees-evaluate): the same receipts, one 'leader' value per pair and period
  const pathTerms: FeeTerm[] = pairs.flatMap((p, k) => p.rab.flatMap((_, t) => [{ v: p.rab[t]!, leader: k * T + t, coef: dt }, { v: p.rba[t]!, leader: k * T + t, coef: dt }]));
  const atFees = (fee: (k: number, t: number) => number) => ({
    follower: { model, feeTerms: pathTerms, blocks, couplingRows: coupling } as FollowerProblem,
    u: Float64Array.from({ length: pairs.length * T }, (_, i) => fee(Math.floor(i / T), i % T)),
  });

  const networkCost = new Map<number, number>();
  if (cfg.networkCostPerKwhOhm > 0)
    for (const p of pairs) for (let t = 0; t < T; t++) for (const r of [p.rab[t]!, p.rba[t]!]) networkCost.set(r, cfg.networkCostPerKwhOhm * p.distanceOhm * dt);

  const network = feederLimits(s, mgs);
  const follower: FollowerProblem = { model, feeTerms, blocks, couplingRows: coupling };
  const leader: LeaderVars = { names, lb: Float64Array.from(lb), ub: Float64Array.from(ub) };
  const upper: UpperLevel = { followerCost: networkCost, rows: (m, x) => network.addRows(m, x) };
  return { T, dtHours: dt, structure, follower, leader, upper, mgs, pairs, feeOf, atFees, network, meanDistanceOhm, networkCost };
}

/** Fees of the given pairs (dsoFees.given; others pay flatPerKwh), per pair and period. */
export function givenFees(s: Scenario, game: DsoGame): (k: number, t: number) => number {
  const cfg = settings(s);
  const byPair = new Map<string, Float64Array>();
  cfg.given.forEach((g, i) => {
    const k = game.pairs.findIndex((p) => (p.a === g.a && p.b === g.b) || (p.a === g.b && p.b === g.a));
    if (k < 0) throw new SolverError({ code: 'invalid-scenario', message: `dsoFees.given[${i}]: ${g.a} and ${g.b} do not trade with each other`, path: `dsoFees.given[${i}]` });
    byPair.set(String(k), seriesValues(s, g.perKwh));
  });
  return (k, t) => byPair.get(String(k))?.[t] ?? cfg.flatPerKwh;
}

export const flatFee = (s: Scenario) => settings(s).flatPerKwh;
export const feeSettings = settings;
