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
import * as z from 'zod';
import { JOB_KINDS } from '../jobKinds.ts';
import { bidSchema, spectrumMarketSchema } from '../market/book.ts';
import { historyRowSchema } from '../market/history.ts';

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
    /** the job the scenario was made for: what the Run panel opens on and `ggs solve` runs without --job */
    job: z.enum(JOB_KINDS).optional(),
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

/**
 * A time-varying quantity: a constant, or `{ "profile": id }` naming a profile
 * of the library whose values are used as they are (in the field's unit).
 * Every "constant or profile" field of the schema uses this one convention.
 */
export const Series = z.union([finite(), z.object({ profile: Id }).strict()]);
export type Series = z.output<typeof Series>;

export const Substation = z
  .object({
    /** the slack bus: the feeder head, fed by the upstream grid */
    busId: Id,
    /** voltage magnitude held at the slack bus */
    vmPu: positive().default(1),
    vaDeg: finite().default(0),
    /** price paid for energy drawn from the upstream grid, currency/kWh */
    importPricePerKwh: Series.default(0.2),
    /** price received for energy fed back into the upstream grid, currency/kWh */
    exportPricePerKwh: Series.default(0),
    /** carbon intensity of energy drawn from the upstream grid, kgCO2/kWh */
    carbonKgPerKwh: Series.default(0.4),
    /** largest active power drawn from the upstream grid; absent = unlimited */
    importLimitKw: nonNegative().optional(),
  })
  .strict();

/** Photovoltaic plant: output = kwp × irradiance (p.u. of kWp), capped by the inverter; may be curtailed. */
export const Pv = z
  .object({
    id: Id,
    name: z.string().default(''),
    busId: Id,
    kwp: nonNegative(),
    /** available output per kWp, p.u. (0 at night, ≈ 0.8–1 at a clear noon) */
    irradiance: Series,
    /** inverter apparent-power limit; defaults to kwp */
    inverterKva: positive().optional(),
    /** whether the inverter may absorb or inject reactive power */
    reactive: z.boolean().default(false),
    /** with `reactive`: the lowest power factor allowed, |Q| ≤ P·tan(acos pf) */
    minPowerFactor: finite().gt(0).max(1).default(0.9),
  })
  .strict();

/** Battery: energy and power limits, charge/discharge efficiencies, SOC as fractions of kwh; the horizon ends at socInitial. */
export const Battery = z
  .object({
    id: Id,
    name: z.string().default(''),
    busId: Id,
    kwh: positive(),
    kw: nonNegative(),
    etaCharge: finite().gt(0).max(1).default(0.95),
    etaDischarge: finite().gt(0).max(1).default(0.95),
    socMin: finite().min(0).max(1).default(0.1),
    socMax: finite().min(0).max(1).default(0.9),
    socInitial: finite().min(0).max(1).default(0.5),
  })
  .strict();

/** Dispatchable generator (diesel, CHP, microturbine). */
export const Generator = z
  .object({
    id: Id,
    name: z.string().default(''),
    busId: Id,
    pMinKw: nonNegative().default(0),
    pMaxKw: nonNegative(),
    qMinKvar: finite().default(0),
    qMaxKvar: finite().default(0),
    costPerKwh: finite(),
    carbonKgPerKwh: nonNegative().default(0),
  })
  .strict();

/** Distributed energy resources attached to buses. */
export const Der = z
  .object({
    pv: z.array(Pv).default([]),
    batteries: z.array(Battery).default([]),
    generators: z.array(Generator).default([]),
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
    der: Der.default({ pv: [], batteries: [], generators: [] }),
    /** where the network came from (e.g. "MATPOWER case33bw.m") */
    source: z.string().optional(),
  })
  .strict();

// ───────── VPPs with public buildings, and their P2P market (MODELS.md §2) ─────────

/** Indoor-temperature band, °C. */
export const ComfortBand = z.object({ minC: finite(), maxC: finite() }).strict();

/**
 * A public building with central air conditioning: a first-order RC thermal
 * model (docs/models/vpp.md). `control` chooses how the VPP may run its AC:
 * `constant` holds the set-point every period, `flexible` lets the indoor
 * temperature move inside the comfort band.
 */
export const Building = z
  .object({
    id: Id,
    name: z.string().default(''),
    floorAreaM2: positive(),
    /** thermal resistance between indoor air and outdoors, °C/kW */
    rCPerKw: positive(),
    /** thermal capacitance of the building, kWh/°C */
    cKwhPerC: positive(),
    /** rated electric power of the AC */
    acKw: nonNegative(),
    /** coefficient of performance: thermal kW moved per electric kW */
    cop: positive(),
    /** cooling removes heat, heating adds it */
    mode: z.enum(['cooling', 'heating']).default('cooling'),
    setpointC: finite(),
    /** band while occupied */
    comfort: ComfortBand,
    /** band while unoccupied; defaults to the occupied band */
    comfortUnoccupied: ComfortBand.optional(),
    /** 1 = occupied, 0 = unoccupied (≥ 0.5 counts as occupied) */
    occupancy: Series.default(1),
    /** heat from people, lighting and equipment, thermal kW */
    internalGainsKw: Series.default(0),
    /** indoor temperature at the start of the horizon; defaults to the set-point */
    initialTempC: finite().optional(),
    control: z.enum(['constant', 'flexible']).default('flexible'),
    /** flexible control: cost per °C·h away from the set-point while occupied, currency */
    discomfortCostPerCh: nonNegative().default(0),
  })
  .strict();

