/**
 * A toy coupled case with closed forms: from road node O two constant-time
 * roads (5 min) lead to stations sA at A and sB at B; a three-bus feeder
 * (sub – b1 – b2) carries them, and one prosumer with a quadratic CHP
 * (cost a·P² + b·P, no load, no PV) sells to both.
 */
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';

export const CHP = { a: 0.0001, b: 0.1 };
export const FEE = 0.005;

export function toyEvcs(over: { evPerH?: number; stations?: Partial<NonNullable<ScenarioInput['evcs']>['stations'][number]>[] } = {}): ScenarioInput {
  const station = (id: string, node: string, busId: string, k: number) => ({ id, node, busId, chargers: 5, chargerKw: 50, waitAlpha: 0.5, waitBeta: 1, serviceCostPerKwh: 0.05, priceMinPerKwh: 0, priceMaxPerKwh: 1, ...over.stations?.[k] });
  return {
    schemaVersion: 1,
    metadata: { name: 'toy EV charging', job: 'evcs-market' },
    time: { T: 1, dtHours: 1, start: '2026-01-01T17:00' },
    network: {
      baseKv: 12.47,
      substation: { busId: 'sub' },
      buses: [{ id: 'sub' }, { id: 'b1', pdKw: 100 }, { id: 'b2', pdKw: 100 }],
      lines: [
        { id: 'l1', from: 'sub', to: 'b1', rOhm: 0.2, xOhm: 0.3 },
        { id: 'l2', from: 'b1', to: 'b2', rOhm: 0.2, xOhm: 0.3 },
      ],
    },
    transport: {
      nodes: [{ id: 'O', x: 0, y: 0 }, { id: 'A', x: 1, y: 1 }, { id: 'B', x: 1, y: -1 }],
      links: [
        { id: 'OA', from: 'O', to: 'A', freeFlowMin: 5, capacityVehPerH: 1000, bprAlpha: 0 },
        { id: 'OB', from: 'O', to: 'B', freeFlowMin: 5, capacityVehPerH: 1000, bprAlpha: 0 },
      ],
      demand: [{ from: 'O', to: 'A', vehPerH: 100 }],
    },
    evcs: {
      stations: [station('sA', 'A', 'b1', 0), station('sB', 'B', 'b2', 1)],
      prosumers: [{ id: 'chp', busId: 'b1', loadKw: 0, generator: { pMaxKw: 2000, costQuadraticPerKw2h: CHP.a, costLinearPerKwh: CHP.b } }],
      demand: [{ from: 'O', vehPerH: over.evPerH ?? 20 }],
      energyPerEvKwh: 20,
      valueOfTimePerHour: 20,
      dso: { buyPricePerKwh: 0.25, sellPricePerKwh: 0.05, tradeFeePerKwh: FEE },
    },
    microgridCoordination: { admm: { rho: 0.0005 } },
  };
}
