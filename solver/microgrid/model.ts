/**
 * One microgrid's operation over T periods, added to an LpModel (MODELS.md §7).
 *
 * Per period t (Δt hours), with p_ij,t > 0 energy microgrid i receives from j:
 *
 *   gen + pv + dis − ch + buy − sell + Σ_j p_ij = load                 (balance, dual = marginal cost·Δt)
 *   inj − gen − pv − dis + ch = −load                                  (injection into the ADN at the bus)
 *   e_t = e_{t−1} + (η_c·ch − dis/η_d)·Δt,  e_{T−1} = e_initial         (battery)
 *   |gen_t − gen_{t−1}| ≤ ramp·Δt                                       (ramps)
 *   p_ij − b_ij + s_ij = 0,  b, s ≥ 0                                   (trade split, only with a trading cost)
 *
 * so the physical injection inj = sell − buy − Σ_j p_ij: P2P energy flows
 * through the ADN like the exchange does. Cost C_i (currency, over the
 * horizon):
 *
 *   Σ_t Δt·( a·gen² + b·gen + buyPrice·buy − sellPrice·sell
 *            + deg·(ch + dis) + Σ_j c_ij·(b_ij + s_ij) )
 *
 * The trade variables p_ij carry no cost of their own, so a caller may set
 * their linear and quadratic costs freely (ADMM's augmented Lagrangian);
 * anything a caller adds to the exchange (fees on buy/sell) must be added to
 * the cost already there (`model.cost(v) + fee`). `microgridCost` evaluates
 * C_i from the recorded own terms, whatever the caller added.
 *
 * Limits a planner sets carry origin tags (import/export limits, generator
 * range, ramps, SOC, final SOC, trade limits) so the elastic diagnosis of an
 * infeasible model names them; the balances and battery dynamics stay hard.
 */
import type { LpModel, LpVar, LpRow } from '../lp/model.ts';
import type { MicrogridInputs } from './inputs.ts';

export interface MicrogridModelOptions {
  /** 'alone': no P2P trade variables (the disagreement point); default 'trading' */
  trading?: 'alone' | 'trading';
  /** prefix of every variable and row name; default `mg_<id>_` */
  prefix?: string;
}

/** Handles of one microgrid's variables and rows in the model; arrays are per period. */
export interface MicrogridVars {
  id: string;
  inputs: MicrogridInputs;
  /** energy bought from the ADN, kW (≥ 0) */
  buy: LpVar[];
  /** energy sold to the ADN, kW (≥ 0) */
  sell: LpVar[];
  /** net active power injected into the ADN at the microgrid's bus, kW (free): gen + pv + dis − ch − load */
  injection: LpVar[];
  /** PV output used, kW (≤ available; the gap is curtailment) */
  pv: LpVar[];
  gen: LpVar[] | null;
  charge: LpVar[] | null;
  discharge: LpVar[] | null;
  /** stored energy at the end of each period, kWh */
  energy: LpVar[] | null;
  /** P2P trades by partner id: p_ij,t, kW, > 0 when this microgrid receives (free sign); empty when alone */
  trades: Map<string, LpVar[]>;
  /** the power-balance rows; their duals are the marginal cost of energy at the microgrid (× Δt) */
  balance: LpRow[];
  /** the microgrid's own cost terms, currency: linear [var, coefficient] and quadratic [var, h] (½·h·x²) */
  costLinear: [LpVar, number][];
  costQuadratic: [LpVar, number][];
}

const tag = (kind: string, microgrid: string, t: number, extra: Record<string, string> = {}) => ({ kind, microgrid, t, ...extra });

