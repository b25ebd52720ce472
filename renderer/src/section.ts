/**
 * What a scenario-tree section is. Its own module so that the feature
 * sections (bayes/bayesSections.ts, portfolio/portfolioSections.ts) and the
 * tree that lists them (sections.ts) do not import each other.
 */
import type { ScenarioInput } from '../../solver/scenario/schema.ts';

export type SectionId = 'metadata' | 'profiles' | 'network' | 'buses' | 'lines' | 'substation' | 'pv' | 'batteries' | 'generators' | 'vpps' | 'buildings' | 'market' | 'microgrids' | 'mgCoordination' | 'kda' | 'evFleets' | 'evMarket' | 'contracts' | 'portfolioScenarios' | 'portfolioRisk' | 'roads' | 'roadNodes' | 'roadLinks' | 'roadDemand' | 'evcs' | 'evcsStations' | 'evcsProsumers' | 'evcsDemand' | 'learning' | 'whatif';

export interface Section {
  id: SectionId;
  label: string;
  /** parent section in the tree */
  parent?: SectionId;
  /** count shown beside the label */
  count?: (s: ScenarioInput) => number;
  /** JSON path prefix whose validation issues flag this section */
  issuePrefix: string;
  /** instead of the prefix, for issues nested in every item of a list (`vpps[2].buildings[0].acKw`) */
  issueTest?: RegExp;
  /** shown only when this holds (default: always) */
  visible?: (s: ScenarioInput) => boolean;
}
