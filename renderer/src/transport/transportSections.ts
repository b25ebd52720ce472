/** Tree sections of the road network and the EV charging market (issue 20), inserted into SECTIONS. */
import type { Section } from '../section.ts';

const hasRoads = (s: { transport?: unknown }) => s.transport !== undefined;
const hasEvcs = (s: { evcs?: unknown }) => s.evcs !== undefined;

export const TRANSPORT_SECTIONS: Section[] = [
  { id: 'roads', label: 'Roads', issuePrefix: 'transport', issueTest: /^transport($|\.(tollWeight|lengthWeight|source)$)/ },
  { id: 'roadNodes', label: 'Nodes', parent: 'roads', count: (s) => s.transport?.nodes.length ?? 0, issuePrefix: 'transport.nodes', visible: hasRoads },
  { id: 'roadLinks', label: 'Links', parent: 'roads', count: (s) => s.transport?.links.length ?? 0, issuePrefix: 'transport.links', visible: hasRoads },
  { id: 'roadDemand', label: 'Trips', parent: 'roads', count: (s) => s.transport?.demand.length ?? 0, issuePrefix: 'transport.demand', visible: hasRoads },
  { id: 'evcs', label: 'EV charging', issuePrefix: 'evcs', issueTest: /^evcs($|\.(energyPerEvKwh|valueOfTimePerHour|dso)($|\.))/, visible: (s) => hasRoads(s) || hasEvcs(s) },
  { id: 'evcsStations', label: 'Stations', parent: 'evcs', count: (s) => s.evcs?.stations.length ?? 0, issuePrefix: 'evcs.stations', visible: hasEvcs },
  { id: 'evcsProsumers', label: 'Prosumers', parent: 'evcs', count: (s) => s.evcs?.prosumers?.length ?? 0, issuePrefix: 'evcs.prosumers', visible: hasEvcs },
  { id: 'evcsDemand', label: 'EV origins', parent: 'evcs', count: (s) => s.evcs?.demand.length ?? 0, issuePrefix: 'evcs.demand', visible: hasEvcs },
];