/** A VPP's battery: the DER battery without a bus (it sits on the VPP's bus), plus a wear cost. */
export const VppBattery = Battery.omit({ busId: true }).extend({
  /** wear cost per kWh charged or discharged, currency */
  cycleCostPerKwh: nonNegative().default(0),
});

/** A virtual power plant: PV, other load, an optional battery and public buildings behind one bus. */
export const Vpp = z
  .object({
    id: Id,
    name: z.string().default(''),
    busId: Id,
    pvKwp: nonNegative(),
    /** PV output per kWp, p.u. */
    pvProfile: Series,
    /** load other than the buildings' AC, kW */
    otherLoadKw: Series.default(0),
    /** outdoor air temperature seen by the buildings, °C */
    outdoorTempC: Series,
    battery: VppBattery.optional(),
    buildings: z.array(Building).default([]),
  })
  .strict();

/**
 * The P2P market among seller VPPs: buyers' inverse demand falls linearly from
 * the retail price at Q = 0 to the feed-in price at Q = buyers' demand; the
 * operator charges min(f, f_max) per kWh sold P2P.
 */
export const Market = z
  .object({
    /** price buyers pay the grid, r_t, currency/kWh */
    retailPricePerKwh: Series,
    /** price the grid pays for exported energy, w_t, currency/kWh */
    feedInPricePerKwh: Series,
    /** buyers' aggregate demand D_t, kW: P2P supply at which the P2P price falls to w_t */
    buyerDemandKw: Series,
    /** service quotation f asked by the market operator, currency/kWh sold P2P */
    serviceFeePerKwh: nonNegative(),
    /** upper limit f_max on the quotation; the fee charged is min(f, f_max) */
    serviceFeeMaxPerKwh: nonNegative(),
  })
  .strict();

// ───────────── contract portfolio (MODELS.md §4, docs/models/portfolio.md) ─────────────

const ones = (n: number) => Array.from({ length: n }, () => 1);

/**
 * Spot price per period: log p = log(basePricePerKwh · hourShape[h] · weekdayShape[d]) + X + J,
 * X an Ornstein–Uhlenbeck process, J Poisson jumps decaying at their own rate, then clipped to [floor, cap].
 */
export const SpotPriceModel = z
  .object({
    /** the median price at shape multipliers 1, currency/kWh */
    basePricePerKwh: positive(),
    /** multiplier per hour of day, 0:00 first (24 values), p.u. */
    hourShape: z.array(positive()).length(24, 'must hold 24 values, one per hour of day').default(ones(24)),
    /** multiplier per weekday, Monday first (7 values), p.u. */
    weekdayShape: z.array(positive()).length(7, 'must hold 7 values, Monday first').default(ones(7)),
    /** κ, 1/h: the OU deviation decays as e^(−κ·t); stationary std of X = σ/√(2κ) */
    meanReversionPerHour: positive().default(0.1),
    /** σ of the OU part of the log-price, 1/√h */
    volatilityPerSqrtHour: nonNegative().default(0.05),
    jumps: z
      .object({
        /** expected number of jumps per day (Poisson intensity) */
        perDay: nonNegative().default(0),
        /** mean and standard deviation of one jump in log-price (0.5 ≈ ×1.65) */
        meanLog: finite().default(0.5),
        stdLog: nonNegative().default(0.2),
        /** rate at which a jump fades, 1/h */
        decayPerHour: positive().default(0.5),
      })
      .strict()
      .default({ perDay: 0, meanLog: 0.5, stdLog: 0.2, decayPerHour: 0.5 }),
    /** the simulated price is clipped to [floorPerKwh, capPerKwh], currency/kWh */
    floorPerKwh: finite().default(0),
    capPerKwh: positive().optional(),
  })
  .strict();

/** Demand per period: kw × F, log F = σ_D·(ρ·U + √(1−ρ²)·W) − σ_D²/2 with U the standardised OU price factor, W an independent one (E[F] = 1). */
export const DemandModel = z
  .object({
    /** expected demand, kW: a constant or a profile of kW values */
    kw: Series,
    /** σ_D: standard deviation of the log of the demand factor */
    volatility: nonNegative().max(3).default(0.1),
    /** ρ: correlation between the log demand factor and the OU part of the log-price */
    priceCorrelation: finite().min(-1).max(1).default(0),
  })
  .strict();

export const PortfolioScenarios = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('simulated'),
      /** number of scenarios S */
      count: z.number().int().min(1).max(100_000),
      /** seed of the simulation; absent = the job's seed (`--seed`, default 1) */
      seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('imported'),
      /** where they came from (file name), shown in the UI */
      source: z.string().default(''),
      /** one row per scenario, T values each, currency/kWh */
      pricePerKwh: z.array(z.array(finite())).min(1, 'must hold at least one scenario'),
      /** one row per scenario, T values each, kW */
      demandKw: z.array(z.array(finite())).min(1, 'must hold at least one scenario'),
    })
    .strict(),
]);

