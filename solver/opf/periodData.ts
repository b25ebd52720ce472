/**
 * Everything the OPF needs per period, resolved from the scenario once: bus
 * loads (profile × pdKw × loadScale), PV availability, grid prices and carbon
 * intensity. Units: kW, kvar, currency/kWh, kgCO2/kWh.
 */
import type { Scenario } from '../scenario/schema.ts';
import { seriesValues } from '../scenario/series.ts';
import { loadMultipliers } from '../network/powerflowJob.ts';

export interface OpfPeriodData {
  /** [t][bus] */
  loadKw: Float64Array[];
  loadKvar: Float64Array[];
  /** [pv][t]: kwp × irradiance, capped by the inverter */
  pvAvailableKw: Float64Array[];
  importPrice: Float64Array;
  exportPrice: Float64Array;
  gridCarbon: Float64Array;
}

export function opfPeriodData(scenario: Scenario): OpfPeriodData {
  const net = scenario.network;
  const multipliers = loadMultipliers(scenario);
  const loadKw = multipliers.map((m) => Float64Array.from(net.buses, (b, i) => b.pdKw * m[i]!));
  const loadKvar = multipliers.map((m) => Float64Array.from(net.buses, (b, i) => b.qdKvar * m[i]!));
  const pvAvailableKw = net.der.pv.map((pv) => {
    const cap = pv.inverterKva ?? pv.kwp;
    return seriesValues(scenario, pv.irradiance).map((irr) => Math.min(Math.max(irr, 0) * pv.kwp, cap));
  });
  return {
    loadKw,
    loadKvar,
    pvAvailableKw,
    importPrice: seriesValues(scenario, net.substation.importPricePerKwh),
    exportPrice: seriesValues(scenario, net.substation.exportPricePerKwh),
    gridCarbon: seriesValues(scenario, net.substation.carbonKgPerKwh),
  };
}
