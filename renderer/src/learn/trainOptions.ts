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

/** The adn-operator job's options the Run panel offers (zod schema: solver/jobs/kinds/adnOperator.ts). */
export const ADN_OPERATOR_OPTION_FIELDS = [
  { key: 'episodes', label: 'Episodes', placeholder: '60' },
  { key: 'blocks', label: 'Tariff blocks', placeholder: '1' },
  { key: 'lossCostPerKw2h', label: 'Loss cost κ per kW²h', placeholder: '2e-4' },
  { key: 'oraclePoints', label: 'Oracle points per block', placeholder: '11' },
];

/** The community-design job's options in the Run panel (the rest: defaults, or `ggs solve --option`). */
export const COMMUNITY_DESIGN_OPTION_FIELDS = [
  { key: 'populations', label: 'Generated populations', placeholder: '120' },
  { key: 'maxCommunities', label: 'Max communities', placeholder: '4' },
  { key: 'steps', label: 'Quarter-hours', placeholder: '96' },
  { key: 'epochs', label: 'Chooser epochs', placeholder: '150' },
];
