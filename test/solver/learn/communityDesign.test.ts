import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { busDistances, electricalDistances, profileCorrelations } from '../../../solver/learn/communityDesign/distance.ts';
import { detect, canonical } from '../../../solver/learn/communityDesign/detect.ts';
import { evaluateDesign, INSIDE_MECHANISMS, BETWEEN_MECHANISMS, type Tariff } from '../../../solver/learn/communityDesign/mechanism.ts';
import { bestIndex, designChoices, exhaustive } from '../../../solver/learn/communityDesign/choices.ts';
import { designCommunities, type DesignConfig } from '../../../solver/learn/communityDesign/design.ts';
import { communityDesignJob, partitionProblem } from '../../../solver/learn/communityDesign/job.ts';
import { CommunityDesignOptions } from '../../../solver/jobs/kinds/communityDesign.ts';
import type { Population } from '../../../solver/learn/communityDesign/population.ts';
import { dayProfiles } from '../../../solver/learn/profiles.ts';
import { runJob } from '../../../solver/jobs/run.ts';
import type { CommunityDesignData } from '../../../solver/jobs/kinds/communityDesign.ts';

/** Two pairs far apart: h1 (buyer) and h2 (seller) near the substation, h3 (buyer) and h4 (seller) 1 Ω down another branch. */
function twoPairs(): Population {
  const hh = (id: string, bus: number, net: number[]) => ({ id, bus, pvScale: net[0]! < 0 ? 1 : 0, net, load: net.map((q) => Math.max(0, q)), pv: net.map((q) => Math.max(0, -q)) });
  return {
    feeder: { parent: [-1, 0, 1, 0, 3], impedance: [0, 0.01, 0.01, 1, 0.01] },
    households: [hh('h1', 1, [1, 0.5]), hh('h2', 2, [-1, -0.5]), hh('h3', 3, [1, 0.5]), hh('h4', 4, [-1, -0.5])],
  };
}
const tariff: Tariff = { retail: 0.3, feedIn: 0.08, wheeling: 0.1, platformFee: 0.001 };

/** Every set partition of n items (restricted growth strings). */
function setPartitions(n: number): number[][] {
  const out: number[][] = [];
  const grow = (p: number[], max: number) => {
    if (p.length === n) return void out.push([...p]);
    for (let c = 0; c <= max + 1; c++) grow([...p, c], Math.max(max, c));
  };
  grow([0], 0);
  return out;
}

describe('community design: distances and detection', () => {
  it('electrical distance on a radial feeder is the impedance of the path between the buses', () => {
    const d = busDistances({ parent: [-1, 0, 1, 1], impedance: [0, 1, 2, 3] });
    expect(d[2]![3]).toBeCloseTo(5, 12);
    expect(d[0]![2]).toBeCloseTo(3, 12);
    expect(d[3]![0]).toBeCloseTo(4, 12);
    expect(d[1]![1]).toBe(0);
    expect(electricalDistances(twoPairs())[0]![3]).toBeCloseTo(1.02, 12);
  });

  it('profile correlation: mirrored net loads correlate −1, equal ones +1', () => {
    const r = profileCorrelations(twoPairs());
    expect(r[0]![1]).toBeCloseTo(-1, 12);
    expect(r[0]![2]).toBeCloseTo(1, 12);
  });

  it('Louvain and k-means on electrical distance both find the two pairs; partitions are canonical and valid', () => {
    const p = twoPairs();
    for (const method of ['louvain', 'kmeans'] as const) {
      const part = detect(p, method, 'electrical', 2, 3);
      expect(part, method).toEqual([0, 0, 1, 1]);
      expect(partitionProblem(part, 4)).toBeNull();
    }
    expect(canonical([5, 5, 2, 7])).toEqual([0, 0, 1, 2]);
    expect(partitionProblem([0, 2, 2, 0], 4)).toMatch(/skip/);
    expect(partitionProblem([0, 1], 4)).toMatch(/2 entries/);
  });
});

describe('community design: the two-level market', () => {
  it('prices one trade by hand: uniform price k = ½, wheeling paid by the buyer, platform fee pro rata', () => {
    const p = twoPairs();
    p.households = p.households.slice(0, 2).map((h) => ({ ...h, net: h.net.slice(0, 1), load: h.load.slice(0, 1), pv: h.pv.slice(0, 1) }));
    const o = evaluateDesign(p, [0, 0], 'uniform-price', 'none', electricalDistances(p), tariff);
    // 1 kWh at (0.3 + 0.08)/2 = 0.19; wheeling 0.1 × 0.01 Ω; buyer saves 0.3 − 0.19 − 0.001, seller 0.19 − 0.08
    expect(o.insideKwh).toBeCloseTo(1, 12);
    expect(o.wheeling).toBeCloseTo(0.001, 12);
    expect(o.saving).toBeCloseTo(0.22 - 0.001, 12);
    expect(o.welfare).toBeCloseTo(0.22 - 0.001 - 0.001 / 96, 12);
    expect(o.selfSufficiency).toBeCloseTo(1, 12);
  });

  it('the second level trades the communities\' residuals; without it they go to the retailer', () => {
    const p = twoPairs();
    // communities {h1, h3} (two buyers) and {h2, h4} (two sellers): nothing matches inside
    const withMarket = evaluateDesign(p, [0, 1, 0, 1], 'uniform-price', 'uniform-price', electricalDistances(p), tariff);
    const without = evaluateDesign(p, [0, 1, 0, 1], 'uniform-price', 'none', electricalDistances(p), tariff);
    expect(withMarket.insideKwh).toBe(0);
    expect(withMarket.betweenKwh).toBeCloseTo(3, 12);
    expect(without.betweenKwh).toBe(0);
    expect(without.saving).toBeCloseTo(0, 12);
    expect(without.selfSufficiency).toBeCloseTo(0, 12);
    // budget balance: saving = spread × traded − wheeling
    expect(withMarket.saving).toBeCloseTo(0.22 * 3 - withMarket.wheeling, 12);
  });

  it('on a tiny case the exhaustive search finds the brute-force optimum over every partition and mechanism', () => {
    const p = twoPairs(), d = electricalDistances(p);
    let brute = -Infinity;
    for (const part of setPartitions(4)) for (const inside of INSIDE_MECHANISMS) for (const between of BETWEEN_MECHANISMS) brute = Math.max(brute, evaluateDesign(p, part, inside, between, d, tariff).welfare);
    const scored = exhaustive(p, designChoices(3), tariff, 1);
    const best = scored[bestIndex(scored.map((s) => s.outcome.welfare))]!;
    expect(best.outcome.welfare).toBeCloseTo(brute, 12);
    // the optimum trades only inside the pairs: 1.5 kWh per pair over 0.01 Ω
    expect(best.outcome.wheeling).toBeCloseTo(0.1 * 0.01 * 3, 12);
    // a choice that splits the pairs ({h1, h3}, {h2, h4}) trades across 1 Ω and is worse
    const crossed = evaluateDesign(p, [0, 1, 0, 1], 'uniform-price', 'uniform-price', d, tariff);
    expect(crossed.welfare).toBeLessThan(best.outcome.welfare - 0.1);
  });
});

