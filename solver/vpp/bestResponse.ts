/**
 * A VPP's best response: its P2P quantities and its own dispatch that
 * maximise its payoff against the others' quantities Q₋ᵥ. With the linear
 * inverse demand, the P2P term (r_t − slope_t·(Q₋ᵥ,t + q_t) − f)·q_t is
 * concave quadratic in q_t, so the best response is a convex QP (solved by
 * HiGHS) with a unique q. The price stays within [w_t, r_t]: q_t ≤ D_t − Q₋ᵥ,t.
 */
import { LpModel } from '../lp/model.ts';
import type { LpBackend } from '../lp/backend.ts';
import { openLpSession } from '../lp/session.ts';
import { solveOptimal } from '../lp/solveOptimal.ts';
import { addVppDispatch, MONEY_SCALE, readStrategy, type VppStrategy } from './dispatch.ts';
import type { MarketInputs, VppInputs } from './inputs.ts';
import { vppPayoff } from './payoff.ts';

export interface BestResponse {
  strategy: VppStrategy;
  /** payoff from the formula (payoff.ts) */
  payoff: number;
  solveMs: number;
}

/** A VPP's best response to the others' quantities; holds a solver session until `dispose()`. */
export type BestResponder = ((othersKw: ArrayLike<number>) => BestResponse) & { dispose(): void };

/**
 * Builds the VPP's program once and opens one solver session on it: each call
 * only re-prices q against the new Q₋ᵥ (its linear cost and upper bound), and
 * HiGHS re-solves its copy from the previous best response's optimum and
 * active set (its QP hot start: a few iterations instead of ≈ 250), with no
 * model rebuilt or re-sent. Call `dispose()` when the game is done.
 */
export function bestResponder(lp: LpBackend, inputs: VppInputs, market: MarketInputs, dtHours: number): BestResponder {
  const model = new LpModel(`best-response-${inputs.vpp.id}`);
  const dispatch = addVppDispatch(model, inputs, market, dtHours);
  model.setObjective('min');
  dispatch.q.forEach((q, t) => model.setQuadraticCost(q, 2 * dtHours * market.slope[t]! * MONEY_SCALE));
  const session = openLpSession(lp, model);
  const respond = (othersKw: ArrayLike<number>): BestResponse => {
    dispatch.q.forEach((q, t) => {
      const others = othersKw[t]!;
      model.setCost(q, -dtHours * (market.retail[t]! - market.slope[t]! * others - market.fee) * MONEY_SCALE);
      model.setVarBounds(q, 0, Math.max(0, market.demandKw[t]! - others));
    });
    const solution = solveOptimal(model, lp, { session });
    const strategy = readStrategy(solution, dispatch, inputs, dtHours);
    return { strategy, payoff: vppPayoff(strategy, inputs, market, dtHours, othersKw).payoff, solveMs: solution.solveMs };
  };
  return Object.assign(respond, { dispose: () => session.dispose() });
}
