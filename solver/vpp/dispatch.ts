/**
 * One VPP's own dispatch as rows of a minimisation model (its cost side):
 * P2P sale q, grid export e and import m, battery, and its buildings, tied by
 * the energy balance of each period
 *
 *   q_t + e_t − m_t + Σ_b P_ac,b,t + ch_t − dis_t = PV_t − L_t − Σ_constant P_ac,b,t
 *
 * priced as −w_t·e_t + r_t·m_t + wear·(ch + dis) (all × Δt × MONEY_SCALE) plus discomfort.
 * The P2P terms of q are the caller's: the best response and the potential
 * price q differently. Both use this one function, so their feasible sets agree.
 */
import { SolverError } from '../jobs/errors.ts';
import type { LpModel, LpRow, LpVar } from '../lp/model.ts';
import type { LpSolution } from '../lp/backend.ts';
import { addBuildingRows, comfortConflict, setpointPowerKw, simulateBuilding, type BuildingRows } from './building.ts';
import type { MarketInputs, VppInputs } from './inputs.ts';

/**
 * Programs price money in thousandths of the currency unit: the inverse
 * demand's curvature is small (≈1e-4 per kW² per hour), and at unit scale
 * HiGHS's absolute optimality tolerances left quantities off by ~0.05 kW.
 */
export const MONEY_SCALE = 1e3;

export interface VppDispatch {
  q: LpVar[];
  exportKw: LpVar[];
  importKw: LpVar[];
  battery: { charge: LpVar[]; discharge: LpVar[]; energy: LpVar[] } | null;
  buildings: BuildingRows[];
  balance: LpRow[];
}

/** What a VPP does in every period: its strategy in the game. */
export interface VppStrategy {
  q: Float64Array;
  exportKw: Float64Array;
  importKw: Float64Array;
  chargeKw: Float64Array;
  dischargeKw: Float64Array;
  /** battery energy at the end of each period, kWh (empty without a battery) */
  energyKwh: Float64Array;
  buildings: { id: string; acKw: Float64Array; tempC: Float64Array }[];
  /** λ_t: the VPP's marginal value of one more kWh in period t, currency/kWh (dual of its balance row) */
  marginalValue: Float64Array;
}

/** Names a period for messages: "14:00" from the scenario's start and Δt. */
export type PeriodLabel = (t: number) => string;

/**
 * Every building of the VPP can be kept comfortable by some AC schedule, or a
 * SolverError `infeasible` naming the building and the first period that fails.
 * Checked before any program is built, so the message is exact, not a diagnosis.
 */
export function checkComfort(inputs: VppInputs, vppIndex: number, dtHours: number, label: PeriodLabel): void {
  inputs.buildings.forEach((bi, j) => {
    const b = bi.building;
    const path = `vpps[${vppIndex}].buildings[${j}]`;
    const who = `building "${b.id}" of VPP "${inputs.vpp.id}"`;
    if (inputs.controls[j] === 'constant') {
      const acKw = setpointPowerKw(bi, dtHours);
      const t = acKw.findIndex((p) => p < -1e-9 || p > b.acKw + 1e-9);
      if (t < 0) return;
      throw new SolverError({
        code: 'infeasible',
        message: `${who} cannot hold its set-point ${b.setpointC} °C at ${label(t)}: it would need ${acKw[t]!.toFixed(1)} kW of AC (rated 0–${b.acKw} kW)`,
        path: `${path}.setpointC`,
        hint: 'use flexible control, a larger AC or another set-point',
        details: { building: b.id, vpp: inputs.vpp.id, t, acKwNeeded: acKw[t]! },
      });
    }
    const conflict = comfortConflict(bi, dtHours);
    if (!conflict) return;
    const above = conflict.side === 'above-max';
    throw new SolverError({
      code: 'infeasible',
      message: `${who} cannot be kept ${above ? 'below' : 'above'} ${conflict.limitC} °C at ${label(conflict.t)}: the ${above ? 'coolest' : 'warmest'} reachable temperature is ${conflict.reachableC.toFixed(2)} °C`,
      path: `${path}.${bi.occupied[conflict.t] ? 'comfort' : 'comfortUnoccupied'}.${above ? 'maxC' : 'minC'}`,
      hint: 'widen the comfort band or raise the AC rating',
      details: { building: b.id, vpp: inputs.vpp.id, t: conflict.t, reachableC: conflict.reachableC, limitC: conflict.limitC },
    });
  });
}