/**
 * A forward contract: `volumeKw` (the decision, bounded by minKw..maxKw) is delivered as
 * volumeKw × delivery(t) kW in period t, i.e. volumeKw × delivery(t) × dtHours kWh, paid at pricePerKwh.
 * delivery(t) is 1 in every period (baseload), in peak periods (peak), outside them (offpeak),
 * or a profile of non-negative multipliers, p.u. (custom).
 */
export const Contract = z
  .object({
    id: Id,
    name: z.string().default(''),
    shape: z.enum(['baseload', 'peak', 'offpeak', 'custom']),
    /** custom shape only: a profile of delivery multipliers, p.u. */
    profile: Id.optional(),
    pricePerKwh: finite(),
    minKw: nonNegative().default(0),
    maxKw: nonNegative(),
    /** the volume held now: what `portfolio-evaluate` evaluates when its options name none; default minKw */
    heldKw: nonNegative().optional(),
  })
  .strict();

export const Portfolio = z
  .object({
    spotPrice: SpotPriceModel,
    demand: DemandModel,
    scenarios: PortfolioScenarios,
    /** peak periods: hours [fromHour, toHour) of the day, Monday–Friday only when weekdaysOnly */
    peakHours: z
      .object({ fromHour: z.number().int().min(0).max(23).default(8), toHour: z.number().int().min(1).max(24).default(20), weekdaysOnly: z.boolean().default(true) })
      .strict()
      .default({ fromHour: 8, toHour: 20, weekdaysOnly: true }),
    contracts: z.array(Contract).min(1, 'a portfolio needs at least one contract'),
    /** the residual position is bought on the spot market at price + spread/2 and sold at price − spread/2, currency/kWh */
    spot: z.object({ bidAskSpreadPerKwh: nonNegative().default(0) }).strict().default({ bidAskSpreadPerKwh: 0 }),
    /** minimise E[cost] + λ·CVaR_α(cost), or E[cost] subject to CVaR_α ≤ cvarLimit (currency over the horizon); neither = risk-neutral (λ = 0) */
    risk: z
      .object({ alpha: finite().gt(0).lt(1).default(0.95), lambda: nonNegative().optional(), cvarLimit: finite().optional() })
      .strict()
      .default({ alpha: 0.95 }),
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

const PriceDistribution = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('uniform'), min: finite(), max: finite() }).strict(),
  z.object({ kind: z.literal('normal'), mean: finite(), std: nonNegative() }).strict(),
]);

/** A seeded random book: one bid per agent, values and costs drawn from the given distributions. */
export const BookGenerator = z
  .object({
    buyers: z.number().int().min(1).max(100_000),
    sellers: z.number().int().min(1).max(100_000),
    seed: z.number().int(),
    /** buyers' values, currency per kWh */
    values: PriceDistribution,
    /** sellers' costs, currency per kWh */
    costs: PriceDistribution,
    /** kWh per bid: fixed (1: unit demand) or uniform on [min, max] */
    quantity: z.union([positive(), z.object({ min: nonNegative(), max: nonNegative() }).strict()]).default(1),
  })
  .strict();

/** The entities a book can be drawn from (solver/market/entityBook.ts). */
export const ENTITY_SOURCES = ['prosumers', 'consumers', 'vpps', 'generators'] as const;

/**
 * A book drawn from the scenario's own entities (solver/market/entityBook.ts):
 * each bids its net energy per period at a reservation price between the
 * feed-in and the retail price, drawn from `seed`.
 */
export const EntityBookGenerator = z
  .object({
    seed: z.number().int(),
    /** prosumers: buses with PV; consumers: buses with load only; vpps; generators (network.der) */
    from: z.array(z.enum(ENTITY_SOURCES)).min(1).default([...ENTITY_SOURCES]),
    /** how far into the tariff band [feed-in, retail] reservation prices are drawn: 1 the whole band, 0 at the tariffs */
    spread: finite().min(0).max(1).default(1),
  })
  .strict();

/**
 * A bid book for the mechanism laboratory (MODELS.md §6, docs/models/mechanisms.md):
 * buyers' values and sellers' costs per kWh with quantities, optionally at a
 * bus, plus each agent's bid history, from which the Bayesian mechanisms (AGV)
 * estimate its prior. The bid and history rows are the solver's own schemas
 * (solver/market/book.ts, history.ts); bus references and one side per agent
 * are checked in validate.ts.
 */
export const BidBookSection = z
  .object({
    /** 'blocks': whole kWh only; 'divisible': any part of a bid may fill */
    units: z.enum(['blocks', 'divisible']).default('blocks'),
    /** the book itself; empty when a `generator` draws it */
    bids: z.array(bidSchema).default([]),
    /** a seeded random book (solver/market/generate.ts) instead of `bids`: a Monte Carlo over `bidBook.generator.seed` compares the mechanisms over many books */
    generator: BookGenerator.optional(),
    /** a book drawn from the scenario's prosumers, consumers, VPPs and generators instead of `bids` (one bid per entity and period) */
    entities: EntityBookGenerator.optional(),
    /** past bids, one row each: the AGV priors are KDEs of each agent's history (uniform on the support without one) */
    history: z.array(historyRowSchema).default([]),
    /** [lower, upper] of the priors' support, currency per kWh; default the book's price range */
    support: z.tuple([finite(), finite()]).optional(),
    /** the community rules' grid tariff, currency per kWh */
    gridBuyPricePerKwh: nonNegative().default(0.2),
    gridSellPricePerKwh: nonNegative().default(0.05),
    /** the coupled energy–spectrum auction (mechanism `iterative-coupled`): β spectrum units per kWh and the spectrum sellers' asks, for every period */
    spectrum: spectrumMarketSchema.optional(),
  })
  .strict();

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
    /** PV peak power; the PV profile (p.u.) multiplies it (full output in every period when absent) */
    pvKw: nonNegative().default(0),
    pvProfile: Series.optional(),
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

