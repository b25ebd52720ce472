/**
 * The `train` job: the scenario's `learning` community on the `forecast`
 * section's load and PV, the federated bidders trained on it against the
 * truthful and retail-only baselines (train.ts), progress every episode.
 * The certificate re-checks every evaluated quarter-hour (energy balance,
 * P2P balance, bills recomputed: checks.ts) and, unless skipped, runs the
 * bidders' known-optimum check (one bidder against a fixed book,
 * knownOptimum.ts) with the same learner code.
 */
import type { JobDefinition } from '../jobs/types.ts';
import type { TrainData, TrainOptions } from '../jobs/kinds/train.ts';
import { LEARNING_TRAINING_DEFAULTS, LearningTraining, type Scenario } from '../scenario/schema.ts';
import { SolverError } from '../jobs/errors.ts';
import { atMost } from '../jobs/certification.ts';
import { dayProfiles, type DayProfile } from './profiles.ts';
import type { CommunitySpec } from './community.ts';
import { trainCommunity } from './train.ts';
import { fixedBookCheck, FIXED_BOOK_GAIN_SHARE } from './knownOptimum.ts';
import { OBS_WIDTH } from './community.ts';

/** The households' days: complete days of the forecast section's load and PV, within the section's from–to. */
export function learningDays(scenario: Scenario): DayProfile[] {
  const f = scenario.forecast, l = scenario.learning;
  if (!l) throw new SolverError({ code: 'invalid-scenario', message: 'the scenario has no "learning" section', path: 'learning', hint: 'add "learning": {} for the default 20-household community (see assets/scenarios/community-learning.ggs.json)' });
  if (!f) throw new SolverError({ code: 'invalid-scenario', message: 'the learning community needs metered load and PV: the scenario has no "forecast" section', path: 'forecast', hint: 'make one from meter data: ggs forecast DATA.csv --out DIR --scenario-out FILE' });
  const load = f.series.find((s) => s.role === 'load'), pv = f.series.find((s) => s.role === 'pv');
  if (!load || !pv) throw new SolverError({ code: 'invalid-scenario', message: `the forecast section needs a load and a pv series (has ${f.series.map((s) => s.role).join(', ')})`, path: 'forecast.series' });
  let days: DayProfile[];
  try {
    days = dayProfiles({ start: f.start, stepMinutes: f.stepMinutes, load: load.values, pv: pv.values });
  } catch (e) {
    throw new SolverError({ code: 'invalid-scenario', message: (e as Error).message, path: 'forecast.stepMinutes' });
  }
  days = days.filter((d) => (!l.from || d.date >= l.from) && (!l.to || d.date <= l.to));
  if (days.length === 0) throw new SolverError({ code: 'invalid-scenario', message: `no complete day of load and PV${l.from || l.to ? ` between ${l.from ?? 'the start'} and ${l.to ?? 'the end'}` : ''}`, path: l.from ? 'learning.from' : 'forecast.series' });
  return days;
}

export function communitySpecOf(scenario: Scenario): CommunitySpec {
  const l = scenario.learning!;
  return {
    households: l.households, pvShare: l.pvShare, batteryShare: l.batteryShare,
    battery: { capacity: l.battery.capacityKwh, power: l.battery.powerKw, efficiency: l.battery.efficiency },
    retail: l.retail, feedIn: l.feedIn, mechanism: l.mechanism, k: l.k, steps: l.stepsPerEpisode,
  };
}

/**
 * The hyper-parameters a run uses: the request's options where given, else
 * the scenario's `learning.training`, else the defaults (the Run panel and
 * `ggs train --episodes` override the edited scenario field by field).
 */
export function resolveTraining(scenario: Scenario, options: TrainOptions): typeof LEARNING_TRAINING_DEFAULTS & Pick<LearningTraining, 'noiseDecay'> {
  const given = Object.fromEntries(Object.entries(options).filter(([k, v]) => v !== undefined && k in LearningTraining.shape)) as LearningTraining;
  return { ...LEARNING_TRAINING_DEFAULTS, ...scenario.learning?.training, ...given };
}

