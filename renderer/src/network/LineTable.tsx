import { useCallback } from 'react';
import { useDocument } from '../state/document.ts';
import { useSession } from '../state/session.ts';
import { useIssues } from '../state/useIssues.ts';
import { EditableGrid, type FieldColumn } from '../components/EditableGrid.tsx';
import { addLine, deleteLine, setListField } from './networkEdits.ts';

const NO_LINES: never[] = [];

const COLUMNS: FieldColumn[] = [
  { key: 'id', label: 'Id', kind: 'text', width: 56 },
  { key: 'name', label: 'Name', kind: 'text', width: 100 },
  { key: 'from', label: 'From', kind: 'text', width: 56, list: 'bus-ids' },
  { key: 'to', label: 'To', kind: 'text', width: 56, list: 'bus-ids' },
  { key: 'rOhm', label: 'R', unit: 'Ω', kind: 'number', width: 70 },
  { key: 'xOhm', label: 'X', unit: 'Ω', kind: 'number', width: 70 },
  { key: 'rateKva', label: 'Rating', unit: 'kVA', kind: 'optionalNumber', placeholder: 'unlimited', width: 80 },
  { key: 'inService', label: 'In service', kind: 'boolean', width: 64 },
];

/** The line table: r/x in ohm, thermal limit, in service. */
export function LineTable() {
  const lines = useDocument((s) => s.scenario.network.lines ?? NO_LINES);
  const buses = useDocument((s) => s.scenario.network.buses);
  const selected = useSession((s) => s.selectedLine);
  const selectedBus = useSession((s) => s.selectedBus);
  const issues = useIssues();
  const onEdit = useCallback((i: number, key: string, v: unknown) => setListField('lines', i, key, v), []);
  return (
    <>
      <datalist id="bus-ids">
        {buses.map((b) => (
          <option key={b.id} value={b.id} />
        ))}
      </datalist>
      <EditableGrid
        rows={lines as never}
        columns={COLUMNS}
        basePath="network.lines"
        issues={issues}
        selectedId={selected}
        onSelect={(id) => useSession.getState().set({ selectedLine: id })}
        onEdit={onEdit}
        onDelete={deleteLine}
        onAdd={() => addLine(selectedBus)}
        addLabel="Add line"
        testId="line-table"
      />
    </>
  );
}
