/**
 * Tables of the feeder's distributed resources — PV plants, batteries,
 * dispatchable generators — each row at a bus, every field editable inline
 * and validated at its JSON path (`network.der.pv[2].kwp`).
 */
import { useCallback } from 'react';
import { useDocument } from '../state/document.ts';
import { useSession } from '../state/session.ts';
import { useIssues } from '../state/useIssues.ts';
import { EditableGrid, type FieldColumn } from '../components/EditableGrid.tsx';
import { BusIdList, ProfileIdList } from '../components/IdLists.tsx';
import { addDer, deleteDer, setDerField, type DerKind } from './derEdits.ts';

const ID_NAME_BUS: FieldColumn[] = [
  { key: 'id', label: 'Id', kind: 'text', width: 64 },
  { key: 'name', label: 'Name', kind: 'text', width: 130 },
  { key: 'busId', label: 'Bus', kind: 'text', width: 48, list: 'der-bus-ids' },
];

const COLUMNS: Record<DerKind, FieldColumn[]> = {
  pv: [
    ...ID_NAME_BUS,
    { key: 'kwp', label: 'Peak', unit: 'kWp', kind: 'number', width: 62 },
    { key: 'irradiance', label: 'Irradiance', unit: 'p.u.', kind: 'series', placeholder: 'profile or value', width: 96, list: 'der-profile-ids' },
    { key: 'inverterKva', label: 'Inverter', unit: 'kVA', kind: 'optionalNumber', placeholder: '= kWp', width: 92 },
    { key: 'reactive', label: 'Q', kind: 'boolean', width: 30 },
    { key: 'minPowerFactor', label: 'Min pf', kind: 'optionalNumber', placeholder: '0.9', width: 56 },
  ],
  batteries: [
    ...ID_NAME_BUS,
    { key: 'kwh', label: 'Energy', unit: 'kWh', kind: 'number', width: 84 },
    { key: 'kw', label: 'Power', unit: 'kW', kind: 'number', width: 76 },
    { key: 'etaCharge', label: 'η ch', kind: 'optionalNumber', placeholder: '0.95', width: 52 },
    { key: 'etaDischarge', label: 'η dis', kind: 'optionalNumber', placeholder: '0.95', width: 52 },
    { key: 'socMin', label: 'SOC min', kind: 'optionalNumber', placeholder: '0.1', width: 70 },
    { key: 'socMax', label: 'SOC max', kind: 'optionalNumber', placeholder: '0.9', width: 70 },
    { key: 'socInitial', label: 'SOC 0', kind: 'optionalNumber', placeholder: '0.5', width: 54 },
  ],
  generators: [
    ...ID_NAME_BUS,
    { key: 'pMinKw', label: 'Pmin', unit: 'kW', kind: 'optionalNumber', placeholder: '0', width: 56 },
    { key: 'pMaxKw', label: 'Pmax', unit: 'kW', kind: 'number', width: 56 },
    { key: 'qMinKvar', label: 'Qmin', unit: 'kvar', kind: 'optionalNumber', placeholder: '0', width: 56 },
    { key: 'qMaxKvar', label: 'Qmax', unit: 'kvar', kind: 'optionalNumber', placeholder: '0', width: 56 },
    { key: 'costPerKwh', label: 'Cost', unit: '/kWh', kind: 'number', width: 60 },
    { key: 'carbonKgPerKwh', label: 'Carbon', unit: 'kg/kWh', kind: 'optionalNumber', placeholder: '0', width: 64 },
  ],
};

const ADD_LABEL: Record<DerKind, string> = {
  pv: 'Add PV at the selected bus',
  batteries: 'Add battery at the selected bus',
  generators: 'Add generator at the selected bus',
};

/** The resources of one kind. Selecting a row selects its bus on the diagram. */
export function DerTable({ kind }: { kind: DerKind }) {
  const rows = useDocument((s) => s.scenario.network.der?.[kind] ?? []);
  const selectedBus = useSession((s) => s.selectedBus);
  const issues = useIssues();
  const onEdit = useCallback((i: number, key: string, v: unknown) => setDerField(kind, i, key, v), [kind]);
  const onDelete = useCallback((i: number) => deleteDer(kind, i), [kind]);
  const selectedId = (rows as { id: string; busId: string }[]).find((r) => r.busId === selectedBus)?.id ?? null;
  return (
    <>
      <BusIdList id="der-bus-ids" />
      <ProfileIdList id="der-profile-ids" />
      <EditableGrid
        rows={rows as never}
        columns={COLUMNS[kind]}
        basePath={`network.der.${kind}`}
        issues={issues}
        selectedId={selectedId}
        onSelect={(id) => {
          const row = (rows as { id: string; busId: string }[]).find((r) => r.id === id);
          if (row) useSession.getState().set({ selectedBus: row.busId });
        }}
        onEdit={onEdit}
        onDelete={onDelete}
        onAdd={() => addDer(kind, selectedBus)}
        addLabel={ADD_LABEL[kind]}
        testId={`${kind}-table`}
      />
    </>
  );
}
