/**
 * The mechanisms' ids and what each claims, apart from the rules themselves:
 * the `mechanism` job kind's options name them (solver/jobs/kinds/mechanism.ts),
 * and a kind module imports no solver code.
 */
export const MECHANISM_IDS = ['uniform-price', 'pay-as-bid', 'bilateral', 'vcg', 'mcafee', 'sbba', 'agv', 'cpa', 'iterative', 'iterative-coupled', 'sdr', 'mmr', 'bill-sharing'] as const;
export type MechanismId = (typeof MECHANISM_IDS)[number];

export interface MechanismInfo {
  id: MechanismId;
  label: string;
  /** the incentive property the literature claims, which the search checks */
  claim: 'dominant-strategy' | 'bayesian' | 'none';
}

export const MECHANISMS: Record<MechanismId, MechanismInfo> = {
  'uniform-price': { id: 'uniform-price', label: 'Uniform price (k-double auction)', claim: 'none' },
  'pay-as-bid': { id: 'pay-as-bid', label: 'Pay-as-bid', claim: 'none' },
  bilateral: { id: 'bilateral', label: 'Bilateral matching', claim: 'none' },
  vcg: { id: 'vcg', label: 'VCG (Clarke pivot)', claim: 'dominant-strategy' },
  mcafee: { id: 'mcafee', label: 'McAfee trade reduction', claim: 'dominant-strategy' },
  sbba: { id: 'sbba', label: 'SBBA', claim: 'dominant-strategy' },
  agv: { id: 'agv', label: 'AGV (expected externality)', claim: 'bayesian' },
  cpa: { id: 'cpa', label: 'Competition padding auction', claim: 'dominant-strategy' },
  iterative: { id: 'iterative', label: 'Iterative double auction', claim: 'none' },
  'iterative-coupled': { id: 'iterative-coupled', label: 'Iterative auction, energy and spectrum', claim: 'none' },
  sdr: { id: 'sdr', label: 'Supply–demand ratio', claim: 'none' },
  mmr: { id: 'mmr', label: 'Mid-market rate', claim: 'none' },
  'bill-sharing': { id: 'bill-sharing', label: 'Bill sharing', claim: 'none' },
};
