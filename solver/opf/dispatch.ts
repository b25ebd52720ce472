/**
 * The optimal dispatch read back per period: what each resource injects at
 * each bus (kW, kvar; grid excluded), the input of the AC comparison and of
 * the carbon flow.
 */
import type { Scenario } from '../scenario/schema.ts';
import type { OpfLp } from './toLp.ts';

export interface PeriodInjections {
  /** [bus] net DER injection (PV + discharge − charge + generators) */
  pKw: Float64Array;
  qKvar: Float64Array;
}

export function derInjections(scenario: Scenario, lp: OpfLp, x: Float64Array, t: number): PeriodInjections {
  const net = scenario.network;
  const n = net.buses.length;
  const index = new Map(net.buses.map((b, i) => [b.id, i]));
  const pKw = new Float64Array(n);
  const qKvar = new Float64Array(n);
  net.der.pv.forEach((pv, k) => {
    const j = index.get(pv.busId)!;
    pKw[j]! += x[lp.pvP[k]![t]!]!;
    const q = lp.pvQ[k]![t]!;
    if (q >= 0) qKvar[j]! += x[q]!;
  });
  net.der.batteries.forEach((b, k) => (pKw[index.get(b.busId)!]! += x[lp.batteryDischarge[k]![t]!]! - x[lp.batteryCharge[k]![t]!]!));
  net.der.generators.forEach((g, k) => {
    const j = index.get(g.busId)!;
    pKw[j]! += x[lp.generatorP[k]![t]!]!;
    qKvar[j]! += x[lp.generatorQ[k]![t]!]!;
  });
  return { pKw, qKvar };
}
