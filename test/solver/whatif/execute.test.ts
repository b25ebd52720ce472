import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runStudy, type PointOutcome, type StudyProgress, type Executor } from '../../../solver/whatif/execute.ts';
import { mergeStudyResults, comparablePart } from '../../../solver/whatif/result.ts';
import { requestHash } from '../../../solver/jobs/requestHash.ts';
import { pointKey, pointRequest, expandStudy, type Study } from '../../../solver/whatif/study.ts';
import { setAtPath } from '../../../solver/scenario/paths.ts';
import { baseRequest, countingExecutor, fakePowerflow } from './fixtures.ts';

const loadSweep = (values: number[]): Study => ({
  base: baseRequest,
  design: { kind: 'sweep', param: { path: 'network.loadScale', values: { kind: 'list', values } } },
});
const linearSweep: Study = {
  base: baseRequest,
  design: { kind: 'sweep', param: { path: 'network.loadScale', values: { kind: 'linear', from: 0.5, to: 1.5, steps: 11 } } },
};

describe('runStudy', () => {
  it('records each point’s values, status, outputs and request hash', async () => {
    const result = await runStudy(loadSweep([0.5, 2]), countingExecutor());
    expect(result.job).toBe('powerflow');
    expect(result.pointCount).toBe(2);
    expect(result.shard).toBeUndefined();
    const p = result.points[1]!;
    expect(p).toMatchObject({ index: 1, values: { 'network.loadScale': 2 }, status: 'ok', message: 'solved' });
    expect(p.outputs.energyLossesKwh).toBe(120);
    expect(p.outputs.peakLossesKw).toBe(80);
    expect(p.outputs.lossesKw).toEqual([40, 80]);
    expect(p.outputs.busVoltagePu).toEqual({ '1': 1, '2': 1 - 0.01 * 2 * 2, '3': 1 - 0.02 * 2 * 2 });
    expect(p.at).toMatchObject({ minVoltagePu: '3', maxLoadingPct: 'L1' });
    expect(p.scenarioHash).toBe(requestHash(pointRequest(baseRequest, expandStudy(loadSweep([0.5, 2]))[1]!)));
  });

  it('records only the chosen outputs, in the order chosen', async () => {
    const result = await runStudy({ ...loadSweep([1]), outputs: ['minVoltagePu', 'peakLossesKw'] }, countingExecutor());
    // the certificate summary is recorded at every point, whatever was chosen
    expect(result.outputs.map((o) => o.id)).toEqual(['minVoltagePu', 'peakLossesKw', 'certificate.certified', 'certificate.value']);
    expect(Object.keys(result.points[0]!.outputs)).toEqual(['minVoltagePu', 'peakLossesKw', 'certificate.certified', 'certificate.value']);
    expect(result.points[0]!.outputs['certificate.certified']).toBe(1);
  });

  it('reports a point whose value makes the scenario invalid in its cell and completes the rest', async () => {
    const result = await runStudy(loadSweep([1, -0.5, 2]), countingExecutor());
    expect(result.points.map((p) => p.status)).toEqual(['ok', 'invalid', 'ok']);
    expect(result.points[1]!.message).toMatch(/network\.loadScale: must be at least 0/);
    expect(result.points[1]!.outputs).toEqual({});
    expect(result.points[2]!.outputs.energyLossesKwh).toBe(120);
  });

  it('reports an executor that throws (a crashed worker) as a failed point', async () => {
    let n = 0;
    const flaky: Executor = async (req) => {
      if (n++ === 1) throw new Error('worker exited with code 1');
      return fakePowerflow(req);
    };
    const result = await runStudy(loadSweep([1, 2, 3]), flaky);
    expect(result.points.map((p) => p.status)).toEqual(['ok', 'failed', 'ok']);
    expect(result.points[1]!.message).toBe('the job could not run: worker exited with code 1');
  });

  it('keeps at most `concurrency` points in flight and uses that many', async () => {
    const exec = countingExecutor();
    await runStudy(linearSweep, exec, { concurrency: 3 });
    expect(exec.calls).toBe(11);
    expect(exec.maxInFlight).toBe(3);
  });

  it('reports progress over points with an ETA', async () => {
    const events: StudyProgress[] = [];
    let clock = 0;
    await runStudy(loadSweep([1, 2, 3, 4]), countingExecutor(), { onProgress: (p) => events.push(p), now: () => (clock += 10) });
    expect(events.map((e) => e.done)).toEqual([0, 1, 2, 3, 4]);
    expect(events[0]!.etaMs).toBeNull();
    expect(events.at(-1)).toMatchObject({ fraction: 1, etaMs: 0, total: 4 });
    // after the first point: elapsed per point × points left
    expect(events[1]!.etaMs).toBeCloseTo((events[1]!.elapsedMs / 1) * 3, 9);
  });

  it('stops dispatching new points once cancelled and marks the rest cancelled', async () => {
    const controller = new AbortController();
    const exec = countingExecutor();
    const finished: number[] = [];
    const result = await runStudy(linearSweep, exec, {
      signal: controller.signal,
      onPoint: (point) => finished.push(point.index),
      onProgress: (p) => {
        if (p.done === 3) controller.abort();
      },
    });
    expect(exec.calls).toBe(3);
    expect(result.points).toHaveLength(11);
    expect(result.points.slice(0, 3).every((p) => p.status === 'ok')).toBe(true);
    expect(result.points.slice(3).every((p) => p.status === 'cancelled' && p.message === 'not run: the study was cancelled')).toBe(true);
    // a partial result: what finished was reported point by point, the rest is listed missing
    expect(finished).toEqual([0, 1, 2]);
    expect(result.missing).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('a whole study has no missing points, and serving its finished points from a cache gives the same result', async () => {
    const saved = new Map<string, PointOutcome>();
    const first = await runStudy(linearSweep, countingExecutor(), { onPoint: (_p, key, outcome) => void saved.set(key, outcome) });
    expect(first.missing).toBeUndefined();
    expect(saved.size).toBe(11);
    const exec = countingExecutor();
    const again = await runStudy(linearSweep, exec, { cache: saved });
    expect(exec.calls).toBe(0);
    expect(comparablePart(again)).toEqual(comparablePart(first));
  });

  it('hands the executor a signal that aborts on cancel, so a running job can be stopped', async () => {
    const controller = new AbortController();
    const seen: AbortSignal[] = [];
    const exec: Executor = (req, { signal }) => {
      seen.push(signal);
      return new Promise((resolve) => signal.addEventListener('abort', () => resolve({ ...fakePowerflow(req), status: 'cancelled', message: 'the job was cancelled', data: null })));
    };
    const running = runStudy(loadSweep([1, 2]), exec, { signal: controller.signal, concurrency: 2 });
    await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const result = await running;
    expect(seen).toHaveLength(2);
    expect(result.points.map((p) => p.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('serves unchanged points from the cache without running them again', async () => {
    const cache = new Map<string, PointOutcome>();
    const first = countingExecutor();
    const a = await runStudy(loadSweep([1, 2, -1]), first, { cache });
    expect(first.calls).toBe(3);
    // the invalid point is deterministic, so it is cached too
    expect(cache.size).toBe(3);

    const second = countingExecutor();
    const progress: StudyProgress[] = [];
    const b = await runStudy(loadSweep([1, 2, -1, 3]), second, { cache, onProgress: (p) => progress.push(p) });
    expect(second.calls).toBe(1);
    expect(progress.at(-1)!.cached).toBe(3);
    expect(b.points.slice(0, 3).map((p) => ({ ...p, index: 0 }))).toEqual(a.points.map((p) => ({ ...p, index: 0 })));
  });

  it('keys points by base hash + assignments: an equal point of another study hits, a changed base misses', async () => {
    const cache = new Map<string, PointOutcome>();
    await runStudy(loadSweep([1, 2]), countingExecutor(), { cache });
    expect([...cache.keys()]).toEqual([1, 2].map((v) => pointKey(requestHash(baseRequest), [{ path: 'network.loadScale', value: v }])));
    // the same point in a larger study of the same base: served
    const again = countingExecutor();
    await runStudy(loadSweep([2, 1, 3]), again, { cache });
    expect(again.calls).toBe(1);
    // any change to the base (scenario, options, seed, backend) changes every key
    for (const base of [{ ...baseRequest, seed: 2 }, { ...baseRequest, options: { tolerancePu: 1e-6 } }, { ...baseRequest, scenario: setAtPath(baseRequest.scenario, 'network.buses[id=2].pdKw', 101) }]) {
      const changed = countingExecutor();
      const result = await runStudy({ ...loadSweep([1, 2]), base }, changed, { cache });
      expect(changed.calls).toBe(2);
      // the point's scenarioHash is still its whole request's hash, as `ggs solve` writes it
      expect(result.points[0]!.scenarioHash).toBe(requestHash(pointRequest(base, { assignments: [{ path: 'network.loadScale', value: 1 }] })));
    }
  });

  it('does not cache a failed run, so it is retried next time', async () => {
    const cache = new Map<string, PointOutcome>();
    await runStudy(loadSweep([1]), async () => { throw new Error('boom'); }, { cache });
    expect(cache.size).toBe(0);
  });

  it('runs identical points once when they are in flight together', async () => {
    const exec = countingExecutor();
    const result = await runStudy(loadSweep([2, 2, 2]), exec, { concurrency: 3 });
    expect(exec.calls).toBe(1);
    expect(result.points.map((p) => p.outputs.energyLossesKwh)).toEqual([120, 120, 120]);
  });
});

describe('mergeStudyResults', () => {
  it('joins shards, in any order, into exactly the unsharded result', async () => {
    const whole = await runStudy(linearSweep, countingExecutor());
    for (const n of [2, 3, 11]) {
      const parts = await Promise.all(Array.from({ length: n }, (_, i) => runStudy(linearSweep, countingExecutor(), { shard: { index: i, count: n } })));
      expect(parts.reduce((s, p) => s + p.points.length, 0)).toBe(11);
      expect(comparablePart(mergeStudyResults(parts.reverse()))).toEqual(comparablePart(whole));
    }
  });

  it('joins any number of shards of any sweep into the whole (property)', async () => {
    const instant: Executor = async (req) => fakePowerflow(req);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.double({ min: -0.5, max: 3, noNaN: true }), { minLength: 1, maxLength: 15 }), fc.integer({ min: 1, max: 6 }), async (values, n) => {
        const study = loadSweep(values);
        const whole = await runStudy(study, instant);
        const parts = await Promise.all(Array.from({ length: n }, (_, i) => runStudy(study, instant, { shard: { index: i, count: n } })));
        expect(comparablePart(mergeStudyResults(parts))).toEqual(comparablePart(whole));
      }),
      { numRuns: 30 },
    );
  });

  it('says which points are missing when a shard is left out', async () => {
    const parts = await Promise.all([0, 2].map((i) => runStudy(linearSweep, countingExecutor(), { shard: { index: i, count: 3 } })));
    expect(() => mergeStudyResults(parts)).toThrow('4 of 11 points are missing (1, 4, 7, 10); the parts given are shards 0/3, 2/3: is a shard left out?');
  });

  it('refuses a shard given twice', async () => {
    const part = await runStudy(linearSweep, countingExecutor(), { shard: { index: 0, count: 2 } });
    expect(() => mergeStudyResults([part, part])).toThrow('point 0 is in part 1 and in part 2; is a shard given twice?');
  });

  it('refuses parts of different studies', async () => {
    const a = await runStudy(linearSweep, countingExecutor(), { shard: { index: 0, count: 2 } });
    const b = await runStudy({ ...linearSweep, base: { ...baseRequest, seed: 5 } }, countingExecutor(), { shard: { index: 1, count: 2 } });
    expect(() => mergeStudyResults([a, b])).toThrow('part 2 is not a shard of the same study as part 1: it has a different base scenario or options');
    expect(() => mergeStudyResults([])).toThrow('nothing to merge');
  });
});
