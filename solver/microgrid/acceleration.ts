/**
 * Nesterov-accelerated ADMM with restart ("fast ADMM", Goldstein, O'Donoghue,
 * Setzer and Baraniuk, "Fast alternating direction optimization methods",
 * SIAM J. Imaging Sci. 7(3), 2014, Algorithm 8), applied to the consensus
 * values and multipliers that admm.ts's owners keep.
 *
 * Plain ADMM solves iteration k+1 at (z_k, λ_k). Fast ADMM solves it at the
 * extrapolated point
 *
 *   ẑ_{k+1} = z_k + (a_k − 1)/a_{k+1}·(z_k − z_{k−1}),   λ̂_{k+1} likewise,   a_{k+1} = (1 + √(1 + 4a_k²))/2,
 *
 * as long as the combined residual c_k = ‖λ_k − λ̂_k‖²/ρ + ρ‖z_k − ẑ_k‖² falls
 * by the factor η (0.999) per iteration; when it does not, the momentum is
 * dropped (a = 1) and iteration k+1 starts from (z_{k−1}, λ_{k−1}), the last
 * point the residual accepted. The restart is what makes it converge for
 * problems that are not strongly convex (the paper's Theorem 4: c_k decreases
 * monotonically); our microgrids' costs are linear in most variables.
 *
 * The consensus update z = mean of the copies does not depend on the
 * multipliers (they sum to zero over a coupling's copies), so extrapolating λ
 * leaves it exact. The restart test needs c_k summed over every coupling: one
 * number per iteration, computed like the stopping rule's residuals (by the
 * observer; a deployment would sum it over the owners as it sums the
 * residuals). Used only over a perfect network: with stale messages the
 * agents would extrapolate from values their partners never used.
 */

/** One coupling's values as its owner stores them: what the agents solve with (ẑ, λ̂), changed in place. */
export interface CouplingState {
  z: Float64Array;
  lam: Float64Array;
}

export interface FastAdmm {
  /** Before the owners update: remember (ẑ_k, λ̂_k), the values this iteration's local solves used. */
  used(): void;
  /**
   * After the owners have written (z_k, λ_k) into the states: decide on momentum or restart and overwrite
   * the states with (ẑ_{k+1}, λ̂_{k+1}), the values the agents are sent. Returns whether it restarted.
   */
  extrapolate(rho: number): boolean;
  /** z_k, λ_k of coupling c (the true iterate, before extrapolation), for residuals and the answer */
  z(c: number): Float64Array;
  lam(c: number): Float64Array;
  /** ẑ_k of coupling c: the consensus this iteration's local solves used (the dual residual is ρ‖z_k − ẑ_k‖) */
  zUsed(c: number): Float64Array;
  readonly restarts: number;
}

/** η of Algorithm 8: the combined residual must fall by this factor per iteration to keep the momentum. */
export const RESTART_ETA = 0.999;

export function fastAdmm(states: readonly CouplingState[], eta = RESTART_ETA): FastAdmm {
  const copy = (f: (s: CouplingState) => Float64Array) => states.map((s) => Float64Array.from(f(s)));
  const zHat = copy((s) => s.z), lamHat = copy((s) => s.lam);
  let zPrev = copy((s) => s.z), lamPrev = copy((s) => s.lam);
  let zNow = copy((s) => s.z), lamNow = copy((s) => s.lam);
  let a = 1, cPrev = Infinity, restarts = 0;
  return {
    used() {
      states.forEach((s, c) => (zHat[c]!.set(s.z), lamHat[c]!.set(s.lam)));
    },
    extrapolate(rho) {
      // rotate: last iteration's iterate becomes z_{k−1}; the states hold z_k
      [zPrev, zNow] = [zNow, zPrev];
      [lamPrev, lamNow] = [lamNow, lamPrev];
      let ck = 0;
      states.forEach((s, c) => {
        zNow[c]!.set(s.z);
        lamNow[c]!.set(s.lam);
        for (let t = 0; t < s.z.length; t++) ck += (s.lam[t]! - lamHat[c]![t]!) ** 2 / rho + rho * (s.z[t]! - zHat[c]![t]!) ** 2;
      });
      // a step taken without momentum (a = 1) is a plain ADMM step: reverting it would recompute the same
      // point (Algorithm 8 taken literally loops until c_{k−1}/η^n exceeds c_k), so it is kept as it is
      if (ck < eta * cPrev || a === 1) {
        const next = (1 + Math.sqrt(1 + 4 * a * a)) / 2;
        const beta = (a - 1) / next;
        a = next;
        cPrev = ck;
        states.forEach((s, c) => {
          for (let t = 0; t < s.z.length; t++) {
            s.z[t] = zNow[c]![t]! + beta * (zNow[c]![t]! - zPrev[c]![t]!);
            s.lam[t] = lamNow[c]![t]! + beta * (lamNow[c]![t]! - lamPrev[c]![t]!);
          }
        });
        return false;
      }
      // restart from the previous iterate, without momentum; c_k as Algorithm 8 sets it
      a = 1;
      cPrev = cPrev / eta;
      restarts++;
      states.forEach((s, c) => (s.z.set(zPrev[c]!), s.lam.set(lamPrev[c]!)));
      // the iterate the next extrapolation measures from is the one restarted from
      [zNow, zPrev] = [zPrev, zNow];
      [lamNow, lamPrev] = [lamPrev, lamNow];
      return true;
    },
    z: (c) => zNow[c]!,
    lam: (c) => lamNow[c]!,
    zUsed: (c) => zHat[c]!,
    get restarts() {
      return restarts;
    },
  };
}
