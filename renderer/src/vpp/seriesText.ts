/**
 * A `Series` (a constant or `{ profile: id }`) as the text of one input, and
 * back: a number stays a number, anything else names a profile. Text that is
 * neither is kept as typed so validation can point at it.
 */
export function seriesText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object' && 'profile' in value) return String((value as { profile: unknown }).profile);
  return String(value);
}

export function parseSeries(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : { profile: t };
}
