/**
 * The V2V trading game among parked EVs as a Bayesian game (MODELS.md §3):
 * each EV's private type is its user's responsiveness level; its action is
 * the energy it trades through the V2V pool over its stay (sold by sellers,
 * bought by buyers), spread evenly over the periods it is parked.
 *
 * Utility, relative to not trading (money):
 *   seller: Σ_t p_s,t·e − wear·x − α_θ·x² − c_ex·x
 *   buyer:  Σ_t (λb,t − p_b,t)·e − α_θ·x² − c_ex·x      (saving against charging at λb)
 * with e = x / (periods parked), α_θ the type's dissatisfaction weight,
 * c_ex the exchange cost and p the SDR prices of v2vMarket.ts, which depend
 * on every parked EV's trade — the strategic link between users.
 */
import type { BayesianGame } from '../bayes/game.ts';
import { uniformGrid } from '../bayes/grid.ts';
import type { ParkedEv } from './fleet.ts';
import { sdrBuyerPrice, sdrSellerPrice } from './v2vMarket.ts';

export interface V2vGameInputs {
  evs: ParkedEv[];
  T: number;
  gridBuy: Float64Array;
  gridSell: Float64Array;
  exchangeCostPerKwh: number;
  /** points of each trading EV's action grid over [0, maxV2vKwh] */
  actionPoints: number;
  v2vEnabled: boolean;
}

/** Pool supply and demand per period, kWh, from a profile of V2V quantities. */
export function poolFlows(evs: readonly ParkedEv[], T: number, actions: ArrayLike<number>): { supply: Float64Array; demand: Float64Array } {
  const supply = new Float64Array(T);
  const demand = new Float64Array(T);
  evs.forEach((ev, j) => {
    if (ev.role === 'idle') return;
    const side = ev.role === 'seller' ? supply : demand;
    const e = actions[j]! / (ev.to - ev.from);
    for (let t = ev.from; t < ev.to; t++) side[t]! += e;
  });
  return { supply, demand };
}

export function v2vGame(g: V2vGameInputs): BayesianGame {
  const { evs, T, gridBuy, gridSell, exchangeCostPerKwh } = g;
  // who is parked in each period, by side, so a payoff only visits its own periods' traders
  const sellersAt: number[][] = Array.from({ length: T }, () => []);
  const buyersAt: number[][] = Array.from({ length: T }, () => []);
  evs.forEach((ev, j) => {
    if (ev.role === 'idle') return;
    for (let t = ev.from; t < ev.to; t++) (ev.role === 'seller' ? sellersAt : buyersAt)[t]!.push(j);
  });
  const perPeriod = Float64Array.from(evs, (ev) => (ev.to > ev.from ? 1 / (ev.to - ev.from) : 0));
  // the others' pool flows in EV i's periods (own share excluded); scratch reused across calls
  const othersSupply = new Float64Array(T);
  const othersDemand = new Float64Array(T);
  const fillOthers = (i: number, actions: Float64Array) => {
    const ev = evs[i]!;
    for (let t = ev.from; t < ev.to; t++) {
      let s = 0;
      let d = 0;
      for (const j of sellersAt[t]!) if (j !== i) s += actions[j]! * perPeriod[j]!;
      for (const j of buyersAt[t]!) if (j !== i) d += actions[j]! * perPeriod[j]!;
      othersSupply[t] = s;
      othersDemand[t] = d;
    }
  };

  /** Money of EV i trading x kWh against the others' flows in the scratch buffers. */
  const money = (ev: ParkedEv, i: number, x: number): number => {
    const e = x * perPeriod[i]!;
    let m = 0;
    if (ev.role === 'seller') {
      for (let t = ev.from; t < ev.to; t++) m += sdrSellerPrice(othersSupply[t]! + e, othersDemand[t]!, gridSell[t]!, gridBuy[t]!) * e;
      return m - ev.wearPerKwh * x - exchangeCostPerKwh * x;
    }
    for (let t = ev.from; t < ev.to; t++) m += (gridBuy[t]! - sdrBuyerPrice(othersSupply[t]!, othersDemand[t]! + e, gridSell[t]!, gridBuy[t]!)) * e;
    return m - exchangeCostPerKwh * x;
  };

  return {
    players: evs.map((ev) => ({
      id: ev.id,
      prior: ev.prior,
      actions: g.v2vEnabled && ev.role !== 'idle' && ev.maxV2vKwh > 0 ? uniformGrid(0, ev.maxV2vKwh, g.actionPoints) : Float64Array.of(0),
      continuous: true,
    })),
    payoff(i, types, actions) {
      const ev = evs[i]!;
      if (ev.role === 'idle') return 0;
      const x = actions[i]!;
      fillOthers(i, actions);
      return money(ev, i, x) - ev.dissatisfactionPerKwh2[types[i]!]! * x * x;
    },
    // the others' flows once per type profile; the own type enters only through α_θ·x²
    payoffGrid(i, _types, actions, xs, out) {
      const ev = evs[i]!;
      const nX = xs.length;
      const alpha = ev.dissatisfactionPerKwh2;
      if (ev.role === 'idle') return void out.fill(0, 0, alpha.length * nX);
      fillOthers(i, actions);
      for (let x = 0; x < nX; x++) {
        const base = money(ev, i, xs[x]!);
        for (let t = 0; t < alpha.length; t++) out[t * nX + x] = base - alpha[t]! * xs[x]! * xs[x]!;
      }
    },
  };
}
