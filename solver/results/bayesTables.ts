/** CSV views of the Bayesian-equilibrium results: strategies by type, per-period outcomes, convergence. */
import type { EvBayesianData } from '../jobs/kinds/evBayesian.ts';
import type { KdaData } from '../jobs/kinds/kda.ts';
import type { Table } from './table.ts';

function convergenceTable(c: { maxGain: number[]; maxStrategyChange: number[] }): Table {
  return { columns: ['iteration', 'maxGain', 'maxStrategyChange'], rows: c.maxGain.map((g, k) => [k + 1, g, c.maxStrategyChange[k] ?? null]) };
}

export function kdaTables(data: KdaData): Record<'strategies' | 'convergence', Table> {
  return {
    strategies: {
      columns: ['type', 'bid', 'buyerExpectedUtility', 'linearBid', 'ask', 'sellerExpectedUtility', 'linearAsk'],
      rows: data.buyer.map((b, t) => {
        const s = data.seller[t]!;
        return [b.type, b.action, b.expectedUtility, data.linear.buyer[t]?.action ?? null, s.action, s.expectedUtility, data.linear.seller[t]?.action ?? null];
      }),
    },
    convergence: convergenceTable(data.convergence),
  };
}

export function evBayesianTables(data: EvBayesianData): Record<'strategies' | 'periods' | 'convergence', Table> {
  const base = data.baseline.periods;
  return {
    strategies: {
      columns: ['ev', 'fleet', 'role', 'parkedFrom', 'parkedTo', 'maxV2vKwh', 'level', 'v2vKwh', 'expectedUtility', 'dissatisfactionCost'],
      rows: data.evs.flatMap((ev) =>
        ev.byType.map((b) => [ev.id, ev.fleetId, ev.role, ev.parkedFrom, ev.parkedTo, ev.maxV2vKwh, b.level, b.v2vKwh, b.expectedUtility, b.dissatisfactionCost]),
      ),
    },
    periods: {
      columns: ['t', 'v2vKwh', 'supplyKwh', 'demandKwh', 'sellerPrice', 'buyerPrice', 'chargingKwh', 'pvKwh', 'gridImportKwh', 'gridExportKwh', 'emissionsKg', 'baselineGridImportKwh', 'baselineEmissionsKg'],
      rows: data.periods.map((p, t) => [
        p.t, p.v2vKwh, p.supplyKwh, p.demandKwh, p.sellerPrice, p.buyerPrice, p.chargingKwh, p.pvKwh, p.gridImportKwh, p.gridExportKwh, p.emissionsKg,
        base[t]?.gridImportKwh ?? null, base[t]?.emissionsKg ?? null,
      ]),
    },
    convergence: convergenceTable(data.convergence),
  };
}
