/**
 * Meter data import: the shipped OPSD household file (registers → hourly
 * energy, gaps, the publisher's interpolation flags, load/PV/net) and small
 * hand-made CSVs for every rule (time zones and daylight saving, row-numbered
 * errors, gap filling, resets, aggregation, weather columns).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseOpsdHousehold } from '../../../solver/forecast/opsd.ts';
import { parseMeterCsv } from '../../../solver/forecast/meterCsv.ts';
import { aggregate, type MeterData } from '../../../solver/forecast/meterData.ts';
import { registerToEnergy } from '../../../solver/forecast/registers.ts';
import { parseTimestamp } from '../../../solver/forecast/time.ts';

const OPSD = join(import.meta.dirname, '../../../assets/load/opsd_household_DE_KN_residential4_60min.csv');
const series = (d: MeterData, role: string) => d.series.find((s) => s.role === role || s.id === role)!.values;
const ok = (r: ReturnType<typeof parseMeterCsv>): MeterData => {
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.data;
};

describe('the shipped OPSD household file', () => {
  const text = readFileSync(OPSD, 'utf8');
  const data = ok(parseOpsdHousehold(text));

  it('covers Oct 2015 – Feb 2017 hourly, cut to where the load has values', () => {
    expect(data.stepMinutes).toBe(60);
    expect(new Date(data.startMs).toISOString()).toBe('2015-10-11T19:00:00.000Z');
    expect(data.report.intervals).toBe(11_680);
    expect(data.timeZone).toBe('Europe/Berlin');
  });

  it('turns registers into hourly energy: load = import + max(0, PV − export), net = import − export', () => {
    // the rows of 2016-06-01 12:00Z and 13:00Z, read off the file directly
    const lines = text.split('\n');
    const row = (ts: string) => lines.find((l) => l.startsWith(ts))!.split(',');
    const header = lines[0]!.split(',');
    const col = (name: string) => header.indexOf(`DE_KN_residential4_${name}`);
    const a = row('2016-06-01T12:00:00Z'), b = row('2016-06-01T13:00:00Z');
    const diff = (name: string) => Number(b[col(name)]) - Number(a[col(name)]);
    const i = (Date.parse('2016-06-01T12:00:00Z') - data.startMs) / 3_600_000;
    expect(series(data, 'import')[i]).toBeCloseTo(diff('grid_import'), 9);
    expect(series(data, 'pv')[i]).toBeCloseTo(diff('pv'), 9);
    expect(series(data, 'load')[i]).toBeCloseTo(diff('grid_import') + Math.max(0, diff('pv') - diff('grid_export')), 9);
    expect(series(data, 'net')[i]).toBeCloseTo(diff('grid_import') - diff('grid_export'), 9);
    expect(diff('pv')).toBeGreaterThan(0.5); // a sunny June noon: the check is not trivially zero
  });

  it('reports gaps (short ones spread evenly, long ones missing), no resets, and the publisher\'s interpolation flags', () => {
    const imp = data.report.columns.find((c) => c.column === 'DE_KN_residential4_grid_import')!;
    expect(imp.kind).toBe('register');
    expect(imp.resets).toEqual([]);
    // the 55-hour outage of April 2016 stays missing; the 2-hour gap of 2015-11-14 is filled
    expect(imp.gaps.some((g) => g.intervals === 55 && !g.filled)).toBe(true);
    expect(imp.gaps.some((g) => g.intervals === 2 && g.filled)).toBe(true);
    expect(imp.interpolated).toBe(imp.gaps.filter((g) => g.filled).reduce((a, g) => a + g.intervals, 0));
    expect(imp.publisherInterpolated).toBe(2837);
    const load = series(data, 'load');
    expect(load.filter((v) => v === null).length).toBeGreaterThan(100);
    expect(load.filter((v) => v !== null).every((v) => v! >= 0)).toBe(true);
  });
});

describe('cumulative registers', () => {
  it('differences consecutive readings, spreads a short gap evenly and leaves a reset missing', () => {
    const { energy, report } = registerToEnergy([10, 11, null, 14, 15, 2, 3, null, null, null, 9], 2);
    expect(energy).toEqual([1, 1.5, 1.5, 1, null, 1, null, null, null, null]);
    expect(report.resets).toEqual([{ at: 4, before: 15, after: 2 }]);
    expect(report.gaps).toEqual([{ from: 1, intervals: 2, filled: true }, { from: 6, intervals: 4, filled: false }]);
    expect(report.interpolated).toBe(2);
    expect(report.missing).toBe(5);
  });
});

describe('timestamps', () => {
  it('reads offsets as given and wall-clock times in the zone', () => {
    expect(parseTimestamp('2016-07-01T12:00:00+02:00', 'UTC')).toEqual({ ok: true, ms: Date.parse('2016-07-01T10:00:00Z') });
    expect(parseTimestamp('2016-07-01 12:00', 'Europe/Berlin')).toEqual({ ok: true, ms: Date.parse('2016-07-01T10:00:00Z') });
    expect(parseTimestamp('2016-01-01T12:00', 'Europe/Berlin')).toEqual({ ok: true, ms: Date.parse('2016-01-01T11:00:00Z') });
  });
  it('refuses the hour the clocks skip and reads a repeated autumn hour twice in order', () => {
    const gap = parseTimestamp('2016-03-27T02:30', 'Europe/Berlin');
    expect(gap.ok).toBe(false);
    if (!gap.ok) expect(gap.message).toMatch(/does not exist in Europe\/Berlin.*daylight-saving gap/);
    const first = parseTimestamp('2016-10-30T02:00', 'Europe/Berlin');
    expect(first).toEqual({ ok: true, ms: Date.parse('2016-10-30T00:00:00Z') });
    expect(parseTimestamp('2016-10-30T02:00', 'Europe/Berlin', Date.parse('2016-10-30T00:00:00Z'))).toEqual({ ok: true, ms: Date.parse('2016-10-30T01:00:00Z') });
  });
});

describe('user meter CSV', () => {
  it('reads a local-time file across the autumn change with weather and derives load and net', () => {
    const csv = ['timestamp,grid_import,grid_export,pv,temperature', '2016-10-30T01:00,1,0,0,5', '2016-10-30T02:00,2,0,0,6', '2016-10-30T02:00,3,0,0,7', '2016-10-30T03:00,4,1,2,8'].join('\n');
    const d = ok(parseMeterCsv(csv, { timeZone: 'Europe/Berlin' }));
    expect(d.report.intervals).toBe(4);
    expect(new Date(d.startMs).toISOString()).toBe('2016-10-29T23:00:00.000Z');
    expect(series(d, 'load')).toEqual([1, 2, 3, 5]);
    expect(series(d, 'net')).toEqual([1, 2, 3, 3]);
    expect(series(d, 'temperature')).toEqual([5, 6, 7, 8]);
    expect(d.series.find((s) => s.id === 'temperature')!.role).toBe('weather');
  });

  it('reports bad timestamps, duplicates, off-grid rows and gaps with their row numbers', () => {
    const csv = ['time,load', '2016-01-01T00:00Z,1', '2016-01-01T01:00Z,1', 'yesterday,1', '2016-01-01T01:00Z,2', '2016-01-01T02:00Z,1', '2016-01-01T02:20Z,1', '2016-01-01T06:00Z,1', '2016-03-27T02:00,1'].join('\n');
    const r = parseMeterCsv(csv, { timeZone: 'Europe/Berlin' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toContainEqual(expect.objectContaining({ row: 4, column: 'time', message: expect.stringMatching(/"yesterday" is not a timestamp/) }));
    expect(r.issues).toContainEqual(expect.objectContaining({ row: 9, message: expect.stringMatching(/daylight-saving gap/) }));
    const r2 = parseMeterCsv(csv.split('\n').filter((l) => !l.startsWith('yesterday') && !l.startsWith('2016-03-27')).join('\n'));
    expect(r2.ok).toBe(false);
    if (r2.ok) return;
    expect(r2.issues).toContainEqual({ row: 4, column: 'time', message: 'duplicate timestamp: 2016-01-01T01:00:00Z again (row 3 has it)' });
    expect(r2.issues).toContainEqual(expect.objectContaining({ row: 6, message: expect.stringMatching(/off the 60-minute grid/) }));
    expect(r2.issues).toContainEqual(expect.objectContaining({ row: 7, message: expect.stringMatching(/gap: 3 missing rows between 2016-01-01T02:00:00Z \(row 5\) and 2016-01-01T06:00:00Z/) }));
  });

  it('fills short gaps when asked (and says so), keeps long ones missing only when allowed', () => {
    const csv = ['time,load', '2016-01-01T00:00Z,1', '2016-01-01T01:00Z,', '2016-01-01T02:00Z,3', '2016-01-01T03:00Z,4', '2016-01-01T07:00Z,8'].join('\n');
    const refused = parseMeterCsv(csv, { fillGapsUpTo: 1 });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.issues.map((i) => i.row)).toEqual([6]);
    const d = ok(parseMeterCsv(csv, { fillGapsUpTo: 1, allowMissing: true }));
    expect(series(d, 'load')).toEqual([1, 2, 3, 4, null, null, null, 8]);
    expect(d.report.columns[0]!.interpolated).toBe(1);
    expect(d.report.columns[0]!.gaps).toEqual([{ from: 1, intervals: 1, filled: true }, { from: 4, intervals: 3, filled: false }]);
    expect(ok(parseMeterCsv(csv, { fillGapsUpTo: 3 })).series[0]!.values).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('reads registers, reports a reset, and names a bad number by row and column', () => {
    const d = ok(parseMeterCsv(['t,consumption', '2016-01-01T00:00Z,100', '2016-01-01T00:15Z,100.5', '2016-01-01T00:30Z,3', '2016-01-01T00:45Z,4'].join('\n'), { values: 'register', allowMissing: true }));
    expect(d.stepMinutes).toBe(15);
    expect(series(d, 'load')).toEqual([0.5, null, 1]);
    expect(d.report.columns[0]!.resets).toEqual([{ at: 1, before: 100.5, after: 3 }]);
    const bad = parseMeterCsv(['t,load', '2016-01-01T00:00Z,1', '2016-01-01T01:00Z,x'].join('\n'));
    expect(bad.ok ? [] : bad.issues).toEqual([{ row: 3, column: 'load', message: 'must be a number, not "x"' }]);
  });

  it('aggregates 15 min to 1 h: energy summed, weather averaged, an hour with a missing quarter missing', () => {
    const rows = ['t,load,temperature'];
    for (let q = 0; q < 12; q++) rows.push(`2016-01-01T00:${String((q % 4) * 15).padStart(2, '0')}Z`.replace('T00:', `T0${Math.floor(q / 4)}:`) + `,${q === 9 ? '' : 1},${q}`);
    const d = ok(parseMeterCsv(rows.join('\n'), { allowMissing: true }));
    const h = aggregate(d, 60);
    expect(h.stepMinutes).toBe(60);
    expect(series(h, 'load')).toEqual([4, 4, null]);
    expect(series(h, 'temperature')).toEqual([1.5, 5.5, 9.5]);
    expect(() => aggregate(h, 15)).toThrow(/only to a whole multiple/);
  });

  it('asks for a load column when none can be told', () => {
    const r = parseMeterCsv(['t,a,b', '2016-01-01T00:00Z,1,2', '2016-01-01T01:00Z,1,2'].join('\n'));
    expect(r.ok ? '' : r.issues[0]!.message).toMatch(/no load column/);
    expect(ok(parseMeterCsv(['t,a,b', '2016-01-01T00:00Z,1,2', '2016-01-01T01:00Z,1,2'].join('\n'), { roles: { load: 'b' } })).series.find((s) => s.role === 'load')!.id).toBe('b');
  });
});

describe('the calendar of the features', () => {
  it('equals the interval-by-interval Intl reading across both daylight-saving changes (hourly and 15-minute)', async () => {
    const { calendarOf, calendarByIntl } = await import('../../../solver/forecast/features.ts');
    for (const [start, step, n] of [[Date.parse('2016-01-01T00:00:00Z'), 60, 366 * 24], [Date.parse('2016-03-26T00:00:00Z'), 15, 3 * 96], [Date.parse('2016-10-29T00:00:00Z'), 15, 3 * 96]] as const)
      for (const zone of ['Europe/Berlin', 'America/New_York', 'UTC', 'Asia/Kolkata']) expect(calendarOf(start, step, n, zone), `${zone} ${step}`).toEqual(calendarByIntl(start, step, n, zone));
  });
});
