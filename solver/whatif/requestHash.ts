/**
 * The content hash of a job request, exactly as the job runner computes
 * JobResult.scenarioHash (solver/jobs/run.ts): defaults filled in (options {},
 * seed 1, backend glpk) so that an omitted default and an explicit one hash
 * alike. A study caches point results under it, so a point whose request has
 * not changed is never recomputed. A test keeps the two in step.
 */
import type { JobRequest } from '../contract.ts';
import { contentHash } from '../hash.ts';

export function requestHash(request: JobRequest): string {
  return contentHash({
    kind: request.kind,
    scenario: request.scenario,
    options: request.options ?? {},
    seed: request.seed ?? 1,
    backend: request.backend ?? 'glpk',
  });
}
