/**
 * WorkerPool prewarm: a worker loads the LP backends it is told to as it
 * starts (the `prewarm` option, and `warmUp()` for a live pool), each load
 * reported through onPrewarm; a prewarm that fails costs nothing but its
 * report: the worker lives on, a job that needs the backend fails with the
 * runner's own message, and other jobs are solved as usual.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { WorkerPool, type PrewarmReport, type WorkerPoolOptions } from '../../main/workers/pool.ts';
import type { JobRequest } from '../../solver/contract.ts';
import { runJob } from '../../solver/jobs/run.ts';

const read = (url: URL) => JSON.parse(readFileSync(url, 'utf8')) as JobRequest['scenario'];
const ieee33 = read(new URL('../fixtures/scenarios/ieee33.ggs.json', import.meta.url));
const der = read(new URL('../../assets/scenarios/ieee33-der.ggs.json', import.meta.url));
const realWorker = new URL('../../main/workers/nodeWorker.ts', import.meta.url);

let pool: WorkerPool | null = null;
function makePool(opts: Partial<WorkerPoolOptions> & { entry: URL }) {
  const reports: PrewarmReport[] = [];
  pool = new WorkerPool({ size: 1, onPrewarm: (r) => reports.push(r), ...opts });
  /** resolves once `n` prewarm reports have arrived */
  const reported = async (n: number) => {
    while (reports.length < n) await new Promise((resolve) => setTimeout(resolve, 10));
    return reports;
  };
  return { pool, reports, reported };
}
afterEach(async () => {
  await pool?.close();
  pool = null;
});

describe('WorkerPool prewarm', () => {
  it('loads the backends named in `prewarm` as a worker starts, and those given to warmUp() in the live worker', async () => {
    const { pool, reported } = makePool({ entry: realWorker, prewarm: ['glpk'] });
    expect(pool.workerCount).toBe(0);
    pool.warmUp(); // starts the worker before any job
    expect(pool.workerCount).toBe(1);
    expect(await reported(1)).toEqual([{ backend: 'glpk', ms: expect.any(Number) }]);
    pool.warmUp(['glpk', 'highs']); // glpk is loaded already: only highs is sent
    const reports = await reported(2);
    expect(reports[1]).toEqual({ backend: 'highs', ms: expect.any(Number) });
    expect(reports[1]!.ms).toBeGreaterThan(0);

    // the prewarmed worker solves as a cold one does
    const request: JobRequest = { kind: 'opf', scenario: der, backend: 'highs' };
    const result = await pool.run(request).promise;
    expect(result.status).toBe('ok');
    const local = await runJob(request);
    expect(result.certificate).toEqual(local.certificate);
    expect(pool.workerCount).toBe(1);
  }, 60_000);

  it('a failing prewarm only reports itself: the worker lives on and every job ends as it would without it', async () => {
    const { pool, reported } = makePool({ entry: new URL('../fixtures/noHighsWorker.ts', import.meta.url), prewarm: ['highs', 'nope' as never, 'glpk'] });
    const flow = await pool.run({ kind: 'powerflow', scenario: ieee33 }).promise;
    expect(flow.status).toBe('ok');
    const reports = await reported(3);
    const by = Object.fromEntries(reports.map((r) => [r.backend, r]));
    expect(by.highs!.error).toMatch(/highs\.wasm/);
    expect(by.nope!.error).toMatch(/unknown LP backend "nope"/);
    expect(by.glpk!.error).toBeUndefined();

    // the job that needs HiGHS tries the load again and fails with the runner's message, not a crash
    const highs = await pool.run({ kind: 'opf', scenario: der, backend: 'highs' }).promise;
    expect(highs.status).toBe('failed');
    expect(highs.error?.code).toBe('internal');
    expect(highs.error?.message).toMatch(/the highs LP solver could not be loaded/);
    const glpk = await pool.run({ kind: 'opf', scenario: der, backend: 'glpk' }).promise;
    expect(glpk.status).toBe('ok');
    expect(pool.workerCount).toBe(1);
  }, 60_000);

  it('warmUp on a closed pool starts nothing', async () => {
    const { pool } = makePool({ entry: realWorker });
    await pool.close();
    pool.warmUp(['glpk']);
    expect(pool.workerCount).toBe(0);
  });
});