const sample = () => JSON.parse(readFileSync('assets/scenarios/community-learning.ggs.json', 'utf8'));
function sampleDays() {
  const f = sample().forecast;
  const s = (role: string) => f.series.find((x: { role: string }) => x.role === role).values;
  return dayProfiles({ start: f.start, stepMinutes: f.stepMinutes, load: s('load'), pv: s('pv') });
}
const tinyConfig: DesignConfig = {
  maxCommunities: 3, steps: 24, populations: 12, trainShare: 0.75, retail: 0.3, feedIn: 0.08,
  ranges: { households: [4, 8], pvShare: [0.2, 0.8], buses: [3, 6], wheeling: [0.02, 0.4], platformFee: [0.01, 0.5] },
  chooser: { hidden: [16], learningRate: 1e-2, epochs: 120, batch: 8 },
};
function run<T>(g: Generator<unknown, T>): T {
  let r = g.next();
  while (!r.done) r = g.next();
  return r.value;
}

describe('community design: the learned chooser against the oracle (tiny)', () => {
  it('reports regret ≥ 0, learns the training set better than the best fixed choice, and replays from its seed', () => {
    const days = sampleDays();
    const own = { spec: { households: 6, pvShare: 0.5, buses: 5, steps: 24 }, tariff: { retail: 0.3, feedIn: 0.08, wheeling: 0.1, platformFee: 0.1 }, seed: 1 };
    const a = run(designCommunities(days, own, tinyConfig, 5));
    expect(a.train.populations).toBe(9);
    expect(a.heldOut!.populations).toBe(3);
    expect(a.train.meanRegret).toBeGreaterThanOrEqual(0);
    expect(a.heldOut!.meanRegret).toBeGreaterThanOrEqual(0);
    // bounded on the training set: no worse than always taking its best single choice
    expect(a.train.meanRegret).toBeLessThanOrEqual(a.train.fixedMeanRegret + 1e-12);
    expect(a.losses.at(-1)!).toBeLessThan(a.losses[0]!);
    expect(a.own.regret).toBeCloseTo(a.own.values[a.own.best]!.welfare - a.own.values[a.own.picked]!.welfare, 12);
    const b = run(designCommunities(days, own, tinyConfig, 5));
    expect(b.model.net.weights).toEqual(a.model.net.weights);
    expect(b.own.picked).toBe(a.own.picked);
  });

  it('the community-design job: certificate with oracle, pick, regret and valid partitions', async () => {
    const s = sample();
    s.learning = { ...s.learning, households: 6 };
    const options = { maxCommunities: 2, steps: 24, buses: 5, populations: 6, epochs: 20, hidden: [8] };
    const r = await runJob({ kind: 'community-design', scenario: s, options, seed: 2 });
    expect(r.status, r.error?.message).toBe('ok');
    const d = r.data as CommunityDesignData, c = r.certificate!;
    expect(d.choices).toHaveLength(2 + 16);
    expect(c.partitionsValid).toBe(true);
    expect(c.accountingResidual).toBeLessThan(1e-9);
    expect(c.oracleWelfare).toBe(Math.max(...d.choices.map((x) => x.welfare)));
    expect(c.regret).toBeCloseTo(c.oracleWelfare - d.choices[d.picked]!.welfare, 12);
    expect(c.regret).toBeGreaterThanOrEqual(0);
    expect(d.bestPartition).toHaveLength(6);
    // the verdict fails on an invalid partition or a broken accounting identity
    const o = CommunityDesignOptions.parse({});
    expect(communityDesignJob.verdict(c, o, d).certified).toBe(true);
    expect(communityDesignJob.verdict({ ...c, partitionsValid: false, invalidPartitions: ['x: 3 entries for 6 households'] }, o, d)).toMatchObject({ certified: false, reason: expect.stringContaining('invalid partitions') });
    expect(communityDesignJob.verdict({ ...c, accountingResidual: 1e-3 }, o, d).certified).toBe(false);
    const bad = await runJob({ kind: 'community-design', scenario: { ...s, learning: { ...s.learning, households: 1 } }, options, seed: 2 });
    expect(bad.status).toBe('invalid');
    expect(bad.error?.path).toBe('learning.households');
  });
});
