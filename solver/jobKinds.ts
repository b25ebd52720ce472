/**
 * The job kinds, in a module of their own so the scenario schema can name
 * them (a scenario's `metadata.job`) without importing the job contract,
 * which itself builds on the scenario schema.
 */
export const JOB_KINDS = ['powerflow', 'opf', 'vpp-game', 'portfolio', 'portfolio-evaluate', 'kda', 'ev-bayesian', 'mechanism', 'mg-bargaining', 'dual-ascent', 'mg-energy-comm', 'dso-fees', 'dso-fees-evaluate', 'ledger', 'consensus', 'traffic', 'forecast', 'evcs-market', 'train', 'adn-operator', 'dlmp-learn', 'community-design'] as const;
export type JobKind = (typeof JOB_KINDS)[number];
