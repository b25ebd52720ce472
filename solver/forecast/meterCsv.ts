/**
 * A user's own meter data as CSV: a timestamp column and one column per
 * meter (interval energy in kWh, or cumulative registers), plus weather
 * columns when present:
 *
 *   timestamp,grid_import,grid_export,pv,temperature
 *   2016-03-27T00:00,0.41,0,0,4.5
 *
 * Timestamps with an offset (Z, +01:00) are taken as they are; without one
 * they are the wall clock of `timeZone` (a time the clocks skip is an error;
 * a repeated autumn hour listed twice reads as two hours). Every problem is
 * reported with its row number (the header is row 1) and column: bad
 * timestamps, duplicates, rows off the grid, gaps (missing rows or empty
 * cells) longer than `fillGapsUpTo`, unless `allowMissing` keeps them as
 * missing values. A file with any problem yields nothing.
 *
 * Columns are recognised by name: grid import / export, PV (pv, solar), load
 * (load, consumption, demand), weather (temperature, irradiance, …); load and
 * net load are derived from them (meterData.ts, deriveLoad).
 */
import { csvIssues, csvLines, dataRows, splitLine, type CsvIssue } from '../import/csvText.ts';
import { registerToEnergy } from './registers.ts';
import { deriveLoad, type ColumnReport, type MeterData, type MeterSeries, type SeriesRole } from './meterData.ts';
import { isTimeZone, isoUtc, parseTimestamp } from './time.ts';

export interface MeterCsvOptions {
  /** zone of timestamps written without an offset */
  timeZone: string;
  /** meter columns hold interval energy (kWh, labelled by the interval's start) or cumulative registers (kWh read at that time) */
  values: 'energy' | 'register';
  /** default: the first column */
  timestampColumn?: string;
  /** columns to skip (e.g. a second, local timestamp) */
  ignore?: string[];
  /** weather columns; default: those whose names look like weather */
  weather?: string[];
  /** explicit roles by column name, over the name-based guess */
  roles?: Partial<Record<'load' | 'pv' | 'import' | 'export', string>>;
  /** fill gaps of up to this many missing values per column (linear interpolation; registers: the energy spread evenly) */
  fillGapsUpTo: number;
  /** keep longer gaps as missing values instead of refusing the file */
  allowMissing: boolean;
  /** a column naming, per row, the columns its publisher interpolated ("a | b"), counted into the report */
  interpolatedColumn?: string;
}

export const DEFAULT_METER_CSV: MeterCsvOptions = { timeZone: 'UTC', values: 'energy', fillGapsUpTo: 0, allowMissing: false };

export type MeterCsvResult = { ok: true; data: MeterData } | { ok: false; issues: CsvIssue[] };

const WEATHER = /temp|irradi|ghi|dni|radiation|wind|cloud|humid|precip|weather/i;

function guessRole(name: string): SeriesRole {
  const n = name.toLowerCase();
  if (WEATHER.test(n)) return 'weather';
  if (/import/.test(n)) return 'import';
  if (/export|feed.?in/.test(n)) return 'export';
  if (/(^|[^a-z])pv([^a-z]|$)|solar/.test(n)) return 'pv';
  if (/load|consumption|demand/.test(n)) return 'load';
  return 'meter';
}

/** Linear interpolation over runs of nulls of at most `upTo` values with known values on both sides; returns the filled runs. */
function fillShort(values: (number | null)[], upTo: number): { from: number; intervals: number; filled: boolean }[] {
  const gaps: { from: number; intervals: number; filled: boolean }[] = [];
  let i = 0;
  while (i < values.length) {
    if (values[i] !== null) {
      i++;
      continue;
    }
    let j = i;
    while (j < values.length && values[j] === null) j++;
    const inside = i > 0 && j < values.length;
    const filled = inside && j - i <= upTo;
    if (filled) {
      const a = values[i - 1]!, b = values[j]!;
      for (let k = i; k < j; k++) values[k] = a + ((b - a) * (k - i + 1)) / (j - i + 1);
    }
    gaps.push({ from: i, intervals: j - i, filled });
    i = j;
  }
  return gaps;
}

