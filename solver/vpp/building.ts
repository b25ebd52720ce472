/**
 * Public building with central air conditioning: a first-order RC thermal
 * model (seed paper: "Peer-to-Peer energy trading method for multi-virtual
 * power plants based on a non-cooperative game"; MODELS.md §2).
 *
 *   C·dT/dt = (T_out − T)/R + Q_gain − σ·COP·P_ac        σ = +1 cooling, −1 heating
 *
 * with C in kWh/°C, R in °C/kW, powers in kW. Inputs are held constant over a
 * period of Δt hours, so the exact (zero-order-hold) discretisation is
 *
 *   T[t+1] = a·T[t] + (1 − a)·(T_out[t] + R·Q_gain[t] − σ·R·COP·P_ac[t]),   a = exp(−Δt/(R·C))
 *
 * which is linear in T and P_ac (so it is an LP/QP constraint) and reduces to
 * MODELS.md's Euler form as Δt → 0. T[t+1], the temperature at the end of
 * period t, must lie in period t's comfort band.
 */
import type { Building } from '../scenario/schema.ts';
import type { LpModel, LpVar } from '../lp/model.ts';

/** A building with its per-period inputs resolved (see inputs.ts). */
export interface BuildingInputs {
  building: Building;
  outdoorC: Float64Array;
  gainsKw: Float64Array;
  occupied: boolean[];
  /** comfort band of each period, °C */
  minC: Float64Array;
  maxC: Float64Array;
  /** T[0], °C */
  initialC: number;
}

/** σ: the sign with which AC power enters the heat balance. */
export const acSign = (b: Building): number => (b.mode === 'cooling' ? 1 : -1);

/** a = exp(−Δt/(RC)): the share of the gap to the steady state left after one period. */
export function thermalDecay(b: Building, dtHours: number): number {
  return Math.exp(-dtHours / (b.rCPerKw * b.cKwhPerC));
}

/** The indoor temperature the building would settle at under these inputs, °C. */
export function steadyStateC(b: Building, outdoorC: number, gainsKw: number, acKw: number): number {
  return outdoorC + b.rCPerKw * (gainsKw - acSign(b) * b.cop * acKw);
}

/** T[t+1] from T[t] and the period's inputs. */
export function nextTemperatureC(b: Building, dtHours: number, tempC: number, outdoorC: number, gainsKw: number, acKw: number): number {
  const a = thermalDecay(b, dtHours);
  return a * tempC + (1 - a) * steadyStateC(b, outdoorC, gainsKw, acKw);
}

/** Open-loop simulation: T[0..T] for a given AC schedule. */
export function simulateBuilding(inputs: BuildingInputs, dtHours: number, acKw: ArrayLike<number>): Float64Array {
  const T = inputs.outdoorC.length;
  const temp = new Float64Array(T + 1);
  temp[0] = inputs.initialC;
  for (let t = 0; t < T; t++) temp[t + 1] = nextTemperatureC(inputs.building, dtHours, temp[t]!, inputs.outdoorC[t]!, inputs.gainsKw[t]!, acKw[t]!);
  return temp;
}

/**
 * Constant-temperature control: the AC power that brings the indoor
 * temperature to the set-point at the end of every period (from T[0] in the
 * first). It may fall outside [0, acKw]: the caller reports that as infeasible.
 */
export function setpointPowerKw(inputs: BuildingInputs, dtHours: number): Float64Array {
  const b = inputs.building;
  const a = thermalDecay(b, dtHours);
  const T = inputs.outdoorC.length;
  const power = new Float64Array(T);
  let temp = inputs.initialC;
  for (let t = 0; t < T; t++) {
    // the steady state that makes a·temp + (1−a)·steady equal the set-point
    const steady = (b.setpointC - a * temp) / (1 - a);
    power[t] = (inputs.outdoorC[t]! + b.rCPerKw * inputs.gainsKw[t]! - steady) / (acSign(b) * b.rCPerKw * b.cop);
    temp = b.setpointC;
  }
  return power;
}

/** Why a schedule cannot keep a building comfortable: the first period and the side of the band. */
export interface ComfortConflict {
  t: number;
  side: 'above-max' | 'below-min';
  /** the closest temperature the AC can reach at the end of period t, °C */
  reachableC: number;
  limitC: number;
}

