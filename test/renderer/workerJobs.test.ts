import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FromWorker, JobRequest, ToWorker } from '../../solver/contract.ts';
import { CANCEL_GRACE_MS, HANG_TIMEOUT_MS, createWorkerJobs } from '../../renderer/src/host/workerJobs.ts';

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
});
