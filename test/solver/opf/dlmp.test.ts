import { describe, expect, it } from 'vitest';
import { loadLpBackend, type LpBackendName } from '../../../solver/lp/backend.ts';
import type { LpRow } from '../../../solver/lp/model.ts';
import { toLp } from '../../../solver/opf/toLp.ts';
import { congestedFeeder, solveOpf, valid } from './support.ts';

describe('opf DLMPs on a feeder with a congested line and a binding voltage limit', () => {
  for (const backend of ['glpk', 'highs'] as LpBackendName[]) {
    it(`every DLMP equals the finite-difference cost of 1 kW more load at that bus and hour (${backend})`, async () => {
      const { data, certificate } = await solveOpf(congestedFeeder(), backend, { acComparison: false });
      // the oracle only bites if both limits bind and the components are not trivial
      expect(data.summary.binding).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'thermal', id: 'L1' }), expect.objectContaining({ kind: 'voltage-min', id: '5' })]));
      expect(Math.min(...data.periods.map((p) => p.buses[4]!.dlmp.voltage))).toBeGreaterThan(0.01);
      expect(Math.min(...data.periods.map((p) => p.buses[4]!.dlmp.congestion))).toBeGreaterThan(0.01);
      expect(certificate.dlmpDecompositionResidual).toBeLessThan(1e-9);

      const scenario = valid(congestedFeeder());
      const lp = toLp(scenario, { polygonSides: 12 });
      const solver = await loadLpBackend(backend);
      const base = solver.solve(lp.model).objective;
      let worst = 0;
      for (let t = 0; t < lp.T; t++) {
        for (let j = 0; j < scenario.network.buses.length; j++) {
          const row = lp.balanceP[t]![j]!;
          const load = lp.model.rowLb(row);
          lp.model.setRowBounds(row as LpRow, { eq: load + 1 });
          const marginal = (solver.solve(lp.model).objective - base) / lp.dtHours;
          lp.model.setRowBounds(row as LpRow, { eq: load });
          const dlmp = data.periods[t]!.buses[j]!.dlmp.total;
          worst = Math.max(worst, Math.abs(marginal - dlmp) / Math.abs(dlmp));
        }
      }
      expect(worst).toBeLessThan(1e-3);
    });
  }

  it('splits each DLMP into the substation price, a voltage part growing toward the limited bus and the congestion of L1', async () => {
    const { data } = await solveOpf(congestedFeeder(), 'glpk', { acComparison: false });
    const [b1, b2, , , b5] = data.periods[0]!.buses;
    expect(b1!.dlmp).toEqual({ total: expect.closeTo(0.1, 9), energy: expect.closeTo(0.1, 9), voltage: expect.closeTo(0, 9), congestion: expect.closeTo(0, 9) });
    // downstream of L1 both generators are marginal: bus 5 pays its own generator's cost
    expect(b5!.dlmp.total).toBeCloseTo(0.5, 9);
    expect(b2!.dlmp.congestion).toBeCloseTo(b5!.dlmp.congestion, 9);
    expect(b5!.dlmp.voltage).toBeGreaterThan(b2!.dlmp.voltage);
  });
});
