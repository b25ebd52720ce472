/**
 * The mg-bargaining hour views (renderer/src/microgrid/mgViews.ts) and the
 * microgrid editor's partner text (microgridEdits.ts): a pair's trade becomes a
 * flow from the sender to the receiver; the sankey keeps senders and receivers
 * in two columns; an hour's safety picture sums the adjustments of every
 * round and keeps only that hour's violations; the partners text round-trips
 * and refuses what it cannot read (so it is stored as typed).
 */
import { describe, expect, it } from 'vitest';
import type { MgBargainingData } from '../../solver/jobs/kinds/mgBargaining.ts';
import { safetyAt, sankeyOf, tradeFlowsAt, violatedPeriods } from '../../renderer/src/microgrid/mgViews.ts';
import { formatPartners, parsePartners } from '../../renderer/src/microgrid/microgridEdits.ts';

const data = {
  T: 2,
  dtHours: 1,
  microgrids: [{ id: 'a', busId: '2' }, { id: 'b', busId: '3' }, { id: 'c', busId: '4' }],
  pairs: [
    { a: 'a', b: 'b', tradeKw: [5, -3] },
    { a: 'a', b: 'c', tradeKw: [0, 2] },
    { a: 'b', b: 'c', tradeKw: [-1e-9, 4] },
  ],
  safety: {
    safe: true,
    rounds: [
      { round: 1, violations: [{ t: 1, kind: 'voltage-low', id: '4', value: 0.89, limit: 0.9 }, { t: 0, kind: 'thermal', id: 'L1', value: 120, limit: 100 }], adjustments: [{ t: 1, microgrid: 'c', deltaKw: 10 }] },
      { round: 2, violations: [{ t: 1, kind: 'voltage-low', id: '4', value: 0.899, limit: 0.9 }], adjustments: [{ t: 1, microgrid: 'c', deltaKw: 2.5 }, { t: 0, microgrid: 'a', deltaKw: -1 }] },
      { round: 3, violations: [], adjustments: [] },
    ],
    voltagesBefore: [[1, 0.95], [1, 0.89]],
    voltagesAfter: [[1, 0.96], [1, 0.9]],
    injectionKw: [],
    adjustedKwh: 13.5,
  },
} as unknown as MgBargainingData;

describe('mg-bargaining hour views', () => {
  it('turns each pair trade into a flow from sender to receiver, dropping noise', () => {
    expect(tradeFlowsAt(data, 0)).toEqual([{ from: 'b', to: 'a', kw: 5 }]);
    expect(tradeFlowsAt(data, 1)).toEqual([
      { from: 'a', to: 'b', kw: 3 },
      { from: 'c', to: 'a', kw: 2 },
      { from: 'c', to: 'b', kw: 4 },
    ]);
  });
  it('draws senders left and receivers right, in the microgrids order', () => {
    const s = sankeyOf(['a', 'b', 'c'], tradeFlowsAt(data, 1));
    expect(s.labels).toEqual(['a sends', 'b sends', 'c sends', 'a receives', 'b receives', 'c receives']);
    expect(s.source).toEqual([0, 2, 2]);
    expect(s.target).toEqual([4, 3, 4]);
    expect(s.value).toEqual([3, 2, 4]);
  });
  it("sums an hour's adjustments over the rounds and keeps that hour's first-round violations", () => {
    const h = safetyAt(data, 1)!;
    expect(h.violations.map((v) => v.id)).toEqual(['4']);
    expect(h.remaining).toEqual([]); // safe at the end
    expect(h.adjustments).toEqual([{ microgrid: 'c', deltaKw: 12.5 }]);
    expect(h.voltagesAfter).toEqual([1, 0.9]);
    expect(safetyAt(data, 0)!.adjustments).toEqual([{ microgrid: 'a', deltaKw: -1 }]);
    expect(violatedPeriods(data)).toEqual([0, 1]);
    expect(safetyAt({ ...data, safety: null }, 0)).toBeNull();
  });
});

describe('microgrid partners text', () => {
  it('round-trips id:cost[:kW]', () => {
    const p = [{ microgrid: 'mg2', costPerKwh: 0.005 }, { microgrid: 'mg3', costPerKwh: 0.01, maxKw: 80 }];
    expect(formatPartners(p)).toBe('mg2:0.005, mg3:0.01:80');
    expect(parsePartners('mg2:0.005, mg3:0.01:80')).toEqual(p);
    expect(parsePartners(' mg4 ')).toEqual([{ microgrid: 'mg4' }]);
    expect(parsePartners('')).toEqual([]);
  });
  it('refuses what it cannot read, so the text is kept as typed for validation to name', () => {
    expect(parsePartners('mg2:cheap')).toBeNull();
    expect(parsePartners('mg2:0.1:5:9')).toBeNull();
    expect(parsePartners(':0.1')).toBeNull();
  });
});
