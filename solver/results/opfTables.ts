/** CSV views of an OPF result: periods, a bus × period DLMP grid, long tables of buses, lines and resource dispatch. */
import type { OpfData } from '../jobs/kinds/opf.ts';
import type { Table } from './table.ts';

export function opfTables(data: OpfData): Record<'periods' | 'dlmp' | 'buses' | 'lines' | 'dispatch', Table> {
  const periods: Table = {
    columns: ['t', 'importKw', 'exportKw', 'gridKvar', 'importPricePerKwh', 'exportPricePerKwh', 'gridCarbonKgPerKwh', 'cost', 'acLossesKw', 'emittedKg', 'loadsKg', 'lossesKg', 'storageKg', 'exportKg'],
    rows: data.periods.map((p) => [
      p.t, p.importKw, p.exportKw, p.gridKvar, p.importPricePerKwh, p.exportPricePerKwh, p.gridCarbonKgPerKwh, p.cost, p.acLossesKw,
      p.carbon.emittedKg, p.carbon.loadsKg, p.carbon.lossesKg, p.carbon.storageKg, p.carbon.exportKg,
    ]),
  };
  // every period lists the same buses in the scenario's order
  const busIds = data.periods[0]?.buses.map((b) => b.id) ?? [];
  const dlmp: Table = {
    columns: ['bus', ...data.periods.map((p) => `dlmp_t${p.t}`)],
    rows: busIds.map((id, i) => [id, ...data.periods.map((p) => p.buses[i]?.dlmp.total ?? null)]),
  };
  const buses: Table = {
    columns: ['t', 'bus', 'loadKw', 'loadKvar', 'vLinPu', 'vAcPu', 'dlmp', 'dlmpEnergy', 'dlmpVoltage', 'dlmpCongestion', 'carbonKgPerKwh', 'loadCarbonKg'],
    rows: data.periods.flatMap((p) =>
      p.buses.map((b) => [p.t, b.id, b.loadKw, b.loadKvar, b.vLinPu, b.vAcPu, b.dlmp.total, b.dlmp.energy, b.dlmp.voltage, b.dlmp.congestion, b.carbonKgPerKwh, b.loadCarbonKg]),
    ),
  };
  const lines: Table = {
    columns: ['t', 'line', 'from', 'to', 'pKw', 'qKvar', 'loadingPct', 'acPKw', 'acLoadingPct', 'acLossKw', 'congested'],
    rows: data.periods.flatMap((p) => p.lines.map((l) => [p.t, l.id, l.from, l.to, l.pKw, l.qKvar, l.loadingPct, l.acPKw, l.acLoadingPct, l.acLossKw, l.congested ? 1 : 0])),
  };
  const dispatch: Table = {
    columns: ['t', 'kind', 'id', 'pKw', 'qKvar', 'availableKw', 'curtailedKw', 'chargeKw', 'dischargeKw', 'energyKwh', 'socPct'],
    rows: data.periods.flatMap((p) => [
      ...p.pv.map((v) => [p.t, 'pv', v.id, v.pKw, v.qKvar, v.availableKw, v.curtailedKw, null, null, null, null]),
      ...p.batteries.map((b) => [p.t, 'battery', b.id, b.dischargeKw - b.chargeKw, 0, null, null, b.chargeKw, b.dischargeKw, b.energyKwh, b.socPct]),
      ...p.generators.map((g) => [p.t, 'generator', g.id, g.pKw, g.qKvar, null, null, null, null, null, null]),
    ]),
  };
  return { periods, dlmp, buses, lines, dispatch };
}
