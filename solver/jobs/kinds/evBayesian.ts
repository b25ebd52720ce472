/**
 * The `ev-bayesian` job kind: V2V trading among parked EVs with private
 * responsiveness, a Bayesian equilibrium (docs/models/ev-bayesian.md; solver:
 * solver/ev/evBayesianJob.ts). Options, result data and certificate, warm
 * start, what-if outputs, CLI summary and CSV tables; registered in
 * solver/jobs/kindRegistry.ts.
 */
import { z } from 'zod';
import type { Scenario } from '../../scenario/schema.ts';
import type { Table } from '../../results/table.ts';
import { defineJobKind } from '../kindModule.ts';
import type { OutputSpecOf } from '../outputSpec.ts';
import { certificateLine, convergenceTable, type BayesCertificate } from './bayesCertificate.ts';
import type { BayesWarmStart } from './kda.ts';

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

export const evBayesianOutputs: OutputSpecOf<EvBayesianData>[] = [
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

export function evBayesianSummary(data: EvBayesianData, certificate: BayesCertificate | null): string[] {
  const s = data.summary;
  const b = data.baseline;
  return [
    `fleet          ${data.evs.length} EVs (${data.evs.filter((e) => e.role === 'seller').length} sellers, ${data.evs.filter((e) => e.role === 'buyer').length} buyers), V2V ${data.v2vEnabled ? 'on' : 'off'}`,
    `V2V            ${s.v2vKwh.toFixed(2)} kWh expected over ${data.T} × ${data.dtHours} h`,
    `green          ${(100 * s.greenUtilisation).toFixed(1)} % of EV charging from PV and V2V (baseline ${(100 * b.greenUtilisation).toFixed(1)} %)`,
    `emissions      ${s.emissionsKg.toFixed(2)} kg (baseline ${b.emissionsKg.toFixed(2)} kg)`,
    ...certificateLine(certificate),
  ];
}

/** CSV views (`ggs solve --out`): strategies by type, per-period outcomes, convergence. */
export function evBayesianTables(data: EvBayesianData): Record<'strategies' | 'periods' | 'convergence', Table> {
  const base = data.baseline.periods;
  return {
    strategies: {
      columns: ['ev', 'fleet', 'role', 'parkedFrom', 'parkedTo', 'maxV2vKwh', 'level', 'v2vKwh', 'expectedUtility', 'dissatisfactionCost'],
      rows: data.evs.flatMap((ev) =>
        ev.byType.map((b) => [ev.id, ev.fleetId, ev.role, ev.parkedFrom, ev.parkedTo, ev.maxV2vKwh, b.level, b.v2vKwh, b.expectedUtility, b.dissatisfactionCost]),
      ),
    },
    periods: {
      columns: ['t', 'v2vKwh', 'supplyKwh', 'demandKwh', 'sellerPrice', 'buyerPrice', 'chargingKwh', 'pvKwh', 'gridImportKwh', 'gridExportKwh', 'emissionsKg', 'baselineGridImportKwh', 'baselineEmissionsKg'],
      rows: data.periods.map((p, t) => [
        p.t, p.v2vKwh, p.supplyKwh, p.demandKwh, p.sellerPrice, p.buyerPrice, p.chargingKwh, p.pvKwh, p.gridImportKwh, p.gridExportKwh, p.emissionsKg,
        base[t]?.gridImportKwh ?? null, base[t]?.emissionsKg ?? null,
      ]),
    },
    convergence: convergenceTable(data.convergence),
  };
}

export const evBayesianKind = defineJobKind<'ev-bayesian', EvBayesianOptions, EvBayesianData, EvBayesianCertificate, BayesWarmStart>({
  kind: 'ev-bayesian',
  label: 'EV V2V trading with private responsiveness (Bayesian equilibrium)',
  options: EvBayesianOptions,
  outputs: evBayesianOutputs,
  summary: evBayesianSummary,
  tables: evBayesianTables,
  warmStart: true,
});
