/**
 * Backward/forward sweep AC power flow of a radial feeder, one period at a time.
 *
 * Per unit on the feeder base: Sbase = network.baseMva, Vbase = the bus base
 * voltage (line-to-line kV), Zbase = Vbase² / Sbase ohm. Loads are constant
 * power. Each sweep (Kersting, "Distribution System Modeling and Analysis",
 * ch. 10; Baran & Wu, IEEE Trans. Power Delivery 4(2), 1989, for the radial
 * feeder formulation):
 *
 *   load current      I_k  = conj(S_k / V_k)
 *   backward sweep    J_k  = I_k + Σ_{c child of k} J_c          (leaves → root)
 *   forward sweep     V_k  = V_parent(k) − Z_k · J_k             (root → leaves)
 *
 * until max_k |V_k − V_k,previous| < tolerance.
 *
 * The certificate is computed independently of the sweep's currents: line
 * currents are rebuilt from the final voltages, (V_parent − V_k) / Z_k, and each
 * bus's injection S_k = V_k · conj(Σ currents leaving k) is compared with its load.
 */
import type { Network } from '../scenario/schema.ts';
import { SolverError } from '../jobs/errors.ts';
import { radialTopology, type RadialTopology } from './topology.ts';

/** Period-independent data of a feeder, precomputed once for all periods. */
export interface Feeder {
  topology: RadialTopology;
  baseMva: number;
  /** per bus: base voltage, kV line-to-line */
  baseKv: Float64Array;
  /** per bus: series impedance of the line feeding it, p.u. (0 at the root) */
  zRe: Float64Array;
  zIm: Float64Array;
  /** substation voltage phasor, p.u. */
  v0Re: number;
  v0Im: number;
}

export interface SweepOptions {
  tolerancePu: number;
  maxIterations: number;
}

export interface SweepSolution {
  /** bus voltage phasors, p.u. */
  vRe: Float64Array;
  vIm: Float64Array;
  /** per bus: current in the line feeding it, flowing away from the substation, p.u. (0 at the root) */
  iRe: Float64Array;
  iIm: Float64Array;
  iterations: number;
  /** max |ΔV| after each sweep, p.u. */
  residualHistory: number[];
  /** largest |S_injected − S_load| over buses, p.u. of baseMva */
  maxMismatchPu: number;
}

/**
 * Builds the per-unit feeder model. Lines joining buses of different base
 * voltage would be transformers, which this model does not have.
 */
export function prepareFeeder(network: Network): Feeder {
  const topology = radialTopology(network);
  const n = network.buses.length;
  const baseKv = new Float64Array(n);
  network.buses.forEach((b, i) => (baseKv[i] = b.baseKv ?? network.baseKv));
  const zRe = new Float64Array(n);
  const zIm = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const k = topology.parentLine[i]!;
    if (k < 0) continue;
    const p = topology.parent[i]!;
    if (baseKv[p] !== baseKv[i]) {
      throw new SolverError({
        code: 'invalid-scenario',
        message: `line "${network.lines[k]!.id}" joins buses of different base voltage (${baseKv[p]} kV and ${baseKv[i]} kV); transformers are not modelled`,
        path: `network.lines[${k}]`,
      });
    }
    const zBaseOhm = (baseKv[i]! * baseKv[i]!) / network.baseMva;
    zRe[i] = network.lines[k]!.rOhm / zBaseOhm;
    zIm[i] = network.lines[k]!.xOhm / zBaseOhm;
  }
  const va = (network.substation.vaDeg * Math.PI) / 180;
  return {
    topology,
    baseMva: network.baseMva,
    baseKv,
    zRe,
    zIm,
    v0Re: network.substation.vmPu * Math.cos(va),
    v0Im: network.substation.vmPu * Math.sin(va),
  };
}

/**
 * Solves one period. `pLoad`/`qLoad` are bus demands in p.u. of baseMva
 * (positive = consumption). `start`: bus voltages to start from (a warm
 * start, e.g. a neighbouring what-if point's solution) instead of the flat
 * start at the substation voltage; the substation bus is held at its own
 * voltage either way. Throws SolverError `not-converged` when the iteration
 * cap is reached or the sweep diverges (voltage collapse).
 */
