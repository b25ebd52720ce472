import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../solver/scenario/validate.ts';
import { readAsset } from '../support/network.ts';
import { congestedFeeder } from './support.ts';

describe('validateScenario with distributed resources', () => {
  it('accepts the shipped scenarios, old ones getting the substation and DER defaults', () => {
    for (const file of ['ieee33.ggs.json', 'ieee33-day.ggs.json', 'ieee33-der.ggs.json']) {
      const v = validateScenario(JSON.parse(readAsset(`scenarios/${file}`)));
      expect(v.ok, file).toBe(true);
    }
    const old = validateScenario(JSON.parse(readAsset('scenarios/ieee33.ggs.json')));
    if (!old.ok) throw new Error('invalid');
    expect(old.value.network.substation.importPricePerKwh).toBe(0.2);
    expect(old.value.network.der).toEqual({ pv: [], batteries: [], generators: [] });
  });

  it('names the path and the problem of dangling buses and profiles, duplicate ids and unordered limits', () => {
    const s = congestedFeeder();
    s.network.substation!.carbonKgPerKwh = { profile: 'nowhere' };
    s.network.der = {
      pv: [{ id: 'g3', busId: '9', kwp: 10, irradiance: { profile: 'sun' } }],
      batteries: [{ id: 'b', busId: '2', kwh: 10, kw: 5, socMin: 0.5, socMax: 0.9, socInitial: 0.2 }],
      generators: [{ id: 'g3', busId: '3', pMinKw: 50, pMaxKw: 10, costPerKwh: 0.3 }],
    };
    const v = validateScenario(s);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.issues).toEqual([
      { path: 'network.substation.carbonKgPerKwh.profile', message: 'profile "nowhere" does not exist' },
      { path: 'network.der.pv[0].busId', message: 'bus "9" does not exist' },
      { path: 'network.der.pv[0].irradiance.profile', message: 'profile "sun" does not exist' },
      { path: 'network.der.batteries[0].socInitial', message: 'must lie between socMin (0.5) and socMax (0.9)' },
      { path: 'network.der.generators[0].id', message: 'resource id "g3" is used twice (also network.der.pv[0])' },
      { path: 'network.der.generators[0].pMinKw', message: 'must not exceed pMaxKw (10)' },
    ]);
  });
});
