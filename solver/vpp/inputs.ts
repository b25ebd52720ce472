/**
 * The scenario's VPPs and market resolved to numbers per period: the
 * `Series` fields become arrays, comfort bands follow occupancy, and the
 * market's linear inverse demand gets its slope.
 */
import type { Market, Scenario, Vpp, VppBattery } from '../scenario/schema.ts';
import { seriesValues } from '../scenario/series.ts';
import type { BuildingInputs } from './building.ts';

export type Control = 'constant' | 'flexible';

export interface VppInputs {
  vpp: Vpp;
  /** PV output, kW */
  pvKw: Float64Array;
  otherLoadKw: Float64Array;
  buildings: BuildingInputs[];
  /** control of each building (the scenario's, or one forced for a comparison) */
  controls: Control[];
  battery: VppBattery | undefined;
}

/**
 * Buyers' inverse demand p_t(Q) = r_t − slope_t·Q with slope_t = (r_t − w_t)/D_t,
 * so the price falls from the retail price at Q = 0 to the feed-in price at Q = D_t.
 */
export interface MarketInputs {
  retail: Float64Array;
  feedIn: Float64Array;
  demandKw: Float64Array;
  slope: Float64Array;
  /** fee charged per kWh sold P2P: min(f, f_max) */
  fee: number;
}

export function resolveVpp(s: Scenario, vpp: Vpp, force?: Control): VppInputs {
  const outdoorC = seriesValues(s, vpp.outdoorTempC);
  const buildings = vpp.buildings.map((b): BuildingInputs => {
    const occupancy = seriesValues(s, b.occupancy);
    const occupied = Array.from(occupancy, (o) => o >= 0.5);
    const idle = b.comfortUnoccupied ?? b.comfort;
    return {
      building: b,
      outdoorC,
      gainsKw: seriesValues(s, b.internalGainsKw),
      occupied,
      minC: Float64Array.from(occupied, (o) => (o ? b.comfort.minC : idle.minC)),
      maxC: Float64Array.from(occupied, (o) => (o ? b.comfort.maxC : idle.maxC)),
      initialC: b.initialTempC ?? b.setpointC,
    };
  });
  const pv = seriesValues(s, vpp.pvProfile);
  return {
    vpp,
    pvKw: pv.map((x) => x * vpp.pvKwp),
    otherLoadKw: seriesValues(s, vpp.otherLoadKw),
    buildings,
    controls: vpp.buildings.map((b) => force ?? b.control),
    battery: vpp.battery,
  };
}

export function resolveMarket(s: Scenario, market: Market): MarketInputs {
  const retail = seriesValues(s, market.retailPricePerKwh);
  const feedIn = seriesValues(s, market.feedInPricePerKwh);
  const demandKw = seriesValues(s, market.buyerDemandKw);
  return {
    retail,
    feedIn,
    demandKw,
    slope: retail.map((r, t) => (r - feedIn[t]!) / demandKw[t]!),
    fee: Math.min(market.serviceFeePerKwh, market.serviceFeeMaxPerKwh),
  };
}

/** P2P price p_t(Q_t). */
export const p2pPrice = (m: MarketInputs, t: number, totalKw: number): number => m.retail[t]! - m.slope[t]! * totalKw;
