/**
 * Timestamps of meter data: ISO-like text to UTC milliseconds, with local
 * wall-clock times read in an IANA time zone (daylight-saving gaps and
 * repeated hours detected), and the local calendar of a UTC instant for the
 * calendar features. Uses the platform's Intl time-zone data, no library.
 */

const HOUR = 3_600_000;
const PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

export type ParsedTime =
  | { ok: true; ms: number }
  | { ok: false; reason: 'format' | 'dst-gap' | 'zone'; message: string };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', weekday: 'short' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether the platform knows the time zone (e.g. "Europe/Berlin"). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

const WEEKDAYS: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

/** The local wall clock of a UTC instant in a zone. */
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Monday … 6 = Sunday */
  weekday: number;
  /** wall clock read as if it were UTC, ms: wallMs − utcMs is the zone's offset */
  wallMs: number;
}

export function localTime(ms: number, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) parts[p.type] = p.value;
  const year = Number(parts.year), month = Number(parts.month), day = Number(parts.day);
  const hour = Number(parts.hour), minute = Number(parts.minute), second = Number(parts.second);
  return { year, month, day, hour, minute, weekday: WEEKDAYS[parts.weekday!] ?? 0, wallMs: Date.UTC(year, month - 1, day, hour, minute, second) };
}

/**
 * A timestamp as UTC ms. With an offset (Z, +01:00) the text is unambiguous;
 * without one it is the wall clock of `timeZone`. A wall time that does not
 * exist there (the hour skipped in spring) is refused; one that occurs twice
 * (the hour repeated in autumn) is the earlier one unless `after` (the
 * previous row's time) rules it out — so a file listing the repeated hour
 * twice in order reads as two distinct hours.
 */
export function parseTimestamp(text: string, timeZone: string, after?: number): ParsedTime {
  const m = PATTERN.exec(text.trim());
  if (!m) return { ok: false, reason: 'format', message: `"${text}" is not a timestamp like 2016-03-27T02:00 or 2016-03-27T02:00:00Z` };
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = m;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const back = new Date(wall);
  if (Number.isNaN(wall) || back.getUTCMonth() !== Number(mo) - 1 || back.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59)
    return { ok: false, reason: 'format', message: `"${text}" is not a valid date and time` };
  if (zone) {
    if (zone === 'Z') return { ok: true, ms: wall };
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    return { ok: true, ms: wall - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000 };
  }
  if (!isTimeZone(timeZone)) return { ok: false, reason: 'zone', message: `unknown time zone "${timeZone}"` };
  // the offsets in force half a day either side bracket every transition near `wall`
  const candidates = [...new Set([wall - 12 * HOUR, wall + 12 * HOUR].map((probe) => localTime(probe, timeZone).wallMs - probe))]
    .map((offset) => wall - offset)
    .filter((utc) => localTime(utc, timeZone).wallMs === wall)
    .sort((a, b) => a - b);
  if (candidates.length === 0) return { ok: false, reason: 'dst-gap', message: `${text} does not exist in ${timeZone} (the clocks skip it: daylight-saving gap)` };
  const pick = after === undefined ? candidates[0]! : (candidates.find((c) => c > after) ?? candidates[0]!);
  return { ok: true, ms: pick };
}

export const isoUtc = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
