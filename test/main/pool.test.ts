import { afterEach, describe, expect, it } from 'vitest';
import { WorkerPool, type WorkerPoolOptions } from '../../main/workers/pool.ts';
import type { JobProgress, JobRequest } from '../../solver/contract.ts';
import type { Fault } from '../fixtures/faultyWorker.ts';

const entry = new URL('../fixtures/faultyWorker.ts', import.meta.url);
const job = (fault: Fault): JobRequest => ({ kind: 'powerflow', scenario: {} as JobRequest['scenario'], options: { fault } as JobRequest['options'] });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let pool: WorkerPool | null = null;
function makePool(opts: Partial<WorkerPoolOptions> = {}) {
  pool = new WorkerPool({ entry, size: 1, ...opts });
  return pool;
}
afterEach(async () => {
  await pool?.close();
  pool = null;
});

/** Starts a worker and waits for a trivial job, so timings below exclude thread start-up. */
async function warm(p: WorkerPool) {
  expect((await p.run(job('ok')).promise).status).toBe('ok');
}

/** Resolves with the job's result and how long it took from `cancel()` to settle. */
async function cancelAfter(p: WorkerPool, fault: Fault, runForMs: number) {
  const handle = p.run(job(fault));
  await sleep(runForMs);
  const t0 = performance.now();
  handle.cancel();
  const result = await handle.promise;
  return { result, latencyMs: performance.now() - t0 };
}

describe('WorkerPool', () => {
  it('runs a job in a worker and forwards its progress', async () => {
    const p = makePool();
    const seen: JobProgress[] = [];
    const result = await p.run(job('ok'), { onProgress: (pr) => seen.push(pr) }).promise;
    expect(result.status).toBe('ok');
    expect(seen).toEqual([{ fraction: 0.5, stage: 'halfway' }]);
  });

  it('cancel ends a cooperative job as cancelled within 200 ms and keeps its worker', async () => {
    const p = makePool();
    await warm(p);
    const { result, latencyMs } = await cancelAfter(p, 'cooperative', 100);
    expect(result.status).toBe('cancelled');
    expect(latencyMs).toBeLessThan(200);
    expect(p.workerCount).toBe(1);
  });

  it('cancel ends a job whose worker never reads the cancel message within 200 ms, by stopping that worker', async () => {
    const p = makePool();
    await warm(p);
    const { result, latencyMs } = await cancelAfter(p, 'stubborn', 50);
    expect(result.status).toBe('cancelled');
    expect(result.error?.code).toBe('cancelled');
    expect(latencyMs).toBeGreaterThanOrEqual(140);
    expect(latencyMs).toBeLessThan(200);
    expect((await p.run(job('ok')).promise).status).toBe('ok');
  });

  it('cancel of a queued job ends it at once and leaves the running job alone', async () => {
    const p = makePool({ size: 1 });
    await warm(p);
    const running = p.run(job('cooperative'));
    const queued = p.run(job('ok'));
    const t0 = performance.now();
    queued.cancel();
    expect((await queued.promise).status).toBe('cancelled');
    expect(performance.now() - t0).toBeLessThan(20);
    running.cancel();
    expect((await running.promise).status).toBe('cancelled');
  });

  it('an aborted AbortSignal cancels the job', async () => {
    const p = makePool();
    const controller = new AbortController();
    const handle = p.run(job('cooperative'), { signal: controller.signal });
    await sleep(50);
    controller.abort();
    expect((await handle.promise).status).toBe('cancelled');
    const already = p.run(job('ok'), { signal: controller.signal });
    expect((await already.promise).status).toBe('cancelled');
  });

  it.each(['throw', 'exit'] as const)('a worker that crashes (%s) fails its job with worker-crashed, is replaced, and the next job runs', async (fault) => {
    const p = makePool();
    const crashed = await p.run(job(fault)).promise;
    expect(crashed.status).toBe('failed');
    expect(crashed.error?.code).toBe('worker-crashed');
    expect(crashed.message).toMatch(fault === 'throw' ? /crashed \(it threw: injected failure\)/ : /crashed \(it exited with code 3\)/);
    expect((await p.run(job('ok')).promise).status).toBe('ok');
  });

  it('a hung worker is detected after hangTimeoutMs, its job fails with worker-hung, and it is replaced', async () => {
    const p = makePool({ hangTimeoutMs: 300 });
    await warm(p);
    const t0 = performance.now();
    const hung = await p.run(job('hang')).promise;
    const detectedAfter = performance.now() - t0;
    expect(hung.status).toBe('failed');
    expect(hung.error?.code).toBe('worker-hung');
    expect(hung.message).toMatch(/no heartbeat for 0\.3 s/);
    expect(detectedAfter).toBeGreaterThanOrEqual(290);
    expect(detectedAfter).toBeLessThan(1_000);
    expect((await p.run(job('ok')).promise).status).toBe('ok');
  });

  it('a slow job that keeps sending heartbeats is not taken for a hung one', async () => {
    const p = makePool({ hangTimeoutMs: 100 });
    await warm(p);
    const { result } = await cancelAfter(p, 'cooperative', 500);
    expect(result.status).toBe('cancelled');
    expect(result.error).toBeUndefined(); // the worker's own answer, not the pool's
  });

  it('runs at most `size` jobs at once and queues the rest', async () => {
    const p = makePool({ size: 2 });
    const handles = [p.run(job('cooperative')), p.run(job('cooperative')), p.run(job('cooperative'))];
    await sleep(100);
    expect(p.workerCount).toBe(2);
    handles.forEach((h) => h.cancel());
    expect((await Promise.all(handles.map((h) => h.promise))).map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
  });

  it('defaults to one worker fewer than the cores, and at least one', () => {
    expect(makePool({ size: undefined }).size).toBeGreaterThanOrEqual(1);
    expect(makePool({ size: 0 }).size).toBe(1);
  });

  it('close terminates every worker and ends running and queued jobs as cancelled', async () => {
    const p = makePool({ size: 2 });
    const handles = [p.run(job('cooperative')), p.run(job('stubborn')), p.run(job('ok'))];
    await sleep(100);
    expect(p.workerCount).toBe(2);
    await p.close();
    expect(p.workerCount).toBe(0);
    const results = await Promise.all(handles.map((h) => h.promise));
    expect(results.map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(() => p.run(job('ok'))).toThrow(/closed/);
  });
});
