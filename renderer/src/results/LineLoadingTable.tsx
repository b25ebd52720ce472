/** Line flows and loading for the shown period: sortable, exportable as CSV. */
import { useMemo, useState } from 'react';
import { createColumnHelper, flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type SortingState } from '@tanstack/react-table';
import type { LineFlow, PowerflowPeriod } from '../../../solver/contract.ts';
import { useSession } from '../state/session.ts';
import { downloadCsv, toCsv } from './csv.ts';
import { loadingColour } from './colourScales.ts';

const col = createColumnHelper<LineFlow>();
const num = (d: number) => (v: number | null) => (v === null ? '—' : v.toFixed(d));

const COLUMNS = [
  col.accessor('id', { header: 'Line' }),
  col.accessor('from', { header: 'From' }),
  col.accessor('to', { header: 'To' }),
  col.accessor('pKw', { header: 'P kW', cell: (c) => num(1)(c.getValue()) }),
  col.accessor('qKvar', { header: 'Q kvar', cell: (c) => num(1)(c.getValue()) }),
  col.accessor('iA', { header: 'I A', cell: (c) => num(1)(c.getValue()) }),
  col.accessor('lossKw', { header: 'Loss kW', cell: (c) => num(2)(c.getValue()) }),
  col.accessor('loadingPct', {
    header: 'Loading %',
    sortUndefined: 'last',
    cell: (c) => {
      const v = c.getValue();
      return (
        <span className="loading-cell">
          <span className="loading-bar" style={{ width: `${Math.min(v ?? 0, 100)}%`, background: loadingColour(v) }} />
          <span>{num(1)(v)}</span>
        </span>
      );
    },
  }),
];

export function LineLoadingTable({ period }: { period: PowerflowPeriod }) {
  const [sorting, setSorting] = useState<SortingState>([{ id: 'loadingPct', desc: true }]);
  const selected = useSession((s) => s.selectedLine);
  const rows = useMemo(() => period.lines, [period]);
  const table = useReactTable({ data: rows, columns: COLUMNS, state: { sorting }, onSortingChange: setSorting, getCoreRowModel: getCoreRowModel(), getSortedRowModel: getSortedRowModel() });
  const exportCsv = () =>
    downloadCsv(
      `line-flows-period-${period.t + 1}.csv`,
      toCsv(['line', 'from', 'to', 'pKw', 'qKvar', 'iA', 'lossKw', 'loadingPct'], period.lines.map((l) => [l.id, l.from, l.to, l.pKw, l.qKvar, l.iA, l.lossKw, l.loadingPct])),
    );
  return (
    <div className="result-table">
      <div className="section-head">
        <span>Line loading</span>
        <button className="small-button" onClick={exportCsv}>
          CSV
        </button>
      </div>
      <div className="table-scroll">
        <table className="grid readonly" data-testid="line-loading-table">
          <thead>
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => (
                  <th key={h.id} onClick={h.column.getToggleSortingHandler()} className="sortable">
                    {flexRender(h.column.columnDef.header, h.getContext())}
                    {{ asc: ' ▲', desc: ' ▼' }[h.column.getIsSorted() as string] ?? ''}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((r) => (
              <tr key={r.id} className={r.original.id === selected ? 'selected' : undefined} onClick={() => useSession.getState().set({ selectedLine: r.original.id })}>
                {r.getVisibleCells().map((c) => (
                  <td key={c.id} className={typeof c.getValue() === 'number' ? 'num' : undefined}>
                    {flexRender(c.column.columnDef.cell, c.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
