/**
 * The ADN operator as an ADMM agent: it holds a copy ŷ_i of every
 * microgrid's injection and keeps the feeder within its LinDistFlow limits,
 *
 *   min Σ_i [μ̂_i·ŷ_i + ρ/2·(ŷ_i − w_i)²]   s.t. LinDistFlow with injections ŷ,
 *
 * which separates by period. In a period where the unconstrained minimiser
 * ŷ_i = w_i − μ̂_i/ρ already meets every limit (checked by evaluating
 * LinDistFlow directly) it is the answer and no QP is solved; otherwise the
 * period's own QP is solved in a warm HiGHS session built on first need.
 */
import type { Scenario } from '../scenario/schema.ts';
import type { LpBackend, LpSession } from '../lp/backend.ts';
import { LpModel, type LpVar } from '../lp/model.ts';
import { openLpSession } from '../lp/session.ts';
import { solveOptimal } from '../lp/solveOptimal.ts';
import type { MicrogridInputs } from './inputs.ts';
import { addAdnNetwork, linDistFlowCheck } from './adnNetwork.ts';
import { describeMicrogridSuspect } from './dispatch.ts';

export interface AdnAgent {
  /** μ̂_i,t and w_i,t as this agent knows them; [microgrid][t] */
  muHat: Float64Array[];
  w: Float64Array[];
  /** the agent's copies ŷ for the current multipliers and ρ; [microgrid][t] */
  solve(rho: number): Float64Array[];
  /** QP solves so far (periods where a limit binds) and their time, ms */
  readonly qpSolves: number;
  readonly qpMs: number;
  dispose(): void;
}

interface PeriodQp {
  session: LpSession;
  copies: LpVar[];
}

export function adnAgent(lp: LpBackend, scenario: Scenario, inputs: readonly MicrogridInputs[], polygonSides: number): AdnAgent {
  const T = scenario.time.T;
  const busIndex = new Map(scenario.network.buses.map((b, i) => [b.id, i]));
  const busOf = inputs.map((mg) => busIndex.get(mg.busId)!);
  const check = linDistFlowCheck(scenario, polygonSides);
  const qps = new Map<number, PeriodQp>();
  const injection = new Float64Array(scenario.network.buses.length);
  const muHat = inputs.map(() => new Float64Array(T)), w = inputs.map(() => new Float64Array(T));
  let qpSolves = 0, qpMs = 0;

  const periodQp = (t: number): PeriodQp => {
    let qp = qps.get(t);
    if (!qp) {
      const model = new LpModel(`admm adn t${t}`);
      const copies = inputs.map((mg) => model.addVar(`adn_copy_${mg.id}_t${t}`, { lb: -Infinity }));
      // addAdnNetwork indexes injections by period: a sparse array holding this period's copy only
      const perPeriod = copies.map((v) => Object.assign(new Array<LpVar>(T), { [t]: v }));
      addAdnNetwork(model, scenario, inputs.map((mg, i) => ({ busId: mg.busId, kw: perPeriod[i]! })), polygonSides, 'adn_', [t]);
      model.setObjective('min');
      qp = { session: openLpSession(lp, model), copies };
      qps.set(t, qp);
    }
    return qp;
  };

  return {
    muHat,
    w,
    solve(rho) {
      const out = inputs.map(() => new Float64Array(T));
      for (let t = 0; t < T; t++) {
        injection.fill(0);
        inputs.forEach((_, i) => {
          out[i]![t] = w[i]![t]! - muHat[i]![t]! / rho;
          injection[busOf[i]!]! += out[i]![t]!;
        });
        if (check.feasible(t, injection, 1e-9)) continue;
        const qp = periodQp(t);
        const m = qp.session.model;
        qp.copies.forEach((v, i) => {
          m.setCost(v, muHat[i]![t]! - rho * w[i]![t]!);
          m.setQuadraticCost(v, rho);
        });
        const sol = solveOptimal(m, lp, { session: qp.session, describe: describeMicrogridSuspect, timeLimitSeconds: 60 });
        qpSolves++;
        qpMs += sol.solveMs;
        qp.copies.forEach((v, i) => (out[i]![t] = sol.x[v]!));
      }
      return out;
    },
    get qpSolves() {
      return qpSolves;
    },
    get qpMs() {
      return qpMs;
    },
    dispose() {
      for (const qp of qps.values()) qp.session.dispose();
    },
  };
}
