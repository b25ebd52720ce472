/**
 * Hour of day and weekday of every period of the horizon, from `time.start`
 * (a local date-time, read without any time zone) and `dtHours`.
 */
import type { Scenario } from '../scenario/schema.ts';

export interface PeriodCalendar {
  /** hour of day 0..23 at the start of each period */
  hour: Uint8Array;
  /** 0 = Monday … 6 = Sunday */
  weekday: Uint8Array;
}

export function periodCalendar(time: Scenario['time']): PeriodCalendar {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(time.start);
  if (!m) throw new Error(`time.start "${time.start}" is not a date (validation should have caught it)`);
  const day0 = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
  const startMinutes = Number(m[4] ?? 0) * 60 + Number(m[5] ?? 0);
  const hour = new Uint8Array(time.T);
  const weekday = new Uint8Array(time.T);
  for (let t = 0; t < time.T; t++) {
    const minutes = startMinutes + Math.round(t * time.dtHours * 60);
    const day = day0 + Math.floor(minutes / 1440);
    hour[t] = Math.floor((minutes % 1440) / 60);
    weekday[t] = (((day + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  }
  return { hour, weekday };
}
