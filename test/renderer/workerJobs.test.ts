import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FromWorker, JobRequest, PointJob, ToWorker } from '../../solver/contract.ts';
import { CANCEL_GRACE_MS, HANG_TIMEOUT_MS, createWorkerJobs } from '../../renderer/src/host/workerJobs.ts';
import { browserWorkerCount, pointsInFlight } from '../../renderer/src/host/parallelism.ts';
import type { Host } from '../../renderer/src/host/Host.ts';

/** A stand-in for a Web Worker: records what it is sent; the test plays the worker's replies. */
class FakeWorker {
  static all: FakeWorker[] = [];
  sent: ToWorker[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  constructor() {
    FakeWorker.all.push(this);
  }
  postMessage(msg: ToWorker) {
    this.sent.push(msg);
  }
  terminate() {
    this.terminated = true;
  }
  reply(msg: FromWorker) {
    this.onmessage?.({ data: msg } as MessageEvent<FromWorker>);
  }
}

const request = { kind: 'powerflow', scenario: {} } as unknown as JobRequest;
const spawn = () => new FakeWorker() as unknown as Worker;

describe('createWorkerJobs', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeWorker.all = [];
  });
  afterEach(() => vi.useRealTimers());

  it('forwards progress and resolves with the worker result', async () => {
    const jobs = createWorkerJobs(spawn);
    const progress = vi.fn();
    const job = jobs.run(request, progress);
    const w = FakeWorker.all[0]!;
    const id = (w.sent[0] as { id: string }).id;
    w.reply({ type: 'progress', id, progress: { fraction: 0.5, stage: 'sweep' } });
    w.reply({ type: 'result', id, result: { status: 'ok' } as never });
    expect(progress).toHaveBeenCalledWith({ fraction: 0.5, stage: 'sweep' });
    expect((await job.promise).status).toBe('ok');
  });

  it('cancel asks the worker, and replaces it when no result comes within the grace period', async () => {
    const jobs = createWorkerJobs(spawn);
    const job = jobs.run(request, () => {});
    const w = FakeWorker.all[0]!;
    job.cancel();
    expect(w.sent.at(-1)).toMatchObject({ type: 'cancel' });
    vi.advanceTimersByTime(CANCEL_GRACE_MS + 1);
    const result = await job.promise;
    expect(result.status).toBe('cancelled');
    expect(w.terminated).toBe(true);
    expect(FakeWorker.all).toHaveLength(2);
  });

  it('a crashed worker ends its job as failed / worker-crashed and is replaced', async () => {
    const jobs = createWorkerJobs(spawn);
    const job = jobs.run(request, () => {});
    FakeWorker.all[0]!.onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent);
    const result = await job.promise;
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('worker-crashed');
    expect(FakeWorker.all).toHaveLength(2);
  });

  it('a worker that stops sending heartbeats is declared hung and replaced', async () => {
    const jobs = createWorkerJobs(spawn);
    const job = jobs.run(request, () => {});
    vi.advanceTimersByTime(HANG_TIMEOUT_MS + 1000);
    const result = await job.promise;
    expect(result.error?.code).toBe('worker-hung');
    expect(FakeWorker.all[0]!.terminated).toBe(true);
  });

  it('heartbeats keep a slow job alive', () => {
    const jobs = createWorkerJobs(spawn);
    const job = jobs.run(request, () => {});
    const w = FakeWorker.all[0]!;
    const id = (w.sent[0] as { id: string }).id;
    for (let t = 0; t < 3 * HANG_TIMEOUT_MS; t += 250) {
      vi.advanceTimersByTime(250);
      w.reply({ type: 'alive', id });
    }
    expect(w.terminated).toBe(false);
    void job;
  });

  it('a pool runs jobs side by side, one per worker, and queues the rest in order', async () => {
    const jobs = createWorkerJobs(spawn, 2);
    const [a, b, c] = [jobs.run(request, () => {}), jobs.run(request, () => {}), jobs.run(request, () => {})];
    expect(FakeWorker.all).toHaveLength(2);
    const [w1, w2] = FakeWorker.all as [FakeWorker, FakeWorker];
    expect(w1.sent.map((m) => m.type)).toEqual(['run']);
    expect(w2.sent.map((m) => m.type)).toEqual(['run']);
    // the third job goes to whichever worker frees up first
    w2.reply({ type: 'result', id: (w2.sent[0] as { id: string }).id, result: { status: 'ok' } as never });
    expect(await b.promise).toMatchObject({ status: 'ok' });
    expect(w2.sent.map((m) => m.type)).toEqual(['run', 'run']);
    w1.reply({ type: 'result', id: (w1.sent[0] as { id: string }).id, result: { status: 'ok' } as never });
    w2.reply({ type: 'result', id: (w2.sent[1] as { id: string }).id, result: { status: 'infeasible' } as never });
    expect((await a.promise).status).toBe('ok');
    expect((await c.promise).status).toBe('infeasible');
    expect(FakeWorker.all).toHaveLength(2);
  });

  it('cancel stops only its own worker: the other job keeps running, and no worker is left behind', async () => {
    const jobs = createWorkerJobs(spawn, 2);
    const [a, b] = [jobs.run(request, () => {}), jobs.run(request, () => {})];
    const [w1, w2] = FakeWorker.all as [FakeWorker, FakeWorker];
    a.cancel();
    vi.advanceTimersByTime(CANCEL_GRACE_MS + 1);
    expect((await a.promise).status).toBe('cancelled');
    expect(w1.terminated).toBe(true);
    expect(w2.terminated).toBe(false);
    expect(jobs.workerCount).toBe(1); // the stopped worker is not replaced until a job needs it
    w2.reply({ type: 'result', id: (w2.sent[0] as { id: string }).id, result: { status: 'ok' } as never });
    expect((await b.promise).status).toBe('ok');
  });

  it('a queued job that is cancelled ends at once without reaching a worker', async () => {
    const jobs = createWorkerJobs(spawn, 1);
    jobs.run(request, () => {});
    const queued = jobs.run(request, () => {});
    queued.cancel();
    expect((await queued.promise).status).toBe('cancelled');
    expect(FakeWorker.all[0]!.sent).toHaveLength(1);
  });

  it('sends a study base to each worker once, then only assignments', () => {
    const jobs = createWorkerJobs(spawn, 2);
    const point = (value: number): PointJob => ({ base: request, baseHash: 'H', assignments: [{ path: 'network.loadScale', value }], key: `k${value}` });
    jobs.runPoint(point(1), () => {});
    jobs.runPoint(point(2), () => {});
    const [w1, w2] = FakeWorker.all as [FakeWorker, FakeWorker];
    for (const w of [w1, w2]) w.reply({ type: 'result', id: (w.sent[0] as { id: string }).id, result: { status: 'ok' } as never });
    jobs.runPoint(point(3), () => {});
    const points = [...w1.sent, ...w2.sent] as Extract<ToWorker, { type: 'point' }>[];
    expect(points.map((m) => m.assignments[0]!.value).sort()).toEqual([1, 2, 3]);
    // each worker got the base with its first point only
    expect(points.filter((m) => m.base.request).length).toBe(2);
    expect(points.every((m) => m.base.hash === 'H')).toBe(true);
  });
});

describe('parallelism', () => {
  it('the web build uses cores − 1 workers, at least 1, unless ?workers=N says otherwise', () => {
    expect(browserWorkerCount('', 8)).toBe(7);
    expect(browserWorkerCount('', 1)).toBe(1);
    expect(browserWorkerCount('', undefined)).toBe(1);
    expect(browserWorkerCount('?workers=3', 8)).toBe(3);
    expect(browserWorkerCount('?workers=0', 8)).toBe(7);
    expect(browserWorkerCount('?workers=x', 4)).toBe(3);
  });

  it('keeps as many jobs in flight as the host has workers', () => {
    expect(pointsInFlight({ kind: 'browser', jobSlots: 3 } as Host)).toBe(3);
    expect(pointsInFlight({ kind: 'browser' } as Host)).toBe(1);
  });
});
