/**
 * The result types of the DLMP market and its learners (dlmpMarket.ts,
 * surrogate.ts, dlmpLearn.ts), in a module of their own: the job kind
 * module (solver/jobs/kinds/dlmpLearn.ts) imports them, and must not reach
 * the solver code (the OPF, the job errors) through them.
 */
import type { NetWeights } from './network.ts';

export interface DlmpAgent {
  busId: string;
  /** largest injection, kW */
  qMaxKw: number;
  /** private cost c·q + ½·b·q² (currency/h): c in currency/kWh, b in currency/kWh per kW */
  costPerKwh: number;
  quadPerKw: number;
}

/** What a saved surrogate holds: the network and its output scaling (plain JSON). */
export interface SurrogateWeights {
  net: NetWeights;
  /** DLMP = shift + scale × output */
  shift: number;
  scale: number;
  /** bus ids of the outputs, in order */
  buses: string[];
}

export interface SurrogateError {
  samples: number;
  /** currency/kWh over every bus and sample */
  mae: number;
  maxError: number;
  /** the same at the agents' buses only (what their rewards see) */
  agentMae: number;
  agentMaxError: number;
}

/** One run's greedy injections at one state, priced by the exact OPF. */
export interface PricedActions {
  q: number[];
  /** exact DLMP at each agent's bus */
  prices: number[];
  profits: number[];
  /** −(OPF cost + agents' costs), currency */
  welfare: number;
  emissionsKg: number;
  exploitability: number;
}

export interface EvalPoint {
  /** the scenario period (hour) and load level */
  period: number;
  load: number;
  surrogateTrained: PricedActions & { surrogatePrices: number[] };
  exactTrained: PricedActions;
  nash: PricedActions & { rounds: number; converged: boolean };
}

export interface OutcomeSummary {
  /** means over the evaluation states: Σ agents' profit, agents' mean price, welfare, exploitability */
  profit: number;
  price: number;
  welfare: number;
  exploitability: number;
}

export interface DlmpLearnResult {
  buses: string[];
  agents: DlmpAgent[];
  periods: number[];
  carbonPricePerKg: number;
  /** import price + carbon price × grid intensity, per market period */
  gridPrices: number[];
  surrogate: { weights: SurrogateWeights; fitted: boolean; trainSamples: number; heldOut: SurrogateError; train: SurrogateError | null; loss: number[] };
  /** Σ agents' profit (currency, with exploration) per training episode */
  curves: { surrogate: number[]; exact: number[] };
  evaluation: EvalPoint[];
  summary: { surrogateTrained: OutcomeSummary; exactTrained: OutcomeSummary; nash: OutcomeSummary };
  /** surrogate-trained minus exact-trained, on the exact OPF */
  gap: { profit: number; price: number; welfare: number; meanAbsInjectionKw: number };
  /** the surrogate's prices for the surrogate-trained final actions against the exact OPF's (agent buses) */
  reprice: { meanAbs: number; max: number };
  policies: { surrogate: NetWeights[]; exact: NetWeights[] };
  opfSolves: number;
}
