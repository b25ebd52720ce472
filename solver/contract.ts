/**
 * The contract: every job kind with its options, result data and certificate;
 * progress events; the worker message envelope; every IPC channel between the
 * Electron renderer and main with its payload schema.
 *
 * Main, preload, renderer, workers and the CLI all import this one file.
 * Adding a model means adding an entry to `JobKinds`, `jobOptionSchemas` and
 * `jobOutputs` (plus a solver registered in `solver/jobs/registry.ts`),
 * nothing else in the shell.
 */
import { z } from 'zod';
import type { ScenarioInput } from './scenario/schema.ts';
import type { LpCertificate } from './lp/certificate.ts';

// ───────────────────────────── jobs ─────────────────────────────

export const JOB_KINDS = ['powerflow', 'opf', 'vpp-game', 'portfolio', 'portfolio-evaluate', 'kda', 'ev-bayesian'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export const JOB_LABELS: Record<JobKind, string> = {
  powerflow: 'AC power flow (backward/forward sweep)',
  opf: 'Optimal power flow with DLMPs and carbon flow (LinDistFlow LP)',
  'vpp-game': 'Multi-VPP P2P trading game: Nash equilibrium by best response (QP)',
  portfolio: 'Contract portfolio: minimise expected cost + λ·CVaR (LP)',
  'portfolio-evaluate': 'Contract portfolio: risk of a given portfolio',
  kda: 'k-double auction (Bayesian equilibrium)',
  'ev-bayesian': 'EV V2V trading with private responsiveness (Bayesian equilibrium)',
};

// powerflow ------------------------------------------------------

export const PowerflowOptions = z
  .object({
    /** iteration cap per period */
    maxIterations: z.number().int().min(1).max(10_000).default(100),
    /** convergence tolerance on the largest change of any bus voltage between sweeps, p.u. */
    tolerancePu: z.number().positive().max(1e-2).default(1e-8),
  })
  .strict();
export type PowerflowOptions = z.output<typeof PowerflowOptions>;

export interface BusVoltage {
  id: string;
  vmPu: number;
  vaDeg: number;
}

export interface LineFlow {
  id: string;
  from: string;
  to: string;
  /** active power entering the line at its `from` end */
  pKw: number;
  /** reactive power entering the line at its `from` end */
  qKvar: number;
  /** current magnitude, A */
  iA: number;
  /** active losses in the line */
  lossKw: number;
  /** apparent power at the `from` end relative to rateKva; null when the line has no limit */
  loadingPct: number | null;
}

export interface LimitViolation {
  kind: 'undervoltage' | 'overvoltage' | 'overload';
  /** bus id for voltage violations, line id for overloads */
  id: string;
  /** period index, 0-based */
  t: number;
  /** vmPu for voltages, loading % for lines */
  value: number;
  limit: number;
}

export interface PowerflowPeriod {
  t: number;
  loadKw: number;
  loadKvar: number;
  /** power drawn from the upstream grid at the substation */
  substationKw: number;
  substationKvar: number;
  lossesKw: number;
  lossesKvar: number;
  minVoltage: { bus: string; vmPu: number };
  maxVoltage: { bus: string; vmPu: number };
  iterations: number;
  buses: BusVoltage[];
  lines: LineFlow[];
}

export interface PowerflowData {
  T: number;
  dtHours: number;
  periods: PowerflowPeriod[];
  summary: {
    energyLossesKwh: number;
    peakLossesKw: { t: number; kw: number };
    minVoltage: { bus: string; vmPu: number; t: number };
    maxLoadingPct: { line: string; pct: number; t: number } | null;
    violations: LimitViolation[];
  };
}

export interface PowerflowCertificate {
  /** largest complex power mismatch |S_injected − S_computed| over all buses and periods, kVA */
  maxMismatchKva: number;
  /** largest voltage change in the last sweep over all periods, p.u. */
  lastVoltageChangePu: number;
  /** most sweeps any period needed */
  iterations: number;
  iterationsByPeriod: number[];
  /** voltage-change residual after each sweep, for the period that needed the most sweeps */
  residualHistory: number[];
  tolerancePu: number;
}

// opf --------------------------------------------------------------

export const OpfOptions = z
  .object({
    /** sides of the linear polygon replacing each apparent-power limit (lines, PV inverters) */
    polygonSides: z.number().int().min(4).max(64).default(12),
    /** run the AC power flow of the optimal injections, to compare voltages and loadings and to carry losses in the carbon flow */
    acComparison: z.boolean().default(true),
    /** the LP certificate's primal violation or duality gap above this (relative to the objective scale) is reported as a warning */
    certificateTolerance: z.number().positive().max(1).default(1e-6),
    /** AC comparison: convergence tolerance, p.u., and sweep cap per period */
    acTolerancePu: z.number().positive().max(1e-2).default(1e-8),
    acMaxIterations: z.number().int().min(1).max(10_000).default(100),
  })
  .strict();
export type OpfOptions = z.output<typeof OpfOptions>;

/** Distribution locational marginal price, currency/kWh: total = energy + voltage + congestion (docs/models/opf.md). */
export interface Dlmp {
  total: number;
  /** the substation's marginal energy price */
  energy: number;
  /** voltage-limit part (LinDistFlow is lossless: there is no separate loss part) */
  voltage: number;
  /** line thermal-limit part */
  congestion: number;
}

export interface OpfBus {
  id: string;
  loadKw: number;
  loadKvar: number;
  /** LinDistFlow voltage magnitude √v */
  vLinPu: number;
  /** AC power flow of the same injections; null without the AC comparison */
  vAcPu: number | null;
  dlmp: Dlmp;
  /** carbon intensity of the power consumed at the bus, kgCO2/kWh */
  carbonKgPerKwh: number;
  /** carbon attributed to the bus load in this period, kg */
  loadCarbonKg: number;
}

export interface OpfLine {
  id: string;
  from: string;
  to: string;
  /** LinDistFlow active/reactive flow entering at the `from` end */
  pKw: number;
  qKvar: number;
  /** LinDistFlow √(P²+Q²) / rateKva; null without a rating */
  loadingPct: number | null;
  /** AC power flow: flow at the `from` end, loading and losses; null without the AC comparison */
  acPKw: number | null;
  acLoadingPct: number | null;
  acLossKw: number | null;
  /** a polygon facet of this line is binding */
  congested: boolean;
}

export interface OpfPeriod {
  t: number;
  importKw: number;
  exportKw: number;
  gridKvar: number;
  importPricePerKwh: number;
  exportPricePerKwh: number;
  gridCarbonKgPerKwh: number;
  /** operating cost of this period, currency */
  cost: number;
  acLossesKw: number | null;
  buses: OpfBus[];
  lines: OpfLine[];
  pv: { id: string; availableKw: number; pKw: number; qKvar: number; curtailedKw: number }[];
  batteries: { id: string; chargeKw: number; dischargeKw: number; energyKwh: number; socPct: number }[];
  generators: { id: string; pKw: number; qKvar: number }[];
  carbon: CarbonBalance;
}

/** kgCO2 in one period (or the horizon): what sources emitted and where it went. */
export interface CarbonBalance {
  emittedKg: number;
  loadsKg: number;
  lossesKg: number;
  /** carried into batteries while charging (discharge is carbon-free in the flow, so nothing is counted twice) */
  storageKg: number;
  /** carried back into the upstream grid */
  exportKg: number;
}

export interface OpfData {
  T: number;
  dtHours: number;
  periods: OpfPeriod[];
  summary: {
    /** total operating cost, currency (the LP objective) */
    cost: number;
    importCost: number;
    exportRevenue: number;
    generatorCost: number;
    pvCurtailedKwh: number;
    carbon: CarbonBalance;
    /** which flows the carbon shares follow: AC (with losses) or LinDistFlow (lossless) */
    carbonBasis: 'ac' | 'lindistflow';
    /** largest |vLin − vAc| over buses and periods; null without the AC comparison */
    maxVoltageErrorPu: number | null;
    /** limits the optimum presses against */
    binding: { kind: 'voltage-min' | 'voltage-max' | 'thermal' | 'import-limit'; id: string; t: number }[];
  };
}

export interface OpfCertificate {
  /** LP status, objective, backend and the LP's own optimality evidence (primal violation, duality gap …) */
  lp: LpCertificate;
  rows: number;
  columns: number;
  nonzeros: number;
  polygonSides: number;
  /** largest |DLMP − (energy + voltage + congestion)|, currency/kWh: the decomposition is exact up to solver tolerance */
  dlmpDecompositionResidual: number;
  /** largest |emitted − (loads + losses + storage + export)| in a period, kg */
  carbonImbalanceKg: number;
  /** AC comparison's largest power mismatch, kVA; null without it */
  acMaxMismatchKva: number | null;
}

// vpp-game ---------------------------------------------------------

export const VppGameOptions = z
  .object({
    /** building control: as each building says, or all constant-temperature, or all flexible */
    control: z.enum(['scenario', 'constant', 'flexible']).default('scenario'),
    /** also solve the game with every building constant and every building flexible, side by side */
    compareControl: z.boolean().default(false),
    /** best-response iteration stops when no quantity moves by more than this in a sweep, kW */
    toleranceKw: z.number().positive().max(100).default(1e-6),
    maxSweeps: z.number().int().min(1).max(10_000).default(200),
    /** solve the potential-maximisation program and compare its quantities with the equilibrium */
    potentialCheck: z.boolean().default(true),
    /** best-response curves: the two VPPs (default the first two), the period (default the one with the largest P2P volume), the samples per curve (0 = none) */
    curveVpps: z.tuple([z.string(), z.string()]).optional(),
    curvePeriod: z.number().int().min(0).optional(),
    curvePoints: z.number().int().min(0).max(201).default(21),
  })
  .strict();
export type VppGameOptions = z.output<typeof VppGameOptions>;

export interface VppBuildingResult {
  id: string;
  name: string;
  control: 'constant' | 'flexible';
  /** AC electric power per period, kW */
  acKw: number[];
  /** indoor temperature T[0..T] (start of the horizon, then the end of each period), °C */
  tempC: number[];
  /** comfort band of each period, °C */
  minC: number[];
  maxC: number[];
}

export interface VppEquilibrium {
  id: string;
  name: string;
  busId: string;
  /** P2P sale per period, kW */
  q: number[];
  /** P2P sales net of fee + grid exports − grid imports, currency */
  revenue: number;
  p2pRevenue: number;
  gridRevenue: number;
  batteryWear: number;
  discomfort: number;
  /** revenue − batteryWear − discomfort: the VPP's payoff in the game */
  payoff: number;
  /** share of all P2P energy sold, 0..1 */
  marketShare: number;
  /** market power: quantity-weighted (p − f − λ)/p over periods with sales, λ the VPP's marginal value of energy; null without sales */
  priceCostMargin: number | null;
  exportKw: number[];
  importKw: number[];
  /** λ_t, currency/kWh */
  marginalValue: number[];
  /** battery energy at the end of each period, kWh (empty without a battery) */
  energyKwh: number[];
  buildings: VppBuildingResult[];
}

/** The equilibrium's headline numbers under one control strategy. */
export interface VppControlSummary {
  control: 'constant' | 'flexible';
  totalRevenue: number;
  volumeKwh: number;
  vpps: { id: string; revenue: number; payoff: number; marketShare: number; priceCostMargin: number | null; volumeKwh: number }[];
}

/** A point of the best-response plane, kW. */
export interface CurvePoint {
  a: number;
  b: number;
}

export interface VppGameData {
  T: number;
  dtHours: number;
  control: 'scenario' | 'constant' | 'flexible';
  /** fee charged per kWh sold P2P: min(f, f_max) */
  feePerKwh: number;
  /** P2P price per period, currency/kWh */
  price: number[];
  /** total P2P supply per period, kW */
  volumeKw: number[];
  equilibrium: VppEquilibrium[];
  totalRevenue: number;
  /** the oracle: quantities of the potential's maximiser against the equilibrium's; null when not asked */
  potentialCheck: { maxQuantityDiffKw: number; potentialAtEquilibrium: number; potentialMaximum: number; solveMs: number } | null;
  /** quantities after each Gauss–Seidel sweep (for the best-response animation) */
  iterations: { sweep: number; residual: number; q: number[][] }[];
  /**
   * Best responses of two VPPs to each other in one period, the others held at
   * equilibrium. Every point lies in the (a, b) plane: a = q of vpps[0], b = q of vpps[1], kW.
   */
  bestResponseCurves: {
    period: number;
    vpps: [string, string];
    /** [0]: a = BR of vpps[0] to b; [1]: b = BR of vpps[1] to a */
    curves: [CurvePoint[], CurvePoint[]];
    equilibrium: CurvePoint;
    /** after each best response of either VPP, from (0, 0): the Gauss–Seidel staircase */
    path: CurvePoint[];
  } | null;
  comparison: { constant: VppControlSummary; flexible: VppControlSummary } | null;
}

export interface VppGameCertificate {
  /** largest payoff gain any VPP gets by re-optimising against the others' equilibrium quantities, currency */
  maxDeviationGain: number;
  /** the same gain relative to that VPP's payoff */
  maxRelativeDeviationGain: number;
  deviationGains: { id: string; gain: number; payoff: number }[];
  sweeps: number;
  /** largest quantity change in each sweep, kW */
  residualHistory: number[];
  toleranceKw: number;
  bestResponses: number;
  /** solver time summed over best responses, ms */
  bestResponseMs: number;
  /** the best responses are QPs: always HiGHS */
  backend: 'highs';
}
// kda (k-double auction, Bayesian equilibrium) ---------------------

export const KdaOptions = z
  .object({
    /** best-response sweeps before giving up */
    maxIterations: z.number().int().min(1).max(100_000).default(1000),
    /** fraction of the way to the best response moved per sweep; 1 = pure best response */
    damping: z.number().gt(0).max(1).default(1),
    /** a type keeps its action unless another beats it by more than this (money per unit) */
    tolerance: z.number().nonnegative().max(1e-3).default(1e-12),
    /** the stated ε: the answer is an ε-Bayesian-Nash equilibrium when maxDeviationGain ≤ ε */
    epsilon: z.number().nonnegative().max(1).default(1e-9),
    /** certificate grid = action grid with this many sub-steps per step */
    certificateRefinement: z.number().int().min(1).max(64).default(4),
    schedule: z.enum(['sequential', 'simultaneous']).default('sequential'),
  })
  .strict();
export type KdaOptions = z.output<typeof KdaOptions>;

export interface BayesStrategyPoint {
  /** the type: value (buyer) or cost (seller), money per unit */
  type: number;
  /** bid (buyer) or ask (seller), money per unit */
  action: number;
  /** interim expected utility of the type under the returned profile */
  expectedUtility: number;
}

export interface KdaData {
  k: number;
  min: number;
  max: number;
  typePoints: number;
  actionPoints: number;
  start: 'linear' | 'truthful';
  buyer: BayesStrategyPoint[];
  seller: BayesStrategyPoint[];
  /** Chatterjee–Samuelson linear strategies (uniform priors on [min, max]), for the plot */
  linear: { buyer: { type: number; action: number }[]; seller: { type: number; action: number }[] };
  /** E[(v − c)·1{trade}] under the returned profile */
  expectedGainsFromTrade: number;
  tradeProbability: number;
  /** ex-post efficient benchmark E[(v − c)⁺] on the same type grid and priors */
  efficientGainsFromTrade: number;
  /** expectedGainsFromTrade / efficientGainsFromTrade */
  efficiency: number;
  /** expected gains from trade of the (grid-snapped) linear profile on the same grid */
  linearGainsFromTrade: number;
  myersonSatterthwaite: {
    note: string;
    /** continuous-uniform benchmarks on [min, max], present when both priors are uniform */
    continuousUniform: { firstBest: number; secondBest: number } | null;
  };
  convergence: { maxGain: number[]; maxStrategyChange: number[] };
}

export interface BayesCertificate {
  /** largest expected-utility gain of any type of any player from any action on the fine grid */
  maxDeviationGain: number;
  epsilon: number;
  isEpsilonEquilibrium: boolean;
  /** the claim in one sentence */
  statement: string;
  /** how expectations over the others' types were taken */
  method: 'exact' | 'sample';
  /** opponent type profiles per player, largest over players (enumerated or sampled) */
  typeProfiles: number;
  sampleSize: number | null;
  refinement: number;
  byPlayer: { player: string; maxGain: number; worstType: number; bestDeviation: number; fineGridPoints: number }[];
  iterations: number;
  converged: boolean;
}

export interface KdaCertificate extends BayesCertificate {
  typePoints: number;
  actionPoints: number;
}

// ev-bayesian (V2V trading among parked EVs) -----------------------

export const EvBayesianOptions = z
  .object({
    maxIterations: z.number().int().min(1).max(100_000).default(300),
    damping: z.number().gt(0).max(1).default(1),
    /** a type keeps its quantity unless another beats it by more than this (money) */
    tolerance: z.number().nonnegative().max(1).default(1e-8),
    /**
     * the stated ε (money per user over the horizon): the answer is an ε-Bayesian-Nash equilibrium
     * when no type gains more than ε by deviating to any quantity (certificate grid plus a local search between its points)
     */
    epsilon: z.number().nonnegative().max(100).default(1e-6),
    certificateRefinement: z.number().int().min(1).max(64).default(4),
    schedule: z.enum(['sequential', 'simultaneous']).default('sequential'),
    /** points of each EV's V2V quantity grid over [0, its tradable energy] */
    actionPoints: z.number().int().min(2).max(1001).default(41),
    /** expectations are exact up to this many opponent type profiles per EV, sampled beyond */
    maxExactProfiles: z.number().int().min(1).max(1_000_000).default(4096),
    /** common-random-number sample of type profiles (seeded by the run's seed) */
    sampleSize: z.number().int().min(1).max(100_000).default(64),
  })
  .strict();
export type EvBayesianOptions = z.output<typeof EvBayesianOptions>;

export interface EvTypeStrategy {
  /** responsiveness level id */
  level: string;
  /** energy traded through the V2V pool over the stay (sold or bought), kWh at the charger */
  v2vKwh: number;
  /** interim expected utility against not trading, money */
  expectedUtility: number;
  /** dissatisfaction α_θ·x², money */
  dissatisfactionCost: number;
}

export interface EvStrategyRow {
  id: string;
  fleetId: string;
  role: 'seller' | 'buyer' | 'idle';
  /** periods parked, [from, to) */
  parkedFrom: number;
  parkedTo: number;
  maxV2vKwh: number;
  byType: EvTypeStrategy[];
}

export interface EvPeriodOutcome {
  t: number;
  /** expectations over the users' types */
  v2vKwh: number;
  supplyKwh: number;
  demandKwh: number;
  sellerPrice: number;
  buyerPrice: number;
  chargingKwh: number;
  pvKwh: number;
  gridImportKwh: number;
  gridExportKwh: number;
  emissionsKg: number;
}

export interface EvOutcomeSummary {
  v2vKwh: number;
  /** share of EV charging met by PV and V2V, 0..1 */
  greenUtilisation: number;
  gridImportKwh: number;
  emissionsKg: number;
  /** microgrid operator's net money */
  microgridMoney: number;
  /** sum of the EVs' expected utilities against not trading */
  evUtility: number;
  dissatisfactionCost: number;
}

export interface EvBayesianData {
  T: number;
  dtHours: number;
  v2vEnabled: boolean;
  fleets: { id: string; levels: { id: string; name: string; prior: number; dissatisfactionPerKwh2: number }[] }[];
  evs: EvStrategyRow[];
  periods: EvPeriodOutcome[];
  summary: EvOutcomeSummary;
  /** the same scenario without V2V trading */
  baseline: EvOutcomeSummary & { periods: EvPeriodOutcome[] };
  convergence: { maxGain: number[]; maxStrategyChange: number[] };
}

export type EvBayesianCertificate = BayesCertificate;

// portfolio, portfolio-evaluate (docs/models/portfolio.md) ----------

export const PortfolioOptions = z
  .object({
    /** the LP certificate's primal violation or duality gap above this (relative to the objective scale) is reported as a warning */
    certificateTolerance: z.number().positive().max(1).default(1e-6),
  })
  .strict();
export type PortfolioOptions = z.output<typeof PortfolioOptions>;

export const PortfolioEvaluateOptions = z
  .object({
    /** volume per contract id, kW; contracts not named keep their heldKw (default minKw) */
    volumesKw: z.record(z.string(), z.number().finite().nonnegative()).default({}),
  })
  .strict();
export type PortfolioEvaluateOptions = z.output<typeof PortfolioEvaluateOptions>;

/** What both portfolio jobs report about one portfolio on the scenario set. Costs are currency over the horizon. */
export interface PortfolioMetrics {
  /** volume per contract id, kW */
  volumes: Record<string, number>;
  contracts: { id: string; name: string; volumeKw: number; energyKwh: number; cost: number }[];
  expectedCost: number;
  /** sample standard deviation of the scenario costs */
  stdCost: number;
  /** α-quantile of cost (historical) */
  var: number;
  /** CVaR_α of cost: mean of the worst (1−α) share of scenarios */
  cvar: number;
  alpha: number;
  /** paid for contracts (the same in every scenario) and expected spot cost */
  contractCost: number;
  expectedSpotCost: number;
  /** cost of every scenario, in scenario order (for the histogram) */
  costs: number[];
  scenarios: { count: number; T: number; dtHours: number; source: 'simulated' | 'imported'; seed: number | null };
}

export interface PortfolioData extends PortfolioMetrics {
  /** risk weight; null when a CVaR limit was imposed */
  lambda: number | null;
  cvarLimit: number | null;
}

export interface PortfolioCertificate {
  /** LP status, objective, backend, primal violation, duality gap … */
  lp: LpCertificate;
  rows: number;
  columns: number;
  nonzeros: number;
  /** scenario-periods of the final LP with a purchase variable (its spot position could be long or short) */
  spotVariables: number;
  /** LP solves: the cutting-plane masters (and the full LP, if it was needed) — docs/models/portfolio.md */
  rounds: number;
  /** `cutting-plane`: the last master's bounds met; `full`: the full LP of `ggs export-lp` was solved */
  method: 'cutting-plane' | 'full';
  /** scenarios with a tail row (z_s ≥ cost_s − η) in the final LP */
  tailScenarios: number;
  /** the final LP's optimum, a lower bound of the full LP's optimum (the full LP's own optimum when method = full) */
  lowerBound: number;
  /** the objective evaluated exactly at the chosen volumes: E[cost] + λ·CVaR ex post (E[cost] under a limit) */
  upperBound: number;
  /** (upperBound − lowerBound) / max(1, |upperBound|): the volumes are optimal to this; ≤ 1e-9 when method = cutting-plane */
  relativeGap: number;
  /** η + Σ z_s/((1−α)S) at the LP optimum; null when the LP carries no CVaR (λ = 0) */
  lpCvar: number | null;
  /** VaR and CVaR recomputed by sorting the scenario costs of the chosen volumes */
  expostVar: number;
  expostCvar: number;
  /** |lpCvar − expostCvar| / |expostCvar| where the LP minimises CVaR (λ > 0); null otherwise */
  cvarRelativeError: number | null;
  /** cvarLimit − expostCvar (≥ 0 up to solver tolerance); null without a limit */
  cvarLimitSlack: number | null;
}

export interface PortfolioEvaluateCertificate {
  /** the historical CVaR again, by the Rockafellar–Uryasev formula VaR + Σ(cost − VaR)⁺/((1−α)S) */
  ruCvar: number;
  /** |ruCvar − cvar|: the two estimators agree */
  cvarFormulaGap: number;
  /** volumes outside a contract's minKw..maxKw (evaluated anyway) */
  outsideBounds: string[];
}

// registry of kinds -----------------------------------------------

export interface JobKinds {
  powerflow: { options: PowerflowOptions; data: PowerflowData; certificate: PowerflowCertificate };
  opf: { options: OpfOptions; data: OpfData; certificate: OpfCertificate };
  'vpp-game': { options: VppGameOptions; data: VppGameData; certificate: VppGameCertificate };
  portfolio: { options: PortfolioOptions; data: PortfolioData; certificate: PortfolioCertificate };
  'portfolio-evaluate': { options: PortfolioEvaluateOptions; data: PortfolioMetrics; certificate: PortfolioEvaluateCertificate };
  kda: { options: KdaOptions; data: KdaData; certificate: KdaCertificate };
  'ev-bayesian': { options: EvBayesianOptions; data: EvBayesianData; certificate: EvBayesianCertificate };
}

/** Options of every kind, validated at every boundary (IPC, worker, CLI). */
export const jobOptionSchemas: { [K in JobKind]: z.ZodType<JobKinds[K]['options'], unknown> } = {
  powerflow: PowerflowOptions,
  opf: OpfOptions,
  'vpp-game': VppGameOptions,
  portfolio: PortfolioOptions,
  'portfolio-evaluate': PortfolioEvaluateOptions,
  kda: KdaOptions,
  'ev-bayesian': EvBayesianOptions,
};

/** What a what-if study can read off each kind's result (solver/whatif/outputs.ts). */
export { jobOutputs, type OutputSpec, type OutputValue } from './whatif/outputs.ts';
import type { ExtractedOutputs } from './whatif/outputs.ts';

export type JobOptions<K extends JobKind = JobKind> = JobKinds[K]['options'];
export type JobData<K extends JobKind = JobKind> = JobKinds[K]['data'];
export type JobCertificate<K extends JobKind = JobKind> = JobKinds[K]['certificate'];

/** What a caller asks for. The scenario is raw (validated in the worker too). */
export interface JobRequest<K extends JobKind = JobKind> {
  kind: K;
  scenario: ScenarioInput;
  options?: Partial<JobOptions<K>>;
  /** seed of the RNG handed to stochastic solvers; default 1 */
  seed?: number;
  /** LP backend for LP-based jobs */
  backend?: 'glpk' | 'highs';
  /**
   * Where an iterative solver may start: a neighbouring what-if point's
   * solution (`JobResult.warmState` of that point). Only kinds in
   * WARM_START_KINDS read it; it is checked against the scenario and ignored
   * (with a note in `JobResult.warmStart`) when it does not fit. It moves the
   * starting point only: the answer is the same within the solver's tolerance,
   * and it is not part of the request hash.
   */
  warmStart?: WarmStart<K>;
}

// warm starts -------------------------------------------------------

/**
 * The solution a job of each kind can start from. Plain arrays, so a state
 * crosses worker and IPC boundaries as it is.
 */
export interface WarmStarts {
  /** per period, per bus (scenario order): the voltage phasor the sweep starts from */
  powerflow: { vmPu: number[][]; vaDeg: number[][] };
  /** per VPP id: its P2P quantities per period, kW (Gauss–Seidel starts there instead of at 0) */
  'vpp-game': { q: Record<string, number[]> };
  /** per player, per type: the action the best-response iteration starts from */
  kda: { strategies: number[][] };
  'ev-bayesian': { strategies: number[][] };
}
export const WARM_START_KINDS = ['powerflow', 'vpp-game', 'kda', 'ev-bayesian'] as const satisfies readonly (keyof WarmStarts)[];
export type WarmStartKind = (typeof WARM_START_KINDS)[number];
export type WarmStart<K extends JobKind = JobKind> = K extends WarmStartKind ? WarmStarts[K] : never;
export const canWarmStart = (kind: JobKind): kind is WarmStartKind => (WARM_START_KINDS as readonly string[]).includes(kind);

/**
 * One what-if point as an executor gets it: the study's base request with
 * its hash, the assignments that make this point, and the point's key (its
 * cache key and scenarioHash). An executor that runs jobs in another thread
 * sends the base once and then only assignments (ToWorker `point`).
 */
export interface PointJob<K extends JobKind = JobKind> {
  base: JobRequest<K>;
  baseHash: string;
  assignments: { path: string; value: number }[];
  key: string;
  warmStart?: WarmStart<K>;
  /** the study keeps this point's answer as a warm start for its neighbours */
  keepWarmState?: boolean;
}

/** What became of a request's warm start. */
export interface WarmStartUse {
  used: boolean;
  /** why it was not used, or what it started ("periods 1–96 from the given voltages") */
  note: string;
}

export const JOB_STATUSES = ['ok', 'infeasible', 'unbounded', 'not-converged', 'invalid', 'cancelled', 'failed'] as const;
/** `failed`: the worker crashed or hung, or an internal error; every other status is a model outcome. */
export type JobStatus = (typeof JOB_STATUSES)[number];

export const JOB_ERROR_CODES = [
  'invalid-scenario',
  'invalid-options',
  'unknown-job',
  'meshed-network',
  'disconnected-bus',
  'not-converged',
  'infeasible',
  'unbounded',
  'cancelled',
  'worker-crashed',
  'worker-hung',
  'internal',
] as const;
export type JobErrorCode = (typeof JOB_ERROR_CODES)[number];

/** A typed, explained failure. Plain data so it crosses worker and IPC boundaries. */
export interface JobError {
  code: JobErrorCode;
  message: string;
  /** JSON path of the offending field, when one is to blame */
  path?: string;
  /** what the user could do about it */
  hint?: string;
  /** every validation issue when code is invalid-* */
  issues?: { path: string; message: string }[];
  /** numbers behind the failure (iterations, last residual, …) */
  details?: Record<string, number | string>;
}

export interface JobResult<K extends JobKind = JobKind> {
  job: K;
  status: JobStatus;
  /** one plain sentence: what happened */
  message: string;
  certificate: JobCertificate<K> | null;
  data: JobData<K> | null;
  error?: JobError;
  warnings: string[];
  timingsMs: { total: number; validate: number; solve: number };
  /** sha-256 of the canonical scenario + kind + options + seed */
  scenarioHash: string;
  version: string;
  /**
   * Present only when the run asked for `outputs` (a what-if point): the
   * requested outputs read off the data in the worker, `data` being null then.
   */
  outputs?: ExtractedOutputs;
  /** present when the request carried a warm start: whether the solver used it */
  warmStart?: WarmStartUse;
  /** this answer as a warm start for a neighbouring point; only when the run asked for it (RunHooks.keepWarmState) and the job solved */
  warmState?: WarmStart<K>;
}

/** A progress event from a running job. */
export interface JobProgress {
  /** 0..1 */
  fraction: number;
  /** what the solver is doing, in words */
  stage: string;
  /** iteration metrics (iteration, residual, …) */
  metrics?: Record<string, number>;
}

// ─────────────────────── worker envelope ───────────────────────
// The same messages travel over worker_threads and Web Workers.

export type ToWorker =
  /** `outputs`: output ids (jobOutputs[kind]); when given, the result comes back with only those outputs and no data */
  | { type: 'run'; id: string; request: JobRequest; outputs?: string[] }
  /**
   * One what-if point: the study's base request travels once per worker
   * (`base.request` present the first time; the worker keeps the last few
   * bases by hash, see solver/worker/bases.ts), then each point is only its
   * assignments. `keepWarmState`: attach JobResult.warmState.
   */
  | {
      type: 'point';
      id: string;
      base: { hash: string; request?: JobRequest };
      assignments: { path: string; value: number }[];
      outputs?: string[];
      warmStart?: WarmStart;
      keepWarmState?: boolean;
    }
  | { type: 'cancel'; id: string };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'progress'; id: string; progress: JobProgress }
  | { type: 'result'; id: string; result: JobResult }
  /** heartbeat while a job runs, so a hung worker can be told from a slow one */
  | { type: 'alive'; id: string };

