/**
 * The quantities a what-if study can read off each point's result, declared
 * once per job kind. A new job kind gets sweeps, tornado and Monte Carlo by
 * adding its entry here: the engine, the CLI and the result views only ever
 * go through `jobOutputs[kind]`.
 *
 * Shapes: a `scalar` is one number (optionally with the entity where an
 * extreme occurs, `at`); a `series` is one number per period of the horizon;
 * `per-entity` is one number per entity id (bus, line, …), whose ids the
 * scenario lists before anything has run, so a picker can offer them.
 */
import type { EvBayesianData, JobData, JobKind, JobResult, KdaData } from '../contract.ts';
import type { Scenario } from '../scenario/schema.ts';
import { opfOutputs } from './opfOutputs.ts';
import { certificateOutputs, hasAnswer } from '../jobs/certification.ts';
import { vppGameOutputs } from './vppGameOutputs.ts';
import { portfolioOutputs, portfolioEvaluateOutputs } from './portfolioOutputs.ts';

/** `null`: the quantity is not defined for this result (e.g. no line has a rating). */
export type ScalarValue = number | null;
export type OutputValue = ScalarValue | number[] | Record<string, number>;

interface OutputBase {
  id: string;
  label: string;
  unit: string;
}

export interface ScalarOutput<K extends JobKind> extends OutputBase {
  shape: 'scalar';
  extract(data: JobData<K>): ScalarValue;
  /** where an extreme occurs: an entity id (the bus of the lowest voltage) or a period (`t=3`); null when nowhere */
  at?(data: JobData<K>): string | null;
}

export interface SeriesOutput<K extends JobKind> extends OutputBase {
  shape: 'series';
  /** one value per period t = 0 … T−1 */
  extract(data: JobData<K>): number[];
}

export interface PerEntityOutput<K extends JobKind> extends OutputBase {
  shape: 'per-entity';
  /** what the keys are, in words: "bus", "line", "player" */
  entity: string;
  /** the entity ids in display order, known from the scenario alone */
  entities(scenario: Scenario): string[];
  extract(data: JobData<K>): Record<string, number>;
  /**
   * For a game: the entities are its participants (players, types of a
   * player, classes of users) and the output is part of the equilibrium —
   * what each plays (`strategy`) or what each gets (`payoff`). The what-if
   * panel draws these as equilibrium paths over a sweep.
   */
  equilibrium?: 'strategy' | 'payoff';
}

export type OutputSpec<K extends JobKind = JobKind> = ScalarOutput<K> | SeriesOutput<K> | PerEntityOutput<K>;

/** What a result file records about each output: the spec without its functions. */
export interface OutputInfo {
  id: string;
  label: string;
  unit: string;
  shape: OutputSpec['shape'];
  entity?: string;
}

const powerflowOutputs: OutputSpec<'powerflow'>[] = [
  {
    id: 'energyLossesKwh',
    label: 'Energy losses over the horizon',
    unit: 'kWh',
    shape: 'scalar',
    extract: (d) => d.summary.energyLossesKwh,
  },
  {
    id: 'peakLossesKw',
    label: 'Peak losses',
    unit: 'kW',
    shape: 'scalar',
    extract: (d) => d.summary.peakLossesKw.kw,
    at: (d) => `t=${d.summary.peakLossesKw.t}`,
  },
  {
    id: 'minVoltagePu',
    label: 'Lowest bus voltage',
    unit: 'p.u.',
    shape: 'scalar',
    extract: (d) => d.summary.minVoltage.vmPu,
    at: (d) => d.summary.minVoltage.bus,
  },
  {
    id: 'maxLoadingPct',
    label: 'Highest line loading',
    unit: '%',
    shape: 'scalar',
    extract: (d) => d.summary.maxLoadingPct?.pct ?? null,
    at: (d) => d.summary.maxLoadingPct?.line ?? null,
  },
  {
    id: 'violations',
    label: 'Limit violations',
    unit: 'count',
    shape: 'scalar',
    extract: (d) => d.summary.violations.length,
  },
  {
    id: 'lossesKw',
    label: 'Losses per period',
    unit: 'kW',
    shape: 'series',
    extract: (d) => d.periods.map((p) => p.lossesKw),
  },
  {
    id: 'busVoltagePu',
    label: 'Bus voltage (lowest over the horizon)',
    unit: 'p.u.',
    shape: 'per-entity',
    entity: 'bus',
    entities: (s) => s.network.buses.map((b) => b.id),
    extract: (d) => {
      // the worst period per bus: what a planner checks against vminPu
      const out: Record<string, number> = {};
      for (const p of d.periods) for (const b of p.buses) out[b.id] = Math.min(out[b.id] ?? Infinity, b.vmPu);
      return out;
    },
  },
];

