/**
 * Run comparison (renderer/src/whatif/compare.ts): which outputs A and B
 * share, when their points correspond so that B − A means something, and
 * B − A itself, with failed points kept as failures and undefined values as gaps.
 */
import { describe, expect, it } from 'vitest';
import { commonOutputs, differenceResult, whyNotDifferenced } from '../../renderer/src/whatif/compare.ts';
import { studyPlots } from '../../renderer/src/whatif/studyPlots.ts';
import type { OutputInfo, OutputValue } from '../../solver/whatif/outputs.ts';
import type { PointResult, StudyResult } from '../../solver/whatif/result.ts';
import type { StudyDesign } from '../../solver/whatif/study.ts';

const list = (values: number[]) => ({ kind: 'list' as const, values });
const LOAD = 'network.loadScale';
const VM = 'network.substation.vmPu';

const INFO: Record<string, OutputInfo> = {
  minVoltagePu: { id: 'minVoltagePu', label: 'Lowest bus voltage', unit: 'p.u.', shape: 'scalar' },
  maxLoadingPct: { id: 'maxLoadingPct', label: 'Highest line loading', unit: '%', shape: 'scalar' },
  lossesKw: { id: 'lossesKw', label: 'Losses per period', unit: 'kW', shape: 'series' },
  busVoltagePu: { id: 'busVoltagePu', label: 'Bus voltage', unit: 'p.u.', shape: 'per-entity', entity: 'bus' },
};

/** A study result whose point k has the values `values[k]` and the outputs `out(k)`; points in `failed` did not converge. */
function study(design: StudyDesign, values: Record<string, number>[], out: (k: number) => Record<string, OutputValue>, opts: { failed?: number[]; outputs?: OutputInfo[] } = {}): StudyResult {
  const points = values.map((v, k): PointResult => {
    const bad = opts.failed?.includes(k);
    return { index: k, values: v, status: bad ? 'not-converged' : 'ok', message: bad ? `diverged at point ${k}` : 'solved', outputs: bad ? {} : out(k), at: {}, scenarioHash: `h${k}` };
  });
  return {
    job: 'powerflow',
    study: design,
    base: { scenarioHash: 'base', options: {}, seed: 1, backend: 'glpk' },
    outputs: opts.outputs ?? [INFO.minVoltagePu!],
    pointCount: points.length,
    points,
    timingsMs: { total: 1, jobs: 1 },
    version: '0.1.0',
  };
}

const sweep = (xs: number[], out: (k: number) => Record<string, OutputValue>, opts?: Parameters<typeof study>[3]) =>
  study({ kind: 'sweep', param: { path: LOAD, values: list(xs) } }, xs.map((x) => ({ [LOAD]: x })), out, opts);

/** A grid, param outer (row-major), as the engine orders it. */
function grid(p1: string, v1: number[], p2: string, v2: number[], out: (k: number) => Record<string, OutputValue>) {
  const values = v1.flatMap((a) => v2.map((b) => ({ [p1]: a, [p2]: b })));
  return study({ kind: 'grid', param: { path: p1, values: list(v1) }, param2: { path: p2, values: list(v2) } }, values, out);
}

describe('commonOutputs', () => {
  it('lists the outputs both runs recorded with the same shape, in B’s order', () => {
    const a = sweep([1], () => ({}), { outputs: [INFO.minVoltagePu!, INFO.lossesKw!, INFO.busVoltagePu!] });
    const b = sweep([1], () => ({}), { outputs: [INFO.busVoltagePu!, INFO.maxLoadingPct!, INFO.minVoltagePu!, { ...INFO.lossesKw!, shape: 'scalar' }] });
    expect(commonOutputs(a, b)).toEqual(['busVoltagePu', 'minVoltagePu']);
  });
});

