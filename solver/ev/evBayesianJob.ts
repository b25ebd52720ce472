/**
 * The `ev-bayesian` job: EVs parked in the scenario's fleets trade energy
 * through a V2V pool priced by the supply–demand ratio; each user's
 * responsiveness is private. Solves the Bayesian game for type-contingent
 * V2V quantities, certifies it, and reports expected prices, volumes,
 * utilities, green-energy utilisation and emissions against the no-V2V baseline.
 */
import type { EvBayesianData, EvBayesianOptions, EvOutcomeSummary, EvPeriodOutcome, EvStrategyRow } from '../contract.ts';
import type { JobDefinition } from '../jobs/types.ts';
import type { Scenario } from '../scenario/schema.ts';
import { SolverError } from '../jobs/errors.ts';
import { bayesVerdict, solveBayesianGame, startingProfile, type SolveOptions } from '../bayes/solve.ts';
import { fullTypeProfiles, typeProfiles, type FullTypeProfiles } from '../bayes/typeProfiles.ts';
import type { StrategyProfile } from '../bayes/game.ts';
import { pureAt, type Mixture } from '../bayes/mixedType.ts';
import { fleetEvs, parkEv, type ParkedEv } from './fleet.ts';
import { poolFlows, v2vGame } from './v2vGame.ts';
import { settlePeriod, type MicrogridInputs } from './v2vMarket.ts';
import { seriesValues } from '../scenario/series.ts';

export interface EvMarketModel {
  evs: ParkedEv[];
  microgrid: MicrogridInputs;
  exchangeCostPerKwh: number;
  v2vEnabled: boolean;
}

/** Everything the game and the settlement need, read from the scenario. */
export function evMarketModel(scenario: Scenario): EvMarketModel {
  const m = scenario.evMarket;
  if (!m || scenario.evFleets.length === 0)
    throw new SolverError({
      code: 'invalid-scenario',
      message: 'the scenario has no EV fleets or no evMarket section',
      path: m ? 'evFleets' : 'evMarket',
      hint: 'add an EV fleet and the microgrid it parks in (grid prices, PV, carbon)',
    });
  const { T, dtHours } = scenario.time;
  const evs = scenario.evFleets.flatMap((f) => fleetEvs(f, T * dtHours).map((ev) => parkEv(ev, f, dtHours, T)));
  const pvShape = m.pvProfile === undefined ? new Float64Array(T).fill(1) : seriesValues(scenario, m.pvProfile);
  const chargingKwh = new Float64Array(T);
  for (const ev of evs) if (ev.role === 'buyer') for (let t = ev.from; t < ev.to; t++) chargingKwh[t]! += ev.needKwh / (ev.to - ev.from);
  return {
    evs,
    microgrid: {
      gridBuy: seriesValues(scenario, m.gridBuyPricePerKwh),
      gridSell: seriesValues(scenario, m.gridSellPricePerKwh),
      carbonKgPerKwh: seriesValues(scenario, m.gridCarbonKgPerKwh),
      carbonPricePerKg: m.carbonPricePerKg,
      pvKwh: pvShape.map((x) => Math.max(0, x) * m.pvKw * dtHours),
      chargingKwh,
    },
    exchangeCostPerKwh: m.exchangeCostPerKwh,
    v2vEnabled: m.v2vEnabled,
  };
}

/** Expected period outcomes and totals of a profile, averaged over whole type profiles. */
export function expectedOutcomes(model: EvMarketModel, T: number, strategies: StrategyProfile, profiles: FullTypeProfiles): { periods: EvPeriodOutcome[]; summary: Omit<EvOutcomeSummary, 'evUtility' | 'dissatisfactionCost'> } {
  const n = model.evs.length;
  const acc = Array.from({ length: T }, () => ({ v2vKwh: 0, supplyKwh: 0, demandKwh: 0, sellerPrice: 0, buyerPrice: 0, gridImportKwh: 0, gridExportKwh: 0, emissionsKg: 0, greenKwh: 0, microgridMoney: 0 }));
  const actions = new Float64Array(n);
  for (let p = 0; p < profiles.count; p++) {
    const w = profiles.weights[p]!;
    for (let j = 0; j < n; j++) actions[j] = strategies[j]![profiles.types[p * n + j]!]!;
    const { supply, demand } = poolFlows(model.evs, T, actions);
    for (let t = 0; t < T; t++) {
      const o = settlePeriod(model.microgrid, t, supply[t]!, demand[t]!);
      const a = acc[t]!;
      for (const key of Object.keys(a) as (keyof typeof a)[]) a[key] += w * o[key];
    }
  }
  const periods = acc.map((a, t): EvPeriodOutcome => ({
    t,
    v2vKwh: a.v2vKwh,
    supplyKwh: a.supplyKwh,
    demandKwh: a.demandKwh,
    sellerPrice: a.sellerPrice,
    buyerPrice: a.buyerPrice,
    chargingKwh: model.microgrid.chargingKwh[t]!,
    pvKwh: model.microgrid.pvKwh[t]!,
    gridImportKwh: a.gridImportKwh,
    gridExportKwh: a.gridExportKwh,
    emissionsKg: a.emissionsKg,
  }));
  const sum = (f: (a: (typeof acc)[number]) => number) => acc.reduce((s, a) => s + f(a), 0);
  const charging = model.microgrid.chargingKwh.reduce((s, x) => s + x, 0);
  return {
    periods,
    summary: {
      v2vKwh: sum((a) => a.v2vKwh),
      greenUtilisation: charging > 0 ? sum((a) => a.greenKwh) / charging : 1,
      gridImportKwh: sum((a) => a.gridImportKwh),
      emissionsKg: sum((a) => a.emissionsKg),
      microgridMoney: sum((a) => a.microgridMoney),
    },
  };
}

