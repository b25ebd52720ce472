/**
 * The worker protocol's `outputs`: a sweep point asks the worker for its
 * what-if outputs only, so the result crosses the thread without its data.
 * The study result must not depend on which way the numbers travelled.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { WorkerPool } from '../../main/workers/pool.ts';
import { jobOutputs, type JobRequest } from '../../solver/contract.ts';
import { runStudy, type Executor } from '../../solver/whatif/execute.ts';
import { comparablePart } from '../../solver/whatif/result.ts';
import type { Study } from '../../solver/whatif/study.ts';

const ieee33 = JSON.parse(readFileSync(new URL('../fixtures/scenarios/ieee33.ggs.json', import.meta.url), 'utf8')) as JobRequest['scenario'];
const pool = new WorkerPool({ entry: new URL('../../main/workers/nodeWorker.ts', import.meta.url), size: 1 });
afterAll(() => pool.close());

const study: Study = {
  base: { kind: 'powerflow', scenario: ieee33 },
  design: { kind: 'sweep', param: { path: 'network.loadScale', values: { kind: 'list', values: [0.5, 1, 1.5, -1] } } },
};

describe('pool.run with outputs', () => {
  it('returns the requested outputs and no data', async () => {
    const result = await pool.run({ kind: 'powerflow', scenario: ieee33 }, { outputs: ['minVoltagePu', 'lossesKw'] }).promise;
    expect(result.status).toBe('ok');
    expect(result.data).toBeNull();
    expect(Object.keys(result.outputs!.outputs)).toEqual(['minVoltagePu', 'lossesKw', 'certificate.certified', 'certificate.value']);
    expect(result.outputs!.at.minVoltagePu).toBe('18');
  });

  it('a sweep gives identical results whether the worker returns outputs or the full data', async () => {
    const slim: Executor = (request, { signal, outputs }) => pool.run(request, { signal, outputs }).promise;
    const full: Executor = (request, { signal }) => pool.run(request, { signal }).promise;
    const [a, b] = [await runStudy(study, slim), await runStudy(study, full)];
    expect(a.points.map((p) => p.status)).toEqual(['ok', 'ok', 'ok', 'invalid']);
    expect(Object.keys(a.points[0]!.outputs)).toEqual([...jobOutputs.powerflow.map((o) => o.id), 'certificate.certified', 'certificate.value']);
    expect(comparablePart(a)).toEqual(comparablePart(b));
  });
});
