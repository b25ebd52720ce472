/**
 * Linear inner approximation of an apparent-power limit √(P² + Q²) ≤ S.
 *
 * A regular N-gon inscribed in the circle of radius S with a vertex on the
 * P axis: facet k has outward normal at angle (2k+1)π/N and reads
 * cos θₖ·P + sin θₖ·Q ≤ S·cos(π/N). Inscribed, so every point it allows is
 * within the true limit (the LP never overloads a line); it gives away at most
 * 1 − cos(π/N) of the rating (3.4 % at N = 12), and nothing for a flow that is
 * purely active or purely reactive when N is a multiple of 4.
 */
export interface PolygonFacet {
  /** coefficient of P */
  cp: number;
  /** coefficient of Q */
  cq: number;
  /** right-hand side per unit of S */
  rhsPerS: number;
}

export function apparentPowerPolygon(sides: number): PolygonFacet[] {
  if (!Number.isInteger(sides) || sides < 4) throw new RangeError(`a polygon needs a whole number of at least 4 sides, got ${sides}`);
  const rhsPerS = Math.cos(Math.PI / sides);
  return Array.from({ length: sides }, (_, k) => {
    const theta = ((2 * k + 1) * Math.PI) / sides;
    // round away 1e-17 noise so a pure-P facet has an exact zero Q coefficient
    const clean = (v: number) => (Math.abs(v) < 1e-15 ? 0 : v);
    return { cp: clean(Math.cos(theta)), cq: clean(Math.sin(theta)), rhsPerS };
  });
}
