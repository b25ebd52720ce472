import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runJob } from '../../../solver/jobs/run.ts';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';

const classroom = (epsilon = 1) => {
  const s = JSON.parse(readFileSync(new URL('../../../assets/scenarios/classroom-microgrids.ggs.json', import.meta.url), 'utf8')) as ScenarioInput & { microgridCoordination: { privacy: { epsilon: number } } };
  s.microgridCoordination.privacy.epsilon = epsilon;
  return s;
};

describe('dual-ascent', () => {
  it('without noise reaches the centralised optimum of the pool: its cost, its balance and (where unique) its prices', async () => {
    const r = await runJob({ kind: 'dual-ascent', scenario: classroom(), options: { privacy: false, maxIterations: 200 } });
    expect(r.status, r.message).toBe('ok');
    const d = r.data!;
    expect(d.relativeGap).toBeLessThan(1e-3);
    expect(d.maxImbalanceKw).toBeLessThan(0.1);
    // periods 1–3: the pool price is pinned by a marginal microgrid; period 0 has a range of optimal prices
    for (const t of [1, 2, 3]) expect(d.pricePerKwh[t]).toBeCloseTo(d.optimumPricePerKwh[t]!, 3);
    // the acceleration shows: the imbalance falls by orders of magnitude
    expect(d.iterations.at(-1)!.imbalanceKw).toBeLessThan(d.iterations[0]!.imbalanceKw / 100);
  });

  it('with Laplace noise of scale Δ/ε: replays from its seed, and a smaller ε leaves the pool further from balance', async () => {
    const run = (epsilon: number, seed: number) => runJob({ kind: 'dual-ascent', scenario: classroom(epsilon), seed, options: { maxIterations: 40 } });
    const [a, b] = [await run(0.2, 3), await run(0.2, 3)];
    expect(a.data!.pricePerKwh).toEqual(b.data!.pricePerKwh);
    expect(a.data!.noiseScaleKw).toBe(5);
    const loose = await run(5, 3);
    expect(a.data!.maxImbalanceKw).toBeGreaterThan(loose.data!.maxImbalanceKw);
    expect(a.data!.relativeGap).toBeGreaterThan(loose.data!.relativeGap);
  }, 120_000); // three runs of a few seconds each on a loaded 2-core machine
});
