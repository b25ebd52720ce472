/**
 * The content hash of a job request, written into
 * JobResult.scenarioHash by the job runner: defaults filled in (options {},
 * seed 1, backend glpk) so that an omitted default and an explicit one hash
 * alike. A study caches point results under it, so a point whose request has
 * not changed is never recomputed.
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
