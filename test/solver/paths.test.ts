import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatSegments, getAtPath, parsePath, parseSetValue, PathError, setAtPath } from '../../solver/scenario/paths.ts';

const doc = {
  network: {
    loadScale: 1,
    buses: [
      { id: '1', pdKw: 0 },
      { id: '18', pdKw: 90, qdKvar: 40 },
    ],
  },
  vpps: [{ id: 'vpp-a', pvKw: 100, buildings: [{ comfort: { maxC: 25 } }, { comfort: { maxC: 24 } }] }],
};

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('parsePath', () => {
  it('reads keys, index selectors and id selectors', () => {
    expect(parsePath('network.buses[3].pdKw')).toEqual([
      { kind: 'key', key: 'network' },
      { kind: 'key', key: 'buses' },
      { kind: 'index', index: 3 },
      { kind: 'key', key: 'pdKw' },
    ]);
    expect(parsePath('vpps[id=vpp-a].buildings[1].comfort.maxC')[1]).toEqual({ kind: 'id', id: 'vpp-a' });
  });

  it('reads ids that contain dots', () => {
    expect(parsePath('network.buses[id=1.5].pdKw')).toEqual([
      { kind: 'key', key: 'network' },
      { kind: 'key', key: 'buses' },
      { kind: 'id', id: '1.5' },
      { kind: 'key', key: 'pdKw' },
    ]);
  });

  it('accepts quoted ids', () => {
    expect(parsePath('network.buses[id="18"].pdKw')[2]).toEqual({ kind: 'id', id: '18' });
  });

  it.each([
    ['', 'the path is empty'],
    ['network..buses', 'cannot read ""'],
    ['network.buses[x]', 'cannot read selector [x]'],
    ['network.bu ses', 'cannot read "bu ses"'],
  ])('rejects %j, saying why', (path, why) => {
    expect(() => parsePath(path)).toThrow(PathError);
    expect(() => parsePath(path)).toThrow(why);
  });

  it('round-trips through formatSegments', () => {
    const key = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/);
    const selector = fc.oneof(
      fc.nat({ max: 999 }).map((i) => `[${i}]`),
      fc.stringMatching(/^[A-Za-z0-9_.-]{1,8}$/).filter((id) => !/^\d+$/.test(id)).map((id) => `[id=${id}]`),
    );
    const segment = fc.tuple(key, fc.array(selector, { maxLength: 2 })).map(([k, sels]) => k + sels.join(''));
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), (segments) => {
        const path = segments.join('.');
        expect(formatSegments(parsePath(path))).toBe(path);
      }),
    );
  });
});

describe('getAtPath', () => {
  it('finds a field by index and by id', () => {
    expect(getAtPath(doc, 'network.buses[1].pdKw')).toBe(90);
    expect(getAtPath(doc, 'network.buses[id=18].qdKvar')).toBe(40);
    expect(getAtPath(doc, 'vpps[id=vpp-a].buildings[1].comfort.maxC')).toBe(24);
  });

  it.each([
    ['network.buses[5].pdKw', 'network.buses[5].pdKw: network.buses has 2 items, so [5] does not exist'],
    ['network.buses[id=33].pdKw', 'network.buses[id=33].pdKw: network.buses has no item with id "33"'],
    ['network.lines[0].rOhm', 'network.lines[0].rOhm: network has no field "lines"'],
    ['network.loadScale[0]', 'network.loadScale[0]: network.loadScale is not a list'],
    ['network.buses.pdKw', 'network.buses.pdKw: network.buses is not an object'],
  ])('names the path and the first step that fails: %s', (path, message) => {
    expect(() => getAtPath(doc, path)).toThrow(message);
  });
});

describe('setAtPath', () => {
  const frozen = deepFreeze(structuredClone(doc));

  it('changes one field by index or id and leaves the input untouched', () => {
    const byIndex = setAtPath(frozen, 'network.buses[1].pdKw', 120);
    const byId = setAtPath(frozen, 'network.buses[id=18].pdKw', 120);
    expect(byIndex).toEqual(byId);
    expect(getAtPath(byIndex, 'network.buses[1].pdKw')).toBe(120);
    expect(frozen).toEqual(doc);
  });

  it('shares every branch it did not change', () => {
    const next = setAtPath(frozen, 'vpps[0].buildings[1].comfort.maxC', 26);
    expect(next.network).toBe(frozen.network);
    expect(next.vpps[0]!.buildings[0]).toBe(frozen.vpps[0]!.buildings[0]);
    expect(next.vpps[0]!.buildings[1]!.comfort.maxC).toBe(26);
  });

  it('may add a new last field to an object (an optional field left out of the file)', () => {
    expect(getAtPath(setAtPath(frozen, 'network.buses[0].qdKvar', 5), 'network.buses[0].qdKvar')).toBe(5);
  });

  it('does not create missing objects on the way', () => {
    expect(() => setAtPath(frozen, 'network.feeder.baseKv', 11)).toThrow('network.feeder.baseKv: network has no field "feeder"');
  });

  it('does not append to a list', () => {
    expect(() => setAtPath(frozen, 'network.buses[2]', { id: '3' })).toThrow('network.buses has 2 items, so [2] does not exist');
  });
});

describe('parseSetValue', () => {
  it.each([
    ['26', 26],
    ['-1.5e3', -1500],
    ['true', true],
    ['null', null],
    ['[1,2,3]', [1, 2, 3]],
    ['"18"', '18'],
    ['vpp-a', 'vpp-a'],
    ['', ''],
  ])('reads %j as %j', (text, value) => {
    expect(parseSetValue(text)).toEqual(value);
  });
});
