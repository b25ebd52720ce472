/**
 * The active distribution network (ADN) as LinDistFlow rows with the
 * microgrids' injections (MODELS.md §1 and §7): for the line feeding bus j
 * from its parent i, in period t,
 *
 *   P_j − Σ_{c child of j} P_c + Σ inj_j = pLoad_j                  (balance, kW)
 *   Q_j − Σ_{c child of j} Q_c = qLoad_j                             (microgrids run at unity power factor)
 *   v_j − v_i + 2(r_ij P_j + x_ij Q_j) / S_base = 0                  (squared voltages, p.u.²)
 *   vmin_j² ≤ v_j ≤ vmax_j²,   thermal polygon on (P_j, Q_j)
 *
 * the same Baran–Wu linearisation as the OPF (solver/opf/toLp.ts), here with
 * the substation import free of cost (the microgrids' exchange prices stand
 * for the ADN's tariff) and the feeder's own DERs left out of the game.
 * `injections` names, per microgrid bus, the variables injected there; the
 * caller owns them (P1: the microgrids' own injection variables; ADMM: the
 * ADN agent's copies).
 */
import type { Scenario } from '../scenario/schema.ts';
import type { LpModel, LpVar, LpRow } from '../lp/model.ts';
import { prepareFeeder, type Feeder } from '../network/powerflow.ts';
import { apparentPowerPolygon } from '../opf/polygon.ts';
import { opfPeriodData } from '../opf/periodData.ts';

export interface AdnInjection {
  busId: string;
  /** kW per period */
  kw: readonly LpVar[];
}

export interface AdnNetwork {
  feeder: Feeder;
  /** [t][bus] base load, kW and kvar */
  loadKw: Float64Array[];
  loadKvar: Float64Array[];
  /** per period built: active power drawn from the upstream grid (negative = fed back), kW */
  substationKw: LpVar[];
  /** per period built, [bus]: squared voltage variable, -1 at the root (a constant) */
  voltageSq: Int32Array[];
  /** per period built, [bus]: active balance rows */
  balanceP: LpRow[][];
  /** per period built, [bus]: voltage-drop row of the line feeding the bus, -1 at the root (DLMP decomposition, dlmp.ts) */
  voltageDrop: Int32Array[];
  /** per period built, [line]: first polygon facet row (facets consecutive), -1 when unrated */
  thermalFirst: Int32Array[];
}

/**
 * Adds the rows of `periods` (default every period; the ADMM's ADN agent
 * builds one model per period). `injections[k].kw` is indexed by period.
 */
/** What LinDistFlow rows and the safety check both read off the scenario's feeder. */
export function feederContext(scenario: Scenario, polygonSides: number) {
  const net = scenario.network;
  const feeder = prepareFeeder(net);
  return {
    net,
    T: scenario.time.T,
    feeder,
    topology: feeder.topology,
    n: net.buses.length,
    kvaPerPu: feeder.baseMva * 1000,
    data: opfPeriodData(scenario),
    facets: apparentPowerPolygon(polygonSides),
    busIndex: new Map(net.buses.map((b, i) => [b.id, i])),
  };
}

