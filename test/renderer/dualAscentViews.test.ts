/**
 * The dual-ascent view's figures and privacy study (renderer/src/microgrid/dualAscentViews.ts):
 * the pool bill is Σ λ·Δt·q with q > 0 received, the cost bars add it, the imbalance plot
 * shows the reported (noisy) line only with privacy on, and the ε sweep forces privacy on
 * and reads gap and imbalance per ε in ascending order.
 */
import { describe, expect, it } from 'vitest';
import type { DualAscentData } from '../../solver/jobs/kinds/dualAscent.ts';
import type { StudyResult } from '../../solver/whatif/result.ts';
import { EPSILON_PATH, imbalanceTraces, poolBill, poolCostTraces, priceTraces, privacyFigure, privacyRows, privacyStudy, readEpsilons } from '../../renderer/src/microgrid/dualAscentViews.ts';

const data = {
  T: 2,
  dtHours: 6,
  microgrids: [
    { id: 'a', costAlone: 100, cost: 80, poolKw: [10, -5] },
    { id: 'b', costAlone: 50, cost: 60, poolKw: [-10, 5] },
  ],
  pricePerKwh: [0.1, 0.3],
  optimumPricePerKwh: [0.1, 0.29],
  iterations: [
    { k: 1, reportedImbalanceKw: 3, imbalanceKw: 2, cost: 1 },
    { k: 2, reportedImbalanceKw: 1.5, imbalanceKw: 0.5, cost: 1 },
  ],
  cost: 140,
  optimumCost: 139,
  relativeGap: 1 / 139,
  maxImbalanceKw: 0.5,
  epsilon: 1,
  noiseScaleKw: 1,
} as DualAscentData;

type Trace = { name: string; x: unknown[]; y: unknown[] };

describe('dual-ascent view', () => {
  it('pool bills, prices and costs', () => {
    expect(poolBill(data, 0)).toBeCloseTo(0.1 * 6 * 10 + 0.3 * 6 * -5, 12); // 6 − 9 = −3
    expect(poolBill(data, 1)).toBeCloseTo(3, 12);
    const [alone, own, billed] = poolCostTraces(data) as Trace[];
    expect(alone!.y).toEqual([100, 50]);
    expect(own!.y).toEqual([80, 60]);
    expect((billed!.y as number[]).map((v) => Number(v.toFixed(9)))).toEqual([77, 63]);
    const [da, opt] = priceTraces(data) as Trace[];
    expect(da!.y).toEqual([0.1, 0.3]);
    expect(opt!.y).toEqual([0.1, 0.29]);
  });

  it('imbalance: the reported line only when reports are noisy', () => {
    expect((imbalanceTraces(data) as Trace[]).map((t) => t.name)).toEqual(['reported (with noise)', 'true']);
    const exact = imbalanceTraces({ ...data, epsilon: null, noiseScaleKw: null }) as Trace[];
    expect(exact.map((t) => t.name)).toEqual(['true']);
    expect(exact[0]!.y).toEqual([2, 0.5]);
  });

  it('the ε sweep: privacy on, values checked, rows ascending with uncertified points kept', () => {
    expect(readEpsilons('5, 0.2')).toEqual({ ok: true, values: [5, 0.2] });
    expect(readEpsilons('0, 1')).toMatchObject({ ok: false, message: expect.stringMatching(/positive/) });
    const study = privacyStudy({ microgridCoordination: {} } as never, [0.2, 5], { privacy: false, maxIterations: 50 });
    expect(study.base.options).toEqual({ privacy: true, maxIterations: 50 });
    expect((study.base.scenario as { microgridCoordination: { privacy: unknown } }).microgridCoordination.privacy).toEqual({ epsilon: 1, sensitivityKw: 1 });
    expect(study.design).toEqual({ kind: 'sweep', param: { path: EPSILON_PATH, values: { kind: 'list', values: [0.2, 5] } } });
    const result = {
      points: [
        { values: { [EPSILON_PATH]: 5 }, status: 'ok', outputs: { welfareGap: 1e-4, maxImbalanceKw: 0.2 } },
        { values: { [EPSILON_PATH]: 0.2 }, status: 'uncertified', outputs: { welfareGap: 2e-2, maxImbalanceKw: 6 } },
        { values: { [EPSILON_PATH]: 1 }, status: 'failed', outputs: {} },
      ],
    } as unknown as StudyResult;
    const rows = privacyRows(result);
    expect(rows).toEqual([
      { epsilon: 0.2, status: 'uncertified', gap: 2e-2, imbalanceKw: 6 },
      { epsilon: 1, status: 'failed', gap: null, imbalanceKw: null },
      { epsilon: 5, status: 'ok', gap: 1e-4, imbalanceKw: 0.2 },
    ]);
    const fig = privacyFigure(rows, { gap: 1e-3, imbalanceKw: 1 }).data as Trace[];
    expect(fig[0]!.y).toEqual([2e-2, null, 1e-4]);
    expect(fig[2]!.x).toEqual([0.2, 5]);
    expect(fig[3]!.y).toEqual([1, 1]);
  });
});
