/**
 * A bid book as CSV, one bid per row:
 *
 *   side,agent,price,quantity,bus,period
 *   buy,b1,10,1,,1
 *   sell,s1,2,1,n3,1
 *
 * `side` is buy or sell, `price` currency per kWh, `quantity` kWh; `bus` and
 * `period` are optional columns (period defaults to 1). Every problem is
 * reported with its row number (the header is row 1) and column, and a file
 * with any problem yields no book at all: nothing is imported on error.
 */
import { csvIssues, csvLines, dataRows, splitLine, type CsvIssue } from '../import/csvText.ts';
import { toCsv } from '../results/table.ts';
import type { Bid, BidBook } from './book.ts';

export type BookCsvResult = { ok: true; book: BidBook } | { ok: false; issues: CsvIssue[] };

const REQUIRED = ['side', 'agent', 'price', 'quantity'] as const;
export function parseBookCsv(text: string, units: BidBook['units'] = 'divisible'): BookCsvResult {
  const { issues, issue } = csvIssues();
  const lines = csvLines(text);
  const header = splitLine(lines[0] ?? '', ',').map((h) => h.toLowerCase());
  for (const c of REQUIRED) if (!header.includes(c)) issue(1, c, `missing column ${c} (the header needs ${REQUIRED.join(', ')}; bus and period are optional)`);
  if (issues.length > 0) return { ok: false, issues };
  const col = (name: string) => header.indexOf(name);
  const bids: Bid[] = [];
  for (const { row, cells } of dataRows(lines, ',', header.length, issue)) {
    const cell = (name: string) => (col(name) >= 0 ? cells[col(name)]! : '');
    let ok = true;
    const side = cell('side').toLowerCase();
    if (side !== 'buy' && side !== 'sell') (ok = false), issue(row, 'side', `must be buy or sell, not "${cell('side')}"`);
    const agent = cell('agent');
    if (agent === '') (ok = false), issue(row, 'agent', 'missing value');
    const number = (name: string): number => {
      const text = cell(name);
      if (text === '') return (ok = false), issue(row, name, 'missing value'), NaN;
      const v = Number(text);
      if (!Number.isFinite(v)) return (ok = false), issue(row, name, `must be a number, not "${text}"`), NaN;
      return v;
    };
    const price = number('price');
    const quantity = number('quantity');
    if (quantity < 0) (ok = false), issue(row, 'quantity', `must not be negative (${cell('quantity')})`);
    if (units === 'blocks' && Number.isFinite(quantity) && !Number.isInteger(quantity)) (ok = false), issue(row, 'quantity', `a block book trades whole kWh, not ${quantity}`);
    let period: number | undefined;
    if (cell('period') !== '') {
      period = Number(cell('period'));
      if (!Number.isInteger(period) || period < 1) (ok = false), issue(row, 'period', `must be a whole number ≥ 1, not "${cell('period')}"`);
    }
    if (!ok) continue;
    const bid: Bid = { agent, side: side as Bid['side'], price, quantity };
    if (cell('bus') !== '') bid.bus = cell('bus');
    if (period !== undefined) bid.period = period;
    bids.push(bid);
  }
  if (issues.length === 0 && bids.length === 0) issue(2, null, 'the file holds a header but no bids');
  return issues.length > 0 ? { ok: false, issues } : { ok: true, book: { units, bids } };
}

export function bookToCsv(book: BidBook): string {
  return toCsv({
    columns: ['side', 'agent', 'price', 'quantity', 'bus', 'period'],
    rows: book.bids.map((b) => [b.side, b.agent, b.price, b.quantity, b.bus ?? null, b.period ?? null]),
  });
}
