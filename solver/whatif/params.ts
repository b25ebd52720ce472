/**
 * Swept parameters: a scenario path (solver/scenario/paths.ts syntax) and the
 * values it takes. Values are written as text on the command line and in the
 * UI's value box:
 *
 *   0.5:1.5:11          linear, FROM:TO:STEPS, both ends included
 *   log:10:1000:3       logarithmic (10, 100, 1000); FROM and TO > 0
 *   0.8,1,1.25          an explicit list, in the order given
 */
import { getAtPath, setAtPath, PathError } from '../scenario/paths.ts';
import { validateScenario, formatIssue, type ValidationIssue } from '../scenario/validate.ts';
import type { ScenarioInput } from '../scenario/schema.ts';

export type ValuesSpec =
  | { kind: 'linear'; from: number; to: number; steps: number }
  | { kind: 'log'; from: number; to: number; steps: number }
  | { kind: 'list'; values: number[] };

export interface ParamSpec {
  path: string;
  values: ValuesSpec;
}

const USAGE = 'expected FROM:TO:STEPS, log:FROM:TO:STEPS or a list v1,v2,...';

/** Throws an Error whose message quotes the text and says what was expected. */
export function parseValuesSpec(text: string): ValuesSpec {
  const src = text.trim();
  const fail = (why: string): never => {
    throw new Error(`cannot read values "${text}": ${why}`);
  };
  const num = (s: string): number => {
    const v = s.trim() === '' ? NaN : Number(s);
    if (!Number.isFinite(v)) fail(`"${s}" is not a number; ${USAGE}`);
    return v;
  };
  if (src === '') fail(`nothing given; ${USAGE}`);

  const isLog = src.startsWith('log:');
  const body = isLog ? src.slice(4) : src;
  if (body.includes(':')) {
    const parts = body.split(':');
    if (parts.length !== 3) fail(USAGE);
    const [from, to, stepsText] = parts.map((p) => p.trim()) as [string, string, string];
    const steps = num(stepsText);
    if (!Number.isInteger(steps) || steps < 2) fail(`STEPS must be a whole number of at least 2, not ${stepsText}`);
    const spec = { kind: isLog ? 'log' : 'linear', from: num(from), to: num(to), steps } as const;
    if (spec.kind === 'log' && (spec.from <= 0 || spec.to <= 0)) fail('a log range needs FROM and TO above 0');
    return spec;
  }
  if (isLog) fail(`a log range needs FROM:TO:STEPS after "log:"`);
  return { kind: 'list', values: src.split(',').map(num) };
}

/**
 * A value as people write it: rounded to 15 significant digits, which drops
 * the last-bit noise of the arithmetic (0.30000000000000004 → 0.3) and changes
 * nothing else (a double carries 15–17 digits).
 */
const clean = (x: number) => Number(x.toPrecision(15));

/**
 * The values of a spec, in order. Both ends of a range are hit exactly, and a
 * linear range is interpolated as (FROM·(n−1−i) + TO·i)/(n−1): with whole
 * ends and a whole step every product and sum is exact, so each value is the
 * exact whole number (FROM + i·step computed as FROM + (TO − FROM)·i/(n−1)
 * gave 26.000000000000004 for 1:40:40).
 */
export function expandValues(spec: ValuesSpec): number[] {
  if (spec.kind === 'list') return spec.values.slice();
  const { from, to, steps } = spec;
  const n = steps - 1;
  const lerp = (a: number, b: number, i: number) => (a * (n - i) + b * i) / n;
  // a log range interpolates the exponents (log10 of powers of ten are exact, so decades land on 10^k)
  const [lf, lt] = [Math.log10(from), Math.log10(to)];
  const up = to >= from;
  const values = [from];
  for (let i = 1; i < n; i++) {
    const v = clean(spec.kind === 'linear' ? lerp(from, to, i) : 10 ** lerp(lf, lt, i));
    // never step back past the previous value or beyond TO (last-bit rounding of nearly equal ends)
    const prev = values[i - 1]!;
    values.push(up ? Math.min(to, Math.max(prev, v)) : Math.max(to, Math.min(prev, v)));
  }
  values.push(to);
  return values;
}

