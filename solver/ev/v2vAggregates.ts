/**
 * Interim expected utilities of the V2V game from pool aggregates.
 *
 * EV i's utility depends on the other EVs only through the pool's supply S
 * and demand D in the periods it is parked, and a deviation of i changes
 * only its own terms and its own share of S or D. So per opponent type
 * profile we keep the others' S and D in i's periods; evaluating any own
 * type and quantity then costs O(profiles × periods parked), independent of
 * the fleet size (the scalar `payoff` re-adds every parked EV's trade).
 *
 * - Sampled expectations (one common-random-number sample shared by every
 *   EV, `TypeProfiles.draws`): the pool totals per draw and period are kept
 *   for the whole fleet; the others' flows are the totals minus i's own
 *   trade at its drawn type; a strategy change updates the totals in
 *   O(draws × periods parked).
 * - Exact enumeration (small fleets, a profile list per EV): the others'
 *   flows are summed directly when an EV is evaluated.
 */
import type { InterimModel } from '../bayes/game.ts';
import type { TypeProfiles } from '../bayes/typeProfiles.ts';
import type { ParkedEv } from './fleet.ts';
import { sdrBuyerPrice, sdrSellerPrice } from './v2vMarket.ts';

// local bindings: the hot loop then calls plain functions, not module-namespace getters (tsx/CommonJS)
const sellerPrice = sdrSellerPrice;
const buyerPrice = sdrBuyerPrice;

/** What the V2V utilities need besides the EVs' strategies. */
export interface V2vPool {
  evs: readonly ParkedEv[];
  T: number;
  gridBuy: Float64Array;
  gridSell: Float64Array;
  exchangeCostPerKwh: number;
}

/** Who is parked in each period, by side, and each EV's share of its trade per parked period. */
export interface PoolIndex {
  sellersAt: number[][];
  buyersAt: number[][];
  perPeriod: Float64Array;
}

export function poolIndex(evs: readonly ParkedEv[], T: number): PoolIndex {
  const sellersAt: number[][] = Array.from({ length: T }, () => []);
  const buyersAt: number[][] = Array.from({ length: T }, () => []);
  evs.forEach((ev, j) => {
    if (ev.role === 'idle') return;
    for (let t = ev.from; t < ev.to; t++) (ev.role === 'seller' ? sellersAt : buyersAt)[t]!.push(j);
  });
  return { sellersAt, buyersAt, perPeriod: Float64Array.from(evs, (ev) => (ev.to > ev.from ? 1 / (ev.to - ev.from) : 0)) };
}

/** The others' supply and demand in EV i's parked periods, written to out[offset + t − from]. */
export function othersFlows(index: PoolIndex, ev: ParkedEv, i: number, actions: ArrayLike<number>, outS: Float64Array, outD: Float64Array, offset: number): void {
  const { sellersAt, buyersAt, perPeriod } = index;
  for (let t = ev.from; t < ev.to; t++) {
    let s = 0;
    let d = 0;
    for (const j of sellersAt[t]!) if (j !== i) s += actions[j]! * perPeriod[j]!;
    for (const j of buyersAt[t]!) if (j !== i) d += actions[j]! * perPeriod[j]!;
    outS[offset + t - ev.from] = s;
    outD[offset + t - ev.from] = d;
  }
}

/**
 * Money of EV i trading x kWh (before dissatisfaction) against the others'
 * flows at others*[offset …]: seller Σ_t p_s·e − wear·x − c_ex·x, buyer
 * Σ_t (λb − p_b)·e − c_ex·x, with e = x / periods parked.
 */
