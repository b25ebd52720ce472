/**
 * Nash equilibrium of the multi-VPP P2P game by Gauss–Seidel best-response
 * iteration: in each sweep the VPPs, in scenario order, in turn replace their
 * strategy by a best response to the others' latest quantities.
 *
 * Why Gauss–Seidel and not Jacobi: with linear inverse demand the game is an
 * exact potential game (Monderer & Shapley, "Potential games", Games Econ.
 * Behav. 14, 1996), so each sequential best response is an exact block
 * maximisation of the concave potential, which never decreases and converges
 * to its maximiser. Simultaneous (Jacobi) responses of three or more Cournot
 * sellers oscillate without damping (Theocharis 1960).
 *
 * A generator in the Nashpy manner: it yields each sweep's state (quantities
 * and residual) and returns the equilibrium with its residual history.
 */
import { SolverError } from '../jobs/errors.ts';
import type { BestResponse } from './bestResponse.ts';
import type { VppStrategy } from './dispatch.ts';

export interface SweepState {
  /** 1-based sweep number */
  sweep: number;
  /** largest change of any q_v,t in this sweep, kW */
  residual: number;
  /** quantities after the sweep, per VPP per period, kW */
  q: Float64Array[];
}

export interface Equilibrium {
  strategies: VppStrategy[];
  q: Float64Array[];
  sweeps: SweepState[];
  bestResponses: number;
  bestResponseMs: number;
}

export interface IterationOptions {
  /** stop when no quantity moves by more than this in a sweep, kW */
  toleranceKw: number;
  maxSweeps: number;
}

/** Σ_{u≠v} q_u,t */
export function othersKw(q: readonly Float64Array[], v: number): Float64Array {
  const out = new Float64Array(q[0]?.length ?? 0);
  q.forEach((qu, u) => {
    if (u !== v) for (let t = 0; t < out.length; t++) out[t]! += qu[t]!;
  });
  return out;
}

/**
 * `start`: the quantities the first sweep responds to (a warm start, e.g. a
 * neighbouring what-if point's equilibrium); all zero when absent. Any start
 * converges to the same equilibrium (the potential is strictly concave in q),
 * a near one in fewer sweeps.
 */
export function* bestResponseIteration(
  responders: readonly ((others: ArrayLike<number>) => BestResponse)[],
  periods: number,
  options: IterationOptions,
  start?: readonly Float64Array[],
): Generator<SweepState, Equilibrium, void> {
  const q: Float64Array[] = responders.map((_, v) => (start ? Float64Array.from(start[v]!) : new Float64Array(periods)));
  const strategies: VppStrategy[] = [];
  const sweeps: SweepState[] = [];
  let bestResponses = 0, bestResponseMs = 0;
  for (let sweep = 1; sweep <= options.maxSweeps; sweep++) {
    let residual = 0;
    responders.forEach((respond, v) => {
      const br = respond(othersKw(q, v));
      bestResponses++;
      bestResponseMs += br.solveMs;
      for (let t = 0; t < periods; t++) residual = Math.max(residual, Math.abs(br.strategy.q[t]! - q[v]![t]!));
      q[v] = br.strategy.q;
      strategies[v] = br.strategy;
    });
    const state = { sweep, residual, q: q.map((x) => x.slice()) };
    sweeps.push(state);
    yield state;
    if (residual <= options.toleranceKw) return { strategies, q, sweeps, bestResponses, bestResponseMs };
  }
  const last = sweeps[sweeps.length - 1]!.residual;
  throw new SolverError({
    code: 'not-converged',
    message: `best-response iteration did not converge in ${options.maxSweeps} sweeps: the last sweep still moved a quantity by ${last.toPrecision(3)} kW (tolerance ${options.toleranceKw} kW)`,
    hint: 'raise maxSweeps or the tolerance',
    details: { sweeps: options.maxSweeps, lastResidualKw: last, toleranceKw: options.toleranceKw },
  });
}
