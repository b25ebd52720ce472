/** Tree sections of the Bayesian models (inserted into SECTIONS before What-if). */
import type { Section } from '../section.ts';

export const BAYES_SECTIONS: Section[] = [
  { id: 'kda', label: 'k-double auction', issuePrefix: 'kda' },
  { id: 'evFleets', label: 'EV fleets', count: (s) => s.evFleets?.length ?? 0, issuePrefix: 'evFleets' },
  { id: 'evMarket', label: 'EV microgrid', parent: 'evFleets', issuePrefix: 'evMarket', visible: (s) => (s.evFleets?.length ?? 0) > 0 || s.evMarket !== undefined },
];
