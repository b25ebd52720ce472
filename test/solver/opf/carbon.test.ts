import { describe, expect, it } from 'vitest';
import { emissionFlow } from '../../../solver/carbon/emissionFlow.ts';
import { feederEmissions } from '../../../solver/carbon/feederEmissions.ts';
import { readAsset } from '../support/network.ts';
import { congestedFeeder, solveOpf } from './support.ts';

describe('emissionFlow (proportional sharing)', () => {
  it('mixes two inflows in proportion to their power and charges every outflow the mix', () => {
    // node 0: 100 kW at 0.5; node 1: 300 kW at 0.1; both feed node 2, which serves a 400 kW load
    const f = emissionFlow(3, [{ node: 0, kw: 100, kgPerKwh: 0.5 }, { node: 1, kw: 300, kgPerKwh: 0.1 }], [{ from: 0, to: 2, kw: 100 }, { from: 1, to: 2, kw: 300 }], [{ node: 2, kw: 400 }]);
    expect(f.intensity[2]).toBeCloseTo((100 * 0.5 + 300 * 0.1) / 400, 12);
    expect(f.sinkKgPerH[0]).toBeCloseTo(80, 12);
    expect(f.emittedKgPerH).toBeCloseTo(80, 12);
  });

  it('charges a line loss the intensity of the power feeding the line, also when both ends feed it', () => {
    // buses 0 and 1 joined by line (node 2); each bus sources power into the line, which only burns it as loss
    const e = feederEmissions({
      busCount: 2,
      lines: [{ from: 0, to: 1, pFromKw: 10, lossKw: 15 }],
      sources: [{ node: 0, kw: 10, kgPerKwh: 0.4 }, { node: 1, kw: 5, kgPerKwh: 0 }],
      sinks: [],
    });
    expect(e.balance.lossesKg).toBeCloseTo(4, 12);
    expect(e.balance.emittedKg).toBeCloseTo(4, 12);
  });
});

describe('opf carbon emission flow', () => {
  it('conserves carbon on the DER sample: loads + losses + storage + export = emitted, every period, with AC losses', async () => {
    const { data, certificate } = await solveOpf(JSON.parse(readAsset('scenarios/ieee33-der.ggs.json')));
    expect(data.summary.carbonBasis).toBe('ac');
    expect(data.summary.carbon.lossesKg).toBeGreaterThan(0);
    const c = data.summary.carbon;
    expect(Math.abs(c.emittedKg - (c.loadsKg + c.lossesKg + c.storageKg + c.exportKg)) / c.emittedKg).toBeLessThan(1e-6);
    expect(certificate.carbonImbalanceKg).toBeLessThan(1e-3);
    // the per-load attribution sums to the loads' total
    for (const p of data.periods) expect(p.buses.reduce((s, b) => s + b.loadCarbonKg, 0)).toBeCloseTo(p.carbon.loadsKg, 6);
    // at noon the far end of the trunk runs on its own PV: carbon-free
    expect(data.periods[12]!.buses.find((b) => b.id === '18')!.carbonKgPerKwh).toBeCloseTo(0, 9);
  });

  it('gives a bus fed by a local generator the mix of grid and generator carbon', async () => {
    const { data } = await solveOpf(congestedFeeder(), 'glpk', { acComparison: false });
    const p = data.periods[0]!;
    expect(p.buses[0]!.carbonKgPerKwh).toBeCloseTo(0.4, 12);
    // bus 5 takes power only from its own generator (0.8 kg/kWh) and the flow arriving from bus 4
    const b5 = p.buses[4]!.carbonKgPerKwh;
    expect(b5).toBeGreaterThan(0.6);
    expect(b5).toBeLessThanOrEqual(0.8);
    expect(Math.abs(p.carbon.emittedKg - p.carbon.loadsKg)).toBeLessThan(1e-9);
  });
});
