/**
 * Meter data as the forecasting code sees it: series on one regular UTC grid
 * (`values[i]` is the interval starting at startMs + i·step; null = missing),
 * each with a role, and the import report that says what was derived,
 * interpolated or left missing. Also: aggregation to a coarser step.
 */

export type SeriesRole = 'load' | 'pv' | 'net' | 'import' | 'export' | 'weather' | 'meter';

export interface MeterSeries {
  id: string;
  role: SeriesRole;
  /** "kWh" per interval for energy, the column's own unit for weather */
  unit: string;
  values: (number | null)[];
}

export interface ColumnReport {
  column: string;
  kind: 'register' | 'energy' | 'weather';
  missing: number;
  interpolated: number;
  /** gaps of missing values (first interval index, length, whether filled) */
  gaps: { from: number; intervals: number; filled: boolean }[];
  /** register resets (register columns only) */
  resets: { at: number; before: number; after: number }[];
  /** rows the file's publisher marked as interpolated in this column, when the file says */
  publisherInterpolated?: number;
}

export interface ImportReport {
  rows: number;
  stepMinutes: number;
  intervals: number;
  columns: ColumnReport[];
  /** how load, PV and net load were derived, in words */
  derived: string[];
  notes: string[];
}

export interface MeterData {
  startMs: number;
  stepMinutes: number;
  /** the zone calendar features read local time in */
  timeZone: string;
  series: MeterSeries[];
  report: ImportReport;
}

/** Energy sums, weather averages; an output interval with any missing input is missing. */
export function aggregate(data: MeterData, stepMinutes: number): MeterData {
  if (stepMinutes === data.stepMinutes) return data;
  const k = stepMinutes / data.stepMinutes;
  if (!Number.isInteger(k) || k < 1)
    throw new RangeError(`cannot aggregate ${data.stepMinutes}-minute data to ${stepMinutes} minutes (only to a whole multiple of the step: splitting an interval would invent data)`);
  const stepMs = stepMinutes * 60_000;
  // start at the first whole output interval on the UTC grid
  const skip = ((Math.ceil(data.startMs / stepMs) * stepMs - data.startMs) / (data.stepMinutes * 60_000)) | 0;
  const n = data.series[0]?.values.length ?? 0;
  const out = Math.max(0, Math.floor((n - skip) / k));
  const series = data.series.map((s) => {
    const values: (number | null)[] = [];
    for (let j = 0; j < out; j++) {
      let sum = 0, ok = true;
      for (let i = skip + j * k; i < skip + (j + 1) * k; i++) {
        const v = s.values[i];
        if (v === null || v === undefined) ok = false;
        else sum += v;
      }
      values.push(ok ? (s.role === 'weather' ? sum / k : sum) : null);
    }
    return { ...s, values };
  });
  return {
    ...data,
    startMs: data.startMs + skip * data.stepMinutes * 60_000,
    stepMinutes,
    series,
    report: { ...data.report, notes: [...data.report.notes, `aggregated from ${data.stepMinutes} to ${stepMinutes} minutes (energy summed, weather averaged; an interval with any missing part is missing)${skip > 0 ? `; the first ${skip} intervals before the first whole ${stepMinutes}-minute interval dropped` : ''}`] },
  };
}

/** Load = grid import + own PV use (PV − export); net load = import − export; or, from a load meter, net = load − PV. */
export function deriveLoad(series: MeterSeries[]): { series: MeterSeries[]; derived: string[] } {
  const by = (role: SeriesRole) => series.find((s) => s.role === role);
  const imp = by('import'), exp = by('export'), pv = by('pv'), load = by('load');
  const combine = (f: (...xs: number[]) => number, ...cols: MeterSeries[]): (number | null)[] =>
    cols[0]!.values.map((_, i) => {
      const xs = cols.map((c) => c.values[i]);
      return xs.some((x) => x === null || x === undefined) ? null : f(...(xs as number[]));
    });
  const out = [...series];
  const derived: string[] = [];
  if (!load && imp) {
    if (pv && exp) {
      // own use cannot be negative; a small negative value is metering noise between the two meters
      out.push({ id: 'load', role: 'load', unit: 'kWh', values: combine((i, p, e) => i + Math.max(0, p - e), imp, pv, exp) });
      derived.push(`load = ${imp.id} + max(0, ${pv.id} − ${exp.id}) (grid import + own PV use)`);
    } else {
      out.push({ id: 'load', role: 'load', unit: 'kWh', values: imp.values.slice() });
      derived.push(`load = ${imp.id} (no PV and export meters: grid import only)`);
    }
  }
  if (!by('net')) {
    if (imp && exp) {
      out.push({ id: 'net', role: 'net', unit: 'kWh', values: combine((i, e) => i - e, imp, exp) });
      derived.push(`net = ${imp.id} − ${exp.id} (grid import − export)`);
    } else if (load && pv) {
      out.push({ id: 'net', role: 'net', unit: 'kWh', values: combine((l, p) => l - p, load, pv) });
      derived.push(`net = ${load.id} − ${pv.id}`);
    }
  }
  return { series: out, derived };
}

/** The data cut to the span where `role`'s series has values (leading and trailing missing intervals dropped). */
export function trimTo(data: MeterData, role: SeriesRole): MeterData {
  const s = data.series.find((x) => x.role === role);
  if (!s) return data;
  const first = s.values.findIndex((v) => v !== null);
  if (first < 0) return data;
  let last = s.values.length - 1;
  while (s.values[last] === null) last--;
  if (first === 0 && last === s.values.length - 1) return data;
  const dropped = s.values.length - (last - first + 1);
  return {
    ...data,
    startMs: data.startMs + first * data.stepMinutes * 60_000,
    series: data.series.map((x) => ({ ...x, values: x.values.slice(first, last + 1) })),
    report: { ...data.report, intervals: last - first + 1, notes: [...data.report.notes, `cut to the ${last - first + 1} intervals where ${s.id} has values (${dropped} missing at the edges dropped)`] },
  };
}
