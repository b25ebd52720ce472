/**
 * Chicken swarm optimisation (Meng, Liu, Gao & Zhang, 2014), a minimiser over
 * a box. The swarm is ranked every `regroupEvery` iterations into roosters
 * (the best), hens and chicks (the worst); each hen follows a rooster, each
 * chick a mother hen. Roosters search around themselves with a spread that
 * shrinks when a random other rooster is better; hens move towards their
 * rooster and towards a random other chicken, weighted by how much better
 * those are; chicks follow their mother. A move is kept if it improves.
 */
import { rngOf } from '../random.ts';
import { clip, type Box, type MinimizeResult, type RunOptions } from './problem.ts';

export interface ChickenOptions extends RunOptions {
  /** shares of roosters and hens (the rest are chicks) */
  roosters: number;
  hens: number;
  regroupEvery: number;
}

export const CHICKEN_DEFAULTS = { roosters: 0.2, hens: 0.6, regroupEvery: 10 };
const EPS = 1e-30;

export function chickenMinimize(f: (x: number[]) => number, box: Box, options: RunOptions & Partial<ChickenOptions>): MinimizeResult {
  const o = { ...CHICKEN_DEFAULTS, ...options };
  const rng = rngOf(o.seed);
  let evaluations = 0;
  const evaluate = (x: number[]): number => (evaluations++, f(x));
  const n = Math.max(4, o.population);
  const xs = Array.from({ length: n }, () => box.lower.map((lo, j) => lo + rng.next() * (box.upper[j]! - lo)));
  const fs = xs.map(evaluate);
  const nr = Math.max(1, Math.round(n * o.roosters)), nh = Math.max(1, Math.round(n * o.hens));
  let roosters: number[] = [], hens: number[] = [], chicks: number[] = [];
  const rooster = new Map<number, number>(), mother = new Map<number, number>();
  const history: number[] = [];
  const update = (i: number, x: number[]) => {
    const y = clip(x, box), fy = evaluate(y);
    if (fy < fs[i]!) (xs[i] = y), (fs[i] = fy);
  };
  for (let it = 0; it < o.iterations; it++) {
    if (it % o.regroupEvery === 0) {
      const order = xs.map((_, i) => i).sort((a, b) => fs[a]! - fs[b]!);
      roosters = order.slice(0, nr);
      hens = order.slice(nr, nr + nh);
      chicks = order.slice(nr + nh);
      for (const h of hens) rooster.set(h, roosters[rng.int(roosters.length)]!);
      for (const c of chicks) mother.set(c, hens[rng.int(hens.length)]!);
    }
    for (const i of roosters) {
      const k = roosters[rng.int(roosters.length)]!;
      const sigma2 = k === i || fs[i]! <= fs[k]! ? 1 : Math.exp((fs[k]! - fs[i]!) / (Math.abs(fs[i]!) + EPS));
      const s = Math.sqrt(sigma2);
      // the paper's multiplicative spread, plus an additive one scaled to the box so a rooster at 0 can still move
      update(i, xs[i]!.map((v, j) => v * (1 + s * rng.normal()) + 1e-3 * s * (box.upper[j]! - box.lower[j]!) * rng.normal()));
    }
    for (const i of hens) {
      const r1 = rooster.get(i)!;
      let r2 = rng.int(n);
      while (r2 === i || r2 === r1) r2 = rng.int(n);
      // the paper's weights; exponents capped at 1 (S2 = exp(f_r2 − f_i) overflows when r2 is much worse)
      const s1 = Math.exp(Math.min(1, (fs[i]! - fs[r1]!) / (Math.abs(fs[i]!) + EPS)));
      const s2 = Math.exp(Math.min(1, fs[r2]! - fs[i]!));
      const a = rng.next(), b = rng.next();
      update(i, xs[i]!.map((v, j) => v + s1 * a * (xs[r1]![j]! - v) + s2 * b * (xs[r2]![j]! - v)));
    }
    for (const i of chicks) {
      const m = mother.get(i)!, fl = 0.4 + 0.6 * rng.next();
      update(i, xs[i]!.map((v, j) => v + fl * (xs[m]![j]! - v)));
    }
    const b = Math.min(...fs);
    history.push(b);
    o.onIteration?.(it, b);
  }
  const bi = fs.indexOf(Math.min(...fs));
  return { best: xs[bi]!, value: fs[bi]!, history, evaluations };
}
