/**
 * The potential of the multi-VPP P2P game and its maximiser: the oracle for
 * the best-response equilibrium.
 *
 * With p_t(Q) = r_t − slope_t·Q the game is a Cournot game with linear demand,
 * an exact potential game (Monderer & Shapley 1996, §5):
 *
 *   Φ = Σ_v c_v + Σ_t Δt·[ r_t·Q_t − slope_t/2·(Q_t² + Σ_v q_v,t²) ]
 *
 * where c_v is v's payoff without the P2P price term (−f·q, grid, wear,
 * discomfort). ∂Φ/∂q_v,t = Δt·(r_t − slope_t·Q₋ᵥ,t − 2·slope_t·q_v,t − f) = ∂u_v/∂q_v,t,
 * and Φ − u_v does not depend on v's strategy. Φ is strictly concave in q,
 * so one QP gives the unique equilibrium quantities. The shared limit
 * Q_t ≤ D_t keeps the price above w_t (it does not bind at equilibrium with f ≥ 0).
 */
import { LpModel, type LpVar } from '../lp/model.ts';
import type { LpBackend } from '../lp/backend.ts';
import { solveOptimal } from '../lp/solveOptimal.ts';
import { addVppDispatch, MONEY_SCALE, readStrategy, type VppDispatch, type VppStrategy } from './dispatch.ts';
import { p2pPrice, type MarketInputs, type VppInputs } from './inputs.ts';
import { vppPayoff } from './payoff.ts';

/** Φ of a strategy profile, from the formula above. */
export function gamePotential(strategies: readonly VppStrategy[], inputs: readonly VppInputs[], market: MarketInputs, dtHours: number): number {
  const T = market.retail.length;
  const total = new Float64Array(T);
  for (const s of strategies) for (let t = 0; t < T; t++) total[t]! += s.q[t]!;
  let phi = 0;
  strategies.forEach((s, v) => {
    const u = vppPayoff(s, inputs[v]!, market, dtHours, total.map((Q, t) => Q - s.q[t]!));
    let priceTerm = 0;
    for (let t = 0; t < T; t++) priceTerm += dtHours * p2pPrice(market, t, total[t]!) * s.q[t]!;
    phi += u.payoff - priceTerm;
    for (let t = 0; t < T; t++) phi -= (dtHours * market.slope[t]! * s.q[t]! * s.q[t]!) / 2;
  });
  for (let t = 0; t < T; t++) phi += dtHours * (market.retail[t]! * total[t]! - (market.slope[t]! * total[t]! * total[t]!) / 2);
  return phi;
}

export interface PotentialMaximum {
  strategies: VppStrategy[];
  /** Φ at the maximiser, from the formula */
  potential: number;
  solveMs: number;
}

/** The potential's maximisation as one QP (min −Φ·MONEY_SCALE): what `ggs export-lp --job vpp-game` writes. */
export function potentialModel(inputs: readonly VppInputs[], market: MarketInputs, dtHours: number): { model: LpModel; dispatches: VppDispatch[] } {
  const model = new LpModel('vpp-game-potential');
  const dispatches = inputs.map((vi) => addVppDispatch(model, vi, market, dtHours));
  const T = market.retail.length;
  for (let t = 0; t < T; t++) {
    const total = model.addVar(`Q_${t}`, { ub: market.demandKw[t]!, cost: -dtHours * market.retail[t]! * MONEY_SCALE });
    model.setQuadraticCost(total, dtHours * market.slope[t]! * MONEY_SCALE);
    const terms: [LpVar, number][] = [[total, -1]];
    for (const d of dispatches) {
      model.setCost(d.q[t]!, dtHours * market.fee * MONEY_SCALE);
      model.setQuadraticCost(d.q[t]!, dtHours * market.slope[t]! * MONEY_SCALE);
      terms.push([d.q[t]!, 1]);
    }
    model.addRow(`total_${t}`, terms, { eq: 0 });
  }
  model.setObjective('min');
  return { model, dispatches };
}

export function maximisePotential(lp: LpBackend, inputs: readonly VppInputs[], market: MarketInputs, dtHours: number): PotentialMaximum {
  const { model, dispatches } = potentialModel(inputs, market, dtHours);
  const solution = solveOptimal(model, lp);
  const strategies = dispatches.map((d, v) => readStrategy(solution, d, inputs[v]!, dtHours));
  return { strategies, potential: gamePotential(strategies, inputs, market, dtHours), solveMs: solution.solveMs };
}