// ───────── urban transport network (MODELS.md §12, docs/models/transport.md) ─────────

/** A node of the road network (an intersection, or a zone centroid where trips start and end). */
export const TransportNode = z
  .object({
    id: Id,
    name: z.string().default(''),
    /** position on the map, in the data set's own planar unit (TNTP node files: feet or projected metres) */
    x: finite(),
    y: finite(),
    /** false: a zone centroid routes only its own trips, never traffic passing through (TNTP's <FIRST THRU NODE>) */
    through: z.boolean().default(true),
  })
  .strict();

/**
 * A directed road link with the BPR travel time t(x) = freeFlowMin·(1 + bprAlpha·(x/capacityVehPerH)^bprBeta),
 * x in vehicles per hour. Its generalised cost adds the transport section's tollWeight·toll and lengthWeight·length.
 */
export const TransportLink = z
  .object({
    id: Id,
    from: Id,
    to: Id,
    /** free-flow travel time, minutes */
    freeFlowMin: nonNegative(),
    /** the BPR capacity, vehicles per hour (the flow at which t = t0·(1 + alpha)) */
    capacityVehPerH: positive(),
    bprAlpha: nonNegative().default(0.15),
    bprBeta: nonNegative().default(4),
    /** link length, in the data set's unit (TNTP files use miles or kilometres) */
    length: nonNegative().optional(),
    /** toll per vehicle, currency */
    toll: nonNegative().optional(),
  })
  .strict();

/** Trips from one node to another, vehicles per hour. */
export const OdDemand = z
  .object({
    from: Id,
    to: Id,
    vehPerH: nonNegative(),
  })
  .strict();

export const Transport = z
  .object({
    nodes: z.array(TransportNode).min(2, 'a road network needs at least two nodes'),
    links: z.array(TransportLink).min(1, 'a road network needs at least one link'),
    demand: z.array(OdDemand).min(1, 'needs at least one origin–destination demand'),
    /** minutes of generalised cost per currency unit of toll (TNTP's toll factor); 0 = tolls ignored */
    tollWeight: nonNegative().default(0),
    /** minutes of generalised cost per unit of length (TNTP's distance factor); 0 = lengths ignored */
    lengthWeight: nonNegative().default(0),
    /** where the network came from (e.g. "TNTP SiouxFalls_net.tntp") */
    source: z.string().optional(),
  })
  .strict();

// ───────────── microgrids trading P2P (MODELS.md §7, docs/models/microgrids.md) ─────────────

/** A microgrid's dispatchable generator (diesel, microturbine): cost a·P² + b·P per hour, limits, ramps. */
export const MicrogridGenerator = z
  .object({
    pMinKw: nonNegative().default(0),
    pMaxKw: nonNegative(),
    /** a of a·P² + b·P, currency per kW²·h */
    costQuadraticPerKw2h: nonNegative().default(0),
    /** b of a·P² + b·P, currency per kWh */
    costLinearPerKwh: finite(),
    /** largest change of output between consecutive periods, kW per hour; absent = unlimited */
    rampKwPerH: positive().optional(),
    /** output in the period before the horizon, for the first period's ramp; absent = no ramp limit at t = 0 */
    initialKw: nonNegative().optional(),
  })
  .strict();

/** A microgrid's battery: energy and power limits, efficiencies, SOC fractions of kwh, wear cost; the horizon ends at socInitial. */
export const MicrogridBattery = Battery.omit({ id: true, name: true, busId: true }).extend({
  /** wear cost per kWh charged or discharged, currency */
  degradationCostPerKwh: nonNegative().default(0),
});

/** The microgrid's exchange with the active distribution network (ADN) at its bus. */
export const MicrogridAdnExchange = z
  .object({
    /** price the microgrid pays for energy bought from the ADN, currency/kWh */
    buyPricePerKwh: Series,
    /** price the microgrid receives for energy sold to the ADN, currency/kWh */
    sellPricePerKwh: Series,
    /** largest purchase from the ADN, kW; absent = unlimited */
    maxImportKw: nonNegative().optional(),
    /** largest sale to the ADN, kW; absent = unlimited */
    maxExportKw: nonNegative().optional(),
  })
  .strict();

/** Another microgrid this one may trade with. A pair trades only when each lists the other. */
export const MicrogridPartner = z
  .object({
    /** id of the other microgrid */
    microgrid: Id,
    /** what this microgrid pays per kWh traded with the partner, either direction (fees, losses), currency */
    costPerKwh: nonNegative().default(0),
    /** largest trade with the partner in either direction, kW; absent = unlimited (the pair uses the smaller of both sides' limits) */
    maxKw: nonNegative().optional(),
  })
  .strict();

