/**
 * Seeded random draws for the scenario simulator (the solver never touches
 * Math.random, so a scenario set replays from its seed on any machine).
 * Uniforms come from pure-rand's xoroshiro128+ with 53-bit floats; normals by
 * Box–Muller, Poisson counts by Knuth's product method (fine for the small
 * per-period means of price jumps; D. E. Knuth, TAOCP vol. 2, §3.4.1).
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';

export interface Rng {
  /** uniform on [0, 1) */
  next(): number;
  /** standard normal */
  normal(): number;
  /** Poisson with the given mean */
  poisson(mean: number): number;
}

export function createRng(seed: number): Rng {
  const source = xoroshiro128plus(seed | 0);
  const next = () => uniformFloat64(source);
  let spare: number | null = null;
  const normal = (): number => {
    if (spare !== null) {
      const z = spare;
      spare = null;
      return z;
    }
    const r = Math.sqrt(-2 * Math.log(1 - next())); // 1 − u keeps the log finite
    const theta = 2 * Math.PI * next();
    spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  };
  const poisson = (mean: number): number => {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal())); // normal approximation; jump means are far below
    const limit = Math.exp(-mean);
    let k = 0;
    for (let p = next(); p > limit; p *= next()) k++;
    return k;
  };
  return { next, normal, poisson };
}
