/**
 * The draws the scenario simulator needs, on the project's one seeded
 * generator (solver/whatif/random.ts: xoshiro128**, bit-identical on every
 * engine): uniforms, standard normals, and Poisson counts by Knuth's product
 * method (fine for the small per-period means of price jumps; D. E. Knuth,
 * TAOCP vol. 2, §3.4.1).
 */
import { createRng as createUniform, sample } from '../whatif/random.ts';

export interface Rng {
  /** uniform on [0, 1) */
  next(): number;
  /** standard normal */
  normal(): number;
  /** Poisson with the given mean */
  poisson(mean: number): number;
}

const STANDARD_NORMAL = { kind: 'normal', mean: 0, std: 1 } as const;

export function createRng(seed: number): Rng {
  const uniform = createUniform(seed);
  const next = () => uniform.next();
  const normal = () => sample(STANDARD_NORMAL, uniform);
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
