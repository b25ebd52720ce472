/** Job kinds solved as linear programs: only they offer, send and cache under an LP backend. */
import type { JobKind } from '../../../solver/contract.ts';

const LP_JOBS: ReadonlySet<JobKind> = new Set(['opf', 'portfolio']);

export const isLpJob = (kind: JobKind) => LP_JOBS.has(kind);

/** The `backend` part of a request: the chosen one for LP jobs, nothing for the others (so their cache keys ignore it). */
export const lpBackendFor = (kind: JobKind, backend: 'glpk' | 'highs') => (isLpJob(kind) ? { backend } : {});
