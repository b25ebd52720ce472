/** Run-panel options of the Bayesian jobs (defaults and checks live in solver/contract.ts). */
export const KDA_OPTION_FIELDS = [
  { key: 'maxIterations', label: 'Max sweeps', placeholder: '1000' },
  { key: 'damping', label: 'Damping', placeholder: '1' },
  { key: 'epsilon', label: 'ε', placeholder: '1e-9' },
  { key: 'certificateRefinement', label: 'Cert. refinement', placeholder: '4' },
];
export const EV_BAYESIAN_OPTION_FIELDS = [
  { key: 'actionPoints', label: 'Action points', placeholder: '41' },
  { key: 'sampleSize', label: 'Sample size', placeholder: '64' },
  { key: 'epsilon', label: 'ε money', placeholder: '1e-6' },
  { key: 'certificateRefinement', label: 'Cert. refinement', placeholder: '4' },
];
