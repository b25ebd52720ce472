/**
 * Result tables: the flat views of a job's data that the CLI writes as CSV
 * beside result.json and the app exports from its result views.
 */
export type Cell = string | number | null;

export interface Table {
  columns: string[];
  rows: Cell[][];
}

/** CSV as RFC 4180 reads it (lines end in "\n"): fields quoted when needed, null as an empty field. */
export function toCsv(table: Table): string {
  const field = (cell: Cell) => {
    if (cell === null) return '';
    const text = String(cell);
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [table.columns, ...table.rows].map((row) => row.map(field).join(',')).join('\n') + '\n';
}