export const trainJob: JobDefinition<'train'> = {
  kind: 'train',
  *run(scenario, options, ctx) {
    const days = learningDays(scenario);
    const o = { ...options, ...resolveTraining(scenario, options) };
    const spec = communitySpecOf(scenario);
    const seed = o.seed ?? ctx.seed;
    const seeds = Array.from({ length: o.seeds }, (_, i) => seed + i);
    if (o.policy) {
      if (o.policy.length !== 1 && o.policy.length !== o.seeds) throw new SolverError({ code: 'invalid-options', message: `${o.policy.length} saved actors for ${o.seeds} seeds`, path: 'options.policy', hint: 'one actor for all seeds, or one per seed' });
      o.policy.forEach((w, i) => {
        if (w.spec.inputs !== OBS_WIDTH || w.spec.outputs !== 1 || w.spec.output !== 'tanh' || w.spec.hidden.join() !== o.hidden.join())
          throw new SolverError({ code: 'invalid-options', message: `saved actor ${i + 1} is a ${[w.spec.inputs, ...w.spec.hidden, w.spec.outputs].join('-')} network; this job's actors are ${[OBS_WIDTH, ...o.hidden, 1].join('-')}`, path: `options.policy.${i}.spec`, hint: 'set options.hidden to the saved network\'s hidden layers' });
      });
    }
    let result;
    try {
      result = yield* trainCommunity(days, {
        community: spec, episodes: o.episodes, checkpointEvery: o.checkpointEvery, evalEpisodes: o.evalEpisodes, seeds, householdSeed: scenario.learning!.householdSeed,
        bidder: {
          hidden: o.hidden, actorLr: o.actorLr, criticLr: o.criticLr, gamma: o.gamma, tau: o.tau, batch: o.batch, buffer: o.buffer, warmup: o.warmup,
          noiseFrom: o.noiseFrom, noiseTo: o.noiseTo, noiseDecay: o.noiseDecay ?? Math.max(1, o.episodes), updateEvery: o.updateEvery, federatedEvery: o.federatedEvery,
        },
        ...(o.policy ? { initial: o.policy } : {}),
      });
    } catch (e) {
      if (e instanceof RangeError) throw new SolverError({ code: 'invalid-options', message: e.message, path: 'options' });
      throw e;
    }
    let knownOptimum = null;
    if (o.knownOptimumEpisodes > 0) {
      yield { fraction: 0.97, stage: 'known-optimum check: one bidder against a fixed book' };
      knownOptimum = fixedBookCheck(o.knownOptimumEpisodes, seed);
    }
    const data: TrainData = { ...result, seeds, episodes: o.episodes, retail: spec.retail, feedIn: spec.feedIn, mechanism: spec.mechanism, stepsPerEpisode: spec.steps };
    return {
      data,
      certificate: { ...result.checks, knownOptimum, scope: 'every evaluated quarter-hour (learned and truthful): community energy balance, P2P balance against the rule\'s trades, bills recomputed from trades and tariffs; the known-optimum check trains one bidder of the same code against a fixed book whose best response is exact' },
    };
  },
  verdict(c, o) {
    const value = Math.max(c.balanceResidual, c.p2pResidual, c.billDeviation);
    const failed = c.knownOptimum !== null && !c.knownOptimum.passed;
    const v = atMost('energy-balance residual or bill recomputation deviation', failed ? Math.max(value, 1) : value, o.tolerance, () =>
      [value > o.tolerance ? `balances or bills differ by ${value.toExponential(2)}` : '', failed ? `the known-optimum bidder reached ${(100 * c.knownOptimum!.gainShare).toFixed(0)} % of the best response's gain (needs ${100 * FIXED_BOOK_GAIN_SHARE} %)` : ''].filter(Boolean).join('; '),
    );
    return v;
  },
};
