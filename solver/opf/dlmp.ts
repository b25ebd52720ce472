/**
 * DLMPs and their decomposition, read from the LP duals.
 *
 * The DLMP of bus j in period t is the dual of its active balance row divided
 * by Δt: the cost of one more kWh consumed there (the LP layer's sign
 * convention makes it ∂cost/∂load). Stationarity of the free flow variable
 * P_j of the line feeding j (parent i) reads
 *
 *   λ_j = λ_i − (2 r_ij / S_base)·μ_j − Σ_k cos θ_k · ν_jk
 *
 * with μ_j the dual of j's voltage-drop row and ν_jk the duals of the line's
 * polygon facets. Summed along the path from the substation, the DLMP splits
 * exactly into energy (λ at the substation), a voltage part (the μ terms,
 * non-zero only where a voltage limit binds downstream) and a congestion part
 * (the ν terms) — the decomposition of Papavasiliou, "Analysis of distribution
 * locational marginal prices", IEEE Trans. Smart Grid 9(5), 2018, for the
 * lossless LinDistFlow (no separate loss component). The residual of the
 * identity is reported as a check on the duals.
 */
import type { Dlmp } from '../contract.ts';
import type { LpSolution } from '../lp/backend.ts';
import type { OpfLp } from './toLp.ts';

/**
 * The rows the decomposition reads: the OPF's LP and the microgrids' P1 with
 * the ADN's LinDistFlow rows (solver/microgrid/dlmp.ts) both provide them.
 * Indexed [t][bus] (balance, voltage drop; -1 at the root) and [t][line]
 * (first polygon facet row, -1 when unrated).
 */
export type DlmpRows = Pick<OpfLp, 'feeder' | 'dtHours' | 'kvaPerPu' | 'facets'> & {
  balanceP: readonly ArrayLike<number>[];
  voltageDrop: readonly ArrayLike<number>[];
  thermalFirst: readonly ArrayLike<number>[];
};

export function periodDlmps(lp: DlmpRows, y: LpSolution['rowDuals'], t: number): { dlmps: Dlmp[]; residual: number } {
  const { topology, zRe } = lp.feeder;
  const n = topology.busIds.length;
  const dt = lp.dtHours;
  const energy = y[lp.balanceP[t]![topology.root]!]! / dt;
  const voltage = new Float64Array(n);
  const congestion = new Float64Array(n);
  for (let o = 1; o < n; o++) {
    const j = topology.order[o]!;
    const i = topology.parent[j]!;
    voltage[j] = voltage[i]! - ((2 * zRe[j]!) / lp.kvaPerPu) * y[lp.voltageDrop[t]![j]!]! / dt;
    let c = 0;
    const first = lp.thermalFirst[t]![topology.parentLine[j]!]!;
    if (first >= 0) lp.facets.forEach((f, s) => (c += f.cp * y[first + s]!));
    congestion[j] = congestion[i]! - c / dt;
  }
  let residual = 0;
  const dlmps = Array.from({ length: n }, (_, j) => {
    const total = y[lp.balanceP[t]![j]!]! / dt;
    residual = Math.max(residual, Math.abs(total - (energy + voltage[j]! + congestion[j]!)));
    return { total, energy, voltage: voltage[j]!, congestion: congestion[j]! };
  });
  return { dlmps, residual };
}
