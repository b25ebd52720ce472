/**
 * `fromLp` stage of the OPF: one period of the LP solution mapped back to the
 * scenario's ids — dispatch, LinDistFlow voltages and flows, DLMPs with their
 * decomposition, the AC comparison when it was run, and the carbon emission
 * flow along the AC flows (with losses) or, without AC, the LinDistFlow ones.
 */
import type { OpfBus, OpfLine, OpfPeriod } from '../contract.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { LpSolution } from '../lp/backend.ts';
import { feederEmissions, type FeederFlows } from '../carbon/feederEmissions.ts';
import type { OpfLp } from './toLp.ts';
import { periodDlmps } from './dlmp.ts';
import type { PeriodInjections } from './dispatch.ts';
import type { AcPeriod } from './acComparison.ts';

/** A limit counts as binding within this relative distance of its bound. */
const BINDING_TOLERANCE = 1e-6;

export interface PeriodReading {
  period: OpfPeriod;
  dlmpResidual: number;
  carbonImbalanceKg: number;
  binding: OpfBindingLimit[];
}

export type OpfBindingLimit = { kind: 'voltage-min' | 'voltage-max' | 'thermal' | 'import-limit'; id: string; t: number };

const near = (value: number, bound: number) => Math.abs(value - bound) <= BINDING_TOLERANCE * Math.max(1, Math.abs(bound));

export function fromLp(scenario: Scenario, lp: OpfLp, solution: LpSolution, t: number, injections: PeriodInjections, ac: AcPeriod | null): PeriodReading {
  const net = scenario.network;
  const { x, rowDuals: y, rowActivity } = solution;
  const { topology } = lp.feeder;
  const { model, data, dtHours: dt } = lp;
  const root = topology.root;
  const binding: OpfBindingLimit[] = [];
  const { dlmps, residual } = periodDlmps(lp, y, t);

  const vLin = net.buses.map((_, j) => (j === root ? net.substation.vmPu : Math.sqrt(Math.max(x[lp.voltageSq[t]![j]!]!, 0))));
  net.buses.forEach((b, j) => {
    if (j === root) return;
    const v = lp.voltageSq[t]![j]!;
    if (near(x[v]!, model.varLb(v))) binding.push({ kind: 'voltage-min', id: b.id, t });
    if (near(x[v]!, model.varUb(v))) binding.push({ kind: 'voltage-max', id: b.id, t });
  });

  const lines: OpfLine[] = net.lines.map((line, k) => {
    const j = topology.fedBus[k]!;
    const acLine = ac?.period.lines[k];
    const acPart = { acPKw: acLine?.pKw ?? null, acLoadingPct: acLine?.loadingPct ?? null, acLossKw: acLine?.lossKw ?? null };
    if (j < 0) return { id: line.id, from: line.from, to: line.to, pKw: 0, qKvar: 0, loadingPct: line.rateKva === undefined ? null : 0, ...acPart, congested: false };
    // flow variables point away from the substation; a line listed against that direction reports the opposite sign
    const sign = topology.reversed[k] ? -1 : 1;
    const pKw = sign * x[lp.flowP[t]![j]!]!;
    const qKvar = sign * x[lp.flowQ[t]![j]!]!;
    const first = lp.thermalFirst[t]![k]!;
    let congested = false;
    if (first >= 0) for (let s = 0; s < lp.facets.length; s++) congested ||= near(rowActivity[first + s]!, model.rowUb(first + s));
    if (congested) binding.push({ kind: 'thermal', id: line.id, t });
    const loadingPct = line.rateKva === undefined ? null : (Math.hypot(pKw, qKvar) / line.rateKva) * 100;
    return { id: line.id, from: line.from, to: line.to, pKw, qKvar, loadingPct, ...acPart, congested };
  });

  const importKw = x[lp.gridImport[t]!]!;
  const exportKw = x[lp.gridExport[t]!]!;
  if (net.substation.importLimitKw !== undefined && near(importKw, net.substation.importLimitKw)) binding.push({ kind: 'import-limit', id: net.substation.busId, t });

  const pv = net.der.pv.map((p, k) => {
    const pKw = x[lp.pvP[k]![t]!]!;
    const q = lp.pvQ[k]![t]!;
    const availableKw = data.pvAvailableKw[k]![t]!;
    return { id: p.id, availableKw, pKw, qKvar: q >= 0 ? x[q]! : 0, curtailedKw: Math.max(availableKw - pKw, 0) };
  });
  const batteries = net.der.batteries.map((b, k) => {
    const energyKwh = x[lp.batteryEnergy[k]![t]!]!;
    return { id: b.id, chargeKw: x[lp.batteryCharge[k]![t]!]!, dischargeKw: x[lp.batteryDischarge[k]![t]!]!, energyKwh, socPct: (100 * energyKwh) / b.kwh };
  });
  const generators = net.der.generators.map((g, k) => ({ id: g.id, pKw: x[lp.generatorP[k]![t]!]!, qKvar: x[lp.generatorQ[k]![t]!]! }));
  const cost = dt * (data.importPrice[t]! * importKw - data.exportPrice[t]! * exportKw + net.der.generators.reduce((c, g, k) => c + g.costPerKwh * generators[k]!.pKw, 0));

  const emissions = feederEmissions(carbonFlows(scenario, lp, t, { importKw, exportKw, lines, pv, batteries, generators, ac }));
  const loadCarbonKg = (j: number) => emissions.sinkKgPerH[j]! * dt;
  const buses: OpfBus[] = net.buses.map((b, j) => ({
    id: b.id,
    loadKw: data.loadKw[t]![j]!,
    loadKvar: data.loadKvar[t]![j]!,
    vLinPu: vLin[j]!,
    vAcPu: ac ? ac.period.buses[j]!.vmPu : null,
    dlmp: dlmps[j]!,
    carbonKgPerKwh: emissions.busIntensity[j]!,
    loadCarbonKg: loadCarbonKg(j),
  }));
  const kg = (v: number) => v * dt;
  const carbon = {
    emittedKg: kg(emissions.balance.emittedKg),
    loadsKg: kg(emissions.balance.loadsKg),
    lossesKg: kg(emissions.balance.lossesKg),
    storageKg: kg(emissions.balance.storageKg),
    exportKg: kg(emissions.balance.exportKg),
  };
  const carbonImbalanceKg = Math.abs(carbon.emittedKg - carbon.loadsKg - carbon.lossesKg - carbon.storageKg - carbon.exportKg);

  return {
    period: {
      t,
      importKw,
      exportKw,
      gridKvar: x[lp.gridKvar[t]!]!,
      importPricePerKwh: data.importPrice[t]!,
      exportPricePerKwh: data.exportPrice[t]!,
      gridCarbonKgPerKwh: data.gridCarbon[t]!,
      cost,
      acLossesKw: ac ? ac.period.lossesKw : null,
      buses,
      lines,
      pv,
      batteries,
      generators,
      carbon,
    },
    dlmpResidual: residual,
    carbonImbalanceKg,
    binding,
  };
}

