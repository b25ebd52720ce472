/**
 * The what-if engine on the real power-flow job (IEEE 33-bus sample): a sweep
 * is nothing but individual runs, and sharding changes nothing.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { JobRequest } from '../../../solver/contract.ts';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import { runJob } from '../../../solver/jobs/run.ts';
import { runStudy } from '../../../solver/whatif/execute.ts';
import { localExecutor } from '../../../solver/whatif/localExecutor.ts';
import { jobOutputs } from '../../../solver/whatif/outputs.ts';
import { requestHash } from '../../../solver/jobs/requestHash.ts';
import { comparablePart, mergeStudyResults } from '../../../solver/whatif/result.ts';
import { expandStudy, pointRequest, type Study } from '../../../solver/whatif/study.ts';

const ieee33 = JSON.parse(readFileSync(new URL('../../../assets/scenarios/ieee33.ggs.json', import.meta.url), 'utf8')) as ScenarioInput;
const base: JobRequest<'powerflow'> = { kind: 'powerflow', scenario: ieee33 };
const loadScaleSweep: Study = {
  base,
  design: { kind: 'sweep', param: { path: 'network.loadScale', values: { kind: 'linear', from: 0.5, to: 1.5, steps: 11 } } },
};

describe('a power-flow sweep of network.loadScale over 0.5:1.5:11 on IEEE 33-bus', () => {
  it('reproduces individual runJob results exactly, point by point', async () => {
    const result = await runStudy(loadScaleSweep, localExecutor);
    const points = expandStudy(loadScaleSweep);
    expect(result.points).toHaveLength(11);
    for (const [k, point] of result.points.entries()) {
      const single = await runJob(pointRequest(base, points[k]!));
      expect(point.status).toBe('ok');
      expect(point.scenarioHash).toBe(single.scenarioHash);
      for (const spec of jobOutputs.powerflow) expect(point.outputs[spec.id], spec.id).toEqual(spec.extract(single.data!));
    }
  });

  it('has at 1.0 the base case a single solve gives: 202.68 kW of losses, 0.91309 p.u. at bus 18', async () => {
    const result = await runStudy(loadScaleSweep, localExecutor);
    const single = await runJob(base);
    const atOne = result.points.find((p) => p.values['network.loadScale'] === 1)!;
    expect(atOne.index).toBe(5);
    expect(atOne.scenarioHash).toBe(single.scenarioHash); // the sample states loadScale 1 explicitly
    expect(atOne.outputs.peakLossesKw).toBe(single.data!.summary.peakLossesKw.kw);
    expect(atOne.outputs.peakLossesKw as number).toBeCloseTo(202.68, 1);
    expect(atOne.outputs.minVoltagePu as number).toBeCloseTo(0.91309, 4);
    expect(atOne.at.minVoltagePu).toBe('18');
    // losses grow with load, the lowest voltage falls
    const losses = result.points.map((p) => p.outputs.peakLossesKw as number);
    const vmin = result.points.map((p) => p.outputs.minVoltagePu as number);
    for (let k = 1; k < 11; k++) {
      expect(losses[k]!).toBeGreaterThan(losses[k - 1]!);
      expect(vmin[k]!).toBeLessThan(vmin[k - 1]!);
    }
  });

  it('gives the same result sharded in two and merged as unsharded', async () => {
    const whole = await runStudy(loadScaleSweep, localExecutor);
    const parts = await Promise.all([0, 1].map((index) => runStudy(loadScaleSweep, localExecutor, { shard: { index, count: 2 } })));
    expect(parts.map((p) => p.points.length)).toEqual([6, 5]);
    expect(comparablePart(mergeStudyResults(parts))).toEqual(comparablePart(whole));
  });
});

describe('localExecutor', () => {
  it('passes the study\'s cancellation to the running job', async () => {
    const controller = new AbortController();
    // cancel while the first point is being dispatched: runJob must see it and stop
    const result = await runStudy(loadScaleSweep, (request, ctx) => {
      controller.abort();
      return localExecutor(request, ctx);
    }, { signal: controller.signal });
    expect(result.points[0]).toMatchObject({ status: 'cancelled', message: 'the job was cancelled' });
    expect(result.points.slice(1).every((p) => p.message === 'not run: the study was cancelled')).toBe(true);
  });
});

describe('requestHash', () => {
  it('equals the scenarioHash the job runner computes, with and without explicit defaults', async () => {
    for (const request of [base, { ...base, seed: 1, backend: 'glpk', options: {} } as JobRequest, { ...base, options: { tolerancePu: 1e-6 }, seed: 4 }]) {
      expect(requestHash(request)).toBe((await runJob(request)).scenarioHash);
    }
  });
});
