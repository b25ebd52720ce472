import { describe, expect, it } from 'vitest';
import type { AdnOperatorData, AdnOperatorOutcome } from '../../solver/jobs/kinds/adnOperator.ts';
import { adderCurveTraces, gridTraces, importTraces, welfareCurveTraces } from '../../renderer/src/learn/adnOperatorViews.ts';

const outcome = (adder: number, welfare: number, imports: number[]): AdnOperatorOutcome => ({ adders: [adder], welfare, microgridCost: 0, adnRevenue: 0, adnCost: 0, netImportKw: imports, poolPricePerKwh: imports.map(() => 0.1) });
const data = (blocks: number): AdnOperatorData => ({
  T: 2, blocks, blockOfPeriod: [0, blocks - 1], adderMin: -0.05, adderMax: 0.15, lossCostPerKw2h: 2e-4, upstreamPricePerKwh: [0.1, 0.2], episodes: 3,
  curve: [1, 2, 3].map((e) => ({ episode: e, adders: new Array(blocks).fill(0.01 * e), welfare: -10 + e, policyAdders: new Array(blocks).fill(0.02 * e), alpha: 0.1 })),
  baseline: outcome(0, -12, [5, 3]), learned: outcome(0.06, -8.1, [4, 3]), oracle: { ...outcome(0.07, -8, [4, 2]), adders: new Array(blocks).fill(0.07), points: 3, step: 0.1 },
  grid: [{ adders: [0.15], welfare: -11 }, { adders: [-0.05], welfare: -12.5 }, { adders: [0.05], welfare: -8 }],
  policy: { actor: { spec: { inputs: 1, hidden: [2], outputs: 2 * blocks, output: 'linear' }, weights: [] }, alpha: 0.1 }, clearings: 8,
});

describe('adn-operator views', () => {
  it('draws the learning curve with the zero-adder and oracle lines over the episodes', () => {
    const t = welfareCurveTraces(data(1)) as { name: string; x: number[]; y: number[] }[];
    expect(t.map((x) => x.name)).toEqual(['sampled control (exploring)', 'zero adders (scenario tariffs)', 'grid-search oracle']);
    expect(t[0]!.y).toEqual([-9, -8, -7]);
    expect(t[2]!.x).toEqual([1, 3]);
    expect(t[2]!.y).toEqual([-8, -8]);
  });

  it('draws one policy line and one oracle line per block', () => {
    const t = adderCurveTraces(data(2)) as { name: string; y: number[] }[];
    expect(t.map((x) => x.name)).toEqual(['policy, block 1', 'oracle, block 1', 'policy, block 2', 'oracle, block 2']);
    expect(t[2]!.y).toEqual([0.02, 0.04, 0.06]);
  });

  it('draws the grid sorted by adder with the learned and oracle points, for one block only', () => {
    const t = gridTraces(data(1)) as { name: string; x: number[]; y: number[] }[];
    expect(t[0]!.x).toEqual([-0.05, 0.05, 0.15]);
    expect(t[0]!.y).toEqual([-12.5, -8, -11]);
    expect(t.find((x) => x.name === 'learned')!.x).toEqual([0.06]);
    expect(gridTraces(data(2))).toEqual([]);
    expect((importTraces(data(1))[1] as { y: number[] }).y).toEqual([4, 3]);
  });
});
