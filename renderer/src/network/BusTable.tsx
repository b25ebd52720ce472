import { useCallback } from 'react';
import { useDocument } from '../state/document.ts';
import { useSession } from '../state/session.ts';
import { useIssues } from '../state/useIssues.ts';
import { EditableGrid, type FieldColumn } from '../components/EditableGrid.tsx';
import { ProfileIdList } from '../components/IdLists.tsx';
import { addBus, deleteBus, setListField } from './networkEdits.ts';

const COLUMNS: FieldColumn[] = [
  { key: 'id', label: 'Id', kind: 'text', width: 56 },
  { key: 'name', label: 'Name', kind: 'text', width: 110 },
  { key: 'pdKw', label: 'P', unit: 'kW', kind: 'number', placeholder: '0', width: 70 },
  { key: 'qdKvar', label: 'Q', unit: 'kvar', kind: 'number', placeholder: '0', width: 70 },
  { key: 'loadProfile', label: 'Profile', kind: 'optionalText', placeholder: 'constant', width: 96, list: 'profile-ids' },
  { key: 'vminPu', label: 'Vmin', unit: 'p.u.', kind: 'number', placeholder: '0.95', width: 62 },
  { key: 'vmaxPu', label: 'Vmax', unit: 'p.u.', kind: 'number', placeholder: '1.05', width: 62 },
  { key: 'baseKv', label: 'Base', unit: 'kV', kind: 'optionalNumber', placeholder: 'feeder', width: 62 },
];

/** The bus table: every field editable inline, validated as you go. */
export function BusTable() {
  const buses = useDocument((s) => s.scenario.network.buses);
  const selected = useSession((s) => s.selectedBus);
  const issues = useIssues();
  const onEdit = useCallback((i: number, key: string, v: unknown) => setListField('buses', i, key, v), []);
  return (
    <>
      <ProfileIdList id="profile-ids" />
      <EditableGrid
        rows={buses as never}
        columns={COLUMNS}
        basePath="network.buses"
        issues={issues}
        selectedId={selected}
        onSelect={(id) => useSession.getState().set({ selectedBus: id })}
        onEdit={onEdit}
        onDelete={deleteBus}
        onAdd={() => addBus(selected)}
        addLabel="Add bus (fed from the selected bus)"
        testId="bus-table"
      />
    </>
  );
}
