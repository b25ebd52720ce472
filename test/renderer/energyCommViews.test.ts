/** The pure parts of the mg-energy-comm view: node layout, link states in a period, pair rows with routes. */
import { describe, expect, it } from 'vitest';
import type { MgEnergyCommData } from '../../solver/jobs/kinds/mgEnergyComm.ts';
import { commLayout, linkStatesAt, pairRowsAt } from '../../renderer/src/microgrid/energyCommViews.ts';

const data = {
  T: 2,
  nodes: ['a', 'b', 'c', 'hub'],
  microgrids: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
  links: [
    { id: 'ah', from: 'a', to: 'hub', bandwidthKbps: 50, loadKbps: [50, 10], pricePerKbpsH: [0.2, 0] },
    { id: 'ab', from: 'a', to: 'b', bandwidthKbps: 30, loadKbps: [12, 0], pricePerKbpsH: [0, 0] },
  ],
  pairs: [
    {
      a: 'a',
      b: 'b',
      tradeKw: [-60, 0],
      freeTradeKw: [-80, 0],
      routes: [[{ path: ['a', 'hub', 'b'], kbps: 50 }, { path: ['a', 'b'], kbps: 10 }], []],
    },
  ],
} as unknown as MgEnergyCommData;

describe('energy–communication view helpers', () => {
  it('puts the microgrids on a circle and a single router at its centre', () => {
    const spots = commLayout(data, 100, 100, 50);
    expect(spots.find((s) => s.id === 'hub')).toMatchObject({ x: 100, y: 100, microgrid: false });
    const a = spots.find((s) => s.id === 'a')!;
    expect(a.x).toBeCloseTo(100);
    expect(a.y).toBeCloseTo(50);
    for (const s of spots.filter((x) => x.microgrid)) expect(Math.hypot(s.x - 100, s.y - 100)).toBeCloseTo(50);
  });

  it('marks a full link binding with its price, and a trade smaller than with free communication', () => {
    const [ah, ab] = linkStatesAt(data, 0);
    expect(ah).toMatchObject({ binding: true, utilisation: 1, pricePerKbpsH: 0.2 });
    expect(ab).toMatchObject({ binding: false, utilisation: 0.4 });
    expect(linkStatesAt(data, 1)[0]!.binding).toBe(false);
    const [row] = pairRowsAt(data, 0);
    expect(row).toMatchObject({ pair: 'a–b', tradeKw: -60, freeTradeKw: -80, shrunk: true });
    expect(row!.routes).toBe('a → hub → b (50.0 kbit/s); a → b (10.0 kbit/s)');
    expect(pairRowsAt(data, 1)[0]).toMatchObject({ shrunk: false, routes: '—' });
  });
});
