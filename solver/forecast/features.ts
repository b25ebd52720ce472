/**
 * Features of a day-ahead forecast, built so that nothing after the origin is
 * read: a forecast made at origin o (the first interval not yet metered) for
 * target t = o + h (0 ≤ h < H ≤ one day) may use the series only at indices
 * < o. Lags of a day or more of the target are such values because h is
 * less than a day; the last value and the mean of the last day end at o − 1.
 * Calendar features are of the target's local time (known in advance);
 * weather columns are taken at the target time as observed — i.e. a perfect
 * weather forecast, which the docs state.
 */
import type { MeterData } from './meterData.ts';
import { localTime } from './time.ts';

/** A candidate feature: its name and how to read it. */
export interface FeatureDef {
  name: string;
  /** what it is, for the selected-features view */
  label: string;
  /** lags read the series; calendar and weather do not */
  kind: 'lag' | 'calendar' | 'weather' | 'step';
}

export interface Calendar {
  /** local hour of day as a fraction of the day, 0 ≤ x < 1 */
  dayFrac: Float64Array;
  /** 0 = Monday … 6 = Sunday */
  weekday: Uint8Array;
  /** day of year as a fraction, 0 ≤ x < 1 */
  yearFrac: Float64Array;
}

export function calendarOf(startMs: number, stepMinutes: number, n: number, timeZone: string): Calendar {
  const dayFrac = new Float64Array(n), weekday = new Uint8Array(n), yearFrac = new Float64Array(n);
  const step = stepMinutes * 60_000, DAY = 86_400_000;
  // Intl is slow (a formatToParts per call, ≈ 0.1 ms): read the zone's offset at each UTC midnight and,
  // where a day's and the next day's agree (every day but the daylight-saving changes), shift the whole
  // day by it; the next midnight's reading is kept for the next day, so a day costs one call
  const offsetAt = (ms: number) => localTime(ms, timeZone).wallMs - ms;
  let dayStart = NaN, offStart = 0, offEnd = 0;
  for (let i = 0; i < n; i++) {
    const ms = startMs + i * step;
    const d0 = Math.floor(ms / DAY) * DAY;
    if (d0 !== dayStart) (offStart = d0 === dayStart + DAY ? offEnd : offsetAt(d0)), (dayStart = d0), (offEnd = offsetAt(d0 + DAY));
    const wall = new Date(ms + (offStart === offEnd ? offStart : offsetAt(ms)));
    const y = wall.getUTCFullYear();
    dayFrac[i] = (wall.getUTCHours() * 60 + wall.getUTCMinutes()) / 1440;
    weekday[i] = (wall.getUTCDay() + 6) % 7;
    yearFrac[i] = (Date.UTC(y, wall.getUTCMonth(), wall.getUTCDate()) - Date.UTC(y, 0, 1)) / (365.25 * DAY);
  }
  return { dayFrac, weekday, yearFrac };
}

/** The same calendar read interval by interval through Intl: the reference calendarOf is tested against. */
export function calendarByIntl(startMs: number, stepMinutes: number, n: number, timeZone: string): Calendar {
  const dayFrac = new Float64Array(n), weekday = new Uint8Array(n), yearFrac = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const l = localTime(startMs + i * stepMinutes * 60_000, timeZone);
    dayFrac[i] = (l.hour * 60 + l.minute) / 1440;
    weekday[i] = l.weekday;
    yearFrac[i] = (Date.UTC(l.year, l.month - 1, l.day) - Date.UTC(l.year, 0, 1)) / (365.25 * 86_400_000);
  }
  return { dayFrac, weekday, yearFrac };
}

/** The prepared series a design matrix is cut from. */
export interface ForecastFrame {
  y: (number | null)[];
  weather: { name: string; values: (number | null)[] }[];
  calendar: Calendar;
  /** intervals per day */
  day: number;
  horizon: number;
  features: FeatureDef[];
}

export function featureDefs(weather: string[]): FeatureDef[] {
  const lag = (name: string, label: string): FeatureDef => ({ name, label, kind: 'lag' });
  const cal = (name: string, label: string): FeatureDef => ({ name, label, kind: 'calendar' });
  return [
    lag('lag1d', 'same time 1 day before'),
    lag('lag2d', 'same time 2 days before'),
    lag('lag3d', 'same time 3 days before'),
    lag('lag7d', 'same time 1 week before'),
    lag('lag14d', 'same time 2 weeks before'),
    lag('last', 'last metered value at the origin'),
    lag('mean1d', 'mean of the last day before the origin'),
    lag('mean7d', 'mean of the last week before the origin'),
    { name: 'step', label: 'steps ahead / horizon', kind: 'step' },
    cal('hourSin', 'time of day (sine)'),
    cal('hourCos', 'time of day (cosine)'),
    cal('dowSin', 'day of week (sine)'),
    cal('dowCos', 'day of week (cosine)'),
    cal('weekend', 'Saturday or Sunday'),
    cal('doySin', 'day of year (sine)'),
    cal('doyCos', 'day of year (cosine)'),
    ...weather.map((w): FeatureDef => ({ name: `w:${w}`, label: `${w} at the target time (observed)`, kind: 'weather' })),
  ];
}

