/**
 * `toLp` stage of the OPF: the multi-period LinDistFlow LP of a radial feeder
 * with DERs.
 *
 * LinDistFlow (Baran & Wu, "Network reconfiguration in distribution systems
 * for loss reduction and load balancing", IEEE Trans. Power Delivery 4(2),
 * 1989, eqs. (2)–(4) with the quadratic loss terms dropped), for the line
 * feeding bus j from its parent i, in period t:
 *
 *   P_j − Σ_{c child of j} P_c + Σ injections_j = pLoad_j        (balanceP_j, dual = DLMP_j·Δt)
 *   Q_j − Σ_{c child of j} Q_c + Σ q-injections_j = qLoad_j      (balanceQ_j)
 *   v_j − v_i + 2(r_ij P_j + x_ij Q_j) / S_base = 0               (voltageDrop_j)
 *   vmin_j² ≤ v_j ≤ vmax_j²,   v_root = vm_substation²
 *   cos θ_k P_j + sin θ_k Q_j ≤ S_j cos(π/N)   k = 1..N           (thermal polygon, polygon.ts)
 *
 * with P, Q in kW/kvar, v the squared voltage magnitude in p.u², r, x in p.u.
 * on S_base = 1000·baseMva kVA. Injections: grid import − export (root),
 * PV output (0 ≤ p ≤ available: curtailment is the gap), battery discharge −
 * charge, generators. Battery energy e_t = e_{t−1} + (η_c·ch_t − dis_t/η_d)·Δt,
 * SOC bounds, e_{T−1} = e_initial. Objective: Σ_t Δt·(import price·import −
 * export price·export + Σ generator cost·p), currency.
 *
 * Every limit a planner sets carries an origin tag (voltage, thermal, import
 * limit, SOC, final SOC, generator range) so the elastic diagnosis can name
 * it; the physics (balances, voltage drops, battery dynamics) stays hard.
 */
import type { Scenario } from '../scenario/schema.ts';
import { LpModel, type LpVar } from '../lp/model.ts';
import { prepareFeeder, type Feeder } from '../network/powerflow.ts';
import { apparentPowerPolygon, type PolygonFacet } from './polygon.ts';
import { opfPeriodData, type OpfPeriodData } from './periodData.ts';

export interface OpfLpOptions {
  /** sides of the apparent-power polygon for line and inverter limits */
  polygonSides: number;
}

/** The LP and the index maps `fromLp` needs to read it back. Arrays are [t][…] unless noted. */
export interface OpfLp {
  model: LpModel;
  feeder: Feeder;
  data: OpfPeriodData;
  facets: PolygonFacet[];
  T: number;
  dtHours: number;
  kvaPerPu: number;
  gridImport: LpVar[];
  gridExport: LpVar[];
  gridKvar: LpVar[];
  /** [t][bus]: flow into the bus from its parent; -1 at the root */
  flowP: Int32Array[];
  flowQ: Int32Array[];
  /** [t][bus]: squared voltage; -1 at the root (a constant) */
  voltageSq: Int32Array[];
  balanceP: Int32Array[];
  balanceQ: Int32Array[];
  /** [t][bus]: voltage-drop row of the line feeding the bus; -1 at the root */
  voltageDrop: Int32Array[];
  /** [t][line]: first polygon row of the line (facets are consecutive); -1 when unrated or out of service */
  thermalFirst: Int32Array[];
  /** [resource][t] */
  pvP: LpVar[][];
  pvQ: (LpVar | -1)[][];
  batteryCharge: LpVar[][];
  batteryDischarge: LpVar[][];
  batteryEnergy: LpVar[][];
  generatorP: LpVar[][];
  generatorQ: LpVar[][];
}

