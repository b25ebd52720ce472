/**
 * What both Bayesian-game kinds (kda, ev-bayesian) share: their certificate,
 * the line `ggs solve` prints for it and their convergence table. Not a kind
 * itself.
 */
import { formatEpsilon } from '../../bayes/epsilon.ts';
import type { Table } from '../../results/table.ts';

export interface BayesCertificate {
  /** largest expected-utility gain of any type of any player from any action on the fine grid */
  maxDeviationGain: number;
  epsilon: number;
  isEpsilonEquilibrium: boolean;
  /** the claim in one sentence */
  statement: string;
  /** how expectations over the others' types were taken */
  method: 'exact' | 'sample';
  /** opponent type profiles per player, largest over players (enumerated or sampled) */
  typeProfiles: number;
  sampleSize: number | null;
  refinement: number;
  byPlayer: { player: string; maxGain: number; worstType: number; bestDeviation: number; fineGridPoints: number }[];
  iterations: number;
  converged: boolean;
  /** the answer went through the polishing phase (undamped best responses; docs/models/bayes.md) */
  polished: boolean;
  /** the answer is the average of a best-response cycle (docs/models/bayes.md) */
  averaged: boolean;
  /** when not an ε-equilibrium: the types whose best responses kept reversing (the cycle found), largest swing first */
  cycle: { player: string; type: number; low: number; high: number; reversals: number }[];
  /**
   * when a cycle survived the fallback: the search over its largest swing's action with the others
   * re-equilibrated (solver/bayes/cyclingType.ts) — whether it found a candidate, or the bracket
   * where that type's best response jumps over its own action (`jump`)
   */
  cycleSearch: {
    player: string;
    type: number;
    evaluations: number;
    found: boolean;
    jump: boolean;
    below: { x: number; bestResponse: number; gain: number };
    above: { x: number; bestResponse: number; gain: number };
  } | null;
  /**
   * when the cycling type's best response jumps over its own action: it mixes across the jump (solver/bayes/mixture.ts),
   * playing `low` with probability p and `high` with 1 − p, indifferent between them; every gain above (this type's from
   * either action, the others' against the mixture) is of that mixed profile. Null for a pure equilibrium.
   */
  mixture?: { player: string; type: number; low: number; high: number; p: number; evaluations: number } | null;
  /**
   * when a mixture was searched but not certified: the final bracket in p, the low action better at `a`
   * (difference U(low) − U(high) > 0) and the high one at `b`, with the type's gain from its worse action
   */
  mixtureTried?: {
    player: string;
    type: number;
    evaluations: number;
    a: { p: number; low: number; high: number; difference: number; gain: number };
    b: { p: number; low: number; high: number; difference: number; gain: number };
  };
}

/** The certificate line of `ggs solve` for a Bayesian game (none without a certificate). */
export function certificateLine(c: BayesCertificate | null): string[] {
  if (!c) return [];
  const how = c.method === 'exact' ? `exact over ${c.typeProfiles} type profiles` : `CRN sample of ${c.sampleSize} type profiles`;
  return [`certificate    max deviation gain ${c.maxDeviationGain.toExponential(2)} ${c.isEpsilonEquilibrium ? '≤' : '>'} ε = ${formatEpsilon(c.epsilon)} (${c.refinement}× finer grid and a local search, ${how}, ${c.iterations} sweep${c.iterations === 1 ? '' : 's'})`];
}

/** The convergence table of `ggs solve --out` for a Bayesian game: the largest gain and strategy change per sweep. */
export function convergenceTable(c: { maxGain: number[]; maxStrategyChange: number[] }): Table {
  return { columns: ['iteration', 'maxGain', 'maxStrategyChange'], rows: c.maxGain.map((g, k) => [k + 1, g, c.maxStrategyChange[k] ?? null]) };
}