/**
 * A microgrid behind one bus of the ADN: load, PV (curtailable), an optional
 * dispatchable generator and battery, the ADN exchange and its P2P partners.
 * It exchanges active power only (unity power factor at its bus).
 */
export const Microgrid = z
  .object({
    id: Id,
    name: z.string().default(''),
    busId: Id,
    /** demand, kW: a constant or a profile of kW values */
    loadKw: Series,
    pvKwp: nonNegative().default(0),
    /** PV output per kWp, p.u. */
    pvProfile: Series.default(0),
    generator: MicrogridGenerator.optional(),
    battery: MicrogridBattery.optional(),
    adn: MicrogridAdnExchange,
    partners: z.array(MicrogridPartner).default([]),
  })
  .strict();

// ───────────── DSO network-usage fees on P2P trades (MODELS.md §8, docs/models/dso-fees.md) ─────────────

/** Fees the DSO charges on one pair's trades, for `dso-fees-evaluate` (currency per kWh received, per period). */
export const DsoPairFee = z
  .object({
    a: Id,
    b: Id,
    perKwh: Series,
  })
  .strict();

/**
 * The DSO (leader) charges a fee per kWh a microgrid receives P2P; the
 * microgrids (followers) answer with their own dispatch. `dso-fees` finds the
 * revenue-maximising hourly fees; `dso-fees-evaluate` takes them as given.
 */
export const DsoFees = z
  .object({
    /** one fee per trading pair and period ('path'), or one rate per period scaled by the pair's electrical distance ('distance') */
    structure: z.enum(['path', 'distance']).default('path'),
    /** fee bounds, currency/kWh ('distance': bounds of the fee at the mean pair distance) */
    minPerKwh: nonNegative().default(0),
    maxPerKwh: nonNegative().default(0.1),
    /** the flat-fee baseline, currency/kWh, every pair and period */
    flatPerKwh: nonNegative().default(0.02),
    /** the DSO's own cost of carrying P2P energy, currency per kWh per ohm of path impedance (a loss proxy) */
    networkCostPerKwhOhm: nonNegative().default(0),
    /** fees for dso-fees-evaluate: per pair (pairs not listed pay flatPerKwh) */
    given: z.array(DsoPairFee).default([]),
  })
  .strict();

// ───────────── EV charging stations on coupled power and transport networks (MODELS.md §12, docs/models/evcs.md) ─────────────

/**
 * A charging station: a road node where EVs arrive and a feeder bus it draws from. Its
 * capacity is chargers·chargerKw / energyPerEvKwh EVs per hour; the time at the station is
 * the charge (energyPerEvKwh / chargerKw) plus a BPR-like queue, charge·waitAlpha·(x/capacity)^waitBeta.
 */
export const EvcsStation = z
  .object({
    id: Id,
    name: z.string().default(''),
    /** the transport node where the station is (a through node) */
    node: Id,
    /** the feeder bus it draws from */
    busId: Id,
    chargers: z.number().int().min(1),
    /** power of one charger, kW */
    chargerKw: positive(),
    waitAlpha: nonNegative().default(0.5),
    waitBeta: nonNegative().default(4),
    /** the station's own cost per kWh sold (operation, margin), added to its energy cost */
    serviceCostPerKwh: nonNegative().default(0),
    /** bounds of the charging price drivers pay, currency/kWh */
    priceMinPerKwh: nonNegative().default(0),
    priceMaxPerKwh: positive().default(1),
    /** PV output available at the station in the hour, kW */
    pvKw: nonNegative().default(0),
  })
  .strict();

/** A prosumer of the lower-level P2P market: load, PV and an optional generator behind one bus. */
export const EvcsProsumer = z
  .object({
    id: Id,
    name: z.string().default(''),
    busId: Id,
    loadKw: nonNegative(),
    /** PV output available in the hour, kW (curtailable) */
    pvKw: nonNegative().default(0),
    generator: MicrogridGenerator.optional(),
  })
  .strict();

/** EVs needing a charge that set out from a road node, vehicles per hour; each picks a station. */
export const EvChargingDemand = z
  .object({
    from: Id,
    vehPerH: nonNegative(),
  })
  .strict();

export const Evcs = z
  .object({
    stations: z.array(EvcsStation).min(1, 'needs at least one charging station'),
    prosumers: z.array(EvcsProsumer).default([]),
    demand: z.array(EvChargingDemand).min(1, 'needs at least one origin of EVs to charge'),
    /** energy one EV takes, kWh */
    energyPerEvKwh: positive().default(30),
    /** what a driver's hour is worth, currency: turns the charging price into minutes of generalised cost */
    valueOfTimePerHour: positive().default(20),
    /** the DSO's tariff at every bus (upper level) and its fee on P2P trades */
    dso: z
      .object({
        buyPricePerKwh: nonNegative().default(0.25),
        sellPricePerKwh: nonNegative().default(0.05),
        /** paid by each side of a P2P trade, per kWh */
        tradeFeePerKwh: nonNegative().default(0.005),
      })
      .strict()
      .default({ buyPricePerKwh: 0.25, sellPricePerKwh: 0.05, tradeFeePerKwh: 0.005 }),
  })
  .strict();

