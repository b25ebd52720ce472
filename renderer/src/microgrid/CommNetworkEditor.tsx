/**
 * The communication network the trades' data is routed over (mg-energy-comm,
 * scenario.communicationNetwork): κ (kbit/s per kW traded), the cost of
 * delay, and one row per link — its two ends (microgrid ids, or any other id
 * for a router), bandwidth, price and latency. Issues show at their paths
 * (`communicationNetwork.links[1].to`).
 */
import { useCallback, useMemo } from 'react';
import { useDocument } from '../state/document.ts';
import { useIssues } from '../state/useIssues.ts';
import { EditableGrid, type FieldColumn } from '../components/EditableGrid.tsx';
import { FormField } from '../components/FormField.tsx';
import { gridRows } from '../vpp/gridRows.ts';
import { addCommNetworkLink, deleteCommNetworkLink, setCommNetworkField, setCommNetworkLinkField } from './microgridEdits.ts';

const COLUMNS: FieldColumn[] = [
  { key: 'id', label: 'Id', kind: 'text', width: 90 },
  { key: 'from', label: 'From', kind: 'text', width: 80, list: 'mg-comm-nodes' },
  { key: 'to', label: 'To', kind: 'text', width: 80, list: 'mg-comm-nodes' },
  { key: 'bandwidthKbps', label: 'Bandwidth', unit: 'kbit/s', kind: 'number', width: 110 },
  { key: 'costPerKbpsH', label: 'Price', unit: '/kbit/s·h', kind: 'optionalNumber', placeholder: '0', width: 110 },
  { key: 'latencyMs', label: 'Latency', unit: 'ms', kind: 'optionalNumber', placeholder: '0', width: 90 },
];

const NONE: never[] = [];

export function CommNetworkEditor() {
  const links = useDocument((s) => s.scenario.communicationNetwork?.links ?? NONE);
  const microgrids = useDocument((s) => s.scenario.microgrids ?? NONE);
  const issues = useIssues();
  const rows = useMemo(() => gridRows(links, COLUMNS), [links]);
  const nodes = useMemo(() => [...new Set([...microgrids.map((m) => m.id), ...links.flatMap((l) => [l.from, l.to])])], [microgrids, links]);
  const onEdit = useCallback((i: number, key: string, v: unknown) => setCommNetworkLinkField(i, key, v), []);
  return (
    <div data-testid="mg-comm-network-editor">
      <datalist id="mg-comm-nodes">
        {nodes.map((id) => (
          <option key={id} value={id} />
        ))}
      </datalist>
      <p className="form-hint">
        For the job <code>mg-energy-comm</code>: every kW two microgrids trade needs this much data routed between them over these links. An end that is not a microgrid is a router; a microgrid on no link cannot trade.
      </p>
      <FormField path="communicationNetwork.kbpsPerKw" label="Data per kW traded" unit="kbit/s" kind="optionalNumber" placeholder="1" issues={issues} commit={setCommNetworkField} />
      <FormField path="communicationNetwork.delayCostPerKbpsMsH" label="Cost of delay" unit="per ms and kbit/s·h" kind="optionalNumber" placeholder="0" issues={issues} commit={setCommNetworkField} />
      <EditableGrid rows={rows} columns={COLUMNS} basePath="communicationNetwork.links" issues={issues} selectedId={null} onSelect={() => {}} onEdit={onEdit} onDelete={deleteCommNetworkLink} onAdd={addCommNetworkLink} addLabel="Add link" testId="mg-comm-network" />
    </div>
  );
}
