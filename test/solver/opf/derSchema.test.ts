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

  it('refuses an export price above the import price without an import limit (the LP would be unbounded)', () => {
    const s = congestedFeeder();
    s.profiles!.push({ id: 'feed-in', kind: 'price', values: [0.05, 0.15] });
    s.network.substation!.exportPricePerKwh = { profile: 'feed-in' };
    s.network.substation!.importPricePerKwh = 0.1;
    const v = validateScenario(s);
    expect(v.ok ? [] : v.issues).toEqual([
      { path: 'network.substation.exportPricePerKwh', message: 'exceeds the import price in period 1 (0.15 > 0.1): energy could be bought and sold back at a profit without limit; lower it or set network.substation.importLimitKw' },
    ]);
    s.network.substation!.importLimitKw = 5000;
    expect(validateScenario(s).ok).toBe(true);
  });
});