describe('whyNotDifferenced', () => {
  const v = (k: number) => ({ minVoltagePu: 0.95 - 0.01 * k });

  it('is null for two runs over the same values, and ignores differences below 1e-12 relative', () => {
    expect(whyNotDifferenced(sweep([0.5, 1, 1.5], v), sweep([0.5, 1, 1.5], v), 'minVoltagePu')).toBeNull();
    expect(whyNotDifferenced(sweep([0.1 + 0.2], v), sweep([0.3], v), 'minVoltagePu')).toBeNull();
  });

  it('names the run that did not record the output, a shape or a unit that differs', () => {
    const a = sweep([1], v);
    const b = sweep([1], v, { outputs: [INFO.maxLoadingPct!] });
    expect(whyNotDifferenced(a, b, 'maxLoadingPct')).toBe('A did not record maxLoadingPct');
    expect(whyNotDifferenced(a, b, 'minVoltagePu')).toBe('B did not record minVoltagePu');
    const series = sweep([1], v, { outputs: [{ ...INFO.minVoltagePu!, shape: 'series' }] });
    expect(whyNotDifferenced(a, series, 'minVoltagePu')).toBe('minVoltagePu has a different shape in A and B');
    const volts = sweep([1], v, { outputs: [{ ...INFO.minVoltagePu!, unit: 'V' }] });
    expect(whyNotDifferenced(a, volts, 'minVoltagePu')).toBe('minVoltagePu is in p.u. in A and in V in B');
  });

  it('refuses a sweep against a grid, and a grid whose parameters are swapped', () => {
    const g = grid(LOAD, [1, 2], VM, [1, 1.05], v);
    expect(whyNotDifferenced(sweep([1, 2, 3, 4], v), g, 'minVoltagePu')).toBe('A is a sweep study and B a grid: their points do not correspond');
    const swapped = grid(VM, [1, 1.05], LOAD, [1, 2], v);
    expect(whyNotDifferenced(g, swapped, 'minVoltagePu')).toBe(`A varies ${LOAD}, ${VM} and B varies ${VM}, ${LOAD}`);
  });

  it('refuses grids of other sizes, and grids of the same size over other values, naming the first point that differs', () => {
    const g23 = grid(LOAD, [1, 2], VM, [0.98, 1, 1.02], v);
    expect(whyNotDifferenced(g23, grid(LOAD, [1, 2, 3], VM, [0.98, 1, 1.02], v), 'minVoltagePu')).toBe('A has 6 points and B 9');
    // 2 × 3 against 3 × 2: six points each, but point 1 is (1, 1) in A and (1, 1.05) in B
    const g32 = grid(LOAD, [1, 2, 3], VM, [1, 1.05], v);
    expect(whyNotDifferenced(grid(LOAD, [1, 2, 3], VM, [1, 1.02], v), g32, 'minVoltagePu')).toBe(`point 1: A has ${VM} = 1.02 and B ${VM} = 1.05 (the parameter values differ)`);
    expect(whyNotDifferenced(g23, grid(LOAD, [1, 2], VM, [0.98, 1, 1.02], v), 'minVoltagePu')).toBeNull();
  });

  it('tells a Monte Carlo comparison to use the same distributions, N and seed', () => {
    const mc = (seed: number, xs: number[]) =>
      study({ kind: 'monte-carlo', params: [{ path: LOAD, distribution: { kind: 'uniform', min: 0.8, max: 1.2 } }], samples: xs.length, seed }, xs.map((x) => ({ [LOAD]: x })), v);
    expect(whyNotDifferenced(mc(1, [0.9, 1.1]), mc(2, [0.9, 1.15]), 'minVoltagePu')).toBe(`point 1: A has ${LOAD} = 1.1 and B ${LOAD} = 1.15 (the parameter values differ: use the same distributions, N and seed)`);
  });
});