/**
 * Whether any AC schedule within [0, acKw] keeps the building in its band.
 * The reachable set of T[t+1] is an interval (the dynamics are monotone in T
 * and in P_ac), so propagating its ends, clipped to each band, is exact.
 */
export function comfortConflict(inputs: BuildingInputs, dtHours: number): ComfortConflict | null {
  const b = inputs.building;
  let lo = inputs.initialC, hi = inputs.initialC;
  for (let t = 0; t < inputs.outdoorC.length; t++) {
    const [o, g] = [inputs.outdoorC[t]!, inputs.gainsKw[t]!];
    const off = nextTemperatureC(b, dtHours, 0, o, g, 0);
    const full = nextTemperatureC(b, dtHours, 0, o, g, b.acKw);
    const a = thermalDecay(b, dtHours);
    // T[t+1] = a·T[t] + c(P), c between c(0) and c(acKw)
    lo = a * lo + Math.min(off, full);
    hi = a * hi + Math.max(off, full);
    if (lo > inputs.maxC[t]!) return { t, side: 'above-max', reachableC: lo, limitC: inputs.maxC[t]! };
    if (hi < inputs.minC[t]!) return { t, side: 'below-min', reachableC: hi, limitC: inputs.minC[t]! };
    lo = Math.max(lo, inputs.minC[t]!);
    hi = Math.min(hi, inputs.maxC[t]!);
  }
  return null;
}

/** How one building appears in a VPP's program: AC power and end-of-period temperature per period. */
export type BuildingRows =
  | { control: 'constant'; acKw: Float64Array }
  | { control: 'flexible'; acKw: LpVar[]; tempC: LpVar[] };

/**
 * Adds a flexible building's AC power and temperatures, its thermal rows and
 * its comfort bounds to a minimisation model (discomfort as a cost, × costScale); a
 * constant-temperature building adds nothing, its AC power is fixed.
 * Origins tag the comfort bounds so an infeasible model names building and period.
 */
export function addBuildingRows(model: LpModel, inputs: BuildingInputs, dtHours: number, control: 'constant' | 'flexible', costScale = 1): BuildingRows {
  const b = inputs.building;
  if (control === 'constant') return { control, acKw: setpointPowerKw(inputs, dtHours) };
  const a = thermalDecay(b, dtHours);
  const gain = (1 - a) * acSign(b) * b.rCPerKw * b.cop;
  const acKw: LpVar[] = [], tempC: LpVar[] = [];
  for (let t = 0; t < inputs.outdoorC.length; t++) {
    const p = model.addVar(`ac_${b.id}_${t}`, { lb: 0, ub: b.acKw });
    const temp = model.addVar(`temp_${b.id}_${t + 1}`, { lb: inputs.minC[t]!, ub: inputs.maxC[t]!, origin: { kind: 'comfort', building: b.id, t } });
    // T[t+1] − a·T[t] + (1−a)·σ·R·COP·P[t] = (1−a)·(T_out + R·Q_gain)
    const free = (1 - a) * (inputs.outdoorC[t]! + b.rCPerKw * inputs.gainsKw[t]!);
    const terms: [LpVar, number][] = [[temp, 1], [p, gain]];
    if (t > 0) terms.push([tempC[t - 1]!, -a]);
    model.addRow(`thermal_${b.id}_${t}`, terms, { eq: t > 0 ? free : free + a * inputs.initialC });
    if (inputs.occupied[t] && b.discomfortCostPerCh > 0) {
      // |T − set-point| as up + down, each priced per °C·h
      const price = b.discomfortCostPerCh * dtHours * costScale;
      const up = model.addVar(`warm_${b.id}_${t}`, { cost: price });
      const down = model.addVar(`cool_${b.id}_${t}`, { cost: price });
      model.addRow(`discomfort_${b.id}_${t}`, [[temp, 1], [up, -1], [down, 1]], { eq: b.setpointC });
    }
    acKw.push(p);
    tempC.push(temp);
  }
  return { control, acKw, tempC };
}

/** Discomfort cost of a temperature path T[0..T], currency: the formula, not the solver's objective. */
export function discomfortCost(inputs: BuildingInputs, dtHours: number, temp: ArrayLike<number>): number {
  const b = inputs.building;
  let cost = 0;
  for (let t = 0; t < inputs.outdoorC.length; t++) if (inputs.occupied[t]) cost += b.discomfortCostPerCh * dtHours * Math.abs(temp[t + 1]! - b.setpointC);
  return cost;
}
