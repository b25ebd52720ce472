/** What a what-if study can read off a vpp-game result (see outputs.ts for the shapes). */
import type { VppGameData } from '../contract.ts';
import type { OutputSpec } from './outputs.ts';

const byVpp = (d: VppGameData, value: (v: VppGameData['equilibrium'][number]) => number | null) =>
  Object.fromEntries(d.equilibrium.flatMap((v) => {
    const x = value(v);
    return x === null ? [] : [[v.id, x]];
  }));

const vppIds = { entity: 'VPP', entities: (s: { vpps: { id: string }[] }) => s.vpps.map((v) => v.id) };

export const vppGameOutputs: OutputSpec<'vpp-game'>[] = [
  { id: 'p2pVolumeKwh', label: 'P2P energy traded over the horizon', unit: 'kWh', shape: 'scalar', extract: (d) => d.volumeKw.reduce((a, b) => a + b, 0) * d.dtHours },
  { id: 'totalRevenue', label: 'Total revenue of the VPPs', unit: 'currency', shape: 'scalar', extract: (d) => d.totalRevenue },
  { id: 'price', label: 'P2P price per period', unit: 'currency/kWh', shape: 'series', extract: (d) => d.price },
  { id: 'volumeKw', label: 'P2P supply per period', unit: 'kW', shape: 'series', extract: (d) => d.volumeKw },
  { id: 'revenue', label: 'Revenue per VPP', unit: 'currency', shape: 'per-entity', ...vppIds, extract: (d) => byVpp(d, (v) => v.revenue) },
  { id: 'marketShare', label: 'P2P market share per VPP', unit: 'fraction', shape: 'per-entity', ...vppIds, extract: (d) => byVpp(d, (v) => v.marketShare) },
  { id: 'priceCostMargin', label: 'Price–cost margin (market power) per VPP', unit: 'fraction', shape: 'per-entity', ...vppIds, extract: (d) => byVpp(d, (v) => v.priceCostMargin) },
  // the equilibrium itself: what each VPP sells P2P (its strategy, summed over the horizon) and its payoff in the game (revenue − battery wear − discomfort)
  { id: 'p2pSalesKwh', label: 'P2P sales per VPP', unit: 'kWh', shape: 'per-entity', ...vppIds, equilibrium: 'strategy', extract: (d) => byVpp(d, (v) => v.q.reduce((a, b) => a + b, 0) * d.dtHours) },
  { id: 'payoff', label: 'Payoff per VPP', unit: 'currency', shape: 'per-entity', ...vppIds, equilibrium: 'payoff', extract: (d) => byVpp(d, (v) => v.payoff) },
];
