/**
 * Reading a user's own price/demand scenarios from CSV, in long form: one row
 * per scenario and period, a header naming the units.
 *
 *   scenario,period,price_per_kwh,demand_kw
 *   wet-2019,1,0.112,830
 *   wet-2019,2,0.104,790
 *
 * Prices may be given per MWh (`price_per_mwh`) and demand in MW (`demand_mw`);
 * they are converted to currency/kWh and kW. Periods run 1..T. The delimiter
 * is `,` or `;` (with `;`, a decimal comma is accepted). Every problem is
 * reported with its line number (the header is row 1) and column name,
 * never silently repaired: a missing value is an error, not a zero.
 */
import { csvIssues, csvLines, dataRows, splitLine, type CsvIssue } from '../import/csvText.ts';

export type { CsvIssue };

export interface CsvScenarios {
  /** scenario labels in order of first appearance */
  scenarioNames: string[];
  /** [scenario][period], currency/kWh */
  pricePerKwh: number[][];
  /** [scenario][period], kW */
  demandKw: number[][];
}

export type CsvResult = { ok: true; value: CsvScenarios } | { ok: false; issues: CsvIssue[] };

const UNITS = {
  price: { price_per_kwh: 1, price_per_mwh: 1 / 1000 },
  demand: { demand_kw: 1, demand_mw: 1000 },
} as const;

export function parseScenarioCsv(text: string, T: number): CsvResult {
  const { issues, issue } = csvIssues();
  const lines = csvLines(text);
  const headerLine = lines[0] ?? '';
  if (headerLine.trim() === '') return { ok: false, issues: [{ row: 1, column: null, message: 'the file is empty or its first line is blank; it must start with a header: scenario,period,price_per_kwh,demand_kw' }] };
  const delimiter = headerLine.includes(';') && !headerLine.includes(',') ? ';' : ',';
  const header = splitLine(headerLine, delimiter).map((h) => h.toLowerCase().replace(/[\s-]+/g, '_'));

  const find = (name: string) => header.indexOf(name);
  const withUnit = (kind: 'price' | 'demand') => {
    const found = Object.entries(UNITS[kind]).filter(([name]) => find(name) >= 0);
    if (found.length === 1) return { index: find(found[0]![0]), name: found[0]![0], factor: found[0]![1] as number };
    const names = Object.keys(UNITS[kind]).join(' or ');
    if (found.length > 1) issue(1, found[1]![0], `give ${kind} in one unit only (${names})`);
    else if (header.some((h) => h === kind || h.startsWith(`${kind}_`))) issue(1, header.find((h) => h === kind || h.startsWith(`${kind}_`))!, `name the unit in the header: ${names}`);
    else issue(1, null, `missing column ${names}`);
    return null;
  };
  const scenarioCol = find('scenario'), periodCol = find('period');
  if (scenarioCol < 0) issue(1, null, 'missing column scenario');
  if (periodCol < 0) issue(1, null, 'missing column period (1..T)');
  const price = withUnit('price'), demand = withUnit('demand');
  if (issues.length > 0 || !price || !demand) return { ok: false, issues };

  const number = (cell: string) => Number(delimiter === ';' ? cell.replace(',', '.') : cell);
  const scenarios = new Map<string, { firstRow: number; price: number[]; demand: number[]; rowOf: number[] }>();
  for (const { row, cells } of dataRows(lines, delimiter, header.length, issue)) {
    const name = cells[scenarioCol]!;
    if (name === '') issue(row, 'scenario', 'missing value');
    const periodText = cells[periodCol]!;
    const period = Number(periodText);
    let ok = name !== '';
    if (periodText === '') (ok = false), issue(row, 'period', 'missing value');
    else if (!Number.isInteger(period) || period < 1 || period > T) (ok = false), issue(row, 'period', `must be a whole number from 1 to ${T} (the horizon time.T), not "${periodText}"`);
    const value = (col: { index: number; name: string; factor: number }, kind: string) => {
      const cell = cells[col.index]!;
      if (cell === '') return issue(row, col.name, 'missing value'), NaN;
      const v = number(cell);
      if (!Number.isFinite(v)) return issue(row, col.name, `${kind} must be a number, not "${cell}"`), NaN;
      return v * col.factor;
    };
    const p = value(price, 'the price');
    const d = value(demand, 'the demand');
    if (d < 0) (ok = false), issue(row, demand.name, `demand must not be negative (${cells[demand.index]})`);
    if (!ok || Number.isNaN(p) || Number.isNaN(d)) continue;
    let entry = scenarios.get(name);
    if (!entry) scenarios.set(name, (entry = { firstRow: row, price: new Array(T).fill(NaN), demand: new Array(T).fill(NaN), rowOf: new Array(T).fill(0) }));
    const t = period - 1;
    if (entry.rowOf[t]) {
      issue(row, 'period', `scenario "${name}" period ${period} is given twice (also on row ${entry.rowOf[t]})`);
      continue;
    }
    entry.rowOf[t] = row;
    entry.price[t] = p;
    entry.demand[t] = d;
  }
  for (const [name, e] of scenarios) {
    const missing = e.rowOf.flatMap((r, t) => (r === 0 ? [t + 1] : []));
    if (missing.length > 0)
      issue(e.firstRow, 'period', `scenario "${name}" has no row for period${missing.length > 1 ? 's' : ''} ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ` and ${missing.length - 10} more` : ''} (every scenario needs periods 1..${T})`);
  }
  if (issues.length === 0 && scenarios.size === 0) issue(2, null, 'the file holds a header but no scenario rows');
  if (issues.length > 0) return { ok: false, issues };
  const list = [...scenarios.entries()];
  return { ok: true, value: { scenarioNames: list.map(([n]) => n), pricePerKwh: list.map(([, e]) => e.price), demandKw: list.map(([, e]) => e.demand) } };
}
