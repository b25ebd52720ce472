/**
 * EV fleets: an explicit table, or a generator that samples one
 * reproducibly from its own seed (so the fleet is part of the scenario, not
 * of the run). Each EV is reduced to what the V2V game needs: the periods it
 * is parked, and how much energy it can sell or wants to buy.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import type { Distribution, Ev, EvFleet, EvGenerator } from '../scenario/schema.ts';

type Rng = ReturnType<typeof xoroshiro128plus>;

export function draw(d: Distribution, rng: Rng): number {
  switch (d.kind) {
    case 'fixed':
      return d.value;
    case 'uniform':
      return d.min + (d.max - d.min) * uniformFloat64(rng);
    case 'normal': {
      // Box–Muller; 1 − u keeps the logarithm finite
      const z = Math.sqrt(-2 * Math.log(1 - uniformFloat64(rng))) * Math.cos(2 * Math.PI * uniformFloat64(rng));
      return Math.min(d.max ?? Infinity, Math.max(d.min ?? -Infinity, d.mean + d.sd * z));
    }
    case 'empirical': {
      const w = d.weights ?? d.values.map(() => 1);
      let u = uniformFloat64(rng) * w.reduce((a, b) => a + b, 0);
      for (let k = 0; k < d.values.length; k++) if ((u -= w[k] ?? 0) < 0) return d.values[k]!;
      return d.values[d.values.length - 1]!;
    }
  }
}

const clip = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** The fleet a generator describes, frozen into a table (what the editor's "freeze" button stores). */
export function sampleFleet(fleetId: string, g: EvGenerator, horizonH: number): Ev[] {
  const rng = xoroshiro128plus(g.seed);
  return Array.from({ length: g.count }, (_, k): Ev => {
    const arrivalH = clip(draw(g.arrivalH, rng), 0, horizonH);
    const stayH = Math.max(0, draw(g.stayH, rng));
    return {
      id: `${fleetId}-ev${String(k + 1).padStart(3, '0')}`,
      name: '',
      capacityKwh: Math.max(1, draw(g.capacityKwh, rng)),
      arrivalH,
      departureH: clip(arrivalH + stayH, arrivalH, horizonH),
      arrivalSoc: clip(draw(g.arrivalSoc, rng), 0, 1),
      requiredSoc: clip(draw(g.requiredSoc, rng), 0, 1),
      maxChargeKw: Math.max(0.1, draw(g.maxChargeKw, rng)),
      maxDischargeKw: Math.max(0, draw(g.maxDischargeKw, rng)),
      chargeEfficiency: clip(draw(g.chargeEfficiency, rng), 0.01, 1),
      dischargeEfficiency: clip(draw(g.dischargeEfficiency, rng), 0.01, 1),
      degradationCostPerKwh: Math.max(0, draw(g.degradationCostPerKwh, rng)),
    };
  });
}

export function fleetEvs(fleet: EvFleet, horizonH: number): Ev[] {
  return fleet.evs ?? sampleFleet(fleet.id, fleet.generator!, horizonH);
}

export type EvRole = 'seller' | 'buyer' | 'idle';

/** An EV as a V2V market participant. Energies are at the charger (grid side), kWh. */
export interface ParkedEv {
  id: string;
  fleetId: string;
  /** periods parked: first (inclusive) and last (exclusive) */
  from: number;
  to: number;
  role: EvRole;
  /** energy it must still charge to reach requiredSoc by departure (buyers), grid side */
  needKwh: number;
  /** most it can trade through V2V: surplus it can discharge (sellers) or its need (buyers) */
  maxV2vKwh: number;
  /** wear per kWh delivered at the charger (sellers): degradation / discharge efficiency */
  wearPerKwh: number;
  /** dissatisfaction weight of each responsiveness level, money per kWh² */
  dissatisfactionPerKwh2: number[];
  prior: number[];
}

/**
 * Parks an EV on the period grid: it is present in the whole periods within
 * [arrivalH, departureH). A buyer's need is what it must charge (capped by
 * what its charger can deliver during the stay); a seller's surplus is what
 * it can discharge above its departure requirement (capped likewise).
 */
export function parkEv(ev: Ev, fleet: EvFleet, dtHours: number, T: number): ParkedEv {
  const from = Math.min(T, Math.ceil(ev.arrivalH / dtHours - 1e-9));
  const to = Math.max(from, Math.min(T, Math.floor(ev.departureH / dtHours + 1e-9)));
  const hours = (to - from) * dtHours;
  const batteryDelta = (ev.requiredSoc - ev.arrivalSoc) * ev.capacityKwh;
  const base = {
    id: ev.id,
    fleetId: fleet.id,
    from,
    to,
    wearPerKwh: ev.degradationCostPerKwh / ev.dischargeEfficiency,
    dissatisfactionPerKwh2: fleet.responsiveness.map((l) => l.dissatisfactionPerKwh2),
    prior: fleet.responsiveness.map((l) => l.prior),
  };
  if (hours <= 0 || Math.abs(batteryDelta) < 1e-9) return { ...base, role: 'idle', needKwh: 0, maxV2vKwh: 0 };
  if (batteryDelta > 0) {
    const need = Math.min(batteryDelta / ev.chargeEfficiency, ev.maxChargeKw * hours);
    return { ...base, role: 'buyer', needKwh: need, maxV2vKwh: need };
  }
  const surplus = Math.min(-batteryDelta * ev.dischargeEfficiency, ev.maxDischargeKw * hours);
  return { ...base, role: surplus > 0 ? 'seller' : 'idle', needKwh: 0, maxV2vKwh: surplus };
}
