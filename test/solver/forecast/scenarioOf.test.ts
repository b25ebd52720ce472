/**
 * A forecast becomes a planning scenario's load: a VPP's other load, a
 * microgrid's demand, or a bus's load (a community member), on the shipped
 * samples; the result validates and the target reads the new profile.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { profileTargets, withForecastProfile } from '../../../solver/forecast/scenarioOf.ts';
import { validateScenario } from '../../../solver/scenario/validate.ts';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';

const sample = (name: string) => JSON.parse(readFileSync(`assets/scenarios/${name}.ggs.json`, 'utf8')) as ScenarioInput;
const day = Array.from({ length: 24 }, (_, h) => 0.3 + 0.4 * Math.max(0, Math.sin((Math.PI * (h - 6)) / 12)));
const forecast = { values: day, startIso: '2016-06-01T22:00Z', model: 'ridge', stepMinutes: 60 };

describe('forecast → scenario load profile', () => {
  it('drives a VPP\'s other load, scaled to a number of households', () => {
    const s = sample('classroom-two-vpps');
    const vpp = s.vpps![0]!.id;
    expect(profileTargets(s).map((t) => t.key)).toContain(`vpp:${vpp}`);
    const out = withForecastProfile(s, forecast, { id: 'fc', vpp, scale: 40 });
    expect(validateScenario(out).ok).toBe(true);
    expect(out.vpps![0]!.otherLoadKw).toEqual({ profile: 'fc' });
    expect(out.vpps![1]).toEqual(s.vpps![1]);
    const p = out.profiles!.find((x) => x.id === 'fc')!;
    expect(p.unit).toBe('kW');
    expect(p.values[12]).toBeCloseTo(40 * day[12]!, 12);
  });

  it('drives a microgrid\'s demand', () => {
    const s = sample('ieee33-microgrids');
    const mg = s.microgrids![1]!.id;
    const out = withForecastProfile(s, forecast, { id: 'fc', microgrid: mg, scale: 100 });
    expect(validateScenario(out).ok).toBe(true);
    expect(out.microgrids![1]!.loadKw).toEqual({ profile: 'fc' });
    expect(out.profiles!.find((x) => x.id === 'fc')!.values).toHaveLength(24);
  });

  it('drives a community member\'s bus load in p.u. of its peak', () => {
    const s = sample('community-entities');
    const bus = s.network.buses!.find((b) => b.id !== s.network.substation?.busId)!.id;
    const out = withForecastProfile(s, forecast, { id: 'fc', bus });
    expect(validateScenario(out).ok).toBe(true);
    const b = out.network.buses!.find((x) => x.id === bus)!;
    expect(b.loadProfile).toBe('fc');
    expect(b.pdKw).toBeCloseTo(Math.max(...day), 12);
    expect(Math.max(...out.profiles!.find((x) => x.id === 'fc')!.values)).toBe(1);
  });

  it('refuses a scenario whose period differs from the forecast step, and unknown targets', () => {
    expect(() => withForecastProfile(sample('classroom-microgrids'), forecast, { id: 'fc', microgrid: 'x' })).toThrow(/period is 6 h/);
    expect(() => withForecastProfile(sample('ieee33-microgrids'), forecast, { id: 'fc', microgrid: 'nope' })).toThrow(/no microgrid nope/);
    expect(() => withForecastProfile(sample('classroom-two-vpps'), forecast, { id: 'fc', vpp: 'nope' })).toThrow(/no VPP nope/);
  });
});
