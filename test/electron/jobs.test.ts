/** Jobs over IPC: the real worker pool, progress to the asking page, cancel by the owner only. */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../mocks/electron.ts'));
import { fakeWebContents, ipcMain } from '../mocks/electron.ts';
import type { JobResult, PointJob } from '../../solver/contract.ts';
import { requestHash } from '../../solver/jobs/requestHash.ts';
import { createIpcRouter } from '../../main/electron/ipcRouter.ts';
import { setupJobs } from '../../main/electron/jobs.ts';

const top = { url: 'app://gridgame/index.html', parent: null };
const scenario = JSON.parse(readFileSync('assets/scenarios/ieee33.ggs.json', 'utf8'));
const router = createIpcRouter({ log: () => {} });
const jobs = setupJobs(router, 'main/workers/nodeWorker.ts');
afterAll(() => jobs.close());

const invoke = (sender: ReturnType<typeof fakeWebContents>, channel: string, ...args: unknown[]) =>
  ipcMain.handlers.get(channel)!({ sender, senderFrame: top }, ...args) as Promise<unknown>;

describe('job:run / job:cancel', () => {
  // First, while the pool is still cold: the job cannot have finished before the cancel arrives.
  it('cancels a job when the page that started it asks', async () => {
    const owner = fakeWebContents();
    const running = invoke(owner, 'job:run', { id: 'pf-c', request: { kind: 'powerflow', scenario } }) as Promise<JobResult>;
    await invoke(owner, 'job:cancel', 'pf-c');
    expect((await running).status).toBe('cancelled');
  }, 60_000);

  it('ignores a cancel from another page', async () => {
    const running = invoke(fakeWebContents(), 'job:run', { id: 'pf-x', request: { kind: 'powerflow', scenario } }) as Promise<JobResult>;
    await invoke(fakeWebContents(), 'job:cancel', 'pf-x');
    expect((await running).status).toBe('ok');
  }, 60_000);

  it('runs a power flow in a worker and reports progress to the page that asked', async () => {
    const page = fakeWebContents();
    const result = (await invoke(page, 'job:run', { id: 'pf-1', request: { kind: 'powerflow', scenario } })) as JobResult;
    expect(result.status).toBe('ok');
    const progress = (page.sent as [string, { id: string }][]).filter(([c]) => c === 'job:progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every(([, p]) => p.id === 'pf-1')).toBe(true);
  }, 60_000);

  it('returns only the what-if outputs asked for, without the data', async () => {
    const result = (await invoke(fakeWebContents(), 'job:run', { id: 'pf-o', request: { kind: 'powerflow', scenario }, outputs: ['minVoltagePu'] })) as JobResult;
    expect(result.data).toBeNull();
    // the certificate summary travels with every answer's outputs
    expect(result.outputs).toEqual({ outputs: { minVoltagePu: expect.closeTo(0.91309, 4), 'certificate.certified': 1, 'certificate.value': expect.any(Number) }, at: { minVoltagePu: '18' } });
  }, 60_000);

  it('returns a typed failure for a bad request instead of throwing', async () => {
    const result = (await invoke(fakeWebContents(), 'job:run', { id: 'bad', request: { kind: 'nope', scenario: {} } })) as JobResult;
    expect(result.error?.code).toBe('unknown-job');
  }, 60_000);

  it('job:runPoint runs a what-if point as base + assignments in main\'s pool, equal to the whole request, and hands back its warm state', async () => {
    const base = { kind: 'powerflow' as const, scenario };
    const point: PointJob = { base, baseHash: requestHash(base), assignments: [{ path: 'network.loadScale', value: 1.2 }], key: 'k-1.2', keepWarmState: true };
    const viaPoint = (await invoke(fakeWebContents(), 'job:runPoint', { id: 'pt-1', point, outputs: ['minVoltagePu'] })) as JobResult;
    const whole = (await invoke(fakeWebContents(), 'job:run', {
      id: 'pt-w',
      request: { kind: 'powerflow', scenario: { ...scenario, network: { ...scenario.network, loadScale: 1.2 } } },
      outputs: ['minVoltagePu'],
    })) as JobResult;
    expect(viaPoint.status).toBe('ok');
    expect(viaPoint.outputs).toEqual(whole.outputs);
    expect(viaPoint.scenarioHash).toBe(whole.scenarioHash);
    expect(viaPoint.warmState).toBeDefined();
  }, 60_000);

  it('refuses a malformed point at the IPC boundary', async () => {
    await expect(invoke(fakeWebContents(), 'job:runPoint', { id: 'pt-bad', point: { base: {}, baseHash: '', assignments: [], key: 'k' } })).rejects.toThrow(/baseHash/);
  });
});