describe('differenceResult', () => {
  it('B − A of a scalar, labelled as a difference in the output’s unit; a point failed in either run stays failed with its message', () => {
    const a = sweep([0.5, 1, 1.5, 2], (k) => ({ minVoltagePu: 0.96 - 0.02 * k }), { failed: [2] });
    const b = sweep([0.5, 1, 1.5, 2], (k) => ({ minVoltagePu: 0.97 - 0.03 * k }), { failed: [3] });
    expect(whyNotDifferenced(a, b, 'minVoltagePu')).toBeNull();
    const d = differenceResult(a, b, 'minVoltagePu');
    expect(d.outputs).toEqual([{ id: 'minVoltagePu', label: 'Δ Lowest bus voltage (B − A)', unit: 'p.u.', shape: 'scalar' }]);
    expect(d.points.map((p) => p.status)).toEqual(['ok', 'ok', 'not-converged', 'not-converged']);
    expect(d.points[0]!.outputs.minVoltagePu).toBeCloseTo(0.01, 12);
    expect(d.points[1]!.outputs.minVoltagePu).toBeCloseTo(0.97 - 0.03 - (0.96 - 0.02), 12);
    expect(d.points[2]!.message).toBe('A: diverged at point 2');
    expect(d.points[3]!.message).toBe('B: diverged at point 3');
    expect(d.points[2]!.outputs).toEqual({});
    // drawn like any sweep: gaps where a run failed, marked and explained
    const [plot] = studyPlots(d);
    expect((plot!.data[0] as { y: (number | null)[] }).y.slice(2)).toEqual([null, null]);
    expect(plot!.note).toMatch(/^2 of 4 points not solved, e\.g\. network\.loadScale = 1\.5: not-converged: A: diverged at point 2$/);
  });

  it('when both runs failed at a point, B’s failure is the one reported', () => {
    const a = sweep([1], () => ({ minVoltagePu: 0.9 }), { failed: [0] });
    const b = sweep([1], () => ({ minVoltagePu: 0.9 }), { failed: [0] });
    expect(differenceResult(a, b, 'minVoltagePu').points[0]!.message).toBe('B: diverged at point 0');
  });

  it('a scalar undefined in either run (null: no rated line) differences to null, an ok point with a gap', () => {
    const out = [{ maxLoadingPct: null }, { maxLoadingPct: 40 }];
    const a = sweep([1, 2], (k) => out[k]!, { outputs: [INFO.maxLoadingPct!] });
    const b = sweep([1, 2], () => ({ maxLoadingPct: 55 }), { outputs: [INFO.maxLoadingPct!] });
    const d = differenceResult(a, b, 'maxLoadingPct');
    expect(d.points.map((p) => [p.status, p.outputs.maxLoadingPct])).toEqual([
      ['ok', null],
      ['ok', 15],
    ]);
  });

  it('series period by period; per-entity over the entities both runs have', () => {
    const a = sweep([1], () => ({ lossesKw: [10, 20, 30], busVoltagePu: { '1': 1, '2': 0.97, '3': 0.95 } }), { outputs: [INFO.lossesKw!, INFO.busVoltagePu!] });
    const b = sweep([1], () => ({ lossesKw: [12, 19, 33], busVoltagePu: { '1': 1, '3': 0.96, '4': 0.9 } }), { outputs: [INFO.lossesKw!, INFO.busVoltagePu!] });
    expect(differenceResult(a, b, 'lossesKw').points[0]!.outputs.lossesKw).toEqual([2, -1, 3]);
    const perBus = differenceResult(a, b, 'busVoltagePu').points[0]!.outputs.busVoltagePu as Record<string, number>;
    expect(Object.keys(perBus)).toEqual(['1', '3']);
    expect(perBus['1']).toBe(0);
    expect(perBus['3']).toBeCloseTo(0.01, 12);
  });

  it('a grid’s difference is drawn as a heat map with the failed cell blank', () => {
    const a = grid(LOAD, [1, 2], VM, [1, 1.05], (k) => ({ minVoltagePu: 0.9 + 0.01 * k }));
    const b = grid(LOAD, [1, 2], VM, [1, 1.05], (k) => ({ minVoltagePu: 0.9 + 0.02 * k }));
    b.points[3] = { ...b.points[3]!, status: 'not-converged', message: 'diverged', outputs: {} };
    const [plot] = studyPlots(differenceResult(a, b, 'minVoltagePu'));
    const z = (plot!.data[0] as { z: (number | null)[][] }).z;
    // rows: VM values; columns: LOAD values; point k = i·2 + j has Δ = 0.01·k
    expect(z[0]![0]).toBeCloseTo(0, 12);
    expect(z[1]![0]).toBeCloseTo(0.01, 12);
    expect(z[0]![1]).toBeCloseTo(0.02, 12);
    expect(z[1]![1]).toBeNull();
  });
});
