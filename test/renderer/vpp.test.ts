import { describe, expect, it } from 'vitest';
import { responseStep, bestResponseFigure } from '../../renderer/src/vpp/bestResponseFigure.ts';
import { setRowField } from '../../renderer/src/vpp/vppEdits.ts';
import { gridRows } from '../../renderer/src/vpp/gridRows.ts';

const path = [
  { a: 0, b: 0 },
  { a: 200, b: 0 },
  { a: 200, b: 140 },
  { a: 190, b: 140 },
  { a: 190, b: 140 },
];
const curves = {
  period: 11,
  vpps: ['north', 'south'] as [string, string],
  curves: [
    [
      { a: 210, b: 0 },
      { a: 180, b: 200 },
    ],
    [
      { a: 0, b: 160 },
      { a: 300, b: 100 },
    ],
  ] as [{ a: number; b: number }[], { a: number; b: number }[]],
  equilibrium: { a: 190, b: 140 },
  path,
};

describe('responseStep(path, k)', () => {
  it('names the VPP whose quantity moved and the Gauss–Seidel sweep', () => {
    expect(responseStep(path, 0)).toMatchObject({ mover: null, sweep: 0 });
    expect(responseStep(path, 1)).toMatchObject({ mover: 0, sweep: 1, moveKw: 200 });
    expect(responseStep(path, 2)).toMatchObject({ mover: 1, sweep: 1, moveKw: 140 });
    expect(responseStep(path, 3)).toMatchObject({ mover: 0, sweep: 2, moveKw: 10 });
  });
  it('keeps the alternation for a response that did not move', () => {
    expect(responseStep(path, 4)).toMatchObject({ mover: 1, sweep: 2, moveKw: 0 });
  });
});

describe('bestResponseFigure(input)', () => {
  it('draws the path up to the step on axes fixed for the whole animation', () => {
    const at = (step: number) => bestResponseFigure({ curves, names: ['North', 'South'], colours: ['#111111', '#222222'], step, large: false });
    const early = at(1);
    const late = at(4);
    const pathTrace = (f: typeof early) => f.data.find((t) => t.name === 'best-response iteration') as { x: number[] };
    expect(pathTrace(early).x).toEqual([0, 200]);
    expect(pathTrace(late).x).toHaveLength(5);
    expect(early.layout.xaxis?.range).toEqual(late.layout.xaxis?.range);
    // the equilibrium star is drawn last, on top of the current point
    expect(late.data[late.data.length - 1]!.name).toBe('Nash equilibrium');
  });
});

describe('setRowField(owner, key, value)', () => {
  it('creates a battery when its capacity is set and removes it when the capacity is cleared', () => {
    const vpp: Record<string, unknown> = { id: 'north' };
    setRowField(vpp, 'battery.kwh', 400);
    expect(vpp.battery).toEqual({ id: 'north-battery', kwh: 400, kw: 100 });
    setRowField(vpp, 'battery.cycleCostPerKwh', undefined);
    expect(vpp.battery).toBeDefined();
    setRowField(vpp, 'battery.kwh', undefined);
    expect(vpp.battery).toBeUndefined();
  });
  it('starts a separate unoccupied band from the occupied one', () => {
    const b: Record<string, unknown> = { comfort: { minC: 22, maxC: 26 } };
    setRowField(b, 'comfortUnoccupied.maxC', 29);
    expect(b.comfortUnoccupied).toEqual({ minC: 22, maxC: 29 });
  });
  it('flattens nested fields into grid columns named by their path', () => {
    const b = { id: 'office', comfort: { minC: 22, maxC: 26 } };
    expect(gridRows([b], [{ key: 'comfort.maxC', label: 'max', kind: 'number', width: 1 }])[0]).toEqual({ id: 'office', 'comfort.maxC': 26 });
  });
});