// ─────────────────────────── IPC ───────────────────────────────
// Renderer → main requests (ipcRenderer.invoke); each payload is validated in main.

const ScenarioText = z.string().max(200 * 1024 * 1024);
const FilePath = z.string().min(1).max(4096);

export const ipcRequests = {
  /** native Open dialog; null when cancelled */
  'file:open': z.tuple([]),
  /** open a given path (recent files, file association, drag and drop) */
  'file:openPath': z.tuple([FilePath]),
  /** atomic write to the path the document came from; without a path behaves as Save As */
  'file:save': z.tuple([z.object({ path: FilePath.nullable(), text: ScenarioText, suggestedName: z.string().max(255) }).strict()]),
  'file:saveAs': z.tuple([z.object({ text: ScenarioText, suggestedName: z.string().max(255) }).strict()]),
  'file:recent': z.tuple([]),
  /** File → Import MATPOWER: dialog, then conversion in main */
  'file:importMatpower': z.tuple([]),
  'recovery:write': z.tuple([z.object({ text: ScenarioText, path: FilePath.nullable(), savedAt: z.number() }).strict()]),
  'recovery:read': z.tuple([]),
  'recovery:clear': z.tuple([]),
  /** the running what-if study's saved points, as JSON text (renderer/src/whatif/savedStudy.ts) */
  'study:write': z.tuple([ScenarioText]),
  'study:read': z.tuple([]),
  'study:clear': z.tuple([]),
  /** `outputs`: what-if output ids; the result then carries only those (JobResult.outputs), not the data */
  'job:run': z.tuple([z.object({ id: z.string().min(1).max(100), request: z.unknown(), outputs: z.array(z.string().min(1).max(100)).max(200).optional() }).strict()]),
  /** a what-if point (PointJob): main's pool sends the base to each worker once, then only the assignments */
  'job:runPoint': z.tuple([
    z
      .object({
        id: z.string().min(1).max(100),
        point: z
          .object({
            base: z.unknown(),
            baseHash: z.string().min(1).max(200),
            assignments: z.array(z.object({ path: z.string().min(1).max(1000), value: z.number() }).strict()).max(100),
            key: z.string().min(1).max(500),
            warmStart: z.unknown().optional(),
            keepWarmState: z.boolean().optional(),
          })
          .strict(),
        outputs: z.array(z.string().min(1).max(100)).max(200).optional(),
      })
      .strict(),
  ]),
  'job:cancel': z.tuple([z.string().min(1).max(100)]),
  /** title bar and close guard follow the renderer's dirty flag */
  'window:setDocumentState': z.tuple([z.object({ title: z.string().max(300), dirty: z.boolean() }).strict()]),
  /** the renderer confirmed that the window may close (after its own prompt) */
  'window:closeConfirmed': z.tuple([]),
} as const;
export type IpcRequestChannel = keyof typeof ipcRequests;

