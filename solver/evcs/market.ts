/**
 * The hierarchical P2P market of one coupled hour (docs/models/evcs.md),
 * cleared by the microgrid ADMM (solver/microgrid/admm.ts), reused as it is:
 *
 * - lower level — stations and prosumers trade energy P2P; each is an ADMM
 *   agent with the microgrid model of one period (a station's load is its EVs'
 *   charging power from the traffic assignment, its PV curtailable; a
 *   prosumer's load, PV and generator), every pair of participants may trade,
 *   each side paying the DSO's trade fee;
 * - upper level — the DSO sells and buys at its tariff at every bus and, as
 *   ADMM's ADN agent, holds a copy of every participant's injection and keeps
 *   the feeder within its LinDistFlow voltage and thermal limits: the
 *   injections the participants settle on are the ones the DSO accepts.
 *
 * Nobody reveals costs or loads: only trade proposals, injections and prices
 * pass (the ADMM's messages). From the cleared trades each station's energy
 * cost per kWh follows — its DSO bill less its sales plus what it pays its
 * partners at the ADMM prices, over its charging energy — and its charging
 * price to drivers is that plus its service cost, within its price bounds.
 */
import type { Evcs, Scenario } from '../scenario/schema.ts';
import type { LpBackend } from '../lp/backend.ts';
import type { MicrogridInputs } from '../microgrid/inputs.ts';
import { admm, type AdmmResult, type AdmmSettings } from '../microgrid/admm.ts';
import type { AdmmIteration } from '../microgrid/resultTypes.ts';

export interface MarketParticipant {
  id: string;
  kind: 'station' | 'prosumer';
  busId: string;
}

/** The participants in ADMM order (stations first) with their inputs for one hour at the given station loads. */
export function marketInputs(evcs: Evcs, stationLoadKw: ArrayLike<number>): { participants: MarketParticipant[]; inputs: MicrogridInputs[] } {
  const participants: MarketParticipant[] = [
    ...evcs.stations.map((s) => ({ id: s.id, kind: 'station' as const, busId: s.busId })),
    ...evcs.prosumers.map((p) => ({ id: p.id, kind: 'prosumer' as const, busId: p.busId })),
  ];
  const one = (v: number) => Float64Array.of(v);
  const { buyPricePerKwh, sellPricePerKwh, tradeFeePerKwh } = evcs.dso;
  // each pair's trade is boxed by the two sides' own power together (load + PV + generator): it never binds a
  // trade that serves a load, and HiGHS's QP solver called the unboxed trades unbounded on small cases (observed)
  const own = new Map<string, number>([
    ...evcs.stations.map((s, k) => [s.id, stationLoadKw[k]! + s.pvKw + s.chargers * s.chargerKw] as const),
    ...evcs.prosumers.map((p) => [p.id, p.loadKw + p.pvKw + (p.generator?.pMaxKw ?? 0)] as const),
  ]);
  const partnersOf = (id: string) => participants.filter((p) => p.id !== id).map((p) => ({ id: p.id, costPerKwh: tradeFeePerKwh, maxKw: own.get(id)! + own.get(p.id)! }));
  const base = (id: string, busId: string, index: number) => ({
    id, busId, index, T: 1, dtHours: 1,
    buyPricePerKwh: one(buyPricePerKwh), sellPricePerKwh: one(sellPricePerKwh),
    maxImportKw: Infinity, maxExportKw: Infinity, battery: null, partners: partnersOf(id),
  });
  const inputs: MicrogridInputs[] = [
    ...evcs.stations.map((s, k) => ({ ...base(s.id, s.busId, k), loadKw: one(stationLoadKw[k]!), pvAvailableKw: one(s.pvKw), generator: null })),
    ...evcs.prosumers.map((p, k) => ({ ...base(p.id, p.busId, evcs.stations.length + k), loadKw: one(p.loadKw), pvAvailableKw: one(p.pvKw), generator: p.generator ?? null })),
  ];
  return { participants, inputs };
}

/** The scenario the ADN agent reads: the coupled hour is the scenario's first period. */
export function hourScenario(s: Scenario): Scenario {
  return { ...s, time: { ...s.time, T: 1, dtHours: 1 } };
}

export interface MarketTrade {
  /** the buyer receives `kw` from the seller and pays `pricePerKwh` */
  seller: string;
  buyer: string;
  kw: number;
  pricePerKwh: number;
}

