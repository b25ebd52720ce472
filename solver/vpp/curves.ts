/**
 * Best-response curves of two VPPs in one period, for the picture a teacher
 * projects: each VPP's best q in that period as the other's q varies, all
 * other quantities held at equilibrium. The curves cross at the equilibrium;
 * the Gauss–Seidel path climbs a staircase towards it.
 */
import type { CurvePoint } from '../contract.ts';
import type { BestResponse } from './bestResponse.ts';
import { othersKw, type SweepState } from './equilibrium.ts';

type Responder = (others: ArrayLike<number>) => BestResponse;

/** BR of VPP `who` in period t as VPP `against` sells x there, for `points` values of x in [0, maxKw]. */
export function bestResponseCurve(respond: Responder, q: readonly Float64Array[], who: number, against: number, t: number, maxKw: number, points: number): { x: number; y: number }[] {
  const base = othersKw(q, who);
  const out: { x: number; y: number }[] = [];
  for (let k = 0; k < points; k++) {
    const x = points === 1 ? 0 : (maxKw * k) / (points - 1);
    const others = base.slice();
    others[t] = base[t]! - q[against]![t]! + x;
    out.push({ x, y: respond(others).strategy.q[t]! });
  }
  return out;
}

/** (q_a, q_b) in period t after each best response of a or b, from (0, 0), read from the sweep states. */
export function iterationPath(sweeps: readonly SweepState[], a: number, b: number, t: number): CurvePoint[] {
  const path: CurvePoint[] = [{ a: 0, b: 0 }];
  let prev = { a: 0, b: 0 };
  for (const s of sweeps) {
    // Gauss–Seidel updates VPPs in index order: the one with the smaller index moves first
    for (const v of a < b ? [a, b] : [b, a]) {
      prev = v === a ? { a: s.q[a]![t]!, b: prev.b } : { a: prev.a, b: s.q[b]![t]! };
      path.push(prev);
    }
  }
  return path;
}
