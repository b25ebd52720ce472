/**
 * The what-if engine's executor over a WorkerPool (the CLI's `ggs sweep`, the
 * benchmark): each point goes to a worker as base + assignments (pool.runPoint),
 * so the study's scenario crosses to each worker once, not once per point.
 */
import type { Executor } from '../../solver/whatif/execute.ts';
import type { WorkerPool } from './pool.ts';

export const poolExecutor = (pool: WorkerPool): Executor => (_request, { signal, outputs, point }) => pool.runPoint(point, { signal, outputs }).promise;