/** Type shares of [min, max] at which a kda strategy is recorded: five types per player, not the whole grid of ~100. */
const KDA_TYPE_SHARES = [0, 0.25, 0.5, 0.75, 1];
/** `v=0.25` (a buyer's value), `c=0.25` (a seller's cost): not a bare number, which objects would sort before the others. */
const typeKey = (letter: 'v' | 'c', type: number) => `${letter}=${Number(type.toPrecision(4))}`;
/** Grid indexes of the recorded types on a grid of n points (fewer than five on a grid of fewer than five). */
const kdaTypeIndexes = (n: number) => [...new Set(KDA_TYPE_SHARES.map((f) => Math.round(f * (n - 1))))];
const kdaTypes = (letter: 'v' | 'c') => (s: Scenario) => {
  const { min, max, typePoints } = s.kda ?? { min: 0, max: 1, typePoints: 101 };
  return kdaTypeIndexes(typePoints).map((i) => typeKey(letter, min + ((max - min) * i) / (typePoints - 1)));
};
/** One value per recorded type, keyed by the type (money per unit). */
const byKdaType = (letter: 'v' | 'c', points: KdaData['buyer'], value: (p: KdaData['buyer'][number]) => number) =>
  Object.fromEntries(kdaTypeIndexes(points.length).map((i) => [typeKey(letter, points[i]!.type), value(points[i]!)]));

const kdaOutputs: OutputSpec<'kda'>[] = [
  { id: 'expectedGainsFromTrade', label: 'Expected gains from trade', unit: 'money/unit', shape: 'scalar', extract: (d) => d.expectedGainsFromTrade },
  { id: 'efficiency', label: 'Share of the efficient gains from trade', unit: 'fraction', shape: 'scalar', extract: (d) => d.efficiency },
  { id: 'tradeProbability', label: 'Probability of trade', unit: 'fraction', shape: 'scalar', extract: (d) => d.tradeProbability },
  { id: 'bidByType', label: 'Buyer’s bid per value type', unit: 'money/unit', shape: 'per-entity', entity: 'buyer', equilibrium: 'strategy', entities: kdaTypes('v'), extract: (d) => byKdaType('v', d.buyer, (p) => p.action) },
  { id: 'askByType', label: 'Seller’s ask per cost type', unit: 'money/unit', shape: 'per-entity', entity: 'seller', equilibrium: 'strategy', entities: kdaTypes('c'), extract: (d) => byKdaType('c', d.seller, (p) => p.action) },
  { id: 'buyerUtilityByType', label: 'Buyer’s expected utility per value type', unit: 'money/unit', shape: 'per-entity', entity: 'buyer', equilibrium: 'payoff', entities: kdaTypes('v'), extract: (d) => byKdaType('v', d.buyer, (p) => p.expectedUtility) },
  { id: 'sellerUtilityByType', label: 'Seller’s expected utility per cost type', unit: 'money/unit', shape: 'per-entity', entity: 'seller', equilibrium: 'payoff', entities: kdaTypes('c'), extract: (d) => byKdaType('c', d.seller, (p) => p.expectedUtility) },
];

/** EV classes: a responsiveness level of a fleet, keyed by the level (by fleet/level when there are several fleets). */
const evClassKey = (fleets: { id: string }[], fleet: string, level: string) => (fleets.length > 1 ? `${fleet}/${level}` : level);
const evClasses = (s: Scenario) => s.evFleets.flatMap((f) => f.responsiveness.map((l) => evClassKey(s.evFleets, f.id, l.id)));

/**
 * What one EV of a role can expect per class: the mean over that role's EVs
 * of the fleet of what the class's type does (V2V kWh) or gets (expected utility).
 */
function byEvClass(d: EvBayesianData, role: 'seller' | 'buyer', value: (t: EvBayesianData['evs'][number]['byType'][number]) => number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const fleet of d.fleets) {
    const evs = d.evs.filter((e) => e.fleetId === fleet.id && e.role === role);
    for (const level of fleet.levels) {
      if (evs.length === 0) continue;
      const sum = evs.reduce((s, e) => {
        const t = e.byType.find((x) => x.level === level.id);
        return s + (t ? value(t) : 0);
      }, 0);
      out[evClassKey(d.fleets, fleet.id, level.id)] = sum / evs.length;
    }
  }
  return out;
}