export function parseMeterCsv(text: string, options: Partial<MeterCsvOptions> = {}): MeterCsvResult {
  const o: MeterCsvOptions = { ...DEFAULT_METER_CSV, ...options };
  const { issues, issue } = csvIssues();
  if (!isTimeZone(o.timeZone)) return { ok: false, issues: [{ row: 0, column: null, message: `unknown time zone "${o.timeZone}" (use an IANA name such as Europe/Berlin)` }] };
  const lines = csvLines(text);
  const header = splitLine(lines[0] ?? '', ',').map((h) => h.trim());
  const tsCol = o.timestampColumn ? header.indexOf(o.timestampColumn) : 0;
  if (tsCol < 0 || header.length < 2) return { ok: false, issues: [{ row: 1, column: o.timestampColumn ?? null, message: o.timestampColumn ? `no column ${o.timestampColumn}` : 'the header needs a timestamp column and at least one meter column' }] };
  const skip = new Set([tsCol, ...[...(o.ignore ?? []), ...(o.interpolatedColumn ? [o.interpolatedColumn] : [])].map((c) => header.indexOf(c)).filter((i) => i >= 0)]);
  const dataCols = header.map((_, i) => i).filter((i) => !skip.has(i));
  const explicit = new Map(Object.entries(o.roles ?? {}).map(([role, col]) => [col, role as SeriesRole]));
  for (const col of explicit.keys()) if (!header.includes(col)) issue(1, col, `no column ${col} (the header has ${header.join(', ')})`);
  const roleOf = (name: string): SeriesRole => explicit.get(name) ?? (o.weather ? (o.weather.includes(name) ? 'weather' : guessRole(name) === 'weather' ? 'meter' : guessRole(name)) : guessRole(name));

  // rows: timestamp and cells, in file order
  const rows: { row: number; ms: number; cells: string[] }[] = [];
  for (const { row, cells } of dataRows(lines, ',', header.length, issue)) {
    const t = parseTimestamp(cells[tsCol]!, o.timeZone, rows[rows.length - 1]?.ms);
    if (!t.ok) issue(row, header[tsCol]!, t.message);
    else rows.push({ row, ms: t.ms, cells });
  }
  if (rows.length < 2 && issues.length === 0) issue(1, null, 'needs at least two rows of data');
  if (issues.length > 0) return { ok: false, issues };

  // the step: the most common difference between consecutive timestamps
  const diffs = new Map<number, number>();
  for (let k = 1; k < rows.length; k++) {
    const d = rows[k]!.ms - rows[k - 1]!.ms;
    if (d > 0) diffs.set(d, (diffs.get(d) ?? 0) + 1);
  }
  const stepMs = [...diffs].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
  if (stepMs <= 0 || stepMs % 60_000 !== 0 || 86_400_000 % stepMs !== 0)
    return { ok: false, issues: [{ row: 0, column: header[tsCol]!, message: `the timestamps have no regular step dividing a day (most common step ${stepMs / 60_000} min)` }] };
  const start = rows[0]!.ms;
  const n = Math.round((rows[rows.length - 1]!.ms - start) / stepMs) + 1;
  const at = new Array<number>(n).fill(-1);
  let prev = rows[0]!;
  for (const [k, r] of rows.entries()) {
    const off = r.ms - start;
    if (k > 0 && r.ms <= prev.ms) {
      issue(r.row, header[tsCol]!, r.ms === prev.ms ? `duplicate timestamp: ${isoUtc(r.ms)} again (row ${prev.row} has it)` : `${isoUtc(r.ms)} comes before row ${prev.row}'s ${isoUtc(prev.ms)} (rows must be in time order)`);
      continue;
    }
    if (off % stepMs !== 0) {
      issue(r.row, header[tsCol]!, `${isoUtc(r.ms)} is off the ${stepMs / 60_000}-minute grid that starts at ${isoUtc(start)}`);
      continue;
    }
    const missingRows = (r.ms - prev.ms) / stepMs - 1;
    if (k > 0 && missingRows > o.fillGapsUpTo && !o.allowMissing)
      issue(r.row, header[tsCol]!, `gap: ${missingRows} missing ${missingRows === 1 ? 'row' : 'rows'} between ${isoUtc(prev.ms)} (row ${prev.row}) and ${isoUtc(r.ms)}; fill gaps of up to ${missingRows} (fillGapsUpTo) or keep them missing (allowMissing)`);
    at[off / stepMs] = k;
    prev = r;
  }
  if (issues.length > 0) return { ok: false, issues };

  // columns on the grid
  const series: MeterSeries[] = [];
  const columns: ColumnReport[] = [];
  const interpCol = o.interpolatedColumn ? header.indexOf(o.interpolatedColumn) : -1;
  for (const c of dataCols) {
    const name = header[c]!, role = roleOf(name);
    const before = issues.length;
    const raw: (number | null)[] = at.map((k) => {
      if (k < 0) return null;
      const text = rows[k]!.cells[c]!.trim();
      if (text === '' || /^(nan|na|null)$/i.test(text)) return null;
      const v = Number(text);
      if (!Number.isFinite(v)) {
        issue(rows[k]!.row, name, `must be a number, not "${text}"`);
        return null;
      }
      return v;
    });
    // a bad number is reported once, not again as the gap it leaves
    if (issues.length > before) continue;
    const publisherInterpolated = interpCol >= 0 ? rows.filter((r) => r.cells[interpCol]!.split('|').some((x) => x.trim() === name)).length : undefined;
    if (role !== 'weather' && o.values === 'register') {
      const { energy, report } = registerToEnergy(raw, o.fillGapsUpTo + 1);
      series.push({ id: name, role, unit: 'kWh', values: energy });
      columns.push({ column: name, kind: 'register', missing: report.missing, interpolated: report.interpolated, gaps: report.gaps, resets: report.resets, ...(publisherInterpolated !== undefined ? { publisherInterpolated } : {}) });
      continue;
    }
    const values = raw.slice();
    const gaps = fillShort(values, o.fillGapsUpTo);
    if (!o.allowMissing)
      for (const g of gaps.filter((g) => !g.filled)) {
        const k = at.slice(g.from).find((x) => x >= 0) ?? at.slice(0, g.from).reverse().find((x) => x >= 0)!;
        issue(rows[k]!.row, name, `${g.intervals} missing ${g.intervals === 1 ? 'value' : 'values'} from ${isoUtc(start + g.from * stepMs)}${g.from === 0 || g.from + g.intervals === n ? ' at the edge of the data (cannot be filled)' : ''}; fill gaps of up to ${g.intervals} (fillGapsUpTo) or keep them missing (allowMissing)`);
      }
    series.push({ id: name, role, unit: role === 'weather' ? '' : 'kWh', values });
    columns.push({ column: name, kind: role === 'weather' ? 'weather' : 'energy', missing: values.filter((v) => v === null).length, interpolated: gaps.filter((g) => g.filled).reduce((a, g) => a + g.intervals, 0), gaps, resets: [], ...(publisherInterpolated !== undefined ? { publisherInterpolated } : {}) });
  }
  if (issues.length > 0) return { ok: false, issues };
  // registers give one interval fewer than readings: trim every series to the shortest
  const len = Math.min(...series.map((s) => s.values.length));
  for (const s of series) s.values.length = len;

  const energyCols = series.filter((s) => s.role !== 'weather');
  if (energyCols.length === 1 && energyCols[0]!.role === 'meter') energyCols[0]!.role = 'load';
  const { series: all, derived } = deriveLoad(series);
  if (!all.some((s) => s.role === 'load'))
    return { ok: false, issues: [{ row: 1, column: null, message: `no load column: name one load/consumption, or grid import (with PV and export), or say which column is the load (roles.load); columns: ${dataCols.map((c) => header[c]).join(', ')}` }] };
  return {
    ok: true,
    data: {
      startMs: start,
      stepMinutes: stepMs / 60_000,
      timeZone: o.timeZone,
      series: all,
      report: { rows: rows.length, stepMinutes: stepMs / 60_000, intervals: len, columns, derived, notes: [] },
    },
  };
}
