/**
 * A table whose every cell edits a field of a list in the scenario (buses,
 * lines). Each cell shows the validation issue at its JSON path
 * (`network.buses[3].vminPu`) as a red cell with a tooltip; issues of the row
 * that no column shows appear in the row's status cell.
 */
import { useEffect, useMemo, useRef } from 'react';
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { CellInput, fieldIssue, type FieldKind } from './CellInput.tsx';
import { issuesUnder } from '../state/useIssues.ts';

export interface FieldColumn {
  key: string;
  label: string;
  unit?: string;
  kind: FieldKind | 'boolean';
  /** shown when the field is absent (the schema default) */
  placeholder?: string;
  width: number;
  /** id of a <datalist> offering values (bus ids, profile ids) */
  list?: string;
}

type Row = { id?: unknown } & Record<string, unknown>;

export interface EditableGridProps {
  rows: Row[];
  columns: FieldColumn[];
  /** JSON path of the list, e.g. `network.buses` */
  basePath: string;
  issues: Map<string, string>;
  selectedId: string | null;
  onSelect(id: string): void;
  onEdit(index: number, key: string, value: unknown): void;
  onDelete(index: number): void;
  onAdd(): void;
  addLabel: string;
  testId: string;
}

const helper = createColumnHelper<Row>();

export function EditableGrid(props: EditableGridProps) {
  const { rows, columns, basePath, issues, selectedId, onSelect, onEdit, onDelete, onAdd, addLabel, testId } = props;
  const body = useRef<HTMLTableSectionElement>(null);

  const tableColumns = useMemo(
    () => [
      helper.display({
        id: '#',
        header: '#',
        size: 36,
        cell: (c) => {
          const rowIssues = issuesUnder(issues, `${basePath}[${c.row.index}]`);
          return (
            <span className={rowIssues.length ? 'row-flag bad' : 'row-flag'} title={rowIssues.join('\n') || undefined}>
              {rowIssues.length ? '!' : c.row.index + 1}
            </span>
          );
        },
      }),
      ...columns.map((col) =>
        helper.accessor((r) => r[col.key], {
          id: col.key,
          size: col.width,
          header: () => (
            <>
              {col.label}
              {col.unit && <span className="unit"> {col.unit}</span>}
            </>
          ),
          cell: (c) => {
            const path = `${basePath}[${c.row.index}].${col.key}`;
            const label = `${col.label} of row ${c.row.index + 1}`;
            if (col.kind === 'boolean')
              return (
                <input
                  type="checkbox"
                  aria-label={label}
                  checked={c.getValue() !== false}
                  onChange={(e) => onEdit(c.row.index, col.key, e.target.checked)}
                />
              );
            return (
              <CellInput
                value={c.getValue()}
                kind={col.kind}
                label={label}
                issue={fieldIssue(issues, path, col.kind)}
                placeholder={col.placeholder}
                list={col.list}
                testId={`${testId}-${c.row.index}-${col.key}`}
                onCommit={(v) => onEdit(c.row.index, col.key, v)}
              />
            );
          },
        }),
      ),
      helper.display({
        id: 'delete',
        size: 28,
        header: '',
        cell: (c) => (
          <button className="icon-button" title="Delete row" aria-label={`Delete row ${c.row.index + 1}`} onClick={() => onDelete(c.row.index)}>
            ×
          </button>
        ),
      }),
    ],
    [columns, basePath, issues, onEdit, onDelete, testId],
  );

  const table = useReactTable({ data: rows, columns: tableColumns, getCoreRowModel: getCoreRowModel() });

  // bring the row selected elsewhere (e.g. on the diagram) into view
  useEffect(() => {
    body.current?.querySelector('tr.selected')?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  return (
    <div className="grid-wrap">
      <table className="grid" data-testid={testId}>
        <thead>
          {table.getHeaderGroups().map((hg) => (
            <tr key={hg.id}>
              {hg.headers.map((h) => (
                <th key={h.id} style={{ width: h.getSize() }}>
                  {flexRender(h.column.columnDef.header, h.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody ref={body}>
          {table.getRowModel().rows.map((row) => {
            const id = String(row.original.id ?? '');
            return (
              <tr key={row.index} className={id === selectedId ? 'selected' : undefined} onFocusCapture={() => onSelect(id)} onClick={() => onSelect(id)}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      <button className="add-row" onClick={onAdd}>
        + {addLabel}
      </button>
    </div>
  );
}