/** Adds microgrid `mg`'s variables, constraints and own cost to `model`; the model's sense must be 'min'. */
export function addMicrogrid(model: LpModel, mg: MicrogridInputs, options: MicrogridModelOptions = {}): MicrogridVars {
  const { T, dtHours: dt, id } = mg;
  const pre = options.prefix ?? `mg_${id}_`;
  const trading = (options.trading ?? 'trading') === 'trading';
  const costLinear: [LpVar, number][] = [];
  const costQuadratic: [LpVar, number][] = [];
  const own = (name: string, spec: Parameters<LpModel['addVar']>[1] = {}): LpVar => {
    const v = model.addVar(name, spec);
    if (spec.cost) costLinear.push([v, spec.cost]);
    return v;
  };
  const perT = (make: (t: number) => LpVar) => Array.from({ length: T }, (_, t) => make(t));

  const buy = perT((t) => own(`${pre}buy_t${t}`, { cost: mg.buyPricePerKwh[t]! * dt }));
  const sell = perT((t) => own(`${pre}sell_t${t}`, { cost: -mg.sellPricePerKwh[t]! * dt }));
  // exchange limits as rows, so the elastic diagnosis relaxes the limit and never the sign of buy/sell
  for (let t = 0; t < T; t++) {
    if (mg.maxImportKw < Infinity) model.addRow(`${pre}import_limit_t${t}`, [[buy[t]!, 1]], { ub: mg.maxImportKw }, tag('mg-import-limit', id, t));
    if (mg.maxExportKw < Infinity) model.addRow(`${pre}export_limit_t${t}`, [[sell[t]!, 1]], { ub: mg.maxExportKw }, tag('mg-export-limit', id, t));
  }
  const injection = perT((t) => own(`${pre}inj_t${t}`, { lb: -Infinity }));
  const pv = perT((t) => own(`${pre}pv_t${t}`, { ub: mg.pvAvailableKw[t]! }));

  const g = mg.generator;
  const gen = g ? perT((t) => own(`${pre}gen_t${t}`, { lb: g.pMinKw, ub: g.pMaxKw, cost: g.costLinearPerKwh * dt, origin: tag('mg-generator', id, t) })) : null;
  if (g && gen && g.costQuadraticPerKw2h > 0)
    for (const v of gen) {
      model.setQuadraticCost(v, 2 * g.costQuadraticPerKw2h * dt);
      costQuadratic.push([v, 2 * g.costQuadraticPerKw2h * dt]);
    }

  const b = mg.battery;
  const wear = (b?.degradationCostPerKwh ?? 0) * dt;
  const charge = b ? perT((t) => own(`${pre}ch_t${t}`, { ub: b.kw, cost: wear })) : null;
  const discharge = b ? perT((t) => own(`${pre}dis_t${t}`, { ub: b.kw, cost: wear })) : null;
  const energy = b ? perT((t) => own(`${pre}soc_t${t}`, { lb: b.socMin * b.kwh, ub: b.socMax * b.kwh, origin: tag('mg-soc', id, t) })) : null;

  const trades = new Map<string, LpVar[]>();
  const tradeSplit: { p: LpVar[]; cost: number; partner: string }[] = [];
  if (trading)
    for (const partner of mg.partners) {
      const p = perT((t) => own(`${pre}trade_${partner.id}_t${t}`, { lb: -partner.maxKw, ub: partner.maxKw, origin: tag('mg-trade-limit', id, t, { partner: partner.id }) }));
      trades.set(partner.id, p);
      if (partner.costPerKwh > 0) tradeSplit.push({ p, cost: partner.costPerKwh * dt, partner: partner.id });
    }

  const balance: LpRow[] = [];
  for (let t = 0; t < T; t++) {
    const sources: [LpVar, number][] = [[pv[t]!, 1]];
    if (gen) sources.push([gen[t]!, 1]);
    if (charge && discharge) sources.push([discharge[t]!, 1], [charge[t]!, -1]);
    const terms: [LpVar, number][] = [...sources, [buy[t]!, 1], [sell[t]!, -1]];
    for (const p of trades.values()) terms.push([p[t]!, 1]);
    balance.push(model.addRow(`${pre}balance_t${t}`, terms, { eq: mg.loadKw[t]! }));
    model.addRow(`${pre}injection_t${t}`, [[injection[t]!, 1], ...sources.map(([v, a]): [LpVar, number] => [v, -a])], { eq: -mg.loadKw[t]! });
  }

  for (const { p, cost, partner } of tradeSplit)
    for (let t = 0; t < T; t++) {
      const bought = own(`${pre}trade_${partner}_in_t${t}`, { cost });
      const sold = own(`${pre}trade_${partner}_out_t${t}`, { cost });
      model.addRow(`${pre}trade_${partner}_split_t${t}`, [[p[t]!, 1], [bought, -1], [sold, 1]], { eq: 0 });
    }

  if (g && gen && g.rampKwPerH !== undefined) {
    const step = g.rampKwPerH * dt;
    for (let t = 0; t < T; t++) {
      if (t === 0 && g.initialKw === undefined) continue;
      const terms: [LpVar, number][] = t === 0 ? [[gen[0]!, 1]] : [[gen[t]!, 1], [gen[t - 1]!, -1]];
      const base = t === 0 ? g.initialKw! : 0;
      model.addRow(`${pre}ramp_t${t}`, terms, { lb: base - step, ub: base + step }, tag('mg-ramp', id, t));
    }
  }

  if (b && charge && discharge && energy) {
    const e0 = b.socInitial * b.kwh;
    for (let t = 0; t < T; t++) {
      const terms: [LpVar, number][] = [[energy[t]!, 1], [charge[t]!, -b.etaCharge * dt], [discharge[t]!, dt / b.etaDischarge]];
      if (t > 0) terms.push([energy[t - 1]!, -1]);
      model.addRow(`${pre}soc_balance_t${t}`, terms, { eq: t === 0 ? e0 : 0 });
    }
    model.addRow(`${pre}final_soc`, [[energy[T - 1]!, 1]], { eq: e0 }, tag('mg-final-soc', id, T - 1));
  }

  return { id, inputs: mg, buy, sell, injection, pv, gen, charge, discharge, energy, trades, balance, costLinear, costQuadratic };
}

/** C_i at a solution x: the microgrid's own cost, whatever else the caller put in the objective. */
export function microgridCost(vars: MicrogridVars, x: ArrayLike<number>): number {
  let c = 0;
  for (const [v, a] of vars.costLinear) c += a * x[v]!;
  for (const [v, h] of vars.costQuadratic) c += 0.5 * h * x[v]! * x[v]!;
  return c;
}

/** Values of per-period handles at a solution, kW (or kWh for energy). */
export function valuesAt(vars: readonly LpVar[], x: ArrayLike<number>): number[] {
  return vars.map((v) => x[v]!);
}
