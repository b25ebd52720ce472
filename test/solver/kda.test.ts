/**
 * The k-double auction (Chatterjee & Samuelson 1983) on the discretised game:
 * the linear equilibrium is certified, truthful bidding is driven to an
 * equilibrium, the certificate catches a deviation, the k = 0 and k = 1
 * extremes give the posted-price outcomes, and gains from trade respect the
 * efficient benchmark (Myerson & Satterthwaite 1983).
 */
import { describe, expect, it } from 'vitest';
import { runJob } from '../../solver/jobs/run.ts';
import type { ScenarioInput } from '../../solver/scenario/schema.ts';
import { maxDeviationGain } from '../../solver/bayes/deviationGain.ts';
import { typeProfiles } from '../../solver/bayes/typeProfiles.ts';
import {
  defaultActionPoints,
  efficientGainsFromTrade,
  gainsFromTrade,
  kdaGame,
  linearStrategies,
  onActionGrid,
  typeGrid,
  type KdaSpec,
} from '../../solver/auction/kDoubleAuction.ts';
import { readAsset } from './support/network.ts';
import { drain } from './bayes/support.ts';

const sample = (): ScenarioInput => JSON.parse(readAsset('scenarios/k-double-auction.ggs.json'));

function uniformSpec(k: number, typePoints = 41): KdaSpec {
  const prior = Array<number>(typePoints).fill(1);
  return { k, typePoints, min: 0, max: 1, buyerPrior: prior, sellerPrior: prior, actionPoints: defaultActionPoints(typePoints) };
}

describe('runJob({kind: "kda"}) on the k = 1/2 sample, uniform priors, 101 type points', () => {
  it('started from the linear profile (bid 2v/3 + 1/12, ask 2c/3 + 1/4) returns it as an ε-equilibrium with ε ≤ 1e-9', async () => {
    const result = await runJob({ kind: 'kda', scenario: sample() });
    expect(result.status, result.message).toBe('ok');
    const { data, certificate } = result;
    expect(certificate!.maxDeviationGain).toBeLessThanOrEqual(1e-9);
    expect(certificate!.isEpsilonEquilibrium).toBe(true);
    expect(certificate!.method).toBe('exact');
    expect(certificate!.byPlayer.every((p) => p.fineGridPoints === 4 * 300 + 1)).toBe(true);
    // the returned strategies are the linear ones (on the action grid, exactly representable up to rounding)
    data!.buyer.forEach((b) => expect(b.action).toBeCloseTo((2 * b.type) / 3 + 1 / 12, 12));
    data!.seller.forEach((s) => expect(s.action).toBeCloseTo((2 * s.type) / 3 + 1 / 4, 12));
  });

  it('started from truthful bidding reaches an ε-equilibrium with ε ≤ 1e-9', async () => {
    const scenario = sample();
    scenario.kda!.start = 'truthful';
    const result = await runJob({ kind: 'kda', scenario });
    expect(result.status, result.message).toBe('ok');
    expect(result.certificate!.converged).toBe(true);
    expect(result.certificate!.iterations).toBeGreaterThan(1);
    expect(result.certificate!.maxDeviationGain).toBeLessThanOrEqual(1e-9);
    expect(result.data!.convergence.maxGain[0]).toBeGreaterThan(1e-3);
  });
});

describe('the discretised k-double auction', () => {
  it('certificate detects a non-equilibrium: one buyer type bidding 0.1 above the linear bid gains by returning', () => {
    const spec = uniformSpec(0.5);
    const game = kdaGame(spec);
    const profiles = typeProfiles(game);
    const profile = onActionGrid(spec, linearStrategies(spec));
    expect(maxDeviationGain(game, profiles, profile).maxDeviationGain).toBeLessThanOrEqual(1e-9);
    const t = 32; // v = 0.8
    profile[0]![t] = onActionGrid(spec, [Float64Array.of(profile[0]![t]! + 0.1)])[0]![0]!;
    const c = maxDeviationGain(game, profiles, profile);
    expect(c.maxDeviationGain).toBeGreaterThan(1e-3);
    expect(c.players[0]!.worstType).toBe(t);
  });

  /** Best response from the (snapped) linear profile for this k, certified; the types and the type step. */
  function equilibriumFromLinear(k: number) {
    const spec = uniformSpec(k);
    const game = kdaGame(spec);
    const profiles = typeProfiles(game);
    const { result } = drain(game, profiles, onActionGrid(spec, linearStrategies(spec)));
    expect(maxDeviationGain(game, profiles, result.strategies).maxDeviationGain).toBeLessThanOrEqual(1e-9);
    return { bid: result.strategies[0]!, ask: result.strategies[1]!, types: typeGrid(spec), h: 1 / (spec.typePoints - 1) };
  }

  it('k = 1 (buyer names the price): sellers ask their cost, buyers shade to about half their value', () => {
    const { bid, ask, types, h } = equilibriumFromLinear(1);
    ask.forEach((a, j) => expect(a).toBeCloseTo(types[j]!, 12));
    bid.forEach((b, i) => expect(Math.abs(b - types[i]! / 2)).toBeLessThanOrEqual(h + 1e-12));
  });

  it('k = 0 (seller names the price): buyers bid their value, sellers mark up to about (1 + c)/2', () => {
    const { bid, ask, types, h } = equilibriumFromLinear(0);
    bid.forEach((b, i) => expect(b).toBeCloseTo(types[i]!, 12));
    ask.forEach((a, j) => expect(Math.abs(a - (1 + types[j]!) / 2)).toBeLessThanOrEqual(h + 1e-12));
  });

  it('expected gains from trade never exceed the ex-post efficient benchmark, for any k and start', () => {
    for (const k of [0, 0.25, 0.5, 0.75, 1]) {
      const spec = uniformSpec(k, 21);
      const game = kdaGame(spec);
      const { result } = drain(game, typeProfiles(game), onActionGrid(spec, linearStrategies(spec)));
      const gft = gainsFromTrade(spec, result.strategies).expectedGainsFromTrade;
      expect(gft).toBeGreaterThan(0);
      expect(gft).toBeLessThan(efficientGainsFromTrade(spec));
    }
  });

  it('the linear profile on the grid trades exactly when v ≥ c + 1/4', () => {
    const spec = uniformSpec(0.5);
    const [bid, ask] = onActionGrid(spec, linearStrategies(spec));
    const types = typeGrid(spec);
    for (let i = 0; i < types.length; i++)
      for (let j = 0; j < types.length; j++) expect(bid![i]! >= ask![j]!).toBe(i - j >= (spec.typePoints - 1) / 4);
  });
});

describe('kda scenario section', () => {
  it('rejects a prior whose length differs from typePoints, with its path', async () => {
    const scenario = sample();
    scenario.kda!.buyerPrior = [1, 2, 3];
    const result = await runJob({ kind: 'kda', scenario });
    expect(result.status).toBe('invalid');
    expect(result.error!.path).toBe('kda.buyerPrior');
  });

  it('explains a missing kda section', async () => {
    const { kda: _, ...scenario } = sample();
    const result = await runJob({ kind: 'kda', scenario });
    expect(result.status).toBe('invalid');
    expect(result.error!.path).toBe('kda');
  });
});
