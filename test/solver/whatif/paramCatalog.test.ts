import { describe, expect, it } from 'vitest';
import { sweepableParams, unitOf } from '../../../solver/whatif/paramCatalog.ts';
import { readParam } from '../../../solver/whatif/params.ts';
import { validateScenario } from '../../../solver/scenario/validate.ts';
import { threeBus } from './fixtures.ts';

const scenario = (() => {
  const v = validateScenario({ ...threeBus, profiles: [{ id: 'day', values: [1, 0.8] }], network: { ...threeBus.network, buses: threeBus.network.buses.map((b) => ({ ...b, x: 1, y: 2 })) } });
  if (!v.ok) throw new Error('fixture is invalid');
  return v.value;
})();

describe('sweepableParams', () => {
  const params = sweepableParams(scenario);
  const byPath = Object.fromEntries(params.map((p) => [p.path, p]));

  it('lists entity fields by id with the unit their name carries', () => {
    expect(byPath['network.buses[id=3].pdKw']).toEqual({ path: 'network.buses[id=3].pdKw', value: 200, unit: 'kW' });
    expect(byPath['network.lines[id=L1].rOhm']).toMatchObject({ value: 0.1, unit: 'Ω' });
    expect(byPath['network.lines[id=L1].rateKva']).toMatchObject({ unit: 'kVA' });
    expect(byPath['network.substation.vmPu']).toMatchObject({ value: 1, unit: 'p.u.' });
    expect(byPath['network.loadScale']).toMatchObject({ value: 1, unit: '×' });
    expect(byPath['time.dtHours']).toMatchObject({ unit: 'h' });
  });

  it('leaves out the file version, diagram positions and time-series values', () => {
    const paths = params.map((p) => p.path);
    expect(paths).not.toContain('schemaVersion');
    expect(paths.some((p) => /\.(x|y)$/.test(p))).toBe(false);
    expect(paths.some((p) => p.startsWith('profiles'))).toBe(false);
  });

  it('gives only paths a study accepts, holding the value listed', () => {
    for (const p of params) expect(readParam(scenario, p.path)).toEqual({ ok: true, value: p.value });
  });
});

describe('unitOf', () => {
  it.each([['qdKvar', 'kvar'], ['pricePerKwh', 'per kWh'], ['energyKwh', 'kWh'], ['baseKv', 'kV'], ['baseMva', 'MVA'], ['name', '']])('%s → %j', (field, unit) => {
    expect(unitOf(field)).toBe(unit);
  });
});
