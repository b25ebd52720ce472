/**
 * The `community-design` job: the scenario's `learning` households (size,
 * PV share, tariffs, household seed) on the `forecast` section's days, on a
 * feeder drawn from the seed; the chooser trained on generated populations
 * labelled by the exhaustive oracle; the oracle and the learned pick on the
 * scenario's own population.
 *
 * Certificate: the oracle's value recomputed as the maximum over every
 * evaluated choice, the pick's value and regret, every partition checked
 * (each household in exactly one community, communities numbered without
 * gaps), and the two-level market's accounting: with budget-balanced rules
 * and truthful bids the households' saving is exactly the spread times
 * the kWh traded less the wheeling charges.
 */
import type { JobDefinition } from '../../jobs/types.ts';
import type { CommunityDesignData, DesignChoiceRow } from '../../jobs/kinds/communityDesign.ts';
import { SolverError } from '../../jobs/errors.ts';
import { atMost } from '../../jobs/certification.ts';
import { learningDays } from '../trainJob.ts';
import { choiceLabel } from './choices.ts';
import { designCommunities } from './design.ts';
import { FEATURE_NAMES } from './features.ts';

/** Why a partition of n households is not one (null: it is): one community per household, ids 0..C−1 all used. */
export function partitionProblem(partition: readonly number[], n: number): string | null {
  if (partition.length !== n) return `${partition.length} entries for ${n} households`;
  if (partition.some((c) => !Number.isInteger(c) || c < 0)) return 'a community id is not a non-negative integer';
  const C = Math.max(...partition) + 1;
  const used = new Set(partition);
  if (used.size !== C) return `community ids skip some of 0..${C - 1}`;
  return null;
}

export const communityDesignJob: JobDefinition<'community-design'> = {
  kind: 'community-design',
  *run(scenario, o, ctx) {
    const days = learningDays(scenario);
    const l = scenario.learning!;
    if (l.households < 2) throw new SolverError({ code: 'invalid-scenario', message: `community design needs at least 2 households (has ${l.households})`, path: 'learning.households' });
    const seed = o.seed ?? ctx.seed;
    const tariff = { retail: l.retail, feedIn: l.feedIn, wheeling: o.wheeling, platformFee: o.platformFee };
    let result;
    try {
      result = yield* designCommunities(
        days,
        { spec: { households: l.households, pvShare: l.pvShare, buses: o.buses, steps: o.steps }, tariff, seed: l.householdSeed },
        { maxCommunities: o.maxCommunities, steps: o.steps, populations: o.populations, trainShare: o.trainShare, ranges: o.ranges, retail: l.retail, feedIn: l.feedIn, chooser: { hidden: o.hidden, learningRate: o.learningRate, epochs: o.epochs, batch: o.batch } },
        seed,
      );
    } catch (e) {
      if (e instanceof RangeError) throw new SolverError({ code: 'invalid-options', message: e.message, path: 'options' });
      throw e;
    }
    const { own, population } = result;
    const spread = l.retail - l.feedIn;
    const choices = own.scored.map((s): DesignChoiceRow => ({
      ...s.choice, label: choiceLabel(s.choice), communities: new Set(s.partition).size,
      welfare: s.outcome.welfare, saving: s.outcome.saving, wheeling: s.outcome.wheeling, platformFees: s.outcome.platformFees,
      selfSufficiency: s.outcome.selfSufficiency, insideKwh: s.outcome.insideKwh, betweenKwh: s.outcome.betweenKwh,
    }));
    const n = population.households.length;
    const invalid = own.scored.flatMap((s) => { const why = partitionProblem(s.partition, n); return why ? [`${choiceLabel(s.choice)}: ${why}`] : []; });
    const accountingResidual = Math.max(...own.scored.map((s) => Math.abs(s.outcome.saving - (spread * (s.outcome.insideKwh + s.outcome.betweenKwh) - s.outcome.wheeling))));
    const oracleWelfare = Math.max(...choices.map((c) => c.welfare));
    const data: CommunityDesignData = {
      households: population.households.map((h) => ({ id: h.id, bus: h.bus, pvScale: h.pvScale })),
      feeder: population.feeder, choices, best: own.best, picked: own.picked, regret: own.regret,
      bestPartition: own.scored[own.best]!.partition, pickedPartition: own.scored[own.picked]!.partition,
      bestCommunities: own.scored[own.best]!.outcome.communities, pickedCommunities: own.scored[own.picked]!.outcome.communities,
      features: FEATURE_NAMES.map((name, i) => ({ name, value: own.features[i]! })),
      train: result.train, heldOut: result.heldOut, fixedChoice: result.fixedChoice, losses: result.losses, model: result.model, retail: l.retail, feedIn: l.feedIn,
    };
    return {
      data,
      certificate: {
        choices: choices.length, oracleWelfare, pickedWelfare: choices[own.picked]!.welfare, regret: oracleWelfare - choices[own.picked]!.welfare,
        partitionsValid: invalid.length === 0, invalidPartitions: invalid, accountingResidual,
        scope: 'the scenario\'s population: every design choice evaluated (the oracle is the maximum over all of them), every partition a partition, saving = spread × traded − wheeling for every choice; the chooser\'s regret is measured, not bounded',
      },
    };
  },
  verdict(c, o) {
    const value = c.partitionsValid ? c.accountingResidual : Math.max(1, c.accountingResidual);
    return atMost('accounting residual of the two-level market (currency)', value, o.tolerance, () =>
      [c.partitionsValid ? '' : `invalid partitions: ${c.invalidPartitions.join('; ')}`, c.accountingResidual > o.tolerance ? `saving differs from spread × traded − wheeling by ${c.accountingResidual.toExponential(2)}` : ''].filter(Boolean).join('; '),
    );
  },
};
