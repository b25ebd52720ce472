/**
 * The BPR link performance function t(x) = t0·(1 + α·(x/c)^β) (Bureau of
 * Public Roads 1964) plus the link's fixed generalised cost, its derivative,
 * and its integral — the link's term of the Beckmann objective whose minimum
 * is the user equilibrium (Beckmann, McGuire & Winsten 1956).
 */
import type { RoadGraph } from './roadGraph.ts';

export function linkCost(g: RoadGraph, a: number, x: number): number {
  const r = x / g.capacity[a]!;
  return g.freeFlow[a]! * (1 + g.alpha[a]! * (r > 0 ? r ** g.beta[a]! : g.beta[a] === 0 ? 1 : 0)) + g.fixed[a]!;
}

/** travel time alone (the generalised cost without tolls and length), minutes */
export function linkTime(g: RoadGraph, a: number, x: number): number {
  return linkCost(g, a, x) - g.fixed[a]!;
}

export function linkCostDerivative(g: RoadGraph, a: number, x: number): number {
  const b = g.beta[a]!, c = g.capacity[a]!;
  if (b === 0) return 0;
  const r = x / c;
  if (r <= 0) return b === 1 ? (g.freeFlow[a]! * g.alpha[a]!) / c : 0;
  return (g.freeFlow[a]! * g.alpha[a]! * b * r ** (b - 1)) / c;
}

/** ∫₀ˣ cost(a, s) ds */
export function linkCostIntegral(g: RoadGraph, a: number, x: number): number {
  const b = g.beta[a]!, c = g.capacity[a]!;
  const r = x > 0 ? x / c : 0;
  return g.freeFlow[a]! * x + (g.freeFlow[a]! * g.alpha[a]! * c * r ** (b + 1)) / (b + 1) + g.fixed[a]! * x;
}

export function costs(g: RoadGraph, x: Float64Array, out: Float64Array): Float64Array {
  for (let a = 0; a < out.length; a++) out[a] = linkCost(g, a, x[a]!);
  return out;
}

export function beckmann(g: RoadGraph, x: Float64Array): number {
  let z = 0;
  for (let a = 0; a < x.length; a++) z += linkCostIntegral(g, a, x[a]!);
  return z;
}
