/**
 * Cumulative meter registers (kWh read off a meter) to interval energy.
 *
 * The energy of an interval is the difference of the readings at its two
 * ends; it is labelled by the interval's start. Missing readings leave a gap
 * whose total energy is still known from the readings around it: a gap of up
 * to `fillUpTo` intervals is spread evenly over them (the register
 * interpolated linearly) and reported; a longer one stays missing (null), as
 * does every interval before the first and after the last reading. A reading
 * below its predecessor is a reset (meter exchanged, counter rolled over):
 * the energy across it is unknown, so those intervals stay missing and the
 * reset is reported.
 */

export interface RegisterGap {
  /** index of the first interval of the gap */
  from: number;
  intervals: number;
  filled: boolean;
}

export interface RegisterReset {
  /** index of the interval across which the register fell */
  at: number;
  before: number;
  after: number;
}

export interface RegisterReport {
  readings: number;
  missingReadings: number;
  gaps: RegisterGap[];
  resets: RegisterReset[];
  /** intervals whose energy was spread over a filled gap */
  interpolated: number;
  /** intervals left without a value */
  missing: number;
}

/**
 * `readings[i]` is the register at grid time i (null: no reading); the result
 * has one value fewer: `energy[i]` is the energy between times i and i+1.
 */
export function registerToEnergy(readings: readonly (number | null)[], fillUpTo: number): { energy: (number | null)[]; report: RegisterReport } {
  const n = readings.length;
  const energy: (number | null)[] = new Array(Math.max(0, n - 1)).fill(null);
  const gaps: RegisterGap[] = [];
  const resets: RegisterReset[] = [];
  let interpolated = 0, known = 0, prev = -1;
  for (let i = 0; i < n; i++) {
    const r = readings[i];
    if (r === null || r === undefined) continue;
    known++;
    if (prev >= 0) {
      const span = i - prev, rp = readings[prev]!;
      if (r < rp) resets.push({ at: prev, before: rp, after: r });
      else {
        const fill = span === 1 || span <= fillUpTo;
        if (span > 1) gaps.push({ from: prev, intervals: span, filled: fill });
        if (fill) {
          for (let k = prev; k < i; k++) energy[k] = (r - rp) / span;
          if (span > 1) interpolated += span;
        }
      }
    }
    prev = i;
  }
  const missing = energy.filter((e) => e === null).length;
  return { energy, report: { readings: known, missingReadings: n - known, gaps, resets, interpolated, missing } };
}