export interface ParticipantOutcome extends MarketParticipant {
  loadKw: number;
  pvKw: number;
  genKw: number;
  buyKw: number;
  sellKw: number;
  /** Σ over partners of what it receives (> 0) or sends (< 0), kW: its own proposals */
  p2pKw: number;
  injectionKw: number;
  /** DSO bill − DSO revenue + trade fees + payments to partners − receipts from them + generation, currency */
  netCost: number;
  /** gen + pv + buy − sell + p2p − load, kW: zero when the participant's balance holds */
  balanceKw: number;
}

export interface MarketClearing {
  converged: boolean;
  iterations: number;
  history: AdmmIteration[];
  participants: ParticipantOutcome[];
  trades: MarketTrade[];
  /** per station: energy cost per kWh of its charging energy (the DSO tariff when it charges nothing) */
  energyPricePerKwh: Float64Array;
  /** the largest |balanceKw| over participants and |p_ij + p_ji| over pairs (each side's own proposal), kW */
  maxBalanceKw: number;
  maxTradeMismatchKw: number;
  /** Σ over participants of what they pay partners (the money P2P moves nets to zero), currency */
  paymentSum: number;
  solves: number;
}

/** Below this a consensus trade is the ADMM's round-off, kW. */
const MIN_TRADE_KW = 1e-6;

export function* clearMarket(lp: LpBackend, scenario: Scenario, evcs: Evcs, stationLoadKw: ArrayLike<number>, settings: AdmmSettings): Generator<AdmmIteration, MarketClearing, void> {
  const { participants, inputs } = marketInputs(evcs, stationLoadKw);
  const r: AdmmResult = yield* admm(lp, hourScenario(scenario), inputs, settings);
  const pay = new Float64Array(inputs.length);
  const trades: MarketTrade[] = [];
  let maxTradeMismatchKw = 0;
  r.pairs.forEach(({ a, b }, k) => {
    // z > 0: a receives from b and pays b the consensus multiplier per kWh
    const z = r.tradesKw[k]![0]!, price = r.pricePerKwh[k]![0]!;
    pay[a] = pay[a]! + z * price;
    pay[b] = pay[b]! - z * price;
    const own = r.dispatch[a]!.tradesKw[inputs[b]!.id]![0]! + r.dispatch[b]!.tradesKw[inputs[a]!.id]![0]!;
    maxTradeMismatchKw = Math.max(maxTradeMismatchKw, Math.abs(own));
    if (Math.abs(z) > MIN_TRADE_KW) trades.push(z > 0 ? { seller: inputs[b]!.id, buyer: inputs[a]!.id, kw: z, pricePerKwh: price } : { seller: inputs[a]!.id, buyer: inputs[b]!.id, kw: -z, pricePerKwh: price });
  });
  let maxBalanceKw = 0;
  const outcomes: ParticipantOutcome[] = participants.map((p, i) => {
    const d = r.dispatch[i]!, mg = inputs[i]!;
    const p2pKw = Object.values(d.tradesKw).reduce((s, v) => s + v[0]!, 0);
    const genKw = d.genKw?.[0] ?? 0;
    const balanceKw = genKw + d.pvKw[0]! + d.buyKw[0]! - d.sellKw[0]! + p2pKw - mg.loadKw[0]!;
    maxBalanceKw = Math.max(maxBalanceKw, Math.abs(balanceKw));
    return { ...p, loadKw: mg.loadKw[0]!, pvKw: d.pvKw[0]!, genKw, buyKw: d.buyKw[0]!, sellKw: d.sellKw[0]!, p2pKw, injectionKw: d.injectionKw[0]!, netCost: d.cost + pay[i]!, balanceKw };
  });
  const energyPricePerKwh = Float64Array.from(evcs.stations, (_, s) => {
    const load = inputs[s]!.loadKw[0]!;
    // an idle station quotes what its next kWh would cost from the DSO
    return load > 1e-6 ? outcomes[s]!.netCost / load : evcs.dso.buyPricePerKwh;
  });
  return {
    converged: r.converged,
    iterations: r.iterations,
    history: r.history,
    participants: outcomes,
    trades,
    energyPricePerKwh,
    maxBalanceKw,
    maxTradeMismatchKw,
    paymentSum: pay.reduce((s, v) => s + v, 0),
    solves: r.solves,
  };
}
