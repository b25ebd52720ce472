/**
 * The `learning` section's fields as the editor lays them out: four groups
 * (the community, its market rule, training, the networks), each field with
 * its unit, what it does and its range (the ranges are the schema's:
 * solver/scenario/schema.ts LearningSection and LearningTraining). The
 * placeholder of an unset field is the value the train job uses for it.
 */
import { LEARNING_TRAINING_DEFAULTS, LearningSection } from '../../../solver/scenario/schema.ts';
import type { FieldKind } from '../components/CellInput.tsx';

export interface LearningField {
  path: string;
  label: string;
  unit?: string;
  kind: FieldKind;
  hint: string;
  placeholder?: string;
}

export interface LearningGroup {
  id: 'community' | 'market' | 'training' | 'networks';
  title: string;
  intro: string;
  fields: LearningField[];
}

const C = LearningSection.parse({});
const T = LEARNING_TRAINING_DEFAULTS;
const num = (path: string, label: string, unit: string, placeholder: unknown, hint: string): LearningField => ({ path, label, ...(unit ? { unit } : {}), kind: 'optionalNumber', placeholder: String(placeholder), hint });

export const LEARNING_GROUPS: LearningGroup[] = [
  {
    id: 'community',
    title: 'Community',
    intro: "Households are days of the Forecast section's metered load and PV (one building); some keep PV (scaled by a seeded factor in 0.6–1.4), some have a battery that follows a fixed self-consumption rule.",
    fields: [
      num('learning.households', 'Households', '', C.households, 'learning agents in the community, 1–1000 (each bids every quarter-hour)'),
      num('learning.pvShare', 'PV share', '0–1', C.pvShare, 'share of households with PV'),
      num('learning.batteryShare', 'Battery share', '0–1', C.batteryShare, 'share of households with a battery'),
      num('learning.battery.capacityKwh', 'Battery capacity', 'kWh', C.battery.capacityKwh, 'usable energy of each battery, > 0'),
      num('learning.battery.powerKw', 'Battery power', 'kW', C.battery.powerKw, 'charge and discharge limit, > 0'),
      num('learning.battery.efficiency', 'Battery efficiency', '0–1', C.battery.efficiency, 'round-trip efficiency, above 0 and at most 1'),
      num('learning.stepsPerEpisode', 'Steps per episode', '15 min', C.stepsPerEpisode, 'quarter-hours in one episode, 1–672 (96: a day; more repeats the day)'),
      { path: 'learning.from', label: 'First day', kind: 'optionalText', placeholder: 'first in data', hint: 'UTC date like 2016-06-01: the days households live start here (empty: all data)' },
      { path: 'learning.to', label: 'Last day', kind: 'optionalText', placeholder: 'last in data', hint: 'UTC date, inclusive, not before the first day' },
      num('learning.householdSeed', 'Household seed', '', C.householdSeed, 'integer; draws who has PV and a battery, and the PV scale'),
    ],
  },
  {
    id: 'market',
    title: 'Market rule and tariffs',
    intro: "Every quarter-hour the mechanism laboratory's rule clears the bids; the unmatched part of every bid falls back to the retailer.",
    fields: [
      num('learning.retail', 'Retail price', 'currency/kWh', C.retail, 'what the retailer sells at, > 0: truthful buyers bid this'),
      num('learning.feedIn', 'Feed-in price', 'currency/kWh', C.feedIn, 'what the retailer buys back at, ≥ 0 and below retail: truthful sellers ask this'),
      num('learning.k', 'Price weight k', '0–1', C.k, 'uniform price and bilateral: price = k·bid + (1 − k)·ask'),
    ],
  },
  {
    id: 'training',
    title: 'Training',
    intro: 'The train job\'s schedule. An empty field uses the value shown; a value typed in the Run panel overrides the scenario\'s for that run.',
    fields: [
      num('learning.training.episodes', 'Episodes', '', T.episodes, 'training episodes, 0–100 000 (0: only evaluate a saved policy)'),
      num('learning.training.seeds', 'Seeds', '', T.seeds, 'independent trainings, 1–10: the learning curve\'s confidence band'),
      num('learning.training.evalEpisodes', 'Evaluation episodes', '', T.evalEpisodes, 'greedy episodes after training, with the baselines on the same days, 1–365'),
      num('learning.training.federatedEvery', 'Federated averaging every', 'episodes', T.federatedEvery, 'episodes between rounds that average the actors\' weights (no data leaves a household), 0: never'),
      num('learning.training.updateEvery', 'Update every', 'steps', T.updateEvery, 'market steps between an agent\'s gradient steps, 1–96'),
      num('learning.training.noiseFrom', 'Exploration σ from', 'action', T.noiseFrom, 'Gaussian noise on the action in [−1, 1] at the start, 0–2'),
      num('learning.training.noiseTo', 'Exploration σ to', 'action', T.noiseTo, 'noise at the end of the decay, 0–2'),
      num('learning.training.noiseDecay', 'Noise decay', 'episodes', 'all', 'episodes over which σ falls linearly, ≥ 1 (empty: all episodes)'),
      num('learning.training.knownOptimumEpisodes', 'Known-optimum check', 'episodes', T.knownOptimumEpisodes, 'episodes of the certificate\'s one-bidder check against a fixed book, 0–5000 (0 skips it)'),
    ],
  },
  {
    id: 'networks',
    title: 'Networks and learning rates',
    intro: 'Actor and critic are dense networks (ReLU; the actor ends in tanh), trained with Adam; the critic also sees the market price.',
    fields: [
      { path: 'learning.training.hidden', label: 'Hidden layers', unit: 'neurons', kind: 'optionalText', placeholder: T.hidden.join(', '), hint: 'neurons per hidden layer, comma-separated: 1–4 layers of 1–256' },
      num('learning.training.actorLr', 'Actor learning rate', '', T.actorLr, 'Adam step size of the actor, above 0 and at most 1'),
      num('learning.training.criticLr', 'Critic learning rate', '', T.criticLr, 'Adam step size of the critic, above 0 and at most 1'),
      num('learning.training.gamma', 'Discount γ', '', T.gamma, '0–0.999; 0 because a bid does not change the household\'s state'),
      num('learning.training.tau', 'Target update τ', '', T.tau, 'Polyak weight of the soft target update, above 0 and at most 1'),
      num('learning.training.batch', 'Batch', 'transitions', T.batch, 'mini-batch of one gradient step, 1–4096'),
      num('learning.training.buffer', 'Replay buffer', 'transitions', T.buffer, 'transitions each agent keeps, 16–1 000 000'),
      num('learning.training.warmup', 'Warm-up', 'transitions', T.warmup, 'transitions collected before the first update, ≥ 1'),
    ],
  },
];
