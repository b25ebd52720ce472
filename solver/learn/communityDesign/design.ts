/**
 * Community design end to end (MODELS.md §11, ET-ANN):
 *
 * 1. generate populations (seeded: size, PV share, feeder size, day
 *    offset, wheeling and platform fee drawn from ranges) from the data's
 *    days;
 * 2. label each with the exhaustive oracle (every design choice's welfare);
 * 3. train the chooser on a training share, measure on the held-out rest:
 *    accuracy (the pick ties the oracle's best) and regret (welfare lost
 *    against it), next to the best single fixed choice as a baseline;
 * 4. on the scenario's own population: the oracle's best, the learned pick,
 *    its regret.
 */
import type { DayProfile } from '../profiles.ts';
import { rngOf } from '../../forecast/random.ts';
import { bestIndex, designChoices, exhaustive, type DesignChoice, type ScoredChoice } from './choices.ts';
import { pick, scoreChoices, trainChooser, type ChooserConfig, type ChooserModel } from './chooser.ts';
import { populationFeatures } from './features.ts';
import { makePopulation, type Population, type PopulationSpec } from './population.ts';
import type { Tariff } from './mechanism.ts';

export interface GeneratorRanges {
  households: [number, number];
  pvShare: [number, number];
  buses: [number, number];
  wheeling: [number, number];
  platformFee: [number, number];
}

export interface DesignConfig {
  maxCommunities: number;
  steps: number;
  populations: number;
  /** share of the generated populations used for training (the rest is held out) */
  trainShare: number;
  ranges: GeneratorRanges;
  retail: number;
  feedIn: number;
  chooser: ChooserConfig;
}

export interface SplitStats {
  populations: number;
  /** share of populations whose pick ties the oracle's best welfare */
  accuracy: number;
  /** welfare lost against the oracle, mean and largest (currency per population-day) */
  meanRegret: number;
  maxRegret: number;
  /** the same for always taking the one choice with the best mean welfare on the training set */
  fixedMeanRegret: number;
  /** mean oracle welfare, for scale */
  meanBest: number;
}

export interface ChoiceValue {
  choice: DesignChoice;
  communities: number;
  welfare: number;
  selfSufficiency: number;
}

export interface DesignCase {
  features: number[];
  values: ChoiceValue[];
  best: number;
  picked: number;
  regret: number;
  scored: ScoredChoice[];
}

export interface DesignResult {
  choices: DesignChoice[];
  train: SplitStats;
  heldOut: SplitStats | null;
  /** index of the best fixed choice on the training set */
  fixedChoice: number;
  losses: number[];
  model: ChooserModel;
  /** the scenario's own population */
  own: DesignCase;
  population: Population;
}

const draw = (rng: { next(): number }, [lo, hi]: [number, number]) => lo + (hi - lo) * rng.next();
const drawInt = (rng: { next(): number }, [lo, hi]: [number, number]) => Math.min(hi, Math.floor(lo + (hi - lo + 1) * rng.next()));

export function generatedCase(days: readonly DayProfile[], c: DesignConfig, seed: number): { population: Population; tariff: Tariff } {
  const rng = rngOf(seed ^ 0x6e7);
  const spec: PopulationSpec = { households: drawInt(rng, c.ranges.households), pvShare: draw(rng, c.ranges.pvShare), buses: drawInt(rng, c.ranges.buses), steps: c.steps };
  const tariff: Tariff = { retail: c.retail, feedIn: c.feedIn, wheeling: draw(rng, c.ranges.wheeling), platformFee: draw(rng, c.ranges.platformFee) };
  return { population: makePopulation(days, spec, seed), tariff };
}

function stats(welfare: number[][], picks: number[], fixed: number): SplitStats {
  const n = welfare.length;
  const regret = welfare.map((w, i) => Math.max(...w) - w[picks[i]!]!);
  return {
    populations: n,
    accuracy: regret.filter((r) => r <= 1e-9).length / n,
    meanRegret: regret.reduce((a, b) => a + b, 0) / n,
    maxRegret: Math.max(...regret),
    fixedMeanRegret: welfare.reduce((s, w) => s + Math.max(...w) - w[fixed]!, 0) / n,
    meanBest: welfare.reduce((s, w) => s + Math.max(...w), 0) / n,
  };
}

export function* designCommunities(days: readonly DayProfile[], own: { spec: PopulationSpec; tariff: Tariff; seed: number }, c: DesignConfig, seed: number): Generator<{ fraction: number; stage: string }, DesignResult> {
  const choices = designChoices(c.maxCommunities);
  const features: number[][] = [], welfare: number[][] = [];
  for (let i = 0; i < c.populations; i++) {
    if (i % 4 === 0) yield { fraction: (0.8 * i) / c.populations, stage: `oracle: exhaustive search on generated population ${i + 1} of ${c.populations}` };
    const g = generatedCase(days, c, seed + 1000 + i);
    features.push(populationFeatures(g.population, g.tariff));
    welfare.push(exhaustive(g.population, choices, g.tariff, seed + i).map((s) => s.outcome.welfare));
  }
  const nTrain = Math.max(1, Math.min(c.populations, Math.round(c.trainShare * c.populations)));
  yield { fraction: 0.8, stage: `training the chooser on ${nTrain} populations` };
  const { model, losses } = trainChooser(features.slice(0, nTrain), welfare.slice(0, nTrain), c.chooser, seed);
  const mean = choices.map((_, k) => welfare.slice(0, nTrain).reduce((s, w) => s + w[k]!, 0));
  const fixedChoice = bestIndex(mean);
  const picks = scoreChoices(model, features).map(pick);
  const train = stats(welfare.slice(0, nTrain), picks.slice(0, nTrain), fixedChoice);
  const heldOut = nTrain < c.populations ? stats(welfare.slice(nTrain), picks.slice(nTrain), fixedChoice) : null;
  yield { fraction: 0.95, stage: 'the scenario\'s population: oracle and learned pick' };
  const population = makePopulation(days, own.spec, own.seed);
  const f = populationFeatures(population, own.tariff);
  const scored = exhaustive(population, choices, own.tariff, own.seed);
  const values = scored.map((s): ChoiceValue => ({ choice: s.choice, communities: new Set(s.partition).size, welfare: s.outcome.welfare, selfSufficiency: s.outcome.selfSufficiency }));
  const best = bestIndex(values.map((v) => v.welfare));
  const picked = pick(scoreChoices(model, [f])[0]!);
  return { choices, train, heldOut, fixedChoice, losses, model, population, own: { features: f, values, best, picked, regret: values[best]!.welfare - values[picked]!.welfare, scored } };
}
