/**
 * Scenario document, schema version 1.
 *
 * One zod schema gives both the TypeScript types and the validation. Units are
 * fixed and named in the field names (kW, kvar, kVA, kV, ohm, p.u., hours).
 * Cross references (a line's `from` bus, a bus's load profile) are checked in
 * `validateScenario` (validate.ts), which turns every problem into a
 * "json.path: plain sentence" message.
 *
 * Later schema versions add microgrids, VPPs, EV fleets and contracts as new
 * top-level sections; `migrate.ts` lifts older documents to the current one.
 */
import { z } from 'zod';

export const SCHEMA_VERSION = 1;

/** Stable identifier of an entity: referenced by other entities and by parameter paths. */
export const Id = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9_.\-]+$/, 'may contain only letters, digits, "_", "-" and "."');

const finite = () => z.number().finite();
const nonNegative = () => finite().nonnegative();
const positive = () => finite().positive();

export const Metadata = z
  .object({
    name: z.string().min(1, 'must not be empty'),
    description: z.string().default(''),
    author: z.string().optional(),
    createdAt: z.string().optional(),
    tags: z.array(z.string()).default([]),
  })
  .strict();

export const TimeSettings = z
  .object({
    /** number of periods in the horizon */
    T: z.number().int().min(1).max(8784),
    /** length of one period in hours (1 = hourly, 0.25 = quarter-hourly) */
    dtHours: positive().max(24),
    /** ISO 8601 local date-time of the first period's start */
    start: z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/, 'must be a date like 2026-07-01T00:00'),
  })
  .strict();

/** A named time series of length T. `kind` tells editors how to show it; values are as stored. */
export const Profile = z
  .object({
    id: Id,
    name: z.string().default(''),
    kind: z.enum(['load', 'pv', 'price', 'temperature', 'carbon', 'other']).default('other'),
    /** unit of the values, e.g. "p.u." for multipliers, "$/kWh", "°C", "kg/kWh" */
    unit: z.string().default('p.u.'),
    values: z.array(finite()).min(1, 'must hold at least one value'),
    source: z.string().optional(),
  })
  .strict();

export const Bus = z
  .object({
    id: Id,
    name: z.string().default(''),
    /** nominal line-to-line voltage; defaults to network.baseKv */
    baseKv: positive().optional(),
    /** active demand at profile multiplier 1 */
    pdKw: finite().default(0),
    /** reactive demand at profile multiplier 1 */
    qdKvar: finite().default(0),
    /** id of a profile in the profile library multiplying pdKw and qdKvar per period; constant when absent */
    loadProfile: Id.optional(),
    vminPu: positive().default(0.95),
    vmaxPu: positive().default(1.05),
    /** position on the one-line diagram (user-dragged); auto-layout when absent */
    x: finite().optional(),
    y: finite().optional(),
  })
  .strict();

export const Line = z
  .object({
    id: Id,
    name: z.string().default(''),
    from: Id,
    to: Id,
    rOhm: nonNegative(),
    xOhm: nonNegative(),
    /** thermal limit as apparent power; absent = unlimited */
    rateKva: positive().optional(),
    inService: z.boolean().default(true),
  })
  .strict();

export const Substation = z
  .object({
    /** the slack bus: the feeder head, fed by the upstream grid */
    busId: Id,
    /** voltage magnitude held at the slack bus */
    vmPu: positive().default(1),
    vaDeg: finite().default(0),
  })
  .strict();

export const Network = z
  .object({
    /** nominal line-to-line voltage of the feeder */
    baseKv: positive(),
    /** base power used for per-unit quantities in reports */
    baseMva: positive().default(1),
    /** global multiplier on every bus load (what-if knob) */
    loadScale: nonNegative().default(1),
    substation: Substation,
    buses: z.array(Bus).min(1, 'a network needs at least one bus'),
    lines: z.array(Line).default([]),
    /** where the network came from (e.g. "MATPOWER case33bw.m") */
    source: z.string().optional(),
  })
  .strict();

/**
 * A one-buyer one-seller k-double auction (Chatterjee & Samuelson 1983):
 * value and cost types on a grid of `typePoints` points over [min, max]
 * (money per unit), priors as weights over that grid (uniform when absent).
 */
export const KdaSection = z
  .object({
    /** price = k·bid + (1 − k)·ask when bid ≥ ask */
    k: finite().min(0).max(1).default(0.5),
    typePoints: z.number().int().min(2).max(2001).default(101),
    min: finite().default(0),
    max: finite().default(1),
    /** weights over the type grid, length typePoints; uniform when absent */
    buyerPrior: z.array(nonNegative()).optional(),
    sellerPrior: z.array(nonNegative()).optional(),
    /** points of the bid/ask grid over [min, max]; default 3·(typePoints − 1) + 1 */
    actionPoints: z.number().int().min(2).max(20_001).optional(),
    /** starting profile of the best-response iteration */
    start: z.enum(['linear', 'truthful']).default('linear'),
  })
  .strict();

/** A time series: one constant, an array of length T, or the id of a profile in the library. */
export const Series = z.union([finite(), z.array(finite()).min(1), Id]);