/** How many iterations a message on a link is late: fixed, uniform on 0..max, or geometric with a mean (cut at max). */
export const DelayDistribution = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), iterations: z.number().int().min(0).max(50) }).strict(),
  z.object({ kind: z.literal('uniform'), maxIterations: z.number().int().min(0).max(50) }).strict(),
  z.object({ kind: z.literal('geometric'), meanIterations: finite().min(0).max(50), maxIterations: z.number().int().min(0).max(200).default(50) }).strict(),
]);

/**
 * One communication link's own settings (both directions), overriding the
 * network-wide ones it names: the two agents are microgrid ids or `adn`
 * (the operator: the ADN agent of ADMM, the pool's price setter in dual ascent).
 */
export const CommunicationLink = z
  .object({
    between: z.tuple([Id, Id]),
    lossProbability: finite().min(0).max(0.95).optional(),
    delay: DelayDistribution.optional(),
    /** kbit per iteration and direction; what exceeds it waits in the link's queue (a newer message supersedes one not yet started) */
    bandwidthKbitPerIteration: positive().optional(),
  })
  .strict();

/**
 * How the microgrids coordinate when solved distributed (mg-bargaining's ADMM,
 * dual-ascent): the ADMM's penalty and stopping rule, the simulated message
 * network between agents, and the privacy noise of dual ascent. In the
 * scenario (not the job options) so that `ggs sweep` can vary them.
 */
export const MicrogridCoordination = z
  .object({
    admm: z
      .object({
        /** initial penalty ρ, currency per kW² per period */
        rho: positive().default(0.005),
        /** residual balancing (Boyd et al. 2011 §3.4.1) in the first 200 iterations: ρ ×2 when the primal residual is 10× the dual one, ÷2 the other way */
        adaptiveRho: z.boolean().default(false),
        /** α of over-relaxation (Boyd et al. §3.4.3), 1 = plain ADMM (on the samples plain ADMM with a fixed ρ converged fastest) */
        overRelaxation: finite().min(1).max(1.9).default(1),
        maxIterations: z.number().int().min(1).max(100_000).default(2000),
        /** absolute and relative tolerances of the stopping rule (Boyd et al. §3.3.1), kW and p.u. */
        epsAbs: positive().default(3e-4),
        epsRel: positive().default(1e-6),
      })
      .strict()
      .default({ rho: 0.005, adaptiveRho: false, overRelaxation: 1, maxIterations: 2000, epsAbs: 3e-4, epsRel: 1e-6 }),
    communication: z
      .object({
        /** probability that one message (one agent's proposal to one other) is lost */
        lossProbability: finite().min(0).max(0.95).default(0),
        /** each message is delayed uniformly by 0..maxDelayIterations iterations */
        maxDelayIterations: z.number().int().min(0).max(50).default(0),
        /** time-varying links: from each phase's iteration on, its loss and delay hold (solver/microgrid/messages.ts) */
        schedule: z
          .array(
            z
              .object({
                fromIteration: z.number().int().min(1),
                lossProbability: finite().min(0).max(0.95),
                maxDelayIterations: z.number().int().min(0).max(50),
              })
              .strict(),
          )
          .max(100)
          .superRefine((phases, ctx) => {
            phases.forEach((p, i) => {
              if (i > 0 && p.fromIteration <= phases[i - 1]!.fromIteration)
                ctx.addIssue({ code: 'custom', path: [i, 'fromIteration'], message: `phases must start at increasing iterations: ${p.fromIteration} is not after ${phases[i - 1]!.fromIteration}` });
            });
          })
          .optional(),
        /** the bandwidth of every link without its own, kbit per iteration and direction (a number is 0.064 kbit); unlimited when absent */
        bandwidthKbitPerIteration: positive().optional(),
        /** per-link overrides of the settings above, for the link between two agents (solver/microgrid/messages.ts) */
        links: z.array(CommunicationLink).max(1000).optional(),
      })
      .strict()
      .default({ lossProbability: 0, maxDelayIterations: 0 }),
    privacy: z
      .object({
        /** ε of the Laplace mechanism on each report in dual ascent; smaller = more private, noisier */
        epsilon: positive().default(1),
        /** Δ, the sensitivity of a report, kW: the noise scale is Δ/ε */
        sensitivityKw: positive().default(1),
      })
      .strict()
      .default({ epsilon: 1, sensitivityKw: 1 }),
  })
  .strict();

/**
 * The communication network the microgrids' P2P trades need (the
 * `mg-energy-comm` job, the energy–communication multi-commodity variant of
 * MODELS.md §7): every kW traded between two microgrids needs `kbpsPerKw`
 * kbit/s of data (metering, control, settlement) routed between them over
 * these links. Nodes are the links' ends: a microgrid id, or any other id (a
 * router). A microgrid on no link cannot trade.
 */