/**
 * Expected outcomes when one type mixes (solver/bayes/mixture.ts): it mixes independently of
 * everything else, so they are the p-weighted outcomes of the two pure profiles.
 */
function mixedOutcomes(model: EvMarketModel, T: number, strategies: StrategyProfile, profiles: FullTypeProfiles, m: Mixture | null): ReturnType<typeof expectedOutcomes> {
  if (!m) return expectedOutcomes(model, T, strategies, profiles);
  const lo = expectedOutcomes(model, T, pureAt(strategies, m, m.low), profiles);
  const hi = expectedOutcomes(model, T, pureAt(strategies, m, m.high), profiles);
  const mix = <R extends object>(a: R, b: R): R =>
    Object.fromEntries(Object.entries(a).map(([k, v]) => [k, k === 't' ? v : m.p * (v as number) + (1 - m.p) * (b as Record<string, number>)[k]!])) as R;
  return { periods: lo.periods.map((a, t) => mix(a, hi.periods[t]!)), summary: mix(lo.summary, hi.summary) };
}

/**
 * The engine options of the job. Sellers' utilities have convex kinks (where
 * their extra kWh tips a period from short to long supply): with few EVs or
 * mostly unresponsive users best responses may cycle between two near-equal
 * peaks, so the iteration stops after 25 sweeps without a new smallest gain
 * and returns its best profile, which the certificate then judges.
 */
export function evSolveOptions(options: EvBayesianOptions): EvBayesianOptions & SolveOptions {
  return { ...options, patience: 25 };
}

export const evBayesianJob: JobDefinition<'ev-bayesian'> = {
  kind: 'ev-bayesian',
  *run(scenario, options, ctx) {
    const model = evMarketModel(scenario);
    const { T, dtHours } = scenario.time;
    const game = v2vGame({ ...model, T, gridBuy: model.microgrid.gridBuy, gridSell: model.microgrid.gridSell, actionPoints: options.actionPoints });
    const sampling = { maxExactProfiles: options.maxExactProfiles, sampleSize: options.sampleSize, seed: ctx.seed };
    const profiles = typeProfiles(game, sampling);
    const cold = game.players.map((p) => new Float64Array(p.prior.length));
    const warm = ctx.warmStart === undefined ? undefined : startingProfile(game, cold, ctx.warmStart);
    const solved = yield* solveBayesianGame(game, profiles, warm?.start ?? cold, evSolveOptions(options));

    const full = fullTypeProfiles(game, sampling);
    const levels = (ev: ParkedEv) => scenario.evFleets.find((f) => f.id === ev.fleetId)!.responsiveness;
    const evs = model.evs.map((ev, i): EvStrategyRow => ({
      id: ev.id,
      fleetId: ev.fleetId,
      role: ev.role,
      parkedFrom: ev.from,
      parkedTo: ev.to,
      maxV2vKwh: ev.maxV2vKwh,
      byType: levels(ev).map((level, t) => {
        // a mixing type shows its mean action; its cost is the mixture's (the certificate carries the two actions and p)
        const x = solved.strategies[i]![t]!;
        const m = solved.mixture?.player === i && solved.mixture.type === t ? solved.mixture : null;
        const x2 = m ? m.p * m.low ** 2 + (1 - m.p) * m.high ** 2 : x * x;
        return { level: level.id, v2vKwh: x, expectedUtility: solved.deviation.players[i]!.expectedUtilityByType[t]!, dissatisfactionCost: ev.dissatisfactionPerKwh2[t]! * x2 };
      }),
    }));
    // ex-ante expectations over each EV's own type
    const exAnte = (f: (row: EvStrategyRow['byType'][number]) => number) =>
      evs.reduce((s, row, i) => {
        const prior = model.evs[i]!.prior;
        const total = prior.reduce((a, b) => a + b, 0);
        return s + row.byType.reduce((a, c, t) => a + (prior[t]! / total) * f(c), 0);
      }, 0);
    const played = mixedOutcomes(model, T, solved.strategies, full, solved.mixture);
    const none = expectedOutcomes(model, T, game.players.map((p) => new Float64Array(p.prior.length)), full);
    const data: EvBayesianData = {
      T,
      dtHours,
      v2vEnabled: model.v2vEnabled,
      fleets: scenario.evFleets.map((f) => ({ id: f.id, levels: f.responsiveness.map(({ id, name, prior, dissatisfactionPerKwh2 }) => ({ id, name, prior, dissatisfactionPerKwh2 })) })),
      evs,
      periods: played.periods,
      summary: { ...played.summary, evUtility: exAnte((c) => c.expectedUtility), dissatisfactionCost: exAnte((c) => c.dissatisfactionCost) },
      baseline: { ...none.summary, evUtility: 0, dissatisfactionCost: 0, periods: none.periods },
      convergence: solved.iteration.history,
    };
        return { data, certificate: solved.certificate, ...(warm ? { warmStart: warm.use } : {}) };
  },
  verdict: bayesVerdict,
  warmState: (data) => ({ strategies: data.evs.map((ev) => ev.byType.map((c) => c.v2vKwh)) }),
};
