/** The VPPs: bus, PV, other load, outdoor temperature and battery, one row each. */
import { useCallback, useMemo } from 'react';
import { useDocument } from '../state/document.ts';
import { useIssues } from '../state/useIssues.ts';
import { EditableGrid, type FieldColumn } from '../components/EditableGrid.tsx';
import { VppDatalists } from './VppDatalists.tsx';
import { gridRows } from './gridRows.ts';
import { addVpp, deleteVpp, setVppField } from './vppEdits.ts';
import { vppColour } from './vppColours.ts';

const NO_VPPS: never[] = [];

const COLUMNS: FieldColumn[] = [
  { key: 'id', label: 'Id', kind: 'text', width: 80 },
  { key: 'name', label: 'Name', kind: 'text', width: 120 },
  { key: 'busId', label: 'Bus', kind: 'text', width: 48, list: 'vpp-buses' },
  { key: 'pvKwp', label: 'PV', unit: 'kWp', kind: 'number', width: 60 },
  { key: 'pvProfile', label: 'PV profile', unit: 'p.u.', kind: 'series', width: 90, list: 'vpp-series' },
  { key: 'otherLoadKw', label: 'Other load', unit: 'kW', kind: 'series', placeholder: '0', width: 90, list: 'vpp-series' },
  { key: 'outdoorTempC', label: 'Outdoor', unit: '°C', kind: 'series', width: 80, list: 'vpp-series' },
  { key: 'battery.kwh', label: 'Battery', unit: 'kWh', kind: 'optionalNumber', placeholder: 'none', width: 66 },
  { key: 'battery.kw', label: 'Battery', unit: 'kW', kind: 'optionalNumber', placeholder: '—', width: 62 },
  { key: 'battery.socInitial', label: 'SOC₀', kind: 'optionalNumber', placeholder: '0.5', width: 50 },
  { key: 'battery.cycleCostPerKwh', label: 'Wear', unit: '/kWh', kind: 'optionalNumber', placeholder: '0', width: 56 },
];

export function VppTable() {
  const vpps = useDocument((s) => s.scenario.vpps ?? NO_VPPS);
  const issues = useIssues();
  const rows = useMemo(() => gridRows(vpps, COLUMNS), [vpps]);
  const onEdit = useCallback((i: number, key: string, v: unknown) => setVppField(i, key, v), []);
  return (
    <div className="vpp-editor">
      <VppDatalists />
      <p className="form-hint">
        A series field takes a number (a constant) or a profile id. Clearing the battery's kWh removes the battery.
        {vpps.length > 0 && ' Colours: '}
        {vpps.map((v, i) => (
          <span key={v.id} className="vpp-swatch" style={{ background: vppColour(i) }} title={v.name || v.id} />
        ))}
      </p>
      <EditableGrid
        rows={rows}
        columns={COLUMNS}
        basePath="vpps"
        issues={issues}
        selectedId={null}
        onSelect={() => {}}
        onEdit={onEdit}
        onDelete={deleteVpp}
        onAdd={addVpp}
        addLabel="Add VPP"
        testId="vpp-table"
      />
    </div>
  );
}
