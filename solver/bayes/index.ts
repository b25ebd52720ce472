/** Bayesian-equilibrium engine: finite types with priors, gridded actions, iterated best response, deviation certificate. */
export * from './game.ts';
export * from './grid.ts';
export * from './typeProfiles.ts';
export * from './bestResponse.ts';
export * from './deviationGain.ts';
export * from './solve.ts';
