/**
 * Multi-objective grasshopper optimisation (MOGOA: Mirjalili, Mirjalili,
 * Saremi, Faris & Aljarah, 2018), for two objectives to minimise.
 *
 * Each grasshopper moves by the sum of social forces from all others —
 * s(r) = F·e^(−r/L) − e^(−r) (attraction at distance, repulsion close by)
 * along the direction between them, scaled by c(ub − lb)/2 — plus a pull
 * towards a target picked from the archive of non-dominated solutions
 * (roulette favouring less crowded members, so the front spreads). c falls
 * linearly from cMax to cMin, shrinking the comfort zone. The archive keeps
 * at most `archiveSize` members, dropping from the most crowded region.
 */
import { rngOf, type Rng } from '../random.ts';
import { clip, type Box } from './problem.ts';

export interface ParetoPoint {
  x: number[];
  f: [number, number];
}

export interface MogoaOptions {
  population: number;
  iterations: number;
  seed: number;
  archiveSize: number;
  cMax: number;
  cMin: number;
  onIteration?: (iteration: number, archive: ParetoPoint[]) => void;
}

export const MOGOA_DEFAULTS = { archiveSize: 30, cMax: 1, cMin: 0.00004 };
const F = 0.5, L = 1.5;
const social = (r: number) => F * Math.exp(-r / L) - Math.exp(-r);

export const dominates = (a: readonly number[], b: readonly number[]): boolean => a.every((v, k) => v <= b[k]!) && a.some((v, k) => v < b[k]!);

/** The archive after offering it `p`: p joins if nothing dominates (or equals) it, and drops what it dominates. */
export function offer(archive: ParetoPoint[], p: ParetoPoint): ParetoPoint[] {
  if (archive.some((a) => dominates(a.f, p.f) || (a.f[0] === p.f[0] && a.f[1] === p.f[1]))) return archive;
  return [...archive.filter((a) => !dominates(p.f, a.f)), p];
}

/** Neighbours of each member within a radius in normalised objective space (the crowding MOGOA uses). */
function crowding(archive: ParetoPoint[]): number[] {
  const lo = [0, 1].map((k) => Math.min(...archive.map((a) => a.f[k]!))), hi = [0, 1].map((k) => Math.max(...archive.map((a) => a.f[k]!)));
  const radius = 1 / Math.max(1, archive.length);
  const norm = (p: ParetoPoint) => p.f.map((v, k) => (hi[k]! > lo[k]! ? (v - lo[k]!) / (hi[k]! - lo[k]!) : 0));
  const ns = archive.map(norm);
  return ns.map((a, i) => ns.filter((b, k) => k !== i && Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!) < radius * 2).length);
}

function roulette(weights: number[], rng: Rng): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let u = rng.next() * total;
  for (const [i, w] of weights.entries()) if ((u -= w) <= 0) return i;
  return weights.length - 1;
}

export function mogoa(f: (x: number[]) => [number, number], box: Box, options: Partial<MogoaOptions> & Pick<MogoaOptions, 'population' | 'iterations' | 'seed'>): { archive: ParetoPoint[]; evaluations: number } {
  const o = { ...MOGOA_DEFAULTS, ...options };
  const rng = rngOf(o.seed);
  const d = box.lower.length;
  let evaluations = 0;
  const evaluate = (x: number[]): [number, number] => (evaluations++, f(x));
  let xs = Array.from({ length: o.population }, () => box.lower.map((lo, j) => lo + rng.next() * (box.upper[j]! - lo)));
  let archive: ParetoPoint[] = [];
  for (const x of xs) archive = offer(archive, { x, f: evaluate(x) });
  const span = box.lower.map((lo, j) => box.upper[j]! - lo);
  for (let it = 0; it < o.iterations; it++) {
    const c = o.cMax - (it * (o.cMax - o.cMin)) / Math.max(1, o.iterations);
    // the target: a less crowded archive member
    const crowd = crowding(archive);
    const target = archive[roulette(crowd.map((k) => 1 / (1 + k)), rng)]!.x;
    xs = xs.map((xi, i) => {
      const force = new Array<number>(d).fill(0);
      for (const [k, xk] of xs.entries()) {
        if (k === i) continue;
        const dist = Math.hypot(...xk.map((v, j) => v - xi[j]!));
        // distances mapped into [1, 4): where s(r) still varies (the paper's 2 + mod(r, 2))
        const r = 2 + (dist % 2);
        for (let j = 0; j < d; j++) force[j]! += ((c * span[j]!) / 2) * social(r) * (dist > 0 ? (xk[j]! - xi[j]!) / dist : 0);
      }
      return clip(force.map((v, j) => c * v + target[j]!), box);
    });
    for (const x of xs) archive = offer(archive, { x, f: evaluate(x) });
    while (archive.length > o.archiveSize) {
      const cr = crowding(archive);
      archive.splice(roulette(cr.map((k) => k + 1e-9), rng), 1);
    }
    o.onIteration?.(it, archive);
  }
  return { archive: [...archive].sort((a, b) => a.f[0] - b.f[0] || a.f[1] - b.f[1]), evaluations };
}
