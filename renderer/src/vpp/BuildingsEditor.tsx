/** The public buildings of every VPP: one table per VPP, every RC-model field editable inline. */
import { useMemo } from 'react';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import { useDocument } from '../state/document.ts';
import { useIssues } from '../state/useIssues.ts';
import { EditableGrid, type FieldColumn } from '../components/EditableGrid.tsx';
import { VppDatalists } from './VppDatalists.tsx';
import { gridRows } from './gridRows.ts';
import { addBuilding, deleteBuilding, setBuildingField } from './vppEdits.ts';
import { vppColour } from './vppColours.ts';

type VppInput = NonNullable<ScenarioInput['vpps']>[number];
const NO_VPPS: never[] = [];

const COLUMNS: FieldColumn[] = [
  { key: 'id', label: 'Id', kind: 'text', width: 90 },
  { key: 'name', label: 'Name', kind: 'text', width: 110 },
  { key: 'floorAreaM2', label: 'Area', unit: 'm²', kind: 'number', width: 58 },
  { key: 'rCPerKw', label: 'R', unit: '°C/kW', kind: 'number', width: 58 },
  { key: 'cKwhPerC', label: 'C', unit: 'kWh/°C', kind: 'number', width: 62 },
  { key: 'acKw', label: 'AC', unit: 'kW', kind: 'number', width: 52 },
  { key: 'cop', label: 'COP', kind: 'number', width: 44 },
  { key: 'setpointC', label: 'Set-point', unit: '°C', kind: 'number', width: 62 },
  { key: 'comfort.minC', label: 'Band min', unit: '°C', kind: 'number', width: 58 },
  { key: 'comfort.maxC', label: 'Band max', unit: '°C', kind: 'number', width: 58 },
  { key: 'comfortUnoccupied.minC', label: 'Unocc. min', unit: '°C', kind: 'optionalNumber', placeholder: 'band', width: 62 },
  { key: 'comfortUnoccupied.maxC', label: 'Unocc. max', unit: '°C', kind: 'optionalNumber', placeholder: 'band', width: 62 },
  { key: 'occupancy', label: 'Occupancy', kind: 'series', placeholder: '1', width: 90, list: 'vpp-series' },
  { key: 'internalGainsKw', label: 'Gains', unit: 'kW', kind: 'series', placeholder: '0', width: 90, list: 'vpp-series' },
  { key: 'control', label: 'Control', kind: 'optionalText', placeholder: 'flexible', width: 74, list: 'vpp-control' },
  { key: 'discomfortCostPerCh', label: 'Discomfort', unit: '/°C·h', kind: 'optionalNumber', placeholder: '0', width: 66 },
  { key: 'mode', label: 'Mode', kind: 'optionalText', placeholder: 'cooling', width: 66, list: 'vpp-mode' },
  { key: 'initialTempC', label: 'T₀', unit: '°C', kind: 'optionalNumber', placeholder: 'set-point', width: 62 },
];

function VppBuildings({ vpp, index }: { vpp: VppInput; index: number }) {
  const issues = useIssues();
  const buildings = vpp.buildings ?? NO_VPPS;
  const rows = useMemo(() => gridRows(buildings, COLUMNS), [buildings]);
  return (
    <section className="vpp-buildings">
      <h3>
        <span className="vpp-swatch" style={{ background: vppColour(index) }} aria-hidden />
        {vpp.name || vpp.id} <span className="muted">({buildings.length})</span>
      </h3>
      <EditableGrid
        rows={rows}
        columns={COLUMNS}
        basePath={`vpps[${index}].buildings`}
        issues={issues}
        selectedId={null}
        onSelect={() => {}}
        onEdit={(bi, key, v) => setBuildingField(index, bi, key, v)}
        onDelete={(bi) => deleteBuilding(index, bi)}
        onAdd={() => addBuilding(index)}
        addLabel={`Add building to ${vpp.name || vpp.id}`}
        testId={`buildings-${index}`}
      />
    </section>
  );
}

export function BuildingsEditor() {
  const vpps = useDocument((s) => s.scenario.vpps ?? NO_VPPS);
  return (
    <div className="vpp-editor">
      <VppDatalists />
      <p className="form-hint">
        First-order RC model (docs/models/vpp.md). Constant control holds the set-point; flexible lets the indoor temperature move inside the band (the unoccupied band when occupancy &lt; 0.5).
      </p>
      {vpps.length === 0 && <p className="muted">No VPPs yet: add one under VPPs.</p>}
      {vpps.map((v, i) => (
        <VppBuildings key={i} vpp={v} index={i} />
      ))}
    </div>
  );
}
