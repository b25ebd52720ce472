/**
 * The feeder in the DSO-fee game: LinDistFlow (Baran & Wu 1989, losses
 * dropped, as solver/opf/toLp.ts) with the bus loads fixed and the
 * microgrids' active injections as the only variables. On a radial feeder
 * the flow into bus j is then a sum over its subtree,
 *
 *   P_j = Σ_{k ∈ sub(j)} pLoad_k − Σ_{MG m at a bus in sub(j)} inj_m,   Q_j = Σ_{k ∈ sub(j)} qLoad_k   (MGs at unity power factor)
 *   v_j = v₀² − 2/S_base · Σ_{lines l on the path to j} (r_l P_l + x_l Q_l)
 *
 * so the DSO's limits are rows in the injections alone: |P_j| ≤ √(S_j² − Q_j²)
 * (the thermal circle, exact with Q fixed) and vmin_j² ≤ v_j ≤ vmax_j².
 * Rows with no microgrid behind them are constants: checked once, not added.
 * Electrical distance between two buses: Σ |z| (ohm) over the lines of the
 * path joining them.
 */
import type { Scenario } from '../scenario/schema.ts';
import type { LpModel, LpVar } from '../lp/model.ts';
import { SolverError } from '../jobs/errors.ts';
import { prepareFeeder } from '../network/powerflow.ts';
import { opfPeriodData } from '../opf/periodData.ts';
import type { MicrogridVars } from '../microgrid/model.ts';

export interface FeederLimits {
  /** adds the thermal and voltage rows on the follower variables' copies x */
  addRows(m: LpModel, x: readonly LpVar[]): void;
  /** per period: flow into each line's downstream end (kW, by network.lines index; NaN out of service), its loading (%, NaN unrated), and squared voltages' magnitudes (p.u.) */
  evaluate(x: ArrayLike<number>): { flowKw: number[][]; loadingPct: number[][]; voltagePu: number[][] };
  /** largest violation of a thermal (kW) or voltage (p.u.²) limit at x, with what it is */
  violations(x: ArrayLike<number>): { what: string; amount: number }[];
  rowCount: number;
}

/** Σ |z| in ohm over the path joining two buses. */
export function pairDistancesOhm(s: Scenario): (a: string, b: string) => number {
  const feeder = prepareFeeder(s.network);
  const { topology } = feeder;
  const index = new Map(s.network.buses.map((b, i) => [b.id, i]));
  const zOhm = (j: number) => {
    const line = s.network.lines[topology.parentLine[j]!]!;
    return Math.hypot(line.rOhm, line.xOhm);
  };
  const toRoot = (j: number) => {
    const path = new Map<number, number>();
    let d = 0;
    for (let k = j; k !== topology.root; k = topology.parent[k]!) path.set(k, d), (d += zOhm(k));
    path.set(topology.root, d);
    return path;
  };
  return (a, b) => {
    const ia = index.get(a)!, ib = index.get(b)!;
    const pa = toRoot(ia);
    // walk up from b to the first common ancestor
    let d = 0, k = ib;
    while (!pa.has(k)) (d += zOhm(k)), (k = topology.parent[k]!);
    return d + pa.get(k)!;
  };
}

