/** CSV views of a vpp-game result: prices and quantities per period, one row per VPP, building schedules, the residual history. */
import type { VppGameData } from '../jobs/kinds/vppGame.ts';
import type { Table } from './table.ts';

export function vppGameTables(data: VppGameData): Record<'periods' | 'vpps' | 'buildings' | 'iterations', Table> {
  const ids = data.equilibrium.map((v) => v.id);
  return {
    periods: {
      columns: ['t', 'pricePerKwh', 'volumeKw', ...ids.map((id) => `q_${id}`)],
      rows: data.price.map((p, t) => [t, p, data.volumeKw[t]!, ...data.equilibrium.map((v) => v.q[t]!)]),
    },
    vpps: {
      columns: ['vpp', 'revenue', 'p2pRevenue', 'gridRevenue', 'batteryWear', 'discomfort', 'payoff', 'marketShare', 'priceCostMargin'],
      rows: data.equilibrium.map((v) => [v.id, v.revenue, v.p2pRevenue, v.gridRevenue, v.batteryWear, v.discomfort, v.payoff, v.marketShare, v.priceCostMargin]),
    },
    buildings: {
      columns: ['vpp', 'building', 'control', 't', 'acKw', 'tempEndC', 'minC', 'maxC'],
      rows: data.equilibrium.flatMap((v) => v.buildings.flatMap((b) => b.acKw.map((p, t) => [v.id, b.id, b.control, t, p, b.tempC[t + 1]!, b.minC[t]!, b.maxC[t]!]))),
    },
    iterations: {
      columns: ['sweep', 'residualKw'],
      rows: data.iterations.map((s) => [s.sweep, s.residual]),
    },
  };
}