export function addAdnNetwork(model: LpModel, scenario: Scenario, injections: readonly AdnInjection[], polygonSides: number, prefix = 'adn_', periods?: readonly number[]): AdnNetwork {
  const { net, T, feeder, topology, n, kvaPerPu, data, facets, busIndex } = feederContext(scenario, polygonSides);
  const injectAt: (readonly LpVar[])[][] = Array.from({ length: n }, () => []);
  for (const inj of injections) injectAt[busIndex.get(inj.busId)!]!.push(inj.kw);
  const sub = net.substation;
  const v0Sq = sub.vmPu ** 2;

  const substationKw: LpVar[] = [], voltageSq: Int32Array[] = [], balanceP: LpRow[][] = [], voltageDrop: Int32Array[] = [], thermalFirst: Int32Array[] = [];
  for (const t of periods ?? Array.from({ length: T }, (_, k) => k)) {
    const ps = model.addVar(`${prefix}substation_p_t${t}`, { lb: -Infinity, ub: sub.importLimitKw ?? Infinity, origin: { kind: 'import-limit', t } });
    const qs = model.addVar(`${prefix}substation_q_t${t}`, { lb: -Infinity });
    substationKw.push(ps);
    const fp = new Int32Array(n).fill(-1), fq = new Int32Array(n).fill(-1), vs = new Int32Array(n).fill(-1);
    for (let j = 0; j < n; j++) {
      if (j === topology.root) continue;
      const b = net.buses[j]!;
      fp[j] = model.addVar(`${prefix}p_in_${b.id}_t${t}`, { lb: -Infinity });
      fq[j] = model.addVar(`${prefix}q_in_${b.id}_t${t}`, { lb: -Infinity });
      vs[j] = model.addVar(`${prefix}v2_${b.id}_t${t}`, { lb: b.vminPu ** 2, ub: b.vmaxPu ** 2, origin: { kind: 'voltage', bus: b.id, t } });
    }
    const rows: LpRow[] = [];
    const vd = new Int32Array(n).fill(-1), th = new Int32Array(net.lines.length).fill(-1);
    for (let j = 0; j < n; j++) {
      const id = net.buses[j]!.id;
      const termsP: [LpVar, number][] = [], termsQ: [LpVar, number][] = [];
      if (j === topology.root) termsP.push([ps, 1]), termsQ.push([qs, 1]);
      else termsP.push([fp[j]! as LpVar, 1]), termsQ.push([fq[j]! as LpVar, 1]);
      for (const c of topology.children[j]!) termsP.push([fp[c]! as LpVar, -1]), termsQ.push([fq[c]! as LpVar, -1]);
      for (const kw of injectAt[j]!) termsP.push([kw[t]!, 1]);
      rows.push(model.addRow(`${prefix}balance_p_${id}_t${t}`, termsP, { eq: data.loadKw[t]![j]! }));
      model.addRow(`${prefix}balance_q_${id}_t${t}`, termsQ, { eq: data.loadKvar[t]![j]! });
      if (j === topology.root) continue;
      const i = topology.parent[j]!;
      const terms: [LpVar, number][] = [
        [vs[j]! as LpVar, 1],
        [fp[j]! as LpVar, (2 * feeder.zRe[j]!) / kvaPerPu],
        [fq[j]! as LpVar, (2 * feeder.zIm[j]!) / kvaPerPu],
      ];
      if (i !== topology.root) terms.push([vs[i]! as LpVar, -1]);
      vd[j] = model.addRow(`${prefix}vdrop_${id}_t${t}`, terms, { eq: i === topology.root ? v0Sq : 0 });
    }
    net.lines.forEach((line, k) => {
      const j = topology.fedBus[k]!;
      if (j < 0 || line.rateKva === undefined) return;
      facets.forEach((f, s) => {
        const r = model.addRow(`${prefix}thermal_${line.id}_${s}_t${t}`, [[fp[j]! as LpVar, f.cp], [fq[j]! as LpVar, f.cq]], { ub: line.rateKva! * f.rhsPerS }, { kind: 'thermal', line: line.id, t });
        if (s === 0) th[k] = r;
      });
    });
    voltageSq.push(vs);
    balanceP.push(rows);
    voltageDrop.push(vd), thermalFirst.push(th);
  }
  return { feeder, loadKw: data.loadKw, loadKvar: data.loadKvar, substationKw, voltageSq, balanceP, voltageDrop, thermalFirst };
}

/**
 * LinDistFlow evaluated directly for given injections (no LP): flows summed
 * up the tree, squared voltages down it, and the same limits as the rows
 * above (voltage band, the thermal polygon, the substation import limit).
 * The ADMM's ADN agent uses it to skip its QP when the unconstrained
 * minimiser already satisfies every limit.
 */
export interface LinDistFlowCheck {
  /** whether injections (kW by bus index) in period t meet every limit, within `tol` (p.u.² for voltages, kVA for flows, kW for the import) */
  feasible(t: number, injectionKw: Float64Array, tol: number): boolean;
}

export function linDistFlowCheck(scenario: Scenario, polygonSides: number): LinDistFlowCheck {
  const net = scenario.network;
  const feeder = prepareFeeder(net);
  const { topology } = feeder;
  const n = net.buses.length;
  const kvaPerPu = feeder.baseMva * 1000;
  const data = opfPeriodData(scenario);
  const facets = apparentPowerPolygon(polygonSides);
  const rate = new Float64Array(n).fill(Infinity);
  net.lines.forEach((line, k) => {
    const j = topology.fedBus[k]!;
    if (j >= 0 && line.rateKva !== undefined) rate[j] = line.rateKva;
  });
  const vmin = Float64Array.from(net.buses, (b) => b.vminPu ** 2), vmax = Float64Array.from(net.buses, (b) => b.vmaxPu ** 2);
  const p = new Float64Array(n), q = new Float64Array(n), v = new Float64Array(n);
  const importLimit = net.substation.importLimitKw ?? Infinity;
  const v0 = net.substation.vmPu ** 2;
  return {
    feasible(t, inj, tol) {
      for (let j = 0; j < n; j++) (p[j] = data.loadKw[t]![j]! - inj[j]!), (q[j] = data.loadKvar[t]![j]!);
      for (let k = n - 1; k > 0; k--) {
        const j = topology.order[k]!, i = topology.parent[j]!;
        p[i]! += p[j]!;
        q[i]! += q[j]!;
      }
      if (p[topology.root]! > importLimit + tol) return false;
      v[topology.root] = v0;
      for (let k = 1; k < n; k++) {
        const j = topology.order[k]!, i = topology.parent[j]!;
        v[j] = v[i]! - (2 * (feeder.zRe[j]! * p[j]! + feeder.zIm[j]! * q[j]!)) / kvaPerPu;
        if (v[j]! < vmin[j]! - tol || v[j]! > vmax[j]! + tol) return false;
        if (rate[j]! < Infinity) for (const f of facets) if (f.cp * p[j]! + f.cq * q[j]! > rate[j]! * f.rhsPerS + tol) return false;
      }
      return true;
    },
  };
}
