import { describe, expect, it } from 'vitest';
import { COLUMN_GAP, feederLayout } from '../../renderer/src/network/feederLayout.ts';

const buses = ['1', '2', '3', '4', '5'].map((id) => ({ id }));
const lines = [
  { from: '1', to: '2' },
  { from: '2', to: '3' },
  { from: '2', to: '4' },
];

describe('feederLayout', () => {
  it('grows the feeder left to right from the substation, one column per depth', () => {
    const pos = feederLayout(buses, lines, '1');
    expect(pos.get('1')!.x).toBe(0);
    expect(pos.get('2')!.x).toBe(COLUMN_GAP);
    expect(pos.get('3')!.x).toBe(2 * COLUMN_GAP);
    expect(pos.get('4')!.x).toBe(2 * COLUMN_GAP);
    expect(pos.get('3')!.y).not.toBe(pos.get('4')!.y);
  });

  it('lines up buses the substation cannot reach underneath the tree', () => {
    const pos = feederLayout(buses, lines, '1');
    const treeBottom = Math.max(...['1', '2', '3', '4'].map((id) => pos.get(id)!.y));
    expect(pos.get('5')!.y).toBeGreaterThan(treeBottom);
  });

  it('keeps positions the user dragged and ignores lines out of service', () => {
    const pos = feederLayout([{ id: '1' }, { id: '2', x: 500, y: -40 }, { id: '3' }], [{ from: '1', to: '2' }, { from: '2', to: '3', inService: false }], '1');
    expect(pos.get('2')).toEqual({ x: 500, y: -40 });
    expect(pos.get('3')!.y).toBeGreaterThan(0);
  });

  it('draws a meshed network without looping', () => {
    const pos = feederLayout(buses.slice(0, 3), [...lines.slice(0, 2), { from: '3', to: '1' }], '1');
    expect(pos.size).toBe(3);
  });
});
