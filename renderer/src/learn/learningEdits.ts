/**
 * Edits of the `learning` section (the train job's community and its
 * hyper-parameters), each one undo step. Values that do not parse are stored
 * as typed, so validation names the path (`learning.training.episodes`) and
 * the text stays in the cell. Nested objects (`battery`, `training`) are
 * created on the first edit and a cleared field is removed, so an untouched
 * field keeps meaning "the default".
 */
import type { Draft } from 'immer';
import { LearningSection, type ScenarioInput } from '../../../solver/scenario/schema.ts';
import { useDocument } from '../state/document.ts';

type Obj = Record<string, unknown>;

/** `learning.households`, `learning.battery.powerKw`, `learning.training.hidden`, … */
export const setLearningField = (path: string, value: unknown) =>
  useDocument.getState().edit((d: Draft<ScenarioInput>) => {
    if (!d.learning) return;
    const keys = path.split('.').slice(1);
    const leaf = keys.pop()!;
    let at = d.learning as unknown as Obj;
    for (const k of keys) at = (at[k] ??= {}) as Obj;
    const v = leaf === 'hidden' ? parseLayers(value) : value;
    if (v === undefined) delete at[leaf];
    else at[leaf] = v;
  });

/** "32, 32" → [32, 32]; text that is not a list of numbers is kept as typed (validation flags it). */
export function parseLayers(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const parts = value.split(/[\s,]+/).filter(Boolean);
  if (parts.length === 0) return undefined;
  const ns = parts.map(Number);
  return ns.every(Number.isFinite) ? ns : value;
}

/** The default community (the schema's defaults, written out so the teacher sees and edits them); training keeps its defaults unset. */
export const defaultLearningSection = () => LearningSection.parse({});

export const addLearningSection = () =>
  useDocument.getState().edit((d) => {
    d.learning ??= defaultLearningSection();
  });

export const removeLearningSection = () =>
  useDocument.getState().edit((d) => {
    delete d.learning;
  });
