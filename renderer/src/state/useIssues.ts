import { useMemo } from 'react';
import { validateScenario } from '../../../solver/scenario/validate.ts';
import { useDocument } from './document.ts';

/** Validation issues of the document being edited, by JSON path (re-validated once per edit). */
export function useIssues(): Map<string, string> {
  const scenario = useDocument((s) => s.scenario);
  return useMemo(() => {
    const v = validateScenario(scenario);
    const map = new Map<string, string>();
    if (!v.ok) for (const i of v.issues) map.set(i.path, map.has(i.path) ? `${map.get(i.path)}; ${i.message}` : i.message);
    return map;
  }, [scenario]);
}

/** Issues under `prefix` (e.g. a row `network.buses[3]`) that no column shows, so they are not lost. */
export function issuesUnder(issues: Map<string, string>, prefix: string): string[] {
  const out: string[] = [];
  for (const [p, m] of issues) if (p === prefix || p.startsWith(prefix + '.') || p.startsWith(prefix + '[')) out.push(`${p}: ${m}`);
  return out;
}
