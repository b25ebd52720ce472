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
  /** mean delay of the delivered messages, iterations */
  meanDelay: number;
}
