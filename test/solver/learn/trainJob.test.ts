import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runJob } from '../../../solver/jobs/run.ts';
import type { JobProgress } from '../../../solver/contract.ts';
import type { TrainData } from '../../../solver/jobs/kinds/train.ts';

const sample = () => JSON.parse(readFileSync('assets/scenarios/community-learning.ggs.json', 'utf8'));
/** Three households, whole days, tiny networks and few updates: CI stays cheap. */
const tinyScenario = () => { const s = sample(); s.learning = { ...s.learning, households: 3 }; return s; };
const tiny = { episodes: 3, seeds: 2, evalEpisodes: 1, hidden: [8], batch: 16, warmup: 16, updateEvery: 16, knownOptimumEpisodes: 0 };

describe('the train job on the community-learning sample (tiny configuration)', () => {
  it('trains with progress per episode, baselines on the same days, a checked certificate and saved policies that load back', async () => {
    const progress: JobProgress[] = [];
    const r = await runJob({ kind: 'train', scenario: tinyScenario(), options: tiny, seed: 4 }, { onProgress: (p) => progress.push(p) });
    expect(r.status, r.error?.message).toBe('ok');
    const d = r.data as TrainData;
    // a progress event per episode, with the curve's numbers
    const episodes = progress.filter((p) => p.metrics?.episode !== undefined);
    expect(episodes.map((p) => p.metrics!.episode)).toEqual([1, 2, 3]);
    expect(episodes[2]!.metrics!.truthfulSaving).toBeCloseTo(d.curves[2]!.truthfulSaving, 12);
    expect(d.curves).toHaveLength(3);
    expect(d.seeds).toEqual([4, 5]);
    d.curves.forEach((c) => {
      expect(c.saving).toHaveLength(2);
      expect(c.savingBand.lo).toBeLessThanOrEqual(c.savingBand.mean);
      expect(c.savingBand.hi).toBeGreaterThanOrEqual(c.savingBand.mean);
    });
    // certificate: one evaluation day per seed and one truthful, every quarter-hour balanced and billed
    expect(r.certificate!.steps).toBe(96 * 3);
    expect(r.certificate!.balanceResidual).toBeLessThan(1e-9);
    expect(r.certificate!.billDeviation).toBeLessThan(1e-9);
    // the baselines: retail-only saves nothing and pays the most; truthful trades every tradable kWh (uniform price)
    const e = d.evaluation;
    expect(e.retailOnly.saving).toBe(0);
    expect(e.truthful.efficiency).toBeCloseTo(1, 12);
    expect(e.truthful.bills).toBeLessThanOrEqual(e.retailOnly.bills);
    expect(e.truthful.selfSufficiency).toBeGreaterThanOrEqual(e.retailOnly.selfSufficiency);
    // under a uniform price the community's total saving is the spread times what trades: learned bids cannot beat truthful
    e.learned.forEach((o) => expect(o.saving).toBeLessThanOrEqual(e.truthful.saving + 1e-9));
    expect(d.policyMap.buy).toHaveLength(d.policyMap.quantities.length);
    d.policyMap.buy.flat().forEach((p) => expect(p).toBeGreaterThanOrEqual(0.08 - 1e-12));

    // the saved policies, through JSON, evaluated without training give the same evaluation
    const policy = JSON.parse(JSON.stringify(d.policies));
    const again = await runJob({ kind: 'train', scenario: tinyScenario(), options: { ...tiny, episodes: 0, policy }, seed: 4 });
    expect(again.status).toBe('ok');
    const a = again.data as TrainData;
    a.evaluation.learned.forEach((o, i) => expect(o.bills).toBeCloseTo(e.learned[i]!.bills, 9));
    expect(a.curves).toHaveLength(0);
  });

  it('pauses between episodes and goes on where it stopped', async () => {
    let paused = false, seenWhilePaused = -1;
    const episodes: number[] = [];
    const r = await runJob({ kind: 'train', scenario: tinyScenario(), options: { ...tiny, seeds: 1, episodes: 2 } }, {
      isPaused: () => paused,
      onProgress: (p) => {
        if (p.metrics?.episode === undefined) return;
        episodes.push(p.metrics.episode);
        if (p.metrics.episode === 1) {
          paused = true;
          setTimeout(() => { seenWhilePaused = episodes.length; paused = false; }, 100);
        }
      },
    });
    expect(seenWhilePaused).toBe(1);
    expect(episodes).toEqual([1, 2]);
    expect(r.status).toBe('ok');
  });

  it('names the field when the section or a saved policy does not fit', async () => {
    const s = tinyScenario();
    delete s.learning;
    const r = await runJob({ kind: 'train', scenario: s, options: tiny });
    expect(r.status).toBe('invalid');
    expect(r.error?.path).toBe('learning');
    const bad = tinyScenario();
    bad.learning.feedIn = 0.4;
    const v = await runJob({ kind: 'train', scenario: bad, options: tiny });
    expect(v.error?.path).toBe('learning.feedIn');
    const wrong = { spec: { inputs: 5, hidden: [4], outputs: 1, output: 'tanh' as const }, weights: [Array<number>(20).fill(0), Array<number>(4).fill(0), Array<number>(4).fill(0), [0]] };
    const w = await runJob({ kind: 'train', scenario: tinyScenario(), options: { ...tiny, episodes: 0, policy: [wrong] } });
    expect(w.error?.path).toBe('options.policy.0.spec');
  });

  it('takes the hyper-parameters from the scenario\'s learning.training; the request\'s options override them field by field', async () => {
    const rest = { ...tiny, episodes: undefined, seeds: undefined }; // unset options leave the scenario's values
    const s = tinyScenario();
    s.learning.training = { episodes: 2, seeds: 1 };
    const fromScenario = await runJob({ kind: 'train', scenario: s, options: rest, seed: 4 });
    expect(fromScenario.status, fromScenario.error?.message).toBe('ok');
    const d = fromScenario.data as TrainData;
    expect(d.episodes).toBe(2);
    expect(d.curves).toHaveLength(2);
    expect(d.seeds).toEqual([4]);
    const overridden = await runJob({ kind: 'train', scenario: s, options: { ...rest, episodes: 1 }, seed: 4 });
    expect((overridden.data as TrainData).curves).toHaveLength(1);
    expect((overridden.data as TrainData).seeds).toEqual([4]);
    s.learning.training = { episodes: -1, hidden: [] };
    const bad = await runJob({ kind: 'train', scenario: s, options: rest });
    expect(bad.status).toBe('invalid');
    expect(bad.error?.path).toMatch(/^learning\.training\.(episodes|hidden)$/);
  });
});
