/**
 * Resolving a `Series` field (a constant or `{ profile: id }`) to one value
 * per period. Validation has already checked that the profile exists and
 * holds T values, so a missing one here is a programming error.
 */
import type { Scenario, Series } from './schema.ts';

export function seriesValues(scenario: Scenario, series: Series): Float64Array {
  const { T } = scenario.time;
  if (typeof series === 'number') return new Float64Array(T).fill(series);
  const profile = scenario.profiles.find((p) => p.id === series.profile);
  if (!profile) throw new Error(`profile "${series.profile}" does not exist (validation should have caught it)`);
  return Float64Array.from(profile.values.slice(0, T));
}
