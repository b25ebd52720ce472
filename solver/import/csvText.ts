/**
 * What every CSV reader of the app shares (scenario prices and demand, bid
 * books, meter data): RFC 4180 cells, the lines of a file without its BOM,
 * the data rows after the header with blank and `#` lines skipped and rows
 * of the wrong width reported, and a capped list of row-numbered issues.
 */

export interface CsvIssue {
  /** 1-based line number in the file (the header is row 1) */
  row: number;
  /** the column's header name, or null for a whole-row/whole-file problem */
  column: string | null;
  message: string;
}

/** A reader reports at most this many issues: enough to fix a file, not a flood. */
const MAX_ISSUES = 50;

/** An empty issue list and the function that adds to it (up to the cap). */
export function csvIssues(): { issues: CsvIssue[]; issue: (row: number, column: string | null, message: string) => void } {
  const issues: CsvIssue[] = [];
  return {
    issues,
    issue: (row, column, message) => {
      if (issues.length < MAX_ISSUES) issues.push({ row, column, message });
    },
  };
}

/** The file's lines, without a byte-order mark. */
export function csvLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r?\n/);
}

/** One CSV line split into trimmed cells (RFC 4180 quotes). */
export function splitLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '', quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) cells.push(cell.trim()), (cell = '');
    else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

/**
 * The data rows below the header line, with their 1-based line numbers:
 * blank lines and `#` comments are skipped, and a row that does not hold
 * `columns` cells is reported and left out.
 */
export function* dataRows(lines: readonly string[], delimiter: string, columns: number, issue: (row: number, column: string | null, message: string) => void): Generator<{ row: number; cells: string[] }> {
  for (let k = 1; k < lines.length; k++) {
    const row = k + 1, line = lines[k]!;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const cells = splitLine(line, delimiter);
    if (cells.length !== columns) {
      issue(row, null, `holds ${cells.length} values but the header names ${columns} columns`);
      continue;
    }
    yield { row, cells };
  }
}
