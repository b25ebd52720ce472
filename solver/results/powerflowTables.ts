/** CSV views of a power-flow result: one row per period, a bus × period voltage grid, one row per line and period. */
import type { PowerflowData } from '../jobs/kinds/powerflow.ts';
import type { Table } from './table.ts';

export function powerflowTables(data: PowerflowData): Record<'periods' | 'buses' | 'lines', Table> {
  const periods: Table = {
    columns: ['t', 'loadKw', 'loadKvar', 'substationKw', 'substationKvar', 'lossesKw', 'lossesKvar', 'minVmPu', 'minVmBus', 'maxVmPu', 'maxVmBus', 'iterations'],
    rows: data.periods.map((p) => [
      p.t,
      p.loadKw,
      p.loadKvar,
      p.substationKw,
      p.substationKvar,
      p.lossesKw,
      p.lossesKvar,
      p.minVoltage.vmPu,
      p.minVoltage.bus,
      p.maxVoltage.vmPu,
      p.maxVoltage.bus,
      p.iterations,
    ]),
  };

  // Every period lists the same buses in the same order (the scenario's).
  const busIds = data.periods[0]?.buses.map((b) => b.id) ?? [];
  const buses: Table = {
    columns: ['bus', ...data.periods.map((p) => `vmPu_t${p.t}`)],
    rows: busIds.map((id, i) => [id, ...data.periods.map((p) => p.buses[i]?.vmPu ?? null)]),
  };

  const lines: Table = {
    columns: ['t', 'line', 'from', 'to', 'pKw', 'qKvar', 'iA', 'lossKw', 'loadingPct'],
    rows: data.periods.flatMap((p) => p.lines.map((l) => [p.t, l.id, l.from, l.to, l.pKw, l.qKvar, l.iA, l.lossKw, l.loadingPct])),
  };
  return { periods, buses, lines };
}
