/**
 * The road network's editors (issue 20): network settings, nodes with their
 * coordinates, links with free-flow time, capacity and BPR α/β, and the OD
 * trips. Each table cell edits one field of the `transport` section and
 * shows the validation issue at its path (`transport.links[3].capacityVehPerH`);
 * every edit is one undo step. The road diagram above the tables shows what
 * is being edited and selects with them.
 */
import { useCallback } from 'react';
import { useDocument } from '../state/document.ts';
import { useIssues } from '../state/useIssues.ts';
import { EditableGrid, type FieldColumn } from '../components/EditableGrid.tsx';
import { FormField } from '../components/FormField.tsx';
import { RoadDiagram } from './RoadDiagram.tsx';
import { selectRoad, useRoadSelection } from './roadSelection.ts';
import { addLink, addNode, addOd, addReverseLink, createRoadNetwork, deleteLink, deleteNode, deleteOd, setLinkField, setNodeField, setOdField, setTransportField } from './transportEdits.ts';

const NONE: never[] = [];

const NODE_COLUMNS: FieldColumn[] = [
  { key: 'id', label: 'Id', kind: 'text', width: 56 },
  { key: 'name', label: 'Name', kind: 'text', width: 120 },
  { key: 'x', label: 'x', kind: 'number', width: 90 },
  { key: 'y', label: 'y', kind: 'number', width: 90 },
  { key: 'through', label: 'Through traffic', kind: 'boolean', width: 70 },
];

const LINK_COLUMNS: FieldColumn[] = [
  { key: 'id', label: 'Id', kind: 'text', width: 56 },
  { key: 'from', label: 'From', kind: 'text', width: 56, list: 'road-node-ids' },
  { key: 'to', label: 'To', kind: 'text', width: 56, list: 'road-node-ids' },
  { key: 'freeFlowMin', label: 'Free-flow', unit: 'min', kind: 'number', width: 84 },
  { key: 'capacityVehPerH', label: 'Capacity', unit: 'veh/h', kind: 'number', width: 90 },
  { key: 'bprAlpha', label: 'BPR α', kind: 'number', placeholder: '0.15', width: 66 },
  { key: 'bprBeta', label: 'BPR β', kind: 'number', placeholder: '4', width: 66 },
  { key: 'length', label: 'Length', kind: 'optionalNumber', placeholder: '—', width: 70 },
  { key: 'toll', label: 'Toll', kind: 'optionalNumber', placeholder: '0', width: 64 },
];

const OD_COLUMNS: FieldColumn[] = [
  { key: 'from', label: 'From', kind: 'text', width: 70, list: 'road-node-ids' },
  { key: 'to', label: 'To', kind: 'text', width: 70, list: 'road-node-ids' },
  { key: 'vehPerH', label: 'Trips', unit: 'veh/h', kind: 'number', width: 90 },
];

export function RoadNodeIdList() {
  const nodes = useDocument((s) => s.scenario.transport?.nodes ?? NONE);
  return (
    <datalist id="road-node-ids">
      {nodes.map((n) => (
        <option key={n.id} value={n.id} />
      ))}
    </datalist>
  );
}

/** Shown in place of a table while the scenario has no road network. */
function NoRoads() {
  return (
    <div className="form">
      <p className="form-hint">This scenario has no road network. Start one here, or import a TNTP city (File → Import TNTP…).</p>
      <button onClick={createRoadNetwork} data-testid="create-roads">
        Start a road network
      </button>
    </div>
  );
}

export function TransportSettings() {
  const issues = useIssues();
  const transport = useDocument((s) => s.scenario.transport);
  if (!transport) return <NoRoads />;
  return (
    <div className="form" data-testid="roads-editor">
      <RoadDiagram />
      <h3>Generalised cost</h3>
      <FormField path="transport.tollWeight" label="Toll weight" unit="min per currency unit" kind="optionalNumber" placeholder="0" issues={issues} commit={setTransportField} hint="TNTP's toll factor; 0 ignores tolls" />
      <FormField path="transport.lengthWeight" label="Length weight" unit="min per unit of length" kind="optionalNumber" placeholder="0" issues={issues} commit={setTransportField} hint="TNTP's distance factor; 0 ignores lengths" />
      <p className="form-hint">
        {transport.nodes.length} nodes, {transport.links.length} links, {transport.demand.length} OD pairs
        {transport.source ? ` · source: ${transport.source}` : ''}
      </p>
    </div>
  );
}

export function RoadNodeTable() {
  const nodes = useDocument((s) => s.scenario.transport?.nodes);
  const selected = useRoadSelection((s) => s.node);
  const issues = useIssues();
  const onEdit = useCallback((i: number, key: string, v: unknown) => setNodeField(i, key, v), []);
  if (!nodes) return <NoRoads />;
  return (
    <>
      <RoadDiagram />
      <p className="form-hint">Coordinates in the data set's own planar unit. A node without through traffic is a zone centroid: trips start and end there, but no route passes it. Renaming a node renames it in links, trips and stations.</p>
      <EditableGrid rows={nodes as never} columns={NODE_COLUMNS} basePath="transport.nodes" issues={issues} selectedId={selected} onSelect={(id) => selectRoad({ node: id })} onEdit={onEdit} onDelete={deleteNode} onAdd={() => addNode(selected)} addLabel="Add node (beside the selected one)" testId="road-node-table" />
    </>
  );
}

export function RoadLinkTable() {
  const links = useDocument((s) => s.scenario.transport?.links);
  const selected = useRoadSelection((s) => s.link);
  const selectedNode = useRoadSelection((s) => s.node);
  const issues = useIssues();
  const onEdit = useCallback((i: number, key: string, v: unknown) => setLinkField(i, key, v), []);
  if (!links) return <NoRoads />;
  const selectedIndex = links.findIndex((l) => l.id === selected);
  return (
    <>
      <RoadDiagram />
      <RoadNodeIdList />
      <p className="form-hint">Travel time t = free-flow · (1 + α·(flow / capacity)^β) (BPR). Links are one-way: a two-way street is two links.</p>
      <EditableGrid rows={links as never} columns={LINK_COLUMNS} basePath="transport.links" issues={issues} selectedId={selected} onSelect={(id) => selectRoad({ link: id })} onEdit={onEdit} onDelete={deleteLink} onAdd={() => addLink(selectedNode)} addLabel="Add link (from the selected node)" testId="road-link-table" />
      <button disabled={selectedIndex < 0} onClick={() => addReverseLink(selectedIndex)} data-testid="add-reverse-link">
        Add the selected link's reverse direction
      </button>
    </>
  );
}

export function OdDemandTable() {
  const demand = useDocument((s) => s.scenario.transport?.demand);
  const issues = useIssues();
  const onEdit = useCallback((i: number, key: string, v: unknown) => setOdField(i, key, v), []);
  if (!demand) return <NoRoads />;
  return (
    <>
      <RoadNodeIdList />
      <p className="form-hint">Background trips from one node to another in the hour; the EVs looking for a charge are in EV charging → EV origins.</p>
      <EditableGrid rows={demand as never} columns={OD_COLUMNS} basePath="transport.demand" issues={issues} selectedId={null} onSelect={() => {}} onEdit={onEdit} onDelete={deleteOd} onAdd={addOd} addLabel="Add OD pair" testId="road-od-table" />
    </>
  );
}
