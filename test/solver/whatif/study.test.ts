import { describe, expect, it } from 'vitest';
import { expandStudy, checkStudy, shardPoints, parseShard, pointRequest, tornadoPointIndex, StudyError, type Study } from '../../../solver/whatif/study.ts';
import { getAtPath } from '../../../solver/scenario/paths.ts';
import { baseRequest, threeBus } from './fixtures.ts';

const sweep = (values = '0.5:1.5:11'): Study => ({
  base: baseRequest,
  design: { kind: 'sweep', param: { path: 'network.loadScale', values: { kind: 'linear', from: 0.5, to: 1.5, steps: 11 } } },
  ...(values === '' ? { outputs: [] } : {}),
});

const monteCarlo = (seed: number, samples = 50): Study => ({
  base: baseRequest,
  design: {
    kind: 'monte-carlo',
    samples,
    seed,
    params: [
      { path: 'network.loadScale', distribution: { kind: 'normal', mean: 1, std: 0.1, clip: { min: 0 } } },
      { path: 'network.buses[id=3].pdKw', distribution: { kind: 'triangular', min: 150, mode: 200, max: 300 } },
    ],
  },
});

describe('expandStudy', () => {
  it('numbers a sweep point per value, in order', () => {
    const points = expandStudy(sweep());
    expect(points.map((p) => p.index)).toEqual([...Array(11).keys()]);
    expect(points[5]).toEqual({ index: 5, assignments: [{ path: 'network.loadScale', value: 1 }] });
  });

  it('lays a grid out row-major, the first parameter outermost', () => {
    const points = expandStudy({
      base: baseRequest,
      design: {
        kind: 'grid',
        param: { path: 'network.loadScale', values: { kind: 'list', values: [1, 2] } },
        param2: { path: 'network.buses[1].pdKw', values: { kind: 'list', values: [10, 20, 30] } },
      },
    });
    expect(points.map((p) => p.assignments.map((a) => a.value))).toEqual([[1, 10], [1, 20], [1, 30], [2, 10], [2, 20], [2, 30]]);
  });

  it('puts the tornado base first, then each parameter low and high with the others at base', () => {
    const points = expandStudy({ base: baseRequest, design: { kind: 'tornado', params: ['network.loadScale', 'network.buses[id=3].pdKw'], deltaPct: 10 } });
    expect(points).toHaveLength(5);
    const values = points.map((p) => p.assignments.map((a) => a.value));
    expect(values[0]).toEqual([1, 200]);
    expect(values[tornadoPointIndex(0, 'low')]).toEqual([0.9, 200]);
    expect(values[tornadoPointIndex(0, 'high')]).toEqual([1.1, 200]);
    expect(values[tornadoPointIndex(1, 'low')]).toEqual([1, 180]);
    expect(values[tornadoPointIndex(1, 'high')]).toEqual([1, 220]);
  });

  it('draws the same Monte Carlo points from the same seed and different ones from another', () => {
    const a = expandStudy(monteCarlo(1));
    expect(expandStudy(monteCarlo(1))).toEqual(a);
    expect(expandStudy(monteCarlo(2))).not.toEqual(a);
    expect(a).toHaveLength(50);
    for (const p of a) {
      expect(p.assignments[0]!.value).toBeGreaterThanOrEqual(0);
      expect(p.assignments[1]!.value).toBeGreaterThanOrEqual(150);
      expect(p.assignments[1]!.value).toBeLessThanOrEqual(300);
    }
  });

  it('keeps the first Monte Carlo samples when more are asked for (one stream, drawn in order)', () => {
    expect(expandStudy(monteCarlo(9, 80)).slice(0, 20)).toEqual(expandStudy(monteCarlo(9, 20)));
  });

  it('refuses a study whose path does not resolve to a number, naming the path', () => {
    const bad: Study = { base: baseRequest, design: { kind: 'sweep', param: { path: 'network.buses[id=42].pdKw', values: { kind: 'list', values: [1] } } } };
    expect(() => expandStudy(bad)).toThrow(StudyError);
    expect(() => expandStudy(bad)).toThrow(/network\.buses\[id=42\]\.pdKw: cannot be swept: .*no item with id "42"/);
  });

  it('collects every problem of a malformed study', () => {
    const issues = checkStudy({
      base: baseRequest,
      outputs: ['noSuchOutput'],
      design: {
        kind: 'monte-carlo', samples: 0, seed: 1.5,
        params: [
          { path: 'network.loadScale', distribution: { kind: 'uniform', min: 2, max: 1 } },
          { path: 'network.loadScale', distribution: { kind: 'uniform', min: 0, max: 1 } },
        ],
      },
    });
    expect(issues.map((i) => i.path)).toEqual(['network.loadScale', 'samples', 'seed', 'network.loadScale', 'outputs']);
    expect(issues[0]!.message).toMatch(/given twice/);
    expect(issues[4]!.message).toMatch(/unknown output "noSuchOutput" for job powerflow; known outputs: energyLossesKwh/);
  });

  it('refuses a study on an invalid base scenario', () => {
    const broken = { ...baseRequest, scenario: { ...threeBus, time: { T: 0, dtHours: 1, start: '2026-07-01' } } };
    expect(checkStudy({ ...sweep(), base: broken })).toEqual([{ path: '', message: expect.stringMatching(/^the base scenario is invalid: time\.T: /) }]);
  });
});

describe('shardPoints', () => {
  it('deals point k to shard k mod n, so the shards together hold every point once', () => {
    const points = expandStudy(sweep());
    const shards = [0, 1, 2].map((i) => shardPoints(points, i, 3));
    expect(shards.map((s) => s.map((p) => p.index))).toEqual([[0, 3, 6, 9], [1, 4, 7, 10], [2, 5, 8]]);
  });
});

describe('parseShard', () => {
  it('reads I/N with shards numbered from 0', () => {
    expect(parseShard('1/4')).toEqual({ index: 1, count: 4 });
  });
  it.each(['4/4', '1/0', '-1/2', 'a/b', '1'])('refuses %j', (text) => {
    expect(() => parseShard(text)).toThrow(`cannot read shard "${text}"`);
  });
});

describe('pointRequest', () => {
  it('sets each assignment into a copy of the base scenario and leaves the base untouched', () => {
    const before = JSON.stringify(baseRequest);
    const request = pointRequest(baseRequest, { index: 0, assignments: [{ path: 'network.loadScale', value: 1.3 }, { path: 'network.buses[id=2].pdKw', value: 5 }] });
    expect(getAtPath(request.scenario, 'network.loadScale')).toBe(1.3);
    expect(getAtPath(request.scenario, 'network.buses[id=2].pdKw')).toBe(5);
    expect(request.kind).toBe('powerflow');
    expect(JSON.stringify(baseRequest)).toBe(before);
  });
});
