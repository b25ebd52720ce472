/**
 * The document's scenario preview, recomputed a moment after the last edit
 * (not on every keystroke's commit in a burst) and once per document state
 * however many views show it.
 */
import { useEffect, useState } from 'react';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import { useDocument } from '../state/document.ts';
import { scenarioPreview } from './simulationPreview.ts';

type Preview = ReturnType<typeof scenarioPreview> & { ms: number };

const computed = new WeakMap<ScenarioInput, Preview>();
const DEBOUNCE_MS = 120;

function previewOf(scenario: ScenarioInput): Preview {
  let p = computed.get(scenario);
  if (!p) {
    const t0 = performance.now();
    p = { ...scenarioPreview(scenario), ms: 0 };
    p.ms = performance.now() - t0;
    computed.set(scenario, p);
  }
  return p;
}

/** The preview of the current document, or of the previous one while the next is pending; null before the first. */
export function useScenarioPreview(): { preview: Preview | null; pending: boolean } {
  const scenario = useDocument((s) => s.scenario);
  const [shown, setShown] = useState<{ scenario: ScenarioInput; preview: Preview } | null>(() => (computed.has(scenario) ? { scenario, preview: computed.get(scenario)! } : null));
  useEffect(() => {
    if (shown?.scenario === scenario) return;
    const cached = computed.get(scenario);
    if (cached) return setShown({ scenario, preview: cached });
    const timer = setTimeout(() => setShown({ scenario, preview: previewOf(scenario) }), shown ? DEBOUNCE_MS : 0);
    return () => clearTimeout(timer);
  }, [scenario, shown]);
  return { preview: shown?.preview ?? null, pending: shown?.scenario !== scenario };
}
