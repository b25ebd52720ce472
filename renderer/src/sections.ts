/**
 * The scenario tree, written as data: each section names its editor. Later
 * issues add microgrids, VPPs, EV fleets and contracts by adding an entry
 * here and an editor component, nothing else.
 */
import type { Section } from './section.ts';
import { BAYES_SECTIONS } from './bayes/bayesSections.ts';
import { PORTFOLIO_SECTIONS } from './portfolio/portfolioSections.ts';
import { TRANSPORT_SECTIONS } from './transport/transportSections.ts';
import { LEARNING_SECTIONS } from './learn/learningSections.ts';

export type { Section, SectionId } from './section.ts';

export const SECTIONS: Section[] = [
  { id: 'metadata', label: 'Metadata & time', issuePrefix: 'metadata|time' },
  { id: 'profiles', label: 'Profiles', count: (s) => s.profiles?.length ?? 0, issuePrefix: 'profiles' },
  { id: 'network', label: 'Network', issuePrefix: 'network.baseKv|network.baseMva|network.loadScale' },
  { id: 'buses', label: 'Buses', parent: 'network', count: (s) => s.network.buses.length, issuePrefix: 'network.buses' },
  { id: 'lines', label: 'Lines', parent: 'network', count: (s) => s.network.lines?.length ?? 0, issuePrefix: 'network.lines' },
  { id: 'substation', label: 'Substation', parent: 'network', issuePrefix: 'network.substation' },
  { id: 'pv', label: 'PV', parent: 'network', count: (s) => s.network.der?.pv?.length ?? 0, issuePrefix: 'network.der.pv' },
  { id: 'batteries', label: 'Batteries', parent: 'network', count: (s) => s.network.der?.batteries?.length ?? 0, issuePrefix: 'network.der.batteries' },
  { id: 'generators', label: 'Generators', parent: 'network', count: (s) => s.network.der?.generators?.length ?? 0, issuePrefix: 'network.der.generators' },
  { id: 'vpps', label: 'VPPs', count: (s) => s.vpps?.length ?? 0, issuePrefix: 'vpps' },
  { id: 'buildings', label: 'Buildings', parent: 'vpps', count: (s) => (s.vpps ?? []).reduce((n, v) => n + (v.buildings?.length ?? 0), 0), issuePrefix: 'vpps', issueTest: /^vpps\[\d+\]\.buildings/ },
  { id: 'market', label: 'P2P market', parent: 'vpps', issuePrefix: 'market' },
  { id: 'microgrids', label: 'Microgrids', count: (s) => s.microgrids?.length ?? 0, issuePrefix: 'microgrids' },
  { id: 'mgCoordination', label: 'Coordination & links', parent: 'microgrids', issuePrefix: 'microgridCoordination|communicationNetwork' },
  ...BAYES_SECTIONS,
  ...PORTFOLIO_SECTIONS,
  ...TRANSPORT_SECTIONS,
  ...LEARNING_SECTIONS,
  // not part of the document: sweeps and grids of any job over the scenario's parameters
  { id: 'whatif', label: 'What-if', issuePrefix: 'whatif' },
];

export function sectionHasIssue(section: Section, paths: Iterable<string>): number {
  const prefixes = section.issuePrefix.split('|');
  let n = 0;
  for (const p of paths) if (section.issueTest ? section.issueTest.test(p) : prefixes.some((pre) => p === pre || p.startsWith(pre + '.') || p.startsWith(pre + '['))) n++;
  return n;
}
