import { describe, expect, it } from 'vitest';
import { readAsset } from '../support/network.ts';
import { solveOpf } from './support.ts';

describe('opf LinDistFlow against the AC power flow', () => {
  it('keeps every IEEE 33-bus voltage within 0.01 p.u. of the AC sweep at base load, the lossless import equal to the load', async () => {
    const { data, certificate } = await solveOpf(JSON.parse(readAsset('scenarios/ieee33.ggs.json')));
    expect(data.summary.maxVoltageErrorPu).toBeLessThan(0.01);
    const p = data.periods[0]!;
    // LinDistFlow drops the losses: the grid supplies exactly the 3715 kW of load
    expect(p.importKw).toBeCloseTo(3715, 6);
    // the AC sweep of the same injections carries the published 202.7 kW of losses (Baran & Wu 1989)
    expect(p.acLossesKw).toBeCloseTo(202.7, 1);
    expect(p.buses[17]!.vAcPu).toBeCloseTo(0.9131, 4);
    expect(certificate.lp.status).toBe('optimal');
    expect(certificate.lp.dualityGap).toBeLessThan(1e-6);
  });

  it('never lets the optimum exceed a line rating or a voltage limit in the LP', async () => {
    const { data } = await solveOpf(JSON.parse(readAsset('scenarios/ieee33-der.ggs.json')), 'glpk', { acComparison: false });
    for (const p of data.periods) {
      for (const l of p.lines) if (l.loadingPct !== null) expect(l.loadingPct).toBeLessThanOrEqual(100 + 1e-6);
      for (const b of p.buses) expect(b.vLinPu).toBeLessThanOrEqual(1.05 + 1e-9);
    }
  });
});