/**
 * Why a spec cannot feed a whole-number field, or null when every value is a
 * whole number: a range needs whole ends and, when linear, a whole step; a
 * log range must land on whole numbers (log:1:1000:4 does).
 */
export function wholeNumberIssue(spec: ValuesSpec): string | null {
  const values = expandValues(spec);
  if (values.every(Number.isInteger)) return null;
  if (spec.kind === 'list') return `holds whole numbers only, so ${values.find((v) => !Number.isInteger(v))} cannot be used`;
  const text = formatValuesSpec(spec);
  if (!Number.isInteger(spec.from) || !Number.isInteger(spec.to)) return `holds whole numbers only; the range ${text} must start and end on whole numbers`;
  if (spec.kind === 'linear') {
    const span = Math.abs(spec.to - spec.from);
    const divisors = Array.from({ length: Math.min(span, 400) }, (_, k) => k + 1).filter((d) => span % d === 0).map((d) => d + 1);
    return `holds whole numbers only, and ${text} steps by ${((spec.to - spec.from) / (spec.steps - 1)).toPrecision(6)}; choose STEPS so that (TO − FROM)/(STEPS − 1) is whole${divisors.length ? ` (STEPS = ${divisors.slice(0, 8).join(', ')}${divisors.length > 8 ? ', …' : ''})` : ''}`;
  }
  return `holds whole numbers only, and ${text} gives ${values.find((v) => !Number.isInteger(v))}; give the values as a list instead`;
}

/**
 * Whether the scenario's schema takes only whole numbers at `path`: the
 * validator is asked about the current value plus one half (the schema is
 * the one source of that fact; paths address list elements, so no static
 * table of fields would do). `scenario` must be valid as it is.
 */
export function isWholeNumberField(scenario: ScenarioInput, path: string, current: number): boolean {
  const v = validateScenario(setAtPath(scenario, path, current + 0.5));
  // the base is valid and only this value changed, so a whole-number complaint is about it
  return !v.ok && v.issues.some((i) => /whole number/.test(i.message));
}
/** The text form of a spec (round-trips through parseValuesSpec). */
export function formatValuesSpec(spec: ValuesSpec): string {
  if (spec.kind === 'list') return spec.values.join(',');
  return `${spec.kind === 'log' ? 'log:' : ''}${spec.from}:${spec.to}:${spec.steps}`;
}

/**
 * The current number at `path` in a validated scenario (defaults filled in,
 * so `network.loadScale` resolves even when the file omits it), or an issue
 * naming the path.
 */
export function readParam(scenario: unknown, path: string): { ok: true; value: number } | { ok: false; issue: ValidationIssue } {
  let value: unknown;
  try {
    value = getAtPath(scenario, path);
  } catch (e) {
    const message = e instanceof PathError ? e.message.slice(path.length + 2) : String(e);
    return { ok: false, issue: { path, message: `cannot be swept: ${message}` } };
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    const what = typeof value === 'object' ? (Array.isArray(value) ? 'a list' : value === null ? 'null' : 'an object') : `a ${typeof value}`;
    return { ok: false, issue: { path, message: `cannot be swept: it holds ${what}, not a number` } };
  }
  return { ok: true, value };
}

/**
 * Checks each value by setting it into the raw scenario and validating the
 * result; returns the first problem, e.g. `network.loadScale = -1:
 * network.loadScale: must be at least 0, not -1`, or null when all are valid.
 */
export function checkParamValues(scenario: ScenarioInput, path: string, values: readonly number[]): ValidationIssue | null {
  for (const value of values) {
    const v = validateScenario(setAtPath(scenario, path, value));
    if (!v.ok) return { path, message: `${path} = ${value} makes the scenario invalid: ${formatIssue(v.issues[0]!)}` };
  }
  return null;
}
