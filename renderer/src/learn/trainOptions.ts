/**
 * The train job's options the Run panel offers (the zod schema in
 * solver/jobs/kinds/train.ts holds the checks). An empty field runs with the
 * scenario's `learning.training` value, shown as the placeholder; a typed
 * value overrides it for the runs from this panel.
 */
import { LEARNING_TRAINING_DEFAULTS, type ScenarioInput } from '../../../solver/scenario/schema.ts';

type Key = 'episodes' | 'seeds' | 'updateEvery' | 'knownOptimumEpisodes';
const fromScenario = (key: Key) => (s: ScenarioInput) => String(s.learning?.training?.[key] ?? LEARNING_TRAINING_DEFAULTS[key]);

export const TRAIN_OPTION_FIELDS = [
  { key: 'episodes', label: 'Episodes', placeholder: fromScenario('episodes') },
  { key: 'seeds', label: 'Seeds', placeholder: fromScenario('seeds') },
  { key: 'updateEvery', label: 'Update every (steps)', placeholder: fromScenario('updateEvery') },
  { key: 'knownOptimumEpisodes', label: 'Known-optimum check episodes', placeholder: fromScenario('knownOptimumEpisodes') },
];
