/** The train job's options the Run panel offers (the zod schema in solver/jobs/kinds/train.ts holds defaults and checks). */
export const TRAIN_OPTION_FIELDS = [
  { key: 'episodes', label: 'Episodes', placeholder: '30' },
  { key: 'seeds', label: 'Seeds', placeholder: '3' },
  { key: 'updateEvery', label: 'Update every (steps)', placeholder: '8' },
  { key: 'knownOptimumEpisodes', label: 'Known-optimum check episodes', placeholder: '600' },
];
