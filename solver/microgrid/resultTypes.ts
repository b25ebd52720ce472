/**
 * The shapes of the microgrid jobs' results, in a module without runtime
 * imports so the job kind modules (solver/jobs/kinds/) can name them without
 * an import cycle through the solvers.
 */

/** One microgrid's operation over the horizon, kW per period (energy in kWh). */
export interface MicrogridDispatch {
  id: string;
  /** C_i, currency */
  cost: number;
  buyKw: number[];
  sellKw: number[];
  /** net injection into the ADN at its bus, kW */
  injectionKw: number[];
  pvKw: number[];
  pvCurtailedKw: number[];
  genKw: number[] | null;
  chargeKw: number[] | null;
  dischargeKw: number[] | null;
  energyKwh: number[] | null;
  /** p_ij,t by partner id, kW, > 0 when this microgrid receives */
  tradesKw: Record<string, number[]>;
}

export interface AdmmIteration {
  k: number;
  primal: number;
  dual: number;
  epsPrimal: number;
  epsDual: number;
  rho: number;
  /** Σ_i C_i at the agents' current solutions */
  socialCost: number;
}

export interface MessageStats {
  posted: number;
  lost: number;
  /** mean delay of the delivered messages, iterations (bandwidth queueing included) */
  meanDelay: number;
  /** with a bandwidth limit: messages dropped from a link's queue by a newer one, and messages that waited for bandwidth */
  superseded?: number;
  queued?: number;
}

/** A limit the AC power flow finds violated. */
export interface SafetyViolation {
  t: number;
  kind: 'voltage-low' | 'voltage-high' | 'thermal';
  /** bus id (voltages) or line id (thermal) */
  id: string;
  /** p.u. for voltages, kVA for lines */
  value: number;
  limit: number;
}

/** The network-safety check after trading and the ADN's least-change adjustments (networkSafety.ts). */
export interface SafetyReport {
  /** the AC flow is within every limit at the end */
  safe: boolean;
  /** each round: what the AC flow violated and the exchange changes made (Δ > 0: the microgrid injects more) */
  rounds: { round: number; violations: SafetyViolation[]; adjustments: { t: number; microgrid: string; deltaKw: number }[] }[];
  /** AC voltage magnitudes [t][bus], p.u., before and after */
  voltagesBefore: number[][];
  voltagesAfter: number[][];
  /** the injections after adjustment [microgrid][t], kW */
  injectionKw: number[][];
  /** Σ |Δ| · Δt */
  adjustedKwh: number;
}

/**
 * DLMPs of P1 (dlmp.ts), currency per kWh, indexed [t][bus] in the order of
 * `scenario.network.buses`: total = energy + voltage + congestion (the
 * lossless LinDistFlow has no separate loss part).
 */
export interface MgDlmps {
  total: number[][];
  /** [t]: the substation's price, the same at every bus (0 in P1 unless the import limit binds) */
  energy: number[];
  voltage: number[][];
  congestion: number[][];
  /** largest |total − (energy + voltage + congestion)|, a check on the duals */
  decompositionResidual: number;
}
