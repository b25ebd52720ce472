/** A contract's delivery multiplier per period, p.u. of its volume: 1/0 by peak window, or a custom profile. */
import type { Contract, Portfolio, Scenario } from '../scenario/schema.ts';
import type { PeriodCalendar } from './calendar.ts';

export function isPeakPeriod(peak: Portfolio['peakHours'], calendar: PeriodCalendar, t: number): boolean {
  const h = calendar.hour[t]!;
  return h >= peak.fromHour && h < peak.toHour && (!peak.weekdaysOnly || calendar.weekday[t]! < 5);
}

export function deliveryProfile(scenario: Scenario, contract: Contract, calendar: PeriodCalendar): Float64Array {
  const { T } = scenario.time;
  const peak = scenario.portfolio!.peakHours;
  const out = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    switch (contract.shape) {
      case 'baseload':
        out[t] = 1;
        break;
      case 'peak':
        out[t] = isPeakPeriod(peak, calendar, t) ? 1 : 0;
        break;
      case 'offpeak':
        out[t] = isPeakPeriod(peak, calendar, t) ? 0 : 1;
        break;
      case 'custom': {
        const profile = scenario.profiles.find((p) => p.id === contract.profile);
        if (!profile) throw new Error(`contract ${contract.id}: profile "${contract.profile}" does not exist (validation should have caught it)`);
        out[t] = profile.values[t]!;
        break;
      }
    }
  }
  return out;
}