/** A distribution an EV generator samples a quantity from (clipped to [min, max] when given). */
export const Distribution = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), value: finite() }).strict(),
  z.object({ kind: z.literal('uniform'), min: finite(), max: finite() }).strict(),
  z.object({ kind: z.literal('normal'), mean: finite(), sd: nonNegative(), min: finite().optional(), max: finite().optional() }).strict(),
  z.object({ kind: z.literal('empirical'), values: z.array(finite()).min(1), weights: z.array(nonNegative()).optional() }).strict(),
]);

const fraction = () => finite().min(0).max(1);
const efficiency = () => finite().gt(0).max(1);

/** One electric vehicle parked at the fleet's lot. Times are hours from the start of the horizon. */
export const Ev = z
  .object({
    id: Id,
    name: z.string().default(''),
    capacityKwh: positive(),
    arrivalH: nonNegative(),
    departureH: positive(),
    /** state of charge on arrival, 0..1 */
    arrivalSoc: fraction(),
    /** state of charge the user wants at departure, 0..1 */
    requiredSoc: fraction(),
    maxChargeKw: positive(),
    maxDischargeKw: nonNegative(),
    chargeEfficiency: efficiency().default(0.95),
    dischargeEfficiency: efficiency().default(0.95),
    /** battery wear per kWh discharged from the battery */
    degradationCostPerKwh: nonNegative().default(0.02),
  })
  .strict();

/** Samples a fleet: each EV's quantities drawn independently from these distributions, reproducibly from `seed`. */
export const EvGenerator = z
  .object({
    count: z.number().int().min(1).max(5000),
    seed: z.number().int().default(1),
    capacityKwh: Distribution,
    arrivalH: Distribution,
    /** parking duration, hours (departure = arrival + stay, clipped to the horizon) */
    stayH: Distribution,
    arrivalSoc: Distribution,
    requiredSoc: Distribution,
    maxChargeKw: Distribution,
    maxDischargeKw: Distribution,
    chargeEfficiency: Distribution.default({ kind: 'fixed', value: 0.95 }),
    dischargeEfficiency: Distribution.default({ kind: 'fixed', value: 0.95 }),
    degradationCostPerKwh: Distribution.default({ kind: 'fixed', value: 0.02 }),
  })
  .strict();

/** A private type: how responsive a user is; the weight scales the dissatisfaction of trading. */
export const ResponsivenessLevel = z
  .object({
    id: Id,
    name: z.string().default(''),
    /** dissatisfaction = weight · (V2V kWh)², money per kWh² */
    dissatisfactionPerKwh2: nonNegative(),
    /** prior weight of the level (normalised over the fleet's levels) */
    prior: nonNegative(),
  })
  .strict();

/** EVs parked at one bus (a parking lot or charging hub): an explicit table or a generator. */
export const EvFleet = z
  .object({
    id: Id,
    name: z.string().default(''),
    busId: Id,
    evs: z.array(Ev).optional(),
    generator: EvGenerator.optional(),
    responsiveness: z.array(ResponsivenessLevel).min(1, 'a fleet needs at least one responsiveness level'),
  })
  .strict();

/** The microgrid that hosts the fleets: PV, grid prices and carbon, and the V2V market rule. */
export const EvMarket = z
  .object({
    /** PV peak power; the PV profile (p.u.) multiplies it */
    pvKw: nonNegative().default(0),
    pvProfile: Id.optional(),
    /** price the microgrid pays the grid for imports (and charges EVs for non-V2V charging) */
    gridBuyPricePerKwh: Series,
    /** price the grid pays for exports */
    gridSellPricePerKwh: Series,
    gridCarbonKgPerKwh: Series.default(0.5),
    carbonPricePerKg: nonNegative().default(0),
    /** cost of moving one kWh through the V2V market (fees, losses), paid by each side */
    exchangeCostPerKwh: nonNegative().default(0.005),
    /** false: no V2V trading (the baseline) */
    v2vEnabled: z.boolean().default(true),
  })
  .strict();

export const Scenario = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSION),
    metadata: Metadata,
    time: TimeSettings,
    profiles: z.array(Profile).default([]),
    network: Network,
    kda: KdaSection.optional(),
    evFleets: z.array(EvFleet).default([]),
    evMarket: EvMarket.optional(),
  })
  .strict();

/** A scenario as stored in a file (defaults may be missing). */
export type ScenarioInput = z.input<typeof Scenario>;
/** A validated scenario with every default filled in. */
export type Scenario = z.output<typeof Scenario>;
export type Bus = z.output<typeof Bus>;
export type Line = z.output<typeof Line>;
export type Profile = z.output<typeof Profile>;
export type Network = z.output<typeof Network>;
export type KdaSection = z.output<typeof KdaSection>;
export type Series = z.output<typeof Series>;
export type Distribution = z.output<typeof Distribution>;
export type Ev = z.output<typeof Ev>;
export type EvGenerator = z.output<typeof EvGenerator>;
export type EvFleet = z.output<typeof EvFleet>;
export type EvMarket = z.output<typeof EvMarket>;