export function sweep(feeder: Feeder, pLoad: Float64Array, qLoad: Float64Array, options: SweepOptions, start?: { vRe: ArrayLike<number>; vIm: ArrayLike<number> }): SweepSolution {
  const { order, parent } = feeder.topology;
  const { zRe, zIm } = feeder;
  const n = order.length;
  const vRe = start ? Float64Array.from(start.vRe) : new Float64Array(n).fill(feeder.v0Re);
  const vIm = start ? Float64Array.from(start.vIm) : new Float64Array(n).fill(feeder.v0Im);
  vRe[feeder.topology.root] = feeder.v0Re;
  vIm[feeder.topology.root] = feeder.v0Im;
  const jRe = new Float64Array(n);
  const jIm = new Float64Array(n);
  const residualHistory: number[] = [];

  for (let iter = 1; iter <= options.maxIterations; iter++) {
    // backward: load currents, summed from the leaves up
    jRe.fill(0);
    jIm.fill(0);
    for (let o = n - 1; o >= 1; o--) {
      const k = order[o]!;
      // conj(S / V) = (P − jQ) / conj(V) = (P − jQ)·V / |V|²
      const vr = vRe[k]!, vi = vIm[k]!;
      const m2 = vr * vr + vi * vi;
      const p = pLoad[k]!, q = qLoad[k]!;
      jRe[k] = jRe[k]! + (p * vr + q * vi) / m2;
      jIm[k] = jIm[k]! + (p * vi - q * vr) / m2;
      const up = parent[k]!;
      jRe[up] = jRe[up]! + jRe[k]!;
      jIm[up] = jIm[up]! + jIm[k]!;
    }
    // forward: voltage drops from the root down
    let residual = 0;
    for (let o = 1; o < n; o++) {
      const k = order[o]!;
      const up = parent[k]!;
      const nr = vRe[up]! - (zRe[k]! * jRe[k]! - zIm[k]! * jIm[k]!);
      const ni = vIm[up]! - (zRe[k]! * jIm[k]! + zIm[k]! * jRe[k]!);
      const d = Math.hypot(nr - vRe[k]!, ni - vIm[k]!);
      if (!(d <= residual)) residual = d; // also catches NaN
      vRe[k] = nr;
      vIm[k] = ni;
    }
    residualHistory.push(residual);
    if (!Number.isFinite(residual)) throw notConverged(residualHistory, options, true);
    if (residual < options.tolerancePu) {
      const { iRe, iIm, maxMismatchPu } = certify(feeder, vRe, vIm, pLoad, qLoad, jRe, jIm);
      return { vRe, vIm, iRe, iIm, iterations: iter, residualHistory, maxMismatchPu };
    }
  }
  throw notConverged(residualHistory, options, false);
}

function notConverged(history: number[], options: SweepOptions, diverged: boolean): SolverError {
  const iterations = history.length;
  const last = history[iterations - 1] ?? NaN;
  // a sweep that is converging shrinks the change by orders of magnitude; one that stalls or grows has no solution to find
  const stalled = diverged || (iterations >= 4 && last > 0.1 * history[Math.floor(iterations / 2)]!);
  const plural = iterations === 1 ? '' : 's';
  return new SolverError({
    code: 'not-converged',
    message: diverged
      ? `the power flow diverged after ${iterations} sweep${plural} (voltage collapse)`
      : `the power flow did not converge in ${iterations} sweep${plural}: the largest voltage change was still ${last.toExponential(2)} p.u. (tolerance ${options.tolerancePu} p.u.)`,
    hint: stalled
      ? 'the load is probably beyond what the feeder can carry: lower network.loadScale or the bus loads, or check the line impedances'
      : 'raise options.maxIterations or loosen options.tolerancePu',
    details: { iterations, lastResidualPu: last },
  });
}

/**
 * Line currents rebuilt from the final voltages, and the largest power
 * mismatch between each bus's injection and its load. A zero-impedance line
 * carries no voltage drop to read a current from: its current follows from
 * the currents below it and its bus load (so that bus is balanced by construction).
 */
function certify(
  feeder: Feeder,
  vRe: Float64Array,
  vIm: Float64Array,
  pLoad: Float64Array,
  qLoad: Float64Array,
  sweepRe: Float64Array,
  sweepIm: Float64Array,
): { iRe: Float64Array; iIm: Float64Array; maxMismatchPu: number } {
  const { order, parent } = feeder.topology;
  const { zRe, zIm } = feeder;
  const n = order.length;
  const iRe = new Float64Array(n);
  const iIm = new Float64Array(n);
  // net current leaving each bus into its child lines
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  for (let o = n - 1; o >= 1; o--) {
    const k = order[o]!;
    const up = parent[k]!;
    const z2 = zRe[k]! * zRe[k]! + zIm[k]! * zIm[k]!;
    if (z2 > 0) {
      const dr = vRe[up]! - vRe[k]!, di = vIm[up]! - vIm[k]!;
      iRe[k] = (dr * zRe[k]! + di * zIm[k]!) / z2;
      iIm[k] = (di * zRe[k]! - dr * zIm[k]!) / z2;
    } else {
      iRe[k] = sweepRe[k]!;
      iIm[k] = sweepIm[k]!;
    }
    outRe[up] = outRe[up]! + iRe[k]!;
    outIm[up] = outIm[up]! + iIm[k]!;
  }
  let maxMismatchPu = 0;
  for (let o = 1; o < n; o++) {
    const k = order[o]!;
    // current injected by the bus into the network = leaving downstream − arriving from upstream
    const injRe = outRe[k]! - iRe[k]!, injIm = outIm[k]! - iIm[k]!;
    // S = V·conj(I); a load of P + jQ is an injection of −(P + jQ)
    const sRe = vRe[k]! * injRe + vIm[k]! * injIm;
    const sIm = vIm[k]! * injRe - vRe[k]! * injIm;
    const mismatch = Math.hypot(sRe + pLoad[k]!, sIm + qLoad[k]!);
    if (!(mismatch <= maxMismatchPu)) maxMismatchPu = mismatch;
  }
  return { iRe, iIm, maxMismatchPu };
}
