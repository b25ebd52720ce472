/**
 * The real worker entry (main/workers/nodeWorker.ts, started from source
 * through tsx) in the pool, running the real power flow. Needs the powerflow
 * job (solver/network), unlike pool.test.ts, which uses a fixture worker.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { WorkerPool } from '../../main/workers/pool.ts';
import { setAtPath } from '../../solver/scenario/paths.ts';
import type { JobProgress, JobRequest } from '../../solver/contract.ts';

const ieee33 = JSON.parse(readFileSync(new URL('../fixtures/scenarios/ieee33.ggs.json', import.meta.url), 'utf8')) as JobRequest['scenario'];
const pool = new WorkerPool({ entry: new URL('../../main/workers/nodeWorker.ts', import.meta.url), size: 1, cancelGraceMs: 2_000 });
// The grace before a forced stop is long here so that, even on a loaded machine,
// the test sees the worker stop cooperatively (pool.test.ts times the forced stop).
afterAll(() => pool.close());

describe('nodeWorker in the pool', () => {
  it('solves a power flow and reports progress', async () => {
    const progress: JobProgress[] = [];
    const result = await pool.run({ kind: 'powerflow', scenario: ieee33 }, { onProgress: (p) => progress.push(p) }).promise;
    expect(result.status).toBe('ok');
    expect(result.job).toBe('powerflow');
    expect(progress.at(-1)?.fraction).toBe(1);
  });

  it('cancels a year-long power flow cooperatively, keeping its worker', async () => {
    const year = setAtPath(ieee33, 'time.T', 8760);
    const handle = pool.run({ kind: 'powerflow', scenario: year });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const t0 = performance.now();
    handle.cancel();
    const result = await handle.promise;
    expect(result.status).toBe('cancelled');
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(result.error?.message).toBe('the job was cancelled'); // the runner's answer: the worker stopped cooperatively
    expect(pool.workerCount).toBe(1);
  });

  it('pauses a year-long power flow between steps (no progress, heartbeats go on) and resumes it', async () => {
    const year = setAtPath(ieee33, 'time.T', 8760);
    let events = 0;
    const handle = pool.run({ kind: 'powerflow', scenario: year }, { onProgress: () => events++ });
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await sleep(300);
    handle.pause(true);
    await sleep(150); // messages already on their way
    const held = events;
    await sleep(600);
    expect(events).toBe(held);
    handle.pause(false);
    await expect.poll(() => events, { timeout: 5000 }).toBeGreaterThan(held);
    handle.cancel();
    expect((await handle.promise).status).toBe('cancelled');
    expect(pool.workerCount).toBe(1);
  });

  it('reports an invalid scenario sent without the CLI\'s checks, with its path', async () => {
    const result = await pool.run({ kind: 'powerflow', scenario: setAtPath(ieee33, 'network.lines[4].to', '34') }).promise;
    expect(result.status).toBe('invalid');
    expect(result.error?.issues).toContainEqual({ path: 'network.lines[4].to', message: 'bus "34" does not exist' });
  });
});
