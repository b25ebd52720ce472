/**
 * The scenario document store. Every edit goes through `edit(recipe)` (an
 * immer recipe), and zundo records the scenario before it, so every edit is
 * undoable. Editors commit on blur/Enter, not per keystroke, so one typed
 * value is one undo step. Dirty = the scenario is not the object that was
 * last saved or opened (undoing back to it makes the document clean again).
 */
import { create } from 'zustand';
import { temporal } from 'zundo';
import { produce, type Draft } from 'immer';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import { SCHEMA_VERSION } from '../../../solver/scenario/schema.ts';
import { getAtPath, setAtPath } from '../../../solver/scenario/paths.ts';

export interface DocumentFile {
  /** path (Electron) or stored handle key (browser); null until saved somewhere */
  path: string | null;
  name: string;
}

interface DocumentState {
  scenario: ScenarioInput;
  /** the scenario as last opened or saved */
  savedScenario: ScenarioInput | null;
  file: DocumentFile;
  /** increments whenever another document is loaded (views reset their viewport) */
  generation: number;
  edit(recipe: (draft: Draft<ScenarioInput>) => void): void;
  /** sets one field by parameter path (`network.buses[3].pdKw`), the same syntax as `ggs --set` */
  setField(path: string, value: unknown): void;
  /** replaces the whole document (open, new, restore) and forgets the undo history */
  load(scenario: ScenarioInput, file: DocumentFile, opts?: { dirty?: boolean }): void;
  /** `scenario` is what was written (the user may have edited since) */
  markSaved(file: DocumentFile, scenario: ScenarioInput): void;
}

export function emptyScenario(): ScenarioInput {
  return {
    schemaVersion: SCHEMA_VERSION,
    metadata: { name: 'Untitled scenario', description: '', tags: [] },
    time: { T: 1, dtHours: 1, start: '2026-01-01T00:00' },
    profiles: [],
    network: {
      baseKv: 12.66,
      baseMva: 1,
      loadScale: 1,
      substation: { busId: '1', vmPu: 1, vaDeg: 0 },
      buses: [{ id: '1', name: 'Substation', pdKw: 0, qdKvar: 0 }],
      lines: [],
    },
  };
}

export const useDocument = create<DocumentState>()(
  temporal(
    (set, get) => ({
      scenario: emptyScenario(),
      savedScenario: null,
      file: { path: null, name: 'untitled.ggs.json' },
      generation: 0,
      edit: (recipe) => set({ scenario: produce(get().scenario, recipe) }),
      setField(path, value) {
        const scenario = get().scenario;
        if (Object.is(readField(scenario, path), value)) return;
        set({ scenario: setAtPath(scenario, path, value) });
      },
      load(scenario, file, opts) {
        set({ scenario, file, savedScenario: opts?.dirty ? null : scenario, generation: get().generation + 1 });
        useDocument.temporal.getState().clear();
      },
      markSaved: (file, scenario) => set({ file, savedScenario: scenario }),
    }),
    {
      partialize: (s) => ({ scenario: s.scenario }),
      // only scenario changes are history; file/saved bookkeeping is not
      equality: (a, b) => a.scenario === b.scenario,
      limit: 500,
    },
  ),
);
// start clean
useDocument.setState({ savedScenario: useDocument.getState().scenario });
useDocument.temporal.getState().clear();

/** The field at `path`, or undefined when the path does not resolve (an optional field not set yet). */
export function readField(scenario: ScenarioInput, path: string): unknown {
  try {
    return getAtPath(scenario, path);
  } catch {
    return undefined;
  }
}

export const isDirty = (s: Pick<DocumentState, 'scenario' | 'savedScenario'>) => s.scenario !== s.savedScenario;

export function documentTitle(name: string, dirty: boolean): string {
  return `${dirty ? '● ' : ''}${name} — GridGame Studio`;
}

export const undo = () => useDocument.temporal.getState().undo();
export const redo = () => useDocument.temporal.getState().redo();
