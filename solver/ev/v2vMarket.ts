/**
 * The V2V pool and the microgrid around it.
 *
 * Price rule: the supply–demand-ratio (SDR) price of N. Liu, X. Yu, C. Wang, C. Li, L. Ma and J. Lei
 * ("Energy-sharing model with price-based demand response for microgrids of
 * peer-to-peer prosumers", IEEE Trans. Power Systems 32(5), 2017). With
 * grid buy price λb > grid sell price λs, supply S and demand D in a period
 * and R = S/D:
 *   R < 1:  sellers get p_s = λb·λs / ((λb − λs)·R + λs),
 *           buyers pay   p_b = p_s·R + λb·(1 − R)   (the shortfall comes from the microgrid at λb);
 *   R ≥ 1:  p_s = p_b = λs (the excess is exported at λs).
 * The pool balances its budget; both prices lie in [λs, λb].
 */

export interface SdrPrice {
  seller: number;
  buyer: number;
}

/** Seller price p_s at supply S and demand D (hot path of the game: plain numbers, no allocation). */
export function sdrSellerPrice(supplyKwh: number, demandKwh: number, gridSell: number, gridBuy: number): number {
  if (demandKwh <= 0 || supplyKwh >= demandKwh) return gridSell;
  const r = supplyKwh / demandKwh;
  return (gridBuy * gridSell) / ((gridBuy - gridSell) * r + gridSell);
}

/** Buyer price p_b = p_s·R + λb·(1 − R) (= λs when supply covers demand). */
export function sdrBuyerPrice(supplyKwh: number, demandKwh: number, gridSell: number, gridBuy: number): number {
  if (demandKwh <= 0 || supplyKwh >= demandKwh) return gridSell;
  const r = supplyKwh / demandKwh;
  return sdrSellerPrice(supplyKwh, demandKwh, gridSell, gridBuy) * r + gridBuy * (1 - r);
}

export function sdrPrice(supplyKwh: number, demandKwh: number, gridSell: number, gridBuy: number): SdrPrice {
  return { seller: sdrSellerPrice(supplyKwh, demandKwh, gridSell, gridBuy), buyer: sdrBuyerPrice(supplyKwh, demandKwh, gridSell, gridBuy) };
}

export interface MicrogridInputs {
  gridBuy: Float64Array;
  gridSell: Float64Array;
  carbonKgPerKwh: Float64Array;
  carbonPricePerKg: number;
  /** PV energy per period, kWh */
  pvKwh: Float64Array;
  /** EV charging energy per period (all buyers' needs spread over their stays), kWh */
  chargingKwh: Float64Array;
}

export interface PeriodOutcome {
  supplyKwh: number;
  demandKwh: number;
  /** V2V energy traded: min(supply, demand) */
  v2vKwh: number;
  sellerPrice: number;
  buyerPrice: number;
  gridImportKwh: number;
  gridExportKwh: number;
  /** EV charging met by V2V and PV */
  greenKwh: number;
  emissionsKg: number;
  /** microgrid operator's net money in the period */
  microgridMoney: number;
}

/**
 * Physical and money flows of one period. The lot's net load is the EV
 * charging minus V2V discharge; PV covers it first, the grid the rest.
 */
export function settlePeriod(m: MicrogridInputs, t: number, supplyKwh: number, demandKwh: number): PeriodOutcome {
  const lb = m.gridBuy[t]!;
  const ls = m.gridSell[t]!;
  const price = sdrPrice(supplyKwh, demandKwh, ls, lb);
  const charging = m.chargingKwh[t]!;
  const pv = m.pvKwh[t]!;
  const residual = charging - supplyKwh - pv;
  const gridImportKwh = Math.max(0, residual);
  const gridExportKwh = Math.max(0, -residual);
  const emissionsKg = gridImportKwh * m.carbonKgPerKwh[t]!;
  // buyers pay λb for charging outside the pool; the pool passes p_b·D − p_s·S to the microgrid
  const microgridMoney =
    lb * (charging - demandKwh) + price.buyer * demandKwh - price.seller * supplyKwh - lb * gridImportKwh + ls * gridExportKwh - m.carbonPricePerKg * emissionsKg;
  return {
    supplyKwh,
    demandKwh,
    v2vKwh: Math.min(supplyKwh, demandKwh),
    sellerPrice: price.seller,
    buyerPrice: price.buyer,
    gridImportKwh,
    gridExportKwh,
    greenKwh: Math.min(charging, supplyKwh + pv),
    emissionsKg,
    microgridMoney,
  };
}
