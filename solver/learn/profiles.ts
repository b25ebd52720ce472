/**
 * Household days from metered series (the scenario's `forecast` section, as
 * written from the shipped OPSD household, assets/load/): the complete UTC
 * days of load and PV, at 15 minutes. Hourly energy is split into four
 * equal quarter-hours (the data are hourly; the split invents no shape
 * inside the hour, and says so). Days with a missing value in either series
 * are skipped.
 *
 * The community's households are different days of this one building,
 * with their PV scaled (or removed) per household (community.ts): the
 * shipped data hold one household, and this is the honest way to get
 * twenty distinct, realistic load and PV profiles from it.
 */

export interface DayProfile {
  /** ISO date (UTC) of the day */
  date: string;
  /** kWh per quarter-hour, 96 values */
  load: number[];
  pv: number[];
}

export interface MeterInput {
  start: string;
  stepMinutes: number;
  load: (number | null)[];
  pv: (number | null)[];
}

export const QUARTERS = 96;

export function dayProfiles(m: MeterInput): DayProfile[] {
  if (!(m.stepMinutes > 0) || 60 % m.stepMinutes !== 0 && m.stepMinutes % 15 !== 0 && 15 % m.stepMinutes !== 0)
    throw new RangeError(`forecast.stepMinutes: ${m.stepMinutes} min does not divide into or aggregate to quarter-hours`);
  const startMs = Date.parse(m.start);
  const stepMs = m.stepMinutes * 60_000, dayMs = 86_400_000;
  const perDay = Math.round(1440 / m.stepMinutes);
  // the first interval that starts a UTC day
  const first = Math.ceil((startMs % dayMs === 0 ? 0 : dayMs - (startMs % dayMs)) / stepMs);
  const days: DayProfile[] = [];
  for (let at = first; at + perDay <= Math.min(m.load.length, m.pv.length); at += perDay) {
    const load = m.load.slice(at, at + perDay), pv = m.pv.slice(at, at + perDay);
    if (load.some((v) => v === null || !Number.isFinite(v)) || pv.some((v) => v === null || !Number.isFinite(v))) continue;
    days.push({ date: new Date(startMs + at * stepMs).toISOString().slice(0, 10), load: toQuarters(load as number[], m.stepMinutes), pv: toQuarters((pv as number[]).map((v) => Math.max(0, v)), m.stepMinutes) });
  }
  return days;
}

/** Energy per interval → energy per quarter-hour: coarser steps split evenly, finer ones summed. */
function toQuarters(values: number[], stepMinutes: number): number[] {
  if (stepMinutes >= 15) {
    const parts = stepMinutes / 15;
    return values.flatMap((v) => Array.from({ length: parts }, () => Math.max(0, v) / parts));
  }
  const per = 15 / stepMinutes;
  return Array.from({ length: QUARTERS }, (_, q) => values.slice(q * per, (q + 1) * per).reduce((a, b) => a + Math.max(0, b), 0));
}