export const CommunicationNetwork = z
  .object({
    /** data rate a trade needs per kW traded, kbit/s */
    kbpsPerKw: positive().default(1),
    /** what a millisecond of a link's latency costs per kbit/s carried for an hour (the cost of delay) */
    delayCostPerKbpsMsH: nonNegative().default(0),
    links: z
      .array(
        z
          .object({
            id: Id,
            from: Id,
            to: Id,
            /** capacity shared by both directions, kbit/s */
            bandwidthKbps: positive(),
            /** price of carrying 1 kbit/s for an hour */
            costPerKbpsH: nonNegative().default(0),
            latencyMs: nonNegative().default(0),
          })
          .strict(),
      )
      .min(1, 'needs at least one link'),
  })
  .strict();

/** One metered series of the forecast section: interval values on the section's grid (null = missing). */
export const ForecastSeries = z
  .object({
    id: Id,
    /** load, PV and net load are forecast; import/export/meter are kept as imported; weather feeds the features */
    role: z.enum(['load', 'pv', 'net', 'import', 'export', 'weather', 'meter']),
    unit: z.string().default('kWh'),
    values: z.array(finite().nullable()).min(1, 'must hold at least one value'),
  })
  .strict();

/** Metered data for the `forecast` job (solver/forecast/, docs/models/forecasting.md); written by `ggs forecast --scenario-out`. */
export const ForecastSection = z
  .object({
    /** UTC start of the first interval, e.g. 2016-01-01T00:00:00Z */
    start: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z$/, 'must be a UTC time like 2016-01-01T00:00:00Z'),
    stepMinutes: z.number().int().min(1).max(1440),
    /** IANA zone the calendar features read local time in */
    timeZone: z.string().default('UTC'),
    series: z.array(ForecastSeries).min(1),
    source: z.object({ name: z.string(), licence: z.string().optional(), citation: z.string().optional() }).strict().optional(),
    /** what the importer derived, interpolated or left missing, in words */
    notes: z.array(z.string()).default([]),
  })
  .strict();

/**
 * The `train` job's hyper-parameters, kept with the community so a teacher
 * edits them in the scenario (renderer/src/learn/LearningEditor.tsx). Every
 * field is optional: unset ones take LEARNING_TRAINING_DEFAULTS, and a
 * request's options (Run panel, `ggs train --episodes`) override them field
 * by field (solver/learn/trainJob.ts). The train job's options reuse this shape.
 */
export const LearningTraining = z
  .object({
    /** training episodes (0: evaluate the given policy only) */
    episodes: z.number().int().min(0).max(100_000),
    /** greedy evaluation episodes after training, with the baselines on the same days */
    evalEpisodes: z.number().int().min(1).max(365),
    /** independent trainings (seed, seed + 1, …): the learning curve's band */
    seeds: z.number().int().min(1).max(10),
    /** hidden layers of the actor and the critic */
    hidden: z.array(z.number().int().min(1).max(256)).min(1).max(4),
    actorLr: z.number().positive().max(1),
    criticLr: z.number().positive().max(1),
    gamma: z.number().min(0).max(0.999),
    tau: z.number().positive().max(1),
    batch: z.number().int().min(1).max(4096),
    /** replay transitions each agent keeps */
    buffer: z.number().int().min(16).max(1_000_000),
    warmup: z.number().int().min(1),
    /** exploration σ on the action, from → to over noiseDecay episodes (default: all of them) */
    noiseFrom: z.number().min(0).max(2),
    noiseTo: z.number().min(0).max(2),
    noiseDecay: z.number().int().min(1),
    /** market steps between an agent's gradient steps */
    updateEvery: z.number().int().min(1).max(96),
    /** episodes between federated averaging rounds (0: never) */
    federatedEvery: z.number().int().min(0),
    /** episodes of the known-optimum check (one bidder against a fixed book) run with the certificate; 0 skips it */
    knownOptimumEpisodes: z.number().int().min(0).max(5000),
  })
  .partial()
  .strict();

/** What an unset training field means (noiseDecay: the number of episodes). */
export const LEARNING_TRAINING_DEFAULTS = {
  episodes: 30, evalEpisodes: 2, seeds: 3, hidden: [32, 32], actorLr: 1e-3, criticLr: 3e-3, gamma: 0, tau: 0.05, batch: 64, buffer: 2000, warmup: 64,
  noiseFrom: 0.5, noiseTo: 0.05, updateEvery: 8, federatedEvery: 5, knownOptimumEpisodes: 600,
} satisfies Omit<Required<z.output<typeof LearningTraining>>, 'noiseDecay'>;

/**
 * The 15-minute double-auction community the `train` job's bidders learn in
 * (solver/learn/, docs/models/learning.md): households are days of the
 * scenario's `forecast` section (its load and PV series), some with PV
 * (scaled) and a battery; the unmatched part of every bid falls back to
 * the retailer.
 */