export function feederLimits(s: Scenario, mgs: MicrogridVars[]): FeederLimits {
  const net = s.network;
  const feeder = prepareFeeder(net);
  const { topology } = feeder;
  const n = net.buses.length;
  const { T } = s.time;
  const data = opfPeriodData(s);
  const kvaPerPu = feeder.baseMva * 1000;
  const index = new Map(net.buses.map((b, i) => [b.id, i]));
  const mgBus = mgs.map((m) => index.get(m.inputs.busId)!);
  // upstream[j]: is bus j on the path of bus b (i.e. is b in sub(j))?
  const onPath = (j: number, b: number) => {
    for (let k = b; k >= 0; k = topology.parent[k]!) if (k === j) return true;
    return false;
  };
  // MGs behind each bus's feeding line
  const behind: number[][] = Array.from({ length: n }, (_, j) => (j === topology.root ? [] : mgs.map((_, m) => m).filter((m) => onPath(j, mgBus[m]!))));
  // subtree sums of the loads, per period (reverse breadth-first order)
  const subP: Float64Array[] = [], subQ: Float64Array[] = [];
  for (let t = 0; t < T; t++) {
    const p = Float64Array.from(data.loadKw[t]!), q = Float64Array.from(data.loadKvar[t]!);
    for (let k = topology.order.length - 1; k > 0; k--) {
      const j = topology.order[k]!, i = topology.parent[j]!;
      p[i] = p[i]! + p[j]!;
      q[i] = q[i]! + q[j]!;
    }
    subP.push(p), subQ.push(q);
  }
  const pathOf = (j: number) => {
    const path: number[] = [];
    for (let k = j; k !== topology.root; k = topology.parent[k]!) path.push(k);
    return path;
  };
  const v0Sq = net.substation.vmPu ** 2;
  const lineOf = (j: number) => net.lines[topology.parentLine[j]!]!;
  const limitOf = (j: number, t: number): number | null => {
    const rate = lineOf(j).rateKva;
    if (rate === undefined) return null;
    const q = subQ[t]![j]!;
    if (Math.abs(q) > rate) throw new SolverError({ code: 'infeasible', message: `line ${lineOf(j).id} carries ${q.toFixed(1)} kvar of load alone, above its ${rate} kVA rating at t=${t}`, path: `network.lines[${topology.parentLine[j]}].rateKva` });
    return Math.sqrt(rate * rate - q * q);
  };
  // voltage of bus j: constant part and coefficient of each MG's injection
  const voltage = (j: number, t: number) => {
    let c = v0Sq;
    const coef = new Float64Array(mgs.length);
    for (const l of pathOf(j)) {
      c -= (2 * (feeder.zRe[l]! * subP[t]![l]! + feeder.zIm[l]! * subQ[t]![l]!)) / kvaPerPu;
      for (const m of behind[l]!) coef[m] = coef[m]! + (2 * feeder.zRe[l]!) / kvaPerPu;
    }
    return { c, coef };
  };

  let rowCount = 0;
  const addRows = (m: LpModel, x: readonly LpVar[]) => {
    for (let t = 0; t < T; t++) {
      for (let j = 0; j < n; j++) {
        if (j === topology.root) continue;
        const ms = behind[j]!;
        const lim = limitOf(j, t);
        const id = lineOf(j).id;
        if (lim !== null && ms.length > 0) {
          // P_j = subP − Σ inj ∈ [−lim, lim]
          m.addRow(`thermal_${id}_t${t}`, ms.map((k): [LpVar, number] => [x[mgs[k]!.injection[t]!]!, -1]), { lb: -lim - subP[t]![j]!, ub: lim - subP[t]![j]! }, { kind: 'thermal', line: id, t });
          rowCount++;
        }
        const { c, coef } = voltage(j, t);
        const terms: [LpVar, number][] = [];
        coef.forEach((a, k) => a !== 0 && terms.push([x[mgs[k]!.injection[t]!]!, a]));
        if (terms.length === 0) continue;
        const b = net.buses[j]!;
        m.addRow(`voltage_${b.id}_t${t}`, terms, { lb: b.vminPu ** 2 - c, ub: b.vmaxPu ** 2 - c }, { kind: 'voltage', bus: b.id, t });
        rowCount++;
      }
    }
  };

  const evaluate = (x: ArrayLike<number>) => {
    const flowKw: number[][] = [], loadingPct: number[][] = [], voltagePu: number[][] = [];
    for (let t = 0; t < T; t++) {
      const P = Float64Array.from(subP[t]!);
      for (let j = 0; j < n; j++) for (const k of behind[j]!) P[j] = P[j]! - x[mgs[k]!.injection[t]!]!;
      const flows = net.lines.map(() => NaN), loading = net.lines.map(() => NaN);
      for (let j = 0; j < n; j++) {
        const k = topology.parentLine[j]!;
        if (k < 0) continue;
        flows[k] = P[j]!;
        const rate = net.lines[k]!.rateKva;
        if (rate !== undefined) loading[k] = (100 * Math.hypot(P[j]!, subQ[t]![j]!)) / rate;
      }
      const v = new Array<number>(n).fill(net.substation.vmPu);
      for (const j of topology.order) {
        if (j === topology.root) continue;
        const i = topology.parent[j]!;
        const vsq = v[i]! ** 2 - (2 * (feeder.zRe[j]! * P[j]! + feeder.zIm[j]! * subQ[t]![j]!)) / kvaPerPu;
        v[j] = Math.sqrt(Math.max(0, vsq));
      }
      flowKw.push(flows), loadingPct.push(loading), voltagePu.push(v);
    }
    return { flowKw, loadingPct, voltagePu };
  };

  const violations = (x: ArrayLike<number>) => {
    const out: { what: string; amount: number }[] = [];
    const { flowKw, voltagePu } = evaluate(x);
    for (let t = 0; t < T; t++) {
      for (let j = 0; j < n; j++) {
        if (j === topology.root) continue;
        const lim = limitOf(j, t);
        const k = topology.parentLine[j]!;
        const over = lim === null ? 0 : Math.abs(flowKw[t]![k]!) - lim;
        if (over > 1e-6) out.push({ what: `line ${lineOf(j).id} at t=${t}: ${Math.abs(flowKw[t]![k]!).toFixed(1)} kW above its ${lim!.toFixed(1)} kW`, amount: over });
        const b = net.buses[j]!, v = voltagePu[t]![j]!;
        if (v < b.vminPu - 1e-9 || v > b.vmaxPu + 1e-9) out.push({ what: `bus ${b.id} at t=${t}: ${v.toFixed(4)} p.u. outside ${b.vminPu}–${b.vmaxPu}`, amount: Math.max(b.vminPu - v, v - b.vmaxPu) });
      }
    }
    return out;
  };

  return {
    addRows,
    evaluate,
    violations,
    get rowCount() {
      return rowCount;
    },
  };
}
