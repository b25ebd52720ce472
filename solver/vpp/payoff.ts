/**
 * A VPP's payoff in the P2P game (MODELS.md §2), from the formula:
 *
 *   u_v = Σ_t Δt·[ (p_t(Q_t) − f)·q_v,t + w_t·e_v,t − r_t·m_v,t − wear·(ch + dis) ] − discomfort
 *
 * with p_t(Q) = r_t − slope_t·Q. Computed from a strategy and the others'
 * quantities, independently of any solver objective, so the deviation-gain
 * certificate does not trust the programs it checks.
 */
import { discomfortCost } from './building.ts';
import type { VppStrategy } from './dispatch.ts';
import { p2pPrice, type MarketInputs, type VppInputs } from './inputs.ts';

export interface VppPayoff {
  /** P2P sales net of the service fee, currency */
  p2pRevenue: number;
  /** grid exports minus grid imports, currency */
  gridRevenue: number;
  /** p2pRevenue + gridRevenue */
  revenue: number;
  batteryWear: number;
  discomfort: number;
  /** revenue − batteryWear − discomfort */
  payoff: number;
}

export function vppPayoff(s: VppStrategy, inputs: VppInputs, market: MarketInputs, dtHours: number, othersKw: ArrayLike<number>): VppPayoff {
  let p2pRevenue = 0, gridRevenue = 0, batteryWear = 0;
  const wear = inputs.battery?.cycleCostPerKwh ?? 0;
  for (let t = 0; t < s.q.length; t++) {
    const price = p2pPrice(market, t, othersKw[t]! + s.q[t]!);
    p2pRevenue += dtHours * (price - market.fee) * s.q[t]!;
    gridRevenue += dtHours * (market.feedIn[t]! * s.exportKw[t]! - market.retail[t]! * s.importKw[t]!);
    batteryWear += dtHours * wear * (s.chargeKw[t]! + s.dischargeKw[t]!);
  }
  const discomfort = inputs.buildings.reduce((sum, bi, j) => sum + discomfortCost(bi, dtHours, s.buildings[j]!.tempC), 0);
  const revenue = p2pRevenue + gridRevenue;
  return { p2pRevenue, gridRevenue, revenue, batteryWear, discomfort, payoff: revenue - batteryWear - discomfort };
}
