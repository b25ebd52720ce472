/**
 * Between meter data, scenarios and load profiles:
 *
 * - `forecastScenario`: a new scenario holding imported meter data in its
 *   `forecast` section (what `ggs forecast --scenario-out` writes and
 *   `ggs solve` runs), with a one-bus network (the forecast does not use the
 *   grid, and lines would be invented data);
 * - `withForecastProfile`: a scenario with a forecast added as a load
 *   profile (kW), optionally driving a bus's load — how a forecast becomes a
 *   planning scenario's input.
 */
import type { ScenarioInput } from '../scenario/schema.ts';
import type { MeterData } from './meterData.ts';
import { isoUtc } from './time.ts';

export function forecastScenario(data: MeterData, name: string, source?: { name: string; licence?: string; citation?: string }): ScenarioInput {
  const day = Math.round(1440 / data.stepMinutes);
  return {
    schemaVersion: 1,
    metadata: {
      name,
      description: `Metered data for the forecast job: ${data.series.map((s) => `${s.id} (${s.role})`).join(', ')}; ${data.report.intervals} intervals of ${data.stepMinutes} min from ${isoUtc(data.startMs)}.`,
      tags: ['forecast', 'imported'],
      job: 'forecast',
    },
    // the planning horizon of a day-ahead forecast: one day
    time: { T: day, dtHours: data.stepMinutes / 60, start: isoUtc(data.startMs).slice(0, 16) },
    profiles: [],
    network: { baseKv: 0.4, substation: { busId: 'pcc' }, buses: [{ id: 'pcc', name: 'Point of common coupling' }], lines: [] },
    forecast: {
      start: isoUtc(data.startMs),
      stepMinutes: data.stepMinutes,
      timeZone: data.timeZone,
      series: data.series.map((s) => ({ id: s.id, role: s.role, unit: s.unit, values: s.values })),
      ...(source ? { source } : {}),
      notes: [...data.report.derived, ...data.report.notes],
    },
  };
}

export interface ProfileTarget {
  /** id of the new profile */
  id: string;
  /** optional: this bus's load follows the profile (pdKw = its peak, loadProfile = the profile divided by it) — a community member or any network load */
  bus?: string;
  /** optional: this VPP's other load (otherLoadKw) is the profile, kW */
  vpp?: string;
  /** optional: this microgrid's demand (loadKw) is the profile, kW */
  microgrid?: string;
  /** the forecast times this (e.g. a number of similar households); default 1 */
  scale?: number;
}

/** The targets a scenario offers a forecast: its VPPs, microgrids and buses (a community's members are buses). */
export function profileTargets(scenario: ScenarioInput): { key: string; label: string; target: Omit<ProfileTarget, 'id' | 'scale'> }[] {
  return [
    ...(scenario.vpps ?? []).map((v) => ({ key: `vpp:${v.id}`, label: `VPP ${v.id} (other load)`, target: { vpp: v.id } })),
    ...(scenario.microgrids ?? []).map((m) => ({ key: `microgrid:${m.id}`, label: `microgrid ${m.id} (demand)`, target: { microgrid: m.id } })),
    ...(scenario.network?.buses ?? []).map((b) => ({ key: `bus:${b.id}`, label: `bus ${b.id} (load)`, target: { bus: b.id } })),
  ];
}

/**
 * The scenario with the forecast (energy per interval of `stepMinutes`) as a
 * load profile, optionally driving a bus, a VPP's other load or a
 * microgrid's demand. The scenario's period must equal the forecast's step;
 * a horizon shorter than the scenario's T repeats the forecast day (stated
 * in the profile's source), a longer one is cut.
 */
export function withForecastProfile(scenario: ScenarioInput, forecast: { values: number[]; startIso: string; model: string; stepMinutes: number }, target: ProfileTarget): ScenarioInput {
  const dt = scenario.time.dtHours;
  if (Math.abs(dt * 60 - forecast.stepMinutes) > 1e-9)
    throw new RangeError(`the scenario's period is ${dt} h but the forecast's step is ${forecast.stepMinutes} min (aggregate the forecast to the scenario's period first)`);
  const scale = target.scale ?? 1;
  if (!(scale > 0)) throw new RangeError(`scale must be positive, got ${scale}`);
  const T = scenario.time.T;
  const kw = forecast.values.map((e) => (scale * Math.max(0, e)) / dt);
  const values = Array.from({ length: T }, (_, t) => kw[t % kw.length]!);
  const repeated = T > kw.length;
  const profiles = (scenario.profiles ?? []).filter((p) => p.id !== target.id);
  const peak = Math.max(...values);
  const asPu = target.bus !== undefined;
  const driving = target.bus !== undefined ? `bus ${target.bus}'s load` : target.vpp !== undefined ? `VPP ${target.vpp}'s other load` : target.microgrid !== undefined ? `microgrid ${target.microgrid}'s demand` : null;
  profiles.push({
    id: target.id,
    name: `Forecast load (${forecast.model})`,
    kind: 'load',
    unit: asPu ? 'p.u.' : 'kW',
    values: asPu ? values.map((v) => (peak > 0 ? v / peak : 0)) : values,
    source: `forecast by ${forecast.model} from ${forecast.startIso}${scale !== 1 ? ` × ${scale}` : ''}${repeated ? `, its ${kw.length} intervals repeated over T = ${T}` : ''}${asPu ? `; p.u. of its peak ${peak.toFixed(3)} kW (bus ${target.bus}'s pdKw)` : ''}${driving ? `; drives ${driving}` : ''}`,
  });
  let { network, vpps, microgrids } = scenario;
  if (target.bus !== undefined) {
    const buses = network.buses ?? [];
    if (!buses.some((b) => b.id === target.bus)) throw new RangeError(`the scenario has no bus ${target.bus}`);
    network = { ...network, buses: buses.map((b) => (b.id === target.bus ? { ...b, pdKw: peak, loadProfile: target.id } : b)) };
  }
  if (target.vpp !== undefined) {
    if (!(vpps ?? []).some((v) => v.id === target.vpp)) throw new RangeError(`the scenario has no VPP ${target.vpp}`);
    vpps = vpps!.map((v) => (v.id === target.vpp ? { ...v, otherLoadKw: { profile: target.id } } : v));
  }
  if (target.microgrid !== undefined) {
    if (!(microgrids ?? []).some((m) => m.id === target.microgrid)) throw new RangeError(`the scenario has no microgrid ${target.microgrid}`);
    microgrids = microgrids!.map((m) => (m.id === target.microgrid ? { ...m, loadKw: { profile: target.id } } : m));
  }
  return { ...scenario, profiles, network, ...(vpps ? { vpps } : {}), ...(microgrids ? { microgrids } : {}) };
}