export interface OpenedFile {
  path: string | null;
  name: string;
  text: string;
}
export interface SavedFile {
  path: string | null;
  name: string;
}
export interface RecoverySnapshot {
  text: string;
  path: string | null;
  savedAt: number;
}
export interface ImportedScenario {
  name: string;
  text: string;
  warnings: string[];
}

export interface IpcResponses {
  'file:open': OpenedFile | null;
  'file:openPath': OpenedFile;
  'file:save': SavedFile | null;
  'file:saveAs': SavedFile | null;
  'file:recent': string[];
  'file:importMatpower': ImportedScenario | null;
  'recovery:write': void;
  'recovery:read': RecoverySnapshot | null;
  'recovery:clear': void;
  'study:write': void;
  'study:read': string | null;
  'study:clear': void;
  'job:run': JobResult;
  'job:runPoint': JobResult;
  'job:cancel': void;
  'window:setDocumentState': void;
  'window:closeConfirmed': void;
}

export type IpcArgs<C extends IpcRequestChannel> = z.input<(typeof ipcRequests)[C]>;

/** Main → renderer events (webContents.send). */
export interface IpcEvents {
  'job:progress': { id: string; progress: JobProgress };
  /** a menu item or OS event the renderer must act on */
  'menu:command': { command: MenuCommand; path?: string };
  /** the user tried to close the window while the document is dirty */
  'window:closeRequested': Record<string, never>;
}
export type IpcEventChannel = keyof IpcEvents;

export const MENU_COMMANDS = ['new', 'open', 'openPath', 'save', 'saveAs', 'importMatpower', 'undo', 'redo', 'run', 'cancel'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** The object the preload script exposes as `window.ggs`. */
export interface PreloadApi {
  invoke<C extends IpcRequestChannel>(channel: C, ...args: IpcArgs<C>): Promise<IpcResponses[C]>;
  on<E extends IpcEventChannel>(channel: E, listener: (payload: IpcEvents[E]) => void): () => void;
  platform: string;
}
