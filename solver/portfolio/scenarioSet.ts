/** Spot-price and demand scenarios as the optimiser sees them: S paths of T periods, stored scenario-major (index s·T + t). */
export interface ScenarioSet {
  S: number;
  T: number;
  dtHours: number;
  /** spot price, currency/kWh */
  pricePerKwh: Float64Array;
  /** demand, kW (average over the period) */
  demandKw: Float64Array;
}