/**
 * Sources, sinks and line flows of one period for the carbon flow. The first
 * n sinks are the bus loads, in bus order (fromLp reads them back by index).
 * With the AC comparison the grid supplies the losses too, so its net
 * exchange is the AC slack power instead of the LP's import − export.
 */
function carbonFlows(
  scenario: Scenario,
  lp: OpfLp,
  t: number,
  r: { importKw: number; exportKw: number; lines: OpfLine[]; pv: OpfPeriod['pv']; batteries: OpfPeriod['batteries']; generators: OpfPeriod['generators']; ac: AcPeriod | null },
): FeederFlows {
  const net = scenario.network;
  const index = new Map(net.buses.map((b, i) => [b.id, i]));
  const root = lp.feeder.topology.root;
  const gridNet = r.ac ? r.ac.period.substationKw : r.importKw - r.exportKw;
  const [gridIn, gridOut] = r.ac ? [Math.max(gridNet, 0), Math.max(-gridNet, 0)] : [r.importKw, r.exportKw];
  const flows: FeederFlows = {
    busCount: net.buses.length,
    lines: r.lines.map((l) => ({ from: index.get(l.from)!, to: index.get(l.to)!, pFromKw: r.ac ? l.acPKw! : l.pKw, lossKw: r.ac ? l.acLossKw! : 0 })),
    sources: [{ node: root, kw: gridIn, kgPerKwh: lp.data.gridCarbon[t]! }],
    sinks: net.buses.map((_, j) => ({ node: j, kw: Math.max(lp.data.loadKw[t]![j]!, 0), kind: 'load' as const })),
  };
  flows.sinks.push({ node: root, kw: gridOut, kind: 'export' });
  // a negative bus load is an uncontrolled carbon-free injection
  net.buses.forEach((_, j) => lp.data.loadKw[t]![j]! < 0 && flows.sources.push({ node: j, kw: -lp.data.loadKw[t]![j]!, kgPerKwh: 0 }));
  net.der.pv.forEach((p, k) => flows.sources.push({ node: index.get(p.busId)!, kw: r.pv[k]!.pKw, kgPerKwh: 0 }));
  net.der.generators.forEach((g, k) => flows.sources.push({ node: index.get(g.busId)!, kw: r.generators[k]!.pKw, kgPerKwh: g.carbonKgPerKwh }));
  net.der.batteries.forEach((b, k) => {
    const j = index.get(b.busId)!;
    flows.sources.push({ node: j, kw: r.batteries[k]!.dischargeKw, kgPerKwh: 0 });
    flows.sinks.push({ node: j, kw: r.batteries[k]!.chargeKw, kind: 'storage' });
  });
  return flows;
}
