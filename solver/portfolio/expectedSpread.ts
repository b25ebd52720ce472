/**
 * The expected cost of the bid–ask spread as a function of one period's
 * contracted delivery Y_t: what buying at p + h instead of p − h adds, over
 * the scenarios short in that period,
 *
 *   g_t(Y) = (2h·Δt/S) · Σ_s max(D(s,t) − Y, 0)
 *
 * a convex piecewise-linear function of one variable with a kink at every
 * scenario's demand. Between two neighbouring demands it is the line
 * (2hΔt/S)·(Σ_{D > Y} D − n·Y) with n = #{s : D(s,t) > Y}; every such line
 * ("piece") lies below g_t everywhere, so the cutting-plane master
 * (solveLp.ts) can use any set of them as an exact-where-it-touches lower
 * bound, and there are only S + 1 of them.
 */
import type { PortfolioProblem } from './problem.ts';

export interface SpreadPiece {
  /** scenarios short on this piece: g = scale·(sumAbove − count·Y) */
  count: number;
  sumAbove: number;
}

export class ExpectedSpread {
  readonly T: number;
  /** 2h·Δt/S, currency per kW of summed shortfall */
  readonly scale: number;
  /** per period: demands sorted descending, and their running sums (sums[t][n] = the n largest) */
  private readonly sorted: Float64Array[];
  private readonly sums: Float64Array[];

  constructor(problem: PortfolioProblem) {
    const { S, T, dtHours, demandKw } = problem.scenarios;
    this.T = T;
    this.scale = (2 * problem.halfSpread * dtHours) / S;
    this.sorted = [];
    this.sums = [];
    const column = new Float64Array(S);
    for (let t = 0; t < T; t++) {
      for (let s = 0; s < S; s++) column[s] = demandKw[s * T + t]!;
      const desc = Float64Array.from(column).sort().reverse();
      const sums = new Float64Array(S + 1);
      for (let n = 0; n < S; n++) sums[n + 1] = sums[n]! + desc[n]!;
      this.sorted.push(desc);
      this.sums.push(sums);
    }
  }

  /** The piece through (Y, g_t(Y)): the one of the interval right of Y when Y is a kink. */
  piece(t: number, y: number): SpreadPiece {
    const desc = this.sorted[t]!;
    // n = #{D > y}: binary search on the descending demands
    let lo = 0, hi = desc.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (desc[mid]! > y) lo = mid + 1;
      else hi = mid;
    }
    return { count: lo, sumAbove: this.sums[t]![lo]! };
  }

  /** The piece on which `count` scenarios are short (0..S). */
  pieceWithCount(t: number, count: number): SpreadPiece {
    const n = Math.min(this.sorted[t]!.length, Math.max(0, count));
    return { count: n, sumAbove: this.sums[t]![n]! };
  }

  value(t: number, y: number): number {
    const p = this.piece(t, y);
    return this.scale * (p.sumAbove - p.count * y);
  }

  /** The demand below which a share `q` of the scenarios lies (order statistic), for seeding the master with pieces. */
  quantile(t: number, q: number): number {
    const desc = this.sorted[t]!;
    return desc[Math.min(desc.length - 1, Math.max(0, Math.round((1 - q) * (desc.length - 1))))]!;
  }
}
