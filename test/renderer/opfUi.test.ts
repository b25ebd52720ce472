import { describe, expect, it } from 'vitest';
import { fieldIssue, parseField } from '../../renderer/src/components/CellInput.tsx';
import { dersByBus } from '../../renderer/src/opf/DerGlyphs.tsx';
import { hourLabel } from '../../renderer/src/opf/opfView.ts';
import { dlmpStops, range } from '../../renderer/src/opf/opfScales.ts';
import { interpolate } from '../../renderer/src/results/colourScales.ts';

describe('series cells', () => {
  it('parseField("series") reads a number as a constant and anything else as a profile id', () => {
    expect(parseField('series', ' 0.25 ')).toBe(0.25);
    expect(parseField('series', 'import-price')).toEqual({ profile: 'import-price' });
    expect(parseField('series', '')).toBeUndefined();
  });
  it('fieldIssue shows a series its profile reference issue', () => {
    const issues = new Map([['network.der.pv[3].irradiance.profile', 'profile "x" does not exist']]);
    expect(fieldIssue(issues, 'network.der.pv[3].irradiance', 'series')).toMatch(/does not exist/);
    expect(fieldIssue(issues, 'network.der.pv[3].irradiance', 'number')).toBeUndefined();
  });
});

describe('OPF view helpers', () => {
  it('dersByBus counts each kind at its bus', () => {
    const at = dersByBus({
      pv: [{ id: 'a', busId: '18', kwp: 1, irradiance: 1 }],
      batteries: [{ id: 'b', busId: '18', kwh: 1, kw: 1 }],
      generators: [{ id: 'c', busId: '30', pMaxKw: 1, costPerKwh: 0.3 }],
    } as never);
    expect(at.get('18')).toEqual({ pv: 1, battery: 1, generator: 0 });
    expect(at.get('30')).toEqual({ pv: 0, battery: 0, generator: 1 });
    expect(at.has('1')).toBe(false);
  });
  it('hourLabel gives clock times for hourly and quarter-hour steps', () => {
    expect(hourLabel(19, 1)).toBe('19:00');
    expect(hourLabel(53, 0.25)).toBe('13:15');
  });
  it('the DLMP scale runs from blue at the lowest price to red at the highest', () => {
    const [lo, hi] = range([0.04, 0.32, 0.1]);
    expect([lo, hi]).toEqual([0.04, 0.32]);
    expect(interpolate(dlmpStops(lo, hi), lo)).toBe('rgb(49,104,171)');
    expect(interpolate(dlmpStops(lo, hi), hi)).toBe('rgb(180,40,40)');
  });
});
