/**
 * One microgrid's data resolved from the scenario for T periods: the series
 * (load, PV availability, ADN prices) as arrays and the trading pairs with
 * their limits. Validation has checked the references, so this only reads.
 */
import type { Scenario, MicrogridBattery, MicrogridGenerator } from '../scenario/schema.ts';
import { seriesValues } from '../scenario/series.ts';

export interface MicrogridPartnerInputs {
  /** id of the other microgrid */
  id: string;
  /** what this microgrid pays per kWh traded with the partner */
  costPerKwh: number;
  /** |p_ij| limit, kW: the smaller of both sides' maxKw (Infinity when neither sets one) */
  maxKw: number;
}

export interface MicrogridInputs {
  id: string;
  busId: string;
  /** index in scenario.microgrids */
  index: number;
  T: number;
  dtHours: number;
  loadKw: Float64Array;
  /** PV output available per period (kWp × profile, clipped at 0), kW; curtailable */
  pvAvailableKw: Float64Array;
  buyPricePerKwh: Float64Array;
  sellPricePerKwh: Float64Array;
  maxImportKw: number;
  maxExportKw: number;
  generator: MicrogridGenerator | null;
  battery: MicrogridBattery | null;
  partners: MicrogridPartnerInputs[];
}

export function microgridInputs(scenario: Scenario, index: number): MicrogridInputs {
  const mg = scenario.microgrids[index];
  if (!mg) throw new RangeError(`scenario has no microgrids[${index}]`);
  const { T, dtHours } = scenario.time;
  const byId = new Map(scenario.microgrids.map((m) => [m.id, m]));
  return {
    id: mg.id,
    busId: mg.busId,
    index,
    T,
    dtHours,
    loadKw: seriesValues(scenario, mg.loadKw),
    pvAvailableKw: seriesValues(scenario, mg.pvProfile).map((p) => Math.max(0, p) * mg.pvKwp),
    buyPricePerKwh: seriesValues(scenario, mg.adn.buyPricePerKwh),
    sellPricePerKwh: seriesValues(scenario, mg.adn.sellPricePerKwh),
    maxImportKw: mg.adn.maxImportKw ?? Infinity,
    maxExportKw: mg.adn.maxExportKw ?? Infinity,
    generator: mg.generator ?? null,
    battery: mg.battery ?? null,
    partners: mg.partners.map((p) => {
      const back = byId.get(p.microgrid)?.partners.find((q) => q.microgrid === mg.id);
      return { id: p.microgrid, costPerKwh: p.costPerKwh, maxKw: Math.min(p.maxKw ?? Infinity, back?.maxKw ?? Infinity) };
    }),
  };
}

export function allMicrogridInputs(scenario: Scenario): MicrogridInputs[] {
  return scenario.microgrids.map((_, i) => microgridInputs(scenario, i));
}
