/** The train job's options the Run panel offers (the zod schema in solver/jobs/kinds/train.ts holds defaults and checks). */
export const TRAIN_OPTION_FIELDS = [
  { key: 'episodes', label: 'Episodes', placeholder: '30' },
  { key: 'seeds', label: 'Seeds', placeholder: '3' },
  { key: 'updateEvery', label: 'Update every (steps)', placeholder: '8' },
  { key: 'knownOptimumEpisodes', label: 'Known-optimum check episodes', placeholder: '600' },
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
