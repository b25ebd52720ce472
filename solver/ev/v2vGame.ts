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
 * on every parked EV's trade — the strategic link between users. The
 * utility is continuous in the own quantity, so best responses and the
 * certificate search between grid points; expectations come from pool
 * aggregates (v2vAggregates.ts).
 */
import type { BayesianGame } from '../bayes/game.ts';
import { uniformGrid } from '../bayes/grid.ts';
import type { ParkedEv } from './fleet.ts';
import { evMoney, othersFlows, poolIndex, v2vInterim, type V2vPool } from './v2vAggregates.ts';

export interface V2vGameInputs extends V2vPool {
  evs: ParkedEv[];
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
  const { evs, T } = g;
  const index = poolIndex(evs, T);
  // scratch for the scalar payoff: the others' flows in EV i's periods
  const othersS = new Float64Array(T);
  const othersD = new Float64Array(T);
  return {
    players: evs.map((ev) => ({
      id: ev.id,
      prior: ev.prior,
      actions: g.v2vEnabled && ev.role !== 'idle' && ev.maxV2vKwh > 0 ? uniformGrid(0, ev.maxV2vKwh, g.actionPoints) : Float64Array.of(0),
      continuous: true,
    })),
    // the straightforward utility: re-adds every parked EV's trade (the reference for the aggregates)
    payoff(i, types, actions) {
      const ev = evs[i]!;
      if (ev.role === 'idle') return 0;
      const x = actions[i]!;
      othersFlows(index, ev, i, actions, othersS, othersD, 0);
      return evMoney(g, ev, x, x * index.perPeriod[i]!, othersS, othersD, 0) - ev.dissatisfactionPerKwh2[types[i]!]! * x * x;
    },
    interim: (profiles, profile) => v2vInterim(g, index, profiles, profile),
    continuousUtility: true,
  };
}
