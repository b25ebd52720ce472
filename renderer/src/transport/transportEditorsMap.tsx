/** Centre-pane editors of the road and EV charging sections (issue 20). */
import type { ReactNode } from 'react';
import { OdDemandTable, RoadLinkTable, RoadNodeTable, TransportSettings } from './TransportEditors.tsx';
import { EvcsSettings, EvOriginTable, ProsumerTable, StationTable } from '../evcs/EvcsEditors.tsx';

type Id = 'roads' | 'roadNodes' | 'roadLinks' | 'roadDemand' | 'evcs' | 'evcsStations' | 'evcsProsumers' | 'evcsDemand';

export const TRANSPORT_EDITORS: Record<Id, { title: string; diagram: boolean; body: () => ReactNode }> = {
  roads: { title: 'Road network', diagram: false, body: () => <TransportSettings /> },
  roadNodes: { title: 'Road nodes', diagram: false, body: () => <RoadNodeTable /> },
  roadLinks: { title: 'Road links', diagram: false, body: () => <RoadLinkTable /> },
  roadDemand: { title: 'Trips (OD demand)', diagram: false, body: () => <OdDemandTable /> },
  evcs: { title: 'EV charging: drivers and the DSO', diagram: false, body: () => <EvcsSettings /> },
  evcsStations: { title: 'Charging stations', diagram: false, body: () => <StationTable /> },
  evcsProsumers: { title: 'Prosumers (P2P partners)', diagram: false, body: () => <ProsumerTable /> },
  evcsDemand: { title: 'EV origins', diagram: false, body: () => <EvOriginTable /> },
};
