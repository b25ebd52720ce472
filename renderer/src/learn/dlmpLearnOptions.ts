/** The dlmp-learn job's options the Run panel offers (the zod schema in solver/jobs/kinds/dlmpLearn.ts holds defaults and checks). */
export const DLMP_LEARN_OPTION_FIELDS = [
  { key: 'episodes', label: 'Episodes', placeholder: '150' },
  { key: 'samples', label: 'OPF samples for the surrogate', placeholder: '400' },
  { key: 'surrogateEpochs', label: 'Surrogate epochs', placeholder: '300' },
  { key: 'carbonPricePerKg', label: 'Carbon price per kg', placeholder: '0.1' },
  { key: 'evalLoads', label: 'Load levels evaluated', placeholder: '3' },
];