export function evMoney(pool: V2vPool, ev: ParkedEv, x: number, e: number, othersS: Float64Array, othersD: Float64Array, offset: number): number {
  const { gridBuy, gridSell } = pool;
  let m = 0;
  if (ev.role === 'seller') {
    for (let t = ev.from, k = offset; t < ev.to; t++, k++) m += sellerPrice(othersS[k]! + e, othersD[k]!, gridSell[t]!, gridBuy[t]!) * e;
    return m - ev.wearPerKwh * x - pool.exchangeCostPerKwh * x;
  }
  for (let t = ev.from, k = offset; t < ev.to; t++, k++) m += (gridBuy[t]! - buyerPrice(othersS[k]!, othersD[k]! + e, gridSell[t]!, gridBuy[t]!)) * e;
  return m - pool.exchangeCostPerKwh * x;
}

/** The interim model of `BayesianGame.interim` for the V2V game. */
export function v2vInterim(pool: V2vPool, index: PoolIndex, profiles: TypeProfiles, profile: readonly Float64Array[]): InterimModel {
  const { evs, T } = pool;
  const n = evs.length;
  const { perPeriod } = index;
  const strategies = profile.map((s) => Float64Array.from(s));
  const draws = profiles.draws;
  const S = draws ? draws.length / n : 0;
  // pool totals per draw and period, every EV at its drawn type (sampled expectations only)
  const supply = new Float64Array(S * T);
  const demand = new Float64Array(S * T);
  const addTrade = (j: number, p: number, kwh: number) => {
    const ev = evs[j]!;
    if (ev.role === 'idle' || kwh === 0) return;
    const side = ev.role === 'seller' ? supply : demand;
    const e = kwh * perPeriod[j]!;
    for (let t = ev.from; t < ev.to; t++) side[p * T + t]! += e;
  };
  if (draws) for (let p = 0; p < S; p++) for (let j = 0; j < n; j++) addTrade(j, p, strategies[j]![draws[p * n + j]!]!);

  return {
    player(i) {
      const ev = evs[i]!;
      if (ev.role === 'idle') return () => 0;
      const opp = profiles.forPlayer[i]!;
      const L = ev.to - ev.from;
      const nT = ev.dissatisfactionPerKwh2.length;
      const oS = new Float64Array(opp.count * L);
      const oD = new Float64Array(opp.count * L);
      if (draws) {
        for (let p = 0; p < opp.count; p++) {
          const own = strategies[i]![draws[p * n + i]!]! * perPeriod[i]!;
          const [ownS, ownD] = ev.role === 'seller' ? [own, 0] : [0, own];
          for (let k = 0; k < L; k++) {
            oS[p * L + k] = Math.max(0, supply[p * T + ev.from + k]! - ownS);
            oD[p * L + k] = Math.max(0, demand[p * T + ev.from + k]! - ownD);
          }
        }
      } else {
        const actions = new Float64Array(n);
        for (let p = 0; p < opp.count; p++) {
          for (let j = 0; j < n; j++) actions[j] = j === i ? 0 : strategies[j]![opp.types[p * n + j]!]!;
          othersFlows(index, ev, i, actions, oS, oD, p * L);
        }
      }
      // money per opponent profile at the last x asked: the table asks every type at one x in a row
      const money = new Float64Array(opp.count);
      let lastX = NaN;
      return (t, x) => {
        if (x !== lastX) {
          const e = x * perPeriod[i]!;
          for (let p = 0; p < opp.count; p++) money[p] = evMoney(pool, ev, x, e, oS, oD, p * L);
          lastX = x;
        }
        let eu = 0;
        let weight = 0;
        for (let p = 0; p < opp.count; p++) {
          const w = opp.weights[p * nT + t]!;
          eu += w * money[p]!;
          weight += w;
        }
        return eu - weight * ev.dissatisfactionPerKwh2[t]! * x * x;
      };
    },
    setStrategy(j, strategy) {
      if (draws)
        for (let p = 0; p < S; p++) {
          const type = draws[p * n + j]!;
          addTrade(j, p, strategy[type]! - strategies[j]![type]!);
        }
      strategies[j] = Float64Array.from(strategy);
    },
  };
}