export const LearningSection = z
  .object({
    households: z.number().int().min(1).max(1000).default(20),
    /** share of households with PV, and with a battery */
    pvShare: fraction().default(0.5),
    batteryShare: fraction().default(0.3),
    battery: z.object({ capacityKwh: positive().default(5), powerKw: positive().default(2.5), efficiency: efficiency().default(0.9) }).strict().default({ capacityKwh: 5, powerKw: 2.5, efficiency: 0.9 }),
    /** currency per kWh the retailer sells at and buys back at */
    retail: positive().default(0.3),
    feedIn: nonNegative().default(0.08),
    mechanism: z.enum(['uniform-price', 'pay-as-bid', 'bilateral']).default('uniform-price'),
    /** price weight of the bid (uniform price, bilateral) */
    k: fraction().default(0.5),
    /** quarter-hours per episode (96: a day) */
    stepsPerEpisode: z.number().int().min(1).max(96 * 7).default(96),
    /** the days of the forecast data the households live (inclusive, UTC dates; default: all) */
    from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2016-06-01').optional(),
    to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2016-06-30').optional(),
    /** draws who has PV (and its scale) */
    householdSeed: z.number().int().default(1),
    /** the train job's hyper-parameters (unset: LEARNING_TRAINING_DEFAULTS) */
    training: LearningTraining.optional(),
  })
  .strict()
  .superRefine((l, ctx) => {
    if (!(l.retail > l.feedIn)) ctx.addIssue({ code: 'custom', path: ['feedIn'], message: `feed-in (${l.feedIn}) must be below retail (${l.retail})` });
    if (l.from && l.to && l.from > l.to) ctx.addIssue({ code: 'custom', path: ['to'], message: `the last day ${l.to} is before the first ${l.from}` });
  });

export const Scenario = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSION),
    metadata: Metadata,
    time: TimeSettings,
    profiles: z.array(Profile).default([]),
    network: Network,
    vpps: z.array(Vpp).default([]),
    /** P2P market settings; needed by the VPP game */
    market: Market.optional(),
    /** retailer's contract portfolio and its spot-price/demand scenarios */
    portfolio: Portfolio.optional(),
    kda: KdaSection.optional(),
    /** bid book of the mechanism job */
    bidBook: BidBookSection.optional(),
    evFleets: z.array(EvFleet).default([]),
    evMarket: EvMarket.optional(),
    /** road network and trip demand of the traffic job */
    transport: Transport.optional(),
    /** microgrids trading P2P on the network (mg-bargaining, dual-ascent) */
    microgrids: z.array(Microgrid).default([]),
    /** DSO network-usage fees on the microgrids' P2P trades (dso-fees, dso-fees-evaluate) */
    dsoFees: DsoFees.optional(),
    microgridCoordination: MicrogridCoordination.optional(),
    /** the communication network the microgrids' trades are routed over (mg-energy-comm) */
    communicationNetwork: CommunicationNetwork.optional(),
    /** EV charging stations, prosumers and EV demand on the road network and the feeder (evcs-market) */
    evcs: Evcs.optional(),
    /** metered series of the forecast job */
    forecast: ForecastSection.optional(),
    /** the community the train job's bidders learn in (uses the forecast section's load and PV) */
    learning: LearningSection.optional(),
  })
  .strict();

/** A scenario as stored in a file (defaults may be missing). */
export type ScenarioInput = z.input<typeof Scenario>;
/** A validated scenario with every default filled in. */
export type Scenario = z.output<typeof Scenario>;
export type Bus = z.output<typeof Bus>;
export type CommunicationNetwork = z.output<typeof CommunicationNetwork>;
export type Line = z.output<typeof Line>;
export type Profile = z.output<typeof Profile>;
export type Network = z.output<typeof Network>;
export type Substation = z.output<typeof Substation>;
export type Pv = z.output<typeof Pv>;
export type Battery = z.output<typeof Battery>;
export type Generator = z.output<typeof Generator>;
export type Building = z.output<typeof Building>;
export type ComfortBand = z.output<typeof ComfortBand>;
export type Vpp = z.output<typeof Vpp>;
export type VppBattery = z.output<typeof VppBattery>;
export type Market = z.output<typeof Market>;
export type Portfolio = z.output<typeof Portfolio>;
export type Contract = z.output<typeof Contract>;
export type SpotPriceModel = z.output<typeof SpotPriceModel>;
export type DemandModel = z.output<typeof DemandModel>;
export type KdaSection = z.output<typeof KdaSection>;
export type Distribution = z.output<typeof Distribution>;
export type Ev = z.output<typeof Ev>;
export type EvGenerator = z.output<typeof EvGenerator>;
export type EvFleet = z.output<typeof EvFleet>;
export type EvMarket = z.output<typeof EvMarket>;
export type TransportNode = z.output<typeof TransportNode>;
export type TransportLink = z.output<typeof TransportLink>;
export type OdDemand = z.output<typeof OdDemand>;
export type Transport = z.output<typeof Transport>;
export type Microgrid = z.output<typeof Microgrid>;
export type MicrogridGenerator = z.output<typeof MicrogridGenerator>;
export type MicrogridBattery = z.output<typeof MicrogridBattery>;
export type MicrogridPartner = z.output<typeof MicrogridPartner>;
export type DsoFees = z.output<typeof DsoFees>;
export type MicrogridCoordination = z.output<typeof MicrogridCoordination>;
export type Evcs = z.output<typeof Evcs>;
export type EvcsStation = z.output<typeof EvcsStation>;
export type EvcsProsumer = z.output<typeof EvcsProsumer>;
export type ForecastSection = z.output<typeof ForecastSection>;
export type LearningSection = z.output<typeof LearningSection>;
export type LearningTraining = z.output<typeof LearningTraining>;
