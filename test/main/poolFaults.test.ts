/**
 * Worker faults mid-study: a point whose worker throws, exits or runs out of
 * memory costs only that point — reported failed with the reason — the pool
 * replaces the worker, and every other point is solved as in-thread.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { WorkerPool } from '../../main/workers/pool.ts';
import { poolExecutor } from '../../main/workers/poolExecutor.ts';
import type { JobRequest } from '../../solver/contract.ts';
import { runStudy } from '../../solver/whatif/execute.ts';
import { localExecutor } from '../../solver/whatif/localExecutor.ts';
import type { Study } from '../../solver/whatif/study.ts';

const ieee33 = JSON.parse(readFileSync(new URL('../fixtures/scenarios/ieee33.ggs.json', import.meta.url), 'utf8')) as JobRequest['scenario'];
// a small heap, so the point that hoards memory reaches it in a moment
const pool = new WorkerPool({ entry: new URL('../fixtures/selfKillingWorker.ts', import.meta.url), size: 2, maxHeapMb: 48 });
afterAll(() => pool.close());

const values = [0.5, 0.666, 0.8, 0.667, 1, 0.777, 1.2, 1.5];
const study: Study = { base: { kind: 'powerflow', scenario: ieee33 }, design: { kind: 'sweep', param: { path: 'network.loadScale', values: { kind: 'list', values } } } };

describe('a worker that dies mid-study', () => {
  it('costs only its point, reported failed with the reason; the pool replaces it and the study completes', async () => {
    const result = await runStudy(study, poolExecutor(pool), { concurrency: 2 });
    expect(result.missing).toBeUndefined();
    expect(result.points.map((p) => p.status)).toEqual(['ok', 'failed', 'ok', 'failed', 'ok', 'failed', 'ok', 'ok']);
    expect(result.points[1]!.message).toMatch(/the solver worker crashed \(it threw: injected crash at loadScale 0\.666\)/);
    expect(result.points[3]!.message).toMatch(/the solver worker crashed \(it exited with code 7\)/);
    expect(result.points[5]!.message).toMatch(/the solver worker crashed \(it ran out of memory\)/);

    // the points that did run are the in-thread answers, to the bit
    const local = await runStudy(study, localExecutor);
    for (const k of [0, 2, 4, 6, 7]) expect(result.points[k]).toEqual(local.points[k]);
    expect(pool.workerCount).toBeLessThanOrEqual(2);
  }, 120_000);
});
