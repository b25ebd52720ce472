/**
 * What-if points through the worker pool as base + assignments: the base
 * request crosses to each worker once, the study equals the in-thread one,
 * and a worker asked for a base it does not hold says so.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { WorkerPool } from '../../main/workers/pool.ts';
import { poolExecutor } from '../../main/workers/poolExecutor.ts';
import type { FromWorker, JobRequest, PointJob, ToWorker } from '../../solver/contract.ts';
import { runStudy } from '../../solver/whatif/execute.ts';
import { localExecutor } from '../../solver/whatif/localExecutor.ts';
import { comparablePart } from '../../solver/whatif/result.ts';
import type { Study } from '../../solver/whatif/study.ts';
import { createWorkerHandler } from '../../solver/worker/handler.ts';
import { pointMessage, RecentMap, BASES_PER_WORKER } from '../../solver/worker/bases.ts';

const ieee33 = JSON.parse(readFileSync(new URL('../fixtures/scenarios/ieee33.ggs.json', import.meta.url), 'utf8')) as JobRequest['scenario'];
const base: JobRequest = { kind: 'powerflow', scenario: ieee33 };
const pool = new WorkerPool({ entry: new URL('../../main/workers/nodeWorker.ts', import.meta.url), size: 2 });
afterAll(() => pool.close());

const study: Study = {
  base,
  design: { kind: 'sweep', param: { path: 'network.loadScale', values: { kind: 'list', values: [0.5, 0.8, 1, 1.2, 1.5, -1] } } },
};

describe('points through the pool', () => {
  it('a sweep gives the in-thread result, warm-started or not', async () => {
    const local = await runStudy(study, localExecutor);
    expect(local.points.map((p) => p.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'invalid']);
    expect(comparablePart(await runStudy(study, poolExecutor(pool), { concurrency: 2 }))).toEqual(comparablePart(local));
    const warm = await runStudy(study, poolExecutor(pool), { concurrency: 1, warmStart: true });
    expect(warm.points.slice(1, 5).map((p) => p.warmStartFrom)).toEqual([0, 1, 2, 3]);
    // within the sweep's tolerance on voltage changes (1e-8 p.u.), not to the last bit
    warm.points.forEach((p, k) => {
      expect(p.status).toBe(local.points[k]!.status);
      if (p.status === 'ok') expect(Math.abs((p.outputs.minVoltagePu as number) - (local.points[k]!.outputs.minVoltagePu as number))).toBeLessThan(1e-8);
    });
  });
});

describe('the base travels once per worker', () => {
  const point = (hash: string, value: number): PointJob => ({ base, baseHash: hash, assignments: [{ path: 'network.loadScale', value }], key: `${hash}:${value}` });

  it('the sender sends a base with a worker’s first point of it, and again once the worker has let it go', () => {
    const sent = new RecentMap<true>();
    const withBase = (hash: string) => 'request' in (pointMessage(sent, 'j', point(hash, 1), undefined).msg as Extract<ToWorker, { type: 'point' }>).base;
    expect(withBase('A')).toBe(true);
    expect(withBase('A')).toBe(false);
    for (let k = 0; k < BASES_PER_WORKER; k++) withBase(`other${k}`);
    expect(withBase('A')).toBe(true); // evicted by four newer bases: the worker evicted it too
  });

  it('the worker keeps the base it was sent, and refuses a point of a base it does not hold', async () => {
    const replies: FromWorker[] = [];
    const done = (n: number) => new Promise<void>((resolve) => {
      const poll = () => (replies.filter((r) => r.type === 'result').length >= n ? resolve() : setTimeout(poll, 5));
      poll();
    });
    const handle = createWorkerHandler((m) => replies.push(m));
    const sent = new RecentMap<true>();
    handle(pointMessage(sent, 'a', point('H', 1), ['minVoltagePu']).msg);
    const second = pointMessage(sent, 'b', point('H', 1.2), ['minVoltagePu']).msg;
    expect('request' in (second as Extract<ToWorker, { type: 'point' }>).base).toBe(false);
    handle(second);
    handle({ type: 'point', id: 'c', base: { hash: 'nowhere' }, assignments: [] });
    await done(3);
    const results = Object.fromEntries(replies.flatMap((r) => (r.type === 'result' ? [[r.id, r.result]] : [])));
    expect(results.a!.status).toBe('ok');
    expect(results.b!.status).toBe('ok');
    expect(results.b!.outputs!.outputs.minVoltagePu).toBeLessThan(results.a!.outputs!.outputs.minVoltagePu as number);
    expect(results.c).toMatchObject({ status: 'failed', message: expect.stringMatching(/^the worker does not hold the study's base request nowhere/) });
  });
});