export function toLp(scenario: Scenario, options: OpfLpOptions): OpfLp {
  const net = scenario.network;
  const { T, dtHours: dt } = scenario.time;
  const feeder = prepareFeeder(net);
  const { topology } = feeder;
  const data = opfPeriodData(scenario);
  const facets = apparentPowerPolygon(options.polygonSides);
  const kvaPerPu = feeder.baseMva * 1000;
  const n = net.buses.length;
  const busIndex = new Map(net.buses.map((b, i) => [b.id, i]));
  const busOf = (id: string) => busIndex.get(id)!;
  const model = new LpModel(`opf ${scenario.metadata.name}`);
  const sub = net.substation;

  const gridImport: LpVar[] = [], gridExport: LpVar[] = [], gridKvar: LpVar[] = [];
  const flowP: Int32Array[] = [], flowQ: Int32Array[] = [], voltageSq: Int32Array[] = [];
  for (let t = 0; t < T; t++) {
    gridImport.push(model.addVar(`p_import_t${t}`, { cost: data.importPrice[t]! * dt }));
    gridExport.push(model.addVar(`p_export_t${t}`, { cost: -data.exportPrice[t]! * dt }));
    gridKvar.push(model.addVar(`q_grid_t${t}`, { lb: -Infinity }));
    const fp = new Int32Array(n).fill(-1), fq = new Int32Array(n).fill(-1), vs = new Int32Array(n).fill(-1);
    for (let j = 0; j < n; j++) {
      if (j === topology.root) continue;
      const id = net.buses[j]!.id;
      fp[j] = model.addVar(`p_in_${id}_t${t}`, { lb: -Infinity });
      fq[j] = model.addVar(`q_in_${id}_t${t}`, { lb: -Infinity });
      const b = net.buses[j]!;
      vs[j] = model.addVar(`v2_${id}_t${t}`, { lb: b.vminPu ** 2, ub: b.vmaxPu ** 2, origin: { kind: 'voltage', bus: id, t } });
    }
    flowP.push(fp), flowQ.push(fq), voltageSq.push(vs);
  }

  const der = net.der;
  const pvP = der.pv.map((pv, k) => Array.from({ length: T }, (_, t) => model.addVar(`pv_${pv.id}_t${t}`, { ub: data.pvAvailableKw[k]![t]! })));
  const pvQ = der.pv.map((pv) => Array.from({ length: T }, (_, t) => (pv.reactive ? model.addVar(`pvq_${pv.id}_t${t}`, { lb: -Infinity }) : (-1 as const))));
  const batteryCharge = der.batteries.map((b) => Array.from({ length: T }, (_, t) => model.addVar(`ch_${b.id}_t${t}`, { ub: b.kw })));
  const batteryDischarge = der.batteries.map((b) => Array.from({ length: T }, (_, t) => model.addVar(`dis_${b.id}_t${t}`, { ub: b.kw })));
  const batteryEnergy = der.batteries.map((b) =>
    Array.from({ length: T }, (_, t) => model.addVar(`e_${b.id}_t${t}`, { lb: b.socMin * b.kwh, ub: b.socMax * b.kwh, origin: { kind: 'soc', battery: b.id, t } })),
  );
  const generatorP = der.generators.map((g) =>
    Array.from({ length: T }, (_, t) => model.addVar(`gen_${g.id}_t${t}`, { lb: g.pMinKw, ub: g.pMaxKw, cost: g.costPerKwh * dt, origin: { kind: 'generator', generator: g.id, t } })),
  );
  const generatorQ = der.generators.map((g) => Array.from({ length: T }, (_, t) => model.addVar(`genq_${g.id}_t${t}`, { lb: g.qMinKvar, ub: g.qMaxKvar })));

  // injections per bus, gathered once: [bus] → (period → terms)
  type Injection = (t: number) => [LpVar, number][];
  const injectP: Injection[][] = Array.from({ length: n }, () => []);
  const injectQ: Injection[][] = Array.from({ length: n }, () => []);
  injectP[topology.root]!.push((t) => [[gridImport[t]!, 1], [gridExport[t]!, -1]]);
  injectQ[topology.root]!.push((t) => [[gridKvar[t]!, 1]]);
  der.pv.forEach((pv, k) => {
    injectP[busOf(pv.busId)]!.push((t) => [[pvP[k]![t]!, 1]]);
    if (pv.reactive) injectQ[busOf(pv.busId)]!.push((t) => [[pvQ[k]![t] as LpVar, 1]]);
  });
  der.batteries.forEach((b, k) => injectP[busOf(b.busId)]!.push((t) => [[batteryDischarge[k]![t]!, 1], [batteryCharge[k]![t]!, -1]]));
  der.generators.forEach((g, k) => {
    injectP[busOf(g.busId)]!.push((t) => [[generatorP[k]![t]!, 1]]);
    injectQ[busOf(g.busId)]!.push((t) => [[generatorQ[k]![t]!, 1]]);
  });

  const balanceP: Int32Array[] = [], balanceQ: Int32Array[] = [], voltageDrop: Int32Array[] = [], thermalFirst: Int32Array[] = [];
  const v0Sq = sub.vmPu ** 2;
  for (let t = 0; t < T; t++) {
    const bp = new Int32Array(n), bq = new Int32Array(n), vd = new Int32Array(n).fill(-1);
    for (let j = 0; j < n; j++) {
      const id = net.buses[j]!.id;
      const termsP: [LpVar, number][] = [], termsQ: [LpVar, number][] = [];
      if (j !== topology.root) termsP.push([flowP[t]![j]! as LpVar, 1]), termsQ.push([flowQ[t]![j]! as LpVar, 1]);
      for (const c of topology.children[j]!) termsP.push([flowP[t]![c]! as LpVar, -1]), termsQ.push([flowQ[t]![c]! as LpVar, -1]);
      for (const f of injectP[j]!) termsP.push(...f(t));
      for (const f of injectQ[j]!) termsQ.push(...f(t));
      bp[j] = model.addRow(`balance_p_${id}_t${t}`, termsP, { eq: data.loadKw[t]![j]! });
      bq[j] = model.addRow(`balance_q_${id}_t${t}`, termsQ, { eq: data.loadKvar[t]![j]! });
      if (j === topology.root) continue;
      const i = topology.parent[j]!;
      const terms: [LpVar, number][] = [
        [voltageSq[t]![j]! as LpVar, 1],
        [flowP[t]![j]! as LpVar, (2 * feeder.zRe[j]!) / kvaPerPu],
        [flowQ[t]![j]! as LpVar, (2 * feeder.zIm[j]!) / kvaPerPu],
      ];
      if (i !== topology.root) terms.push([voltageSq[t]![i]! as LpVar, -1]);
      vd[j] = model.addRow(`vdrop_${id}_t${t}`, terms, { eq: i === topology.root ? v0Sq : 0 });
    }
    const th = new Int32Array(net.lines.length).fill(-1);
    net.lines.forEach((line, k) => {
      const j = topology.fedBus[k]!;
      if (j < 0 || line.rateKva === undefined) return;
      // the flow variables point away from the substation; the polygon is symmetric, so orientation does not matter
      facets.forEach((f, s) => {
        const row = model.addRow(`thermal_${line.id}_${s}_t${t}`, [[flowP[t]![j]! as LpVar, f.cp], [flowQ[t]![j]! as LpVar, f.cq]], { ub: line.rateKva! * f.rhsPerS }, { kind: 'thermal', line: line.id, t });
        if (s === 0) th[k] = row;
      });
    });
    if (sub.importLimitKw !== undefined) model.addRow(`import_limit_t${t}`, [[gridImport[t]!, 1]], { ub: sub.importLimitKw }, { kind: 'import-limit', t });
    balanceP.push(bp), balanceQ.push(bq), voltageDrop.push(vd), thermalFirst.push(th);
  }

  der.pv.forEach((pv, k) => {
    if (!pv.reactive) return;
    const tanPhi = Math.tan(Math.acos(pv.minPowerFactor));
    const s = pv.inverterKva ?? pv.kwp;
    for (let t = 0; t < T; t++) {
      const p = pvP[k]![t]!, q = pvQ[k]![t] as LpVar;
      model.addRow(`pf_upper_${pv.id}_t${t}`, [[q, 1], [p, -tanPhi]], { ub: 0 });
      model.addRow(`pf_lower_${pv.id}_t${t}`, [[q, -1], [p, -tanPhi]], { ub: 0 });
      facets.forEach((f, side) => model.addRow(`inverter_${pv.id}_${side}_t${t}`, [[p, f.cp], [q, f.cq]], { ub: s * f.rhsPerS }));
    }
  });

  der.batteries.forEach((b, k) => {
    const e0 = b.socInitial * b.kwh;
    for (let t = 0; t < T; t++) {
      const terms: [LpVar, number][] = [
        [batteryEnergy[k]![t]!, 1],
        [batteryCharge[k]![t]!, -b.etaCharge * dt],
        [batteryDischarge[k]![t]!, dt / b.etaDischarge],
      ];
      if (t > 0) terms.push([batteryEnergy[k]![t - 1]!, -1]);
      model.addRow(`soc_${b.id}_t${t}`, terms, { eq: t === 0 ? e0 : 0 });
    }
    model.addRow(`final_soc_${b.id}`, [[batteryEnergy[k]![T - 1]!, 1]], { eq: e0 }, { kind: 'final-soc', battery: b.id, t: T - 1 });
  });

  model.setObjective('min');
  return {
    model, feeder, data, facets, T, dtHours: dt, kvaPerPu,
    gridImport, gridExport, gridKvar, flowP, flowQ, voltageSq, balanceP, balanceQ, voltageDrop, thermalFirst,
    pvP, pvQ, batteryCharge, batteryDischarge, batteryEnergy, generatorP, generatorQ,
  };
}