/** The frame of one target series; the calendar runs `beyond` intervals past the data, for the forecast after its end. */
export function frameOf(data: MeterData, target: string, horizon: number, beyond = 0): ForecastFrame {
  const s = data.series.find((x) => x.id === target || x.role === target);
  if (!s) throw new RangeError(`no series ${target}`);
  const day = Math.round(1440 / data.stepMinutes);
  if (horizon < 1 || horizon > day) throw new RangeError(`horizon ${horizon} must be between 1 and one day (${day} intervals)`);
  const weather = data.series.filter((x) => x.role === 'weather').map((x) => ({ name: x.id, values: x.values }));
  return { y: s.values, weather, calendar: calendarOf(data.startMs, data.stepMinutes, s.values.length + beyond, data.timeZone), day, horizon, features: featureDefs(weather.map((w) => w.name)) };
}

const TAU = 2 * Math.PI;

/** The features that depend on the origin only — the last value, the means of the last day and of the last week — or null when a value they need is missing. Reads y only below o. */
export function originFeatures(f: ForecastFrame, o: number): [number, number, number] | null {
  const y = f.y;
  const last = o >= 1 ? (y[o - 1] ?? null) : null;
  if (last === null) return null;
  const mean = (from: number): number | null => {
    if (from < 0) return null;
    let s = 0;
    for (let i = from; i < o; i++) {
      const v = y[i];
      if (v === null || v === undefined) return null;
      s += v;
    }
    return s / (o - from);
  };
  const day = mean(o - f.day), week = day === null ? null : mean(o - 7 * f.day);
  return day === null || week === null ? null : [last, day, week];
}

/**
 * The full feature row of target o + h forecast at origin o, or null when a
 * value it needs is missing. Reads y only below o. `origin` is
 * originFeatures(f, o), passed in when the caller builds all steps of an
 * origin (the means are the same for every step).
 */
export function featureRow(f: ForecastFrame, o: number, h: number, origin = originFeatures(f, o)): number[] | null {
  const t = o + h, d = f.day, y = f.y;
  if (origin === null) return null;
  const row = new Array<number>(16 + f.weather.length);
  for (let k = 0; k < LAG_DAYS.length; k++) {
    const i = t - LAG_DAYS[k]! * d;
    const v = i >= 0 && i < o ? y[i] : null;
    if (v === null || v === undefined) return null;
    row[k] = v;
  }
  const c = f.calendar;
  if (t >= c.dayFrac.length) return null;
  row[5] = origin[0];
  row[6] = origin[1];
  row[7] = origin[2];
  row[8] = (h + 1) / f.horizon;
  row[9] = Math.sin(TAU * c.dayFrac[t]!);
  row[10] = Math.cos(TAU * c.dayFrac[t]!);
  row[11] = Math.sin((TAU * c.weekday[t]!) / 7);
  row[12] = Math.cos((TAU * c.weekday[t]!) / 7);
  row[13] = c.weekday[t]! >= 5 ? 1 : 0;
  row[14] = Math.sin(TAU * c.yearFrac[t]!);
  row[15] = Math.cos(TAU * c.yearFrac[t]!);
  for (let w = 0; w < f.weather.length; w++) {
    const v = f.weather[w]!.values[t];
    if (v === null || v === undefined) return null;
    row[16 + w] = v;
  }
  return row;
}

/** The lags of the target, in days, in feature order (lag1d … lag14d). */
const LAG_DAYS = [1, 2, 3, 7, 14];

/** Index of the seasonal-naive feature (same time one week before) in a full row. */
export const LAG_WEEK = 3;

export interface DesignRows {
  X: number[][];
  y: number[];
  at: { origin: number; h: number }[];
}

/** Design matrix of every sample (origin, step) with origins in [from, to) on `stride`, targets also < `targetEnd`; samples with a missing value are skipped. */
export function design(f: ForecastFrame, origins: number[], targetEnd = f.y.length): DesignRows {
  return designCache(f)(origins, targetEnd);
}

/**
 * design() with every feature row built once: the rolling-origin evaluation
 * cuts the same (origin, step) rows into fit, validation and whole-window
 * sets for every fold and for the searches; a row depends only on the frame,
 * its origin and its step, so it is memoised per frame (the rows are shared,
 * never mutated: models read them through selectColumns / scaling copies).
 */
export function designCache(f: ForecastFrame): (origins: number[], targetEnd?: number) => DesignRows {
  const memo = new Map<number, number[] | null>(), origins = new Map<number, [number, number, number] | null>();
  const rowOf = (o: number, h: number) => {
    const key = o * f.horizon + h;
    let r = memo.get(key);
    if (r === undefined) {
      let at = origins.get(o);
      if (at === undefined) origins.set(o, (at = originFeatures(f, o)));
      memo.set(key, (r = featureRow(f, o, h, at)));
    }
    return r;
  };
  return (origins, targetEnd = f.y.length) => {
    const X: number[][] = [], y: number[] = [], at: { origin: number; h: number }[] = [];
    for (const o of origins)
      for (let h = 0; h < f.horizon; h++) {
        const t = o + h;
        if (t >= targetEnd) break;
        const target = f.y[t];
        if (target === null || target === undefined) continue;
        const row = rowOf(o, h);
        if (!row) continue;
        X.push(row);
        y.push(target);
        at.push({ origin: o, h });
      }
    return { X, y, at };
  };
}

/** Origins o with from ≤ o < to, o ≡ anchor (mod stride). */
export function originsIn(from: number, to: number, anchor: number, stride: number): number[] {
  const out: number[] = [];
  let o = anchor + Math.ceil((from - anchor) / stride) * stride;
  for (; o < to; o += stride) out.push(o);
  return out;
}

/** Columns `mask` of each row. */
export const selectColumns = (X: number[][], mask: readonly boolean[]): number[][] => X.map((r) => r.filter((_, j) => mask[j]));
