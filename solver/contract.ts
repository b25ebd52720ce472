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

// ───────────────────────────── jobs ─────────────────────────────

export const JOB_KINDS = ['powerflow', 'kda', 'ev-bayesian'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export const JOB_LABELS: Record<JobKind, string> = {
  powerflow: 'AC power flow (backward/forward sweep)',
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
    tolerance: z.number().nonnegative().max(1).default(1e-9),
    /**
     * the stated ε (money per user over the horizon): the answer is an ε-Bayesian-Nash equilibrium
     * when no type gains more than ε by deviating to any quantity on the certificate grid
     */
    epsilon: z.number().nonnegative().max(100).default(0.01),
    certificateRefinement: z.number().int().min(1).max(64).default(2),
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

// registry of kinds -----------------------------------------------

export interface JobKinds {
  powerflow: { options: PowerflowOptions; data: PowerflowData; certificate: PowerflowCertificate };
  kda: { options: KdaOptions; data: KdaData; certificate: KdaCertificate };
  'ev-bayesian': { options: EvBayesianOptions; data: EvBayesianData; certificate: EvBayesianCertificate };
}

/** Options of every kind, validated at every boundary (IPC, worker, CLI). */
export const jobOptionSchemas: { [K in JobKind]: z.ZodType<JobKinds[K]['options'], unknown> } = {
  powerflow: PowerflowOptions,
  kda: KdaOptions,
  'ev-bayesian': EvBayesianOptions,
};

/** What a what-if study can read off each kind's result (solver/whatif/outputs.ts). */
export { jobOutputs, type OutputSpec, type OutputValue } from './whatif/outputs.ts';

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

export type ToWorker = { type: 'run'; id: string; request: JobRequest } | { type: 'cancel'; id: string };

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
  'job:run': z.tuple([z.object({ id: z.string().min(1).max(100), request: z.unknown() }).strict()]),
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
  'job:run': JobResult;
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
