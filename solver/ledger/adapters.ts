/**
 * From a solved job to the market rounds a ledger settles (settle.ts): one
 * adapter per model that clears a market.
 *
 * - mechanism lab: the trades of one rule in each period, with the period's
 *   bids as the block's contract, so validators can re-clear them;
 * - VPP game: each VPP's P2P sale per period to the community pool at that
 *   period's P2P price (the game's buyers are a demand curve, not agents);
 * - EV game: each EV's expected V2V energy over its stay with the microgrid
 *   operator at the mean seller (buyer) price of its parked periods — a
 *   Bayesian equilibrium fixes expectations over types, not one realisation.
 *
 * - microgrids (mg-bargaining): per period, each pair's ADMM consensus trade
 *   between the two microgrids at its consensus multiplier ÷ Δt — the only
 *   per-trade price the result carries (the Nash-bargaining payments of P2
 *   are one net sum per microgrid, not a price per trade). The ADMM trades,
 *   not P1's, because they and the multiplier are what the agents agreed on
 *   together (P1's trades may be another optimum of the same cost).
 * - EV charging stations (evcs-market): the coupled hour's P2P trades
 *   between stations and prosumers at their ADMM prices, and every
 *   participant's purchase from (sale to) the DSO at the DSO's tariff — the
 *   upper level of the hierarchical market.
 */
import type { MechanismData } from '../jobs/kinds/mechanism.ts';
import type { VppGameData } from '../jobs/kinds/vppGame.ts';
import type { EvBayesianData } from '../jobs/kinds/evBayesian.ts';
import type { MgBargainingData } from '../jobs/kinds/mgBargaining.ts';
import type { EvcsMarketData } from '../jobs/kinds/evcsMarket.ts';
import type { BidBook } from '../market/book.ts';
import type { ContractRecord } from './format.ts';
import { isReplayable, type LedgerTrade } from './contract.ts';
import type { MarketRound } from './settle.ts';
import { SettleError } from './errors.ts';

/** A model's adapter: its job data → one round per cleared period. */
export type RoundsAdapter<D> = (data: D) => MarketRound[];

/** The counterparty of the pooled markets. */
export const COMMUNITY_POOL = 'community-pool';
export const MICROGRID_OPERATOR = 'microgrid-operator';

const positive = (trades: LedgerTrade[]) => trades.filter((t) => t.kWh > 0);

/** One mechanism-lab period: `mechanism`'s trades, and its bids as the contract (null for rules a contract cannot replay, AGV). */
export function mechanismRound(data: MechanismData, mechanism: string, book: BidBook, settings: { k: number; tariff: { gridBuy: number; gridSell: number } }): MarketRound {
  const row = data.mechanisms.find((m) => m.id === mechanism);
  if (!row) throw new SettleError(`the mechanism run has no "${mechanism}" (it ran ${data.mechanisms.map((m) => m.id).join(', ')})`);
  if (row.status !== 'ok') throw new SettleError(`${mechanism} refused the book of period ${data.period}: ${row.message}`);
  const trades = positive(row.trades.map((t) => ({ seller: t.seller, buyer: t.buyer, kWh: t.quantity, price: t.price })));
  const contract: ContractRecord | null = isReplayable(mechanism)
    ? { mechanism, k: settings.k, tariff: settings.tariff, units: book.units, bids: book.bids.map((b) => ({ ...b })) }
    : null;
  return { period: data.period, trades, contract };
}

export const vppGameRounds: RoundsAdapter<VppGameData> = (data) =>
  data.price.map((price, t) => ({
    period: t + 1,
    trades: positive(data.equilibrium.map((v) => ({ seller: v.id, buyer: COMMUNITY_POOL, kWh: v.q[t]! * data.dtHours, price }))),
    contract: null,
  }));

export const evGameRounds: RoundsAdapter<EvBayesianData> = (data) => {
  const priors = new Map(data.fleets.flatMap((f) => f.levels.map((l) => [`${f.id}/${l.id}`, l.prior] as const)));
  const trades = data.evs.flatMap((ev): LedgerTrade[] => {
    if (ev.role === 'idle') return [];
    const kWh = ev.byType.reduce((s, t) => s + (priors.get(`${ev.fleetId}/${t.level}`) ?? 0) * t.v2vKwh, 0);
    const parked = data.periods.filter((p) => p.t >= ev.parkedFrom && p.t < ev.parkedTo);
    if (parked.length === 0) return [];
    const price = parked.reduce((s, p) => s + (ev.role === 'seller' ? p.sellerPrice : p.buyerPrice), 0) / parked.length;
    return ev.role === 'seller' ? [{ seller: ev.id, buyer: MICROGRID_OPERATOR, kWh, price }] : [{ seller: MICROGRID_OPERATOR, buyer: ev.id, kWh, price }];
  });
  return [{ period: 1, trades: positive(trades), contract: null }];
};

/** Below this a consensus trade is ADMM's round-off, not a trade (kWh). */
export const MG_MIN_TRADE_KWH = 1e-6;

export const mgBargainingRounds: RoundsAdapter<MgBargainingData> = (data) => {
  if (!data.admm) throw new SettleError('the mg-bargaining run has no ADMM answer: its trades have no price to settle at (run it with the admm option on)');
  return Array.from({ length: data.T }, (_, t) => ({
    period: t + 1,
    trades: data.pairs.flatMap((p): LedgerTrade[] => {
      // admmTradeKw > 0: a receives from b, and a pays b the multiplier price per kWh
      const kw = p.admmTradeKw![t]!, price = p.pricePerKwh![t]!;
      const kWh = Math.abs(kw) * data.dtHours;
      if (kWh < MG_MIN_TRADE_KWH) return [];
      return [kw > 0 ? { seller: p.b, buyer: p.a, kWh, price } : { seller: p.a, buyer: p.b, kWh, price }];
    }),
    contract: null,
  }));
};

/** The counterparty of the EV market's upper level. */
export const DSO = 'dso';

export const evcsMarketRounds: RoundsAdapter<EvcsMarketData> = (data) => {
  if (!data.coupling.converged) throw new SettleError(`the evcs-market coupling did not settle in ${data.coupling.iterations} rounds: its last round is no equilibrium to settle`);
  // one hour: kW traded over it are kWh
  const p2p = data.trades.map((t): LedgerTrade => ({ seller: t.seller, buyer: t.buyer, kWh: t.kw, price: t.pricePerKwh }));
  const dso = data.participants.flatMap((p): LedgerTrade[] => [
    { seller: DSO, buyer: p.id, kWh: p.buyKw, price: data.dso.buyPricePerKwh },
    { seller: p.id, buyer: DSO, kWh: p.sellKw, price: data.dso.sellPricePerKwh },
  ]);
  return [{ period: 1, trades: [...p2p, ...dso].filter((t) => t.kWh >= MG_MIN_TRADE_KWH), contract: null }];
};