const evBayesianOutputs: OutputSpec<'ev-bayesian'>[] = [
  { id: 'v2vKwh', label: 'Expected V2V volume', unit: 'kWh', shape: 'scalar', extract: (d) => d.summary.v2vKwh },
  { id: 'greenUtilisation', label: 'Green-energy utilisation of EV charging', unit: 'fraction', shape: 'scalar', extract: (d) => d.summary.greenUtilisation },
  { id: 'emissionsKg', label: 'Grid emissions', unit: 'kg', shape: 'scalar', extract: (d) => d.summary.emissionsKg },
  { id: 'evUtility', label: 'EV users’ expected utility', unit: 'money', shape: 'scalar', extract: (d) => d.summary.evUtility },
  { id: 'microgridMoney', label: 'Microgrid net money', unit: 'money', shape: 'scalar', extract: (d) => d.summary.microgridMoney },
  { id: 'v2vKwhByPeriod', label: 'Expected V2V volume per period', unit: 'kWh', shape: 'series', extract: (d) => d.periods.map((p) => p.v2vKwh) },
  { id: 'sellerPriceByPeriod', label: 'Expected V2V seller price per period', unit: 'money/kWh', shape: 'series', extract: (d) => d.periods.map((p) => p.sellerPrice) },
  { id: 'sellerKwhByClass', label: 'V2V sale of a seller EV per responsiveness', unit: 'kWh', shape: 'per-entity', entity: 'seller', equilibrium: 'strategy', entities: evClasses, extract: (d) => byEvClass(d, 'seller', (t) => t.v2vKwh) },
  { id: 'buyerKwhByClass', label: 'V2V purchase of a buyer EV per responsiveness', unit: 'kWh', shape: 'per-entity', entity: 'buyer', equilibrium: 'strategy', entities: evClasses, extract: (d) => byEvClass(d, 'buyer', (t) => t.v2vKwh) },
  { id: 'sellerUtilityByClass', label: 'Expected utility of a seller EV per responsiveness', unit: 'money', shape: 'per-entity', entity: 'seller', equilibrium: 'payoff', entities: evClasses, extract: (d) => byEvClass(d, 'seller', (t) => t.expectedUtility) },
  { id: 'buyerUtilityByClass', label: 'Expected utility of a buyer EV per responsiveness', unit: 'money', shape: 'per-entity', entity: 'buyer', equilibrium: 'payoff', entities: evClasses, extract: (d) => byEvClass(d, 'buyer', (t) => t.expectedUtility) },
];

export const jobOutputs: { [K in JobKind]: OutputSpec<K>[] } = {
  powerflow: powerflowOutputs,
  opf: opfOutputs,
  'vpp-game': vppGameOutputs,
  portfolio: portfolioOutputs,
  'portfolio-evaluate': portfolioEvaluateOutputs,
  kda: kdaOutputs,
  'ev-bayesian': evBayesianOutputs,
};

export function outputInfo(spec: OutputSpec): OutputInfo {
  const { id, label, unit, shape } = spec;
  return spec.shape === 'per-entity' ? { id, label, unit, shape, entity: spec.entity } : { id, label, unit, shape };
}

/**
 * The outputs a study records: all of the kind's outputs, or the chosen ids
 * in the order given. Throws on an unknown id, naming the known ones.
 */
export function selectOutputs<K extends JobKind>(kind: K, ids?: readonly string[]): OutputSpec<K>[] {
  const all = jobOutputs[kind] as OutputSpec<K>[];
  if (!ids || ids.length === 0) return all;
  return ids.map((id) => {
    const spec = all.find((o) => o.id === id);
    if (!spec) throw new Error(`unknown output "${id}" for job ${kind}; known outputs: ${all.map((o) => o.id).join(', ')}`);
    return spec;
  });
}

/** The outputs read off one result: output id → value, and output id → where its extreme occurs. */
export interface ExtractedOutputs {
  outputs: Record<string, OutputValue>;
  at: Record<string, string | null>;
}

/**
 * Reads the given outputs (every output of the kind when `ids` is absent) off
 * a result's data. Throws an Error naming the output whose declaration failed.
 */
export function extractOutputs<K extends JobKind>(kind: K, data: JobData<K>, ids?: readonly string[]): ExtractedOutputs {
  const out: ExtractedOutputs = { outputs: {}, at: {} };
  for (const spec of selectOutputs(kind, ids)) {
    try {
      out.outputs[spec.id] = spec.extract(data);
      if (spec.shape === 'scalar' && spec.at) out.at[spec.id] = spec.at(data);
    } catch (e) {
      throw new Error(`output ${spec.id} could not be read: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return out;
}

/**
 * The result a worker posts back when the caller asked only for outputs: the
 * same result with `data` dropped and the extracted outputs in its place, so
 * a sweep point crosses the thread boundary as a few numbers instead of the
 * whole per-period data (megabytes on a large feeder). An output that cannot
 * be read makes the point `failed`, as it would on the caller's side.
 */
export function withOutputsOnly<K extends JobKind>(result: JobResult<K>, ids: readonly string[]): JobResult<K> {
  if (!hasAnswer(result.status) || result.data === null) return { ...result, data: null };
  try {
    const extracted = extractOutputs(result.job, result.data, ids);
    return { ...result, data: null, outputs: { ...extracted, outputs: { ...extracted.outputs, ...certificateOutputs(result) } } };
  } catch (e) {
    return { ...result, status: 'failed', message: (e as Error).message, data: null };
  }
}
