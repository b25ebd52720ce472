/**
 * The live preview of a fleet generator: the fleet it samples (the same
 * `sampleFleet` the solver and the freeze button use), each generated
 * quantity's histogram against its distribution, and the roles the sampled
 * EVs take in the V2V market.
 */
import { EvGenerator, type Distribution, type Ev, type EvFleet } from '../../../solver/scenario/schema.ts';
import { parkEv, sampleFleet } from '../../../solver/ev/fleet.ts';
import { distributionHistogram, type DistributionHistogram } from './distributionHistogram.ts';

export type GeneratedKey = 'capacityKwh' | 'arrivalH' | 'stayH' | 'arrivalSoc' | 'requiredSoc' | 'maxChargeKw' | 'maxDischargeKw' | 'chargeEfficiency' | 'dischargeEfficiency' | 'degradationCostPerKwh';

/** Every quantity a generator draws, in the schema's order, with what the user reads beside it. */
export const GENERATED: { key: GeneratedKey; label: string; unit: string; value: (ev: Ev) => number }[] = [
  { key: 'capacityKwh', label: 'Battery capacity', unit: 'kWh', value: (e) => e.capacityKwh },
  { key: 'arrivalH', label: 'Arrival time', unit: 'h', value: (e) => e.arrivalH },
  { key: 'stayH', label: 'Stay (departure − arrival)', unit: 'h', value: (e) => e.departureH - e.arrivalH },
  { key: 'arrivalSoc', label: 'SOC on arrival', unit: '0..1', value: (e) => e.arrivalSoc },
  { key: 'requiredSoc', label: 'Required SOC at departure', unit: '0..1', value: (e) => e.requiredSoc },
  { key: 'maxChargeKw', label: 'Charge limit', unit: 'kW', value: (e) => e.maxChargeKw },
  { key: 'maxDischargeKw', label: 'Discharge limit', unit: 'kW', value: (e) => e.maxDischargeKw },
  { key: 'chargeEfficiency', label: 'Charge efficiency', unit: '0..1', value: (e) => e.chargeEfficiency },
  { key: 'dischargeEfficiency', label: 'Discharge efficiency', unit: '0..1', value: (e) => e.dischargeEfficiency },
  { key: 'degradationCostPerKwh', label: 'Degradation cost', unit: 'money/kWh', value: (e) => e.degradationCostPerKwh },
];

export interface QuantityPreview {
  key: GeneratedKey;
  label: string;
  unit: string;
  distribution: Distribution;
  histogram: DistributionHistogram;
}

export interface GeneratorPreview {
  evs: Ev[];
  quantities: QuantityPreview[];
  roles: { seller: number; buyer: number; idle: number; surplusKwh: number; needKwh: number };
  /** EVs whose stay was cut at the end of the horizon */
  cutAtHorizon: number;
}

/** The preview, or the first reason the generator cannot sample (path relative to the generator). */
export function previewGenerator(fleet: EvFleet, generatorInput: unknown, time: { T: number; dtHours: number }): { ok: true; preview: GeneratorPreview } | { ok: false; path: string; message: string } {
  const parsed = EvGenerator.safeParse(generatorInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, path: issue.path.join('.'), message: issue.message };
  }
  const g = parsed.data;
  const horizonH = time.T * time.dtHours;
  const evs = sampleFleet(fleet.id, g, horizonH);
  const quantities = GENERATED.map(({ key, label, unit, value }) => ({ key, label, unit, distribution: g[key], histogram: distributionHistogram(g[key], evs.map(value)) }));
  const roles = { seller: 0, buyer: 0, idle: 0, surplusKwh: 0, needKwh: 0 };
  for (const ev of evs) {
    const p = parkEv(ev, fleet, time.dtHours, time.T);
    roles[p.role]++;
    if (p.role === 'seller') roles.surplusKwh += p.maxV2vKwh;
    if (p.role === 'buyer') roles.needKwh += p.needKwh;
  }
  const cutAtHorizon = evs.filter((e) => e.departureH >= horizonH - 1e-9).length;
  return { ok: true, preview: { evs, quantities, roles, cutAtHorizon } };
}
