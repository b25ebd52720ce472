/** Jobs over IPC: the real worker pool, progress to the asking page, cancel by the owner only. */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../mocks/electron.ts'));
import { fakeWebContents, ipcMain } from '../mocks/electron.ts';
import type { JobResult } from '../../solver/contract.ts';
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
  it('runs a power flow in a worker and reports progress to the page that asked', async () => {
    const page = fakeWebContents();
    const result = (await invoke(page, 'job:run', { id: 'pf-1', request: { kind: 'powerflow', scenario } })) as JobResult;
    expect(result.status).toBe('ok');
    const progress = (page.sent as [string, { id: string }][]).filter(([c]) => c === 'job:progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every(([, p]) => p.id === 'pf-1')).toBe(true);
  }, 60_000);

  it('returns a typed failure for a bad request instead of throwing', async () => {
    const result = (await invoke(fakeWebContents(), 'job:run', { id: 'bad', request: { kind: 'nope', scenario: {} } })) as JobResult;
    expect(result.error?.code).toBe('unknown-job');
  }, 60_000);

  it('lets only the owner cancel a job', async () => {
    const owner = fakeWebContents();
    const big = { ...scenario, time: { ...scenario.time } };
    const running = invoke(owner, 'job:run', { id: 'pf-2', request: { kind: 'powerflow', scenario: big } }) as Promise<JobResult>;
    await invoke(fakeWebContents(), 'job:cancel', 'pf-2');
    await invoke(owner, 'job:cancel', 'pf-2');
    const result = await running;
    expect(['cancelled', 'ok']).toContain(result.status);
  }, 60_000);
});