export function addVppDispatch(model: LpModel, inputs: VppInputs, market: MarketInputs, dtHours: number): VppDispatch {
  const id = inputs.vpp.id;
  const T = inputs.pvKw.length;
  const buildings = inputs.buildings.map((bi, j) => addBuildingRows(model, bi, dtHours, inputs.controls[j]!, MONEY_SCALE));
  const q: LpVar[] = [], exportKw: LpVar[] = [], importKw: LpVar[] = [], balance: LpRow[] = [];
  const bat = inputs.battery;
  const battery = bat ? { charge: [] as LpVar[], discharge: [] as LpVar[], energy: [] as LpVar[] } : null;
  for (let t = 0; t < T; t++) {
    q.push(model.addVar(`q_${id}_${t}`));
    exportKw.push(model.addVar(`export_${id}_${t}`, { cost: -market.feedIn[t]! * dtHours * MONEY_SCALE }));
    importKw.push(model.addVar(`import_${id}_${t}`, { cost: market.retail[t]! * dtHours * MONEY_SCALE }));
    const terms: [LpVar, number][] = [[q[t]!, 1], [exportKw[t]!, 1], [importKw[t]!, -1]];
    let net = inputs.pvKw[t]! - inputs.otherLoadKw[t]!;
    for (const rows of buildings) {
      if (rows.control === 'constant') net -= rows.acKw[t]!;
      else terms.push([rows.acKw[t]!, 1]);
    }
    if (bat && battery) {
      const wear = bat.cycleCostPerKwh * dtHours * MONEY_SCALE;
      const ch = model.addVar(`charge_${id}_${t}`, { ub: bat.kw, cost: wear });
      const dis = model.addVar(`discharge_${id}_${t}`, { ub: bat.kw, cost: wear });
      const e = model.addVar(`soc_${id}_${t + 1}`, { lb: bat.socMin * bat.kwh, ub: bat.socMax * bat.kwh });
      // E[t+1] = E[t] + Δt·(η_c·ch − dis/η_d); the horizon ends no emptier than it began
      const energyTerms: [LpVar, number][] = [[e, 1], [ch, -bat.etaCharge * dtHours], [dis, dtHours / bat.etaDischarge]];
      if (t > 0) energyTerms.push([battery.energy[t - 1]!, -1]);
      model.addRow(`soc_${id}_${t}`, energyTerms, { eq: t > 0 ? 0 : bat.socInitial * bat.kwh });
      if (t === T - 1) model.setVarBounds(e, Math.max(bat.socMin, bat.socInitial) * bat.kwh, bat.socMax * bat.kwh);
      battery.charge.push(ch);
      battery.discharge.push(dis);
      battery.energy.push(e);
      terms.push([ch, 1], [dis, -1]);
    }
    balance.push(model.addRow(`balance_${id}_${t}`, terms, { eq: net }));
  }
  return { q, exportKw, importKw, battery, buildings, balance };
}

/** Reads a VPP's strategy back from a solution of a model built with addVppDispatch. */
export function readStrategy(solution: LpSolution, d: VppDispatch, inputs: VppInputs, dtHours: number): VppStrategy {
  const pick = (vars: LpVar[] | undefined) => (vars ? Float64Array.from(vars, (v) => solution.x[v]!) : new Float64Array(inputs.pvKw.length));
  return {
    q: pick(d.q),
    exportKw: pick(d.exportKw),
    importKw: pick(d.importKw),
    chargeKw: pick(d.battery?.charge),
    dischargeKw: pick(d.battery?.discharge),
    energyKwh: d.battery ? pick(d.battery.energy) : new Float64Array(0),
    buildings: d.buildings.map((rows, j) => {
      const bi = inputs.buildings[j]!;
      const acKw = rows.control === 'constant' ? rows.acKw : pick(rows.acKw);
      // the temperature path is re-simulated from the AC schedule, not read from the solver
      return { id: bi.building.id, acKw, tempC: simulateBuilding(bi, dtHours, acKw) };
    }),
    // min −payoff·MONEY_SCALE: the dual ∂(objective)/∂(net kW) is −λ·Δt·MONEY_SCALE
    marginalValue: Float64Array.from(d.balance, (r) => -solution.rowDuals[r]! / (dtHours * MONEY_SCALE)),
  };
}
