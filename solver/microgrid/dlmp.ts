/**
 * DLMPs of the microgrids' social optimum P1 (MODELS.md §7, docs/models/microgrids.md).
 *
 * P1 carries the ADN's LinDistFlow rows (adnNetwork.ts) with the same
 * structure as the OPF's LP, so the OPF's decomposition (solver/opf/dlmp.ts,
 * Papavasiliou 2018) reads P1's duals unchanged: DLMP_j,t = ∂(social cost)/∂(load
 * at bus j in period t) per kWh = energy (the substation's balance dual) +
 * voltage (downstream voltage-limit duals) + congestion (line polygon duals).
 *
 * In P1 the substation's energy is free (the microgrids pay the ADN through
 * their own exchange prices), so the energy part is zero unless the
 * substation's import limit binds; a bus's DLMP is what one more kWh of load
 * there costs the microgrids once the feeder's limits force them to adjust.
 * When P1's generator costs are quadratic it is solved by cutting planes
 * (outerApproximation.ts): the duals are those of the final LP, whose active
 * cut touches the cost curve within the cuts' relative tolerance.
 */
import type { LpSolution } from '../lp/backend.ts';
import { periodDlmps } from '../opf/dlmp.ts';
import { apparentPowerPolygon } from '../opf/polygon.ts';
import type { AdnNetwork } from './adnNetwork.ts';
import type { MgDlmps } from './resultTypes.ts';

export function p1Dlmps(net: AdnNetwork, solution: LpSolution, dtHours: number, polygonSides: number): MgDlmps {
  const rows = {
    feeder: net.feeder,
    dtHours,
    kvaPerPu: net.feeder.baseMva * 1000,
    facets: apparentPowerPolygon(polygonSides),
    balanceP: net.balanceP,
    voltageDrop: net.voltageDrop,
    thermalFirst: net.thermalFirst,
  };
  const out: MgDlmps = { total: [], energy: [], voltage: [], congestion: [], decompositionResidual: 0 };
  for (let t = 0; t < net.balanceP.length; t++) {
    const { dlmps, residual } = periodDlmps(rows, solution.rowDuals, t);
    out.total.push(dlmps.map((d) => d.total));
    out.energy.push(dlmps[0]?.energy ?? 0);
    out.voltage.push(dlmps.map((d) => d.voltage));
    out.congestion.push(dlmps.map((d) => d.congestion));
    out.decompositionResidual = Math.max(out.decompositionResidual, residual);
  }
  return out;
}
