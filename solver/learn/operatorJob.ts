/**
 * The `adn-operator` job: SAC learns the ADN operator's tariff adders over
 * the dual-ascent market (operatorEnv.ts), one clearing per episode. The
 * certificate re-clears the market at the learned control (the dual-ascent
 * job's own certificate: gap to the centralised pool optimum) and compares
 * its welfare with the grid-search oracle's best, as a share of the
 * oracle's gain over the scenario's own tariffs (zero adders).
 */
import type { JobDefinition } from '../jobs/types.ts';
import type { AdnOperatorData, AdnOperatorOutcome } from '../jobs/kinds/adnOperator.ts';
import { DualAscentOptions } from '../jobs/kinds/dualAscent.ts';
import { SolverError } from '../jobs/errors.ts';
import { atMost } from '../jobs/certification.ts';
import { Sac } from './sac.ts';
import { OperatorEnv, OperatorModel, adderOf, blockOf, gridOracle, type OperatorOutcome } from './operatorEnv.ts';

const outcome = (o: OperatorOutcome): AdnOperatorOutcome => ({
  adders: o.adders, welfare: o.welfare, microgridCost: o.microgridCost, adnRevenue: o.adnRevenue, adnCost: o.adnCost, netImportKw: o.netImportKw, poolPricePerKwh: o.poolPricePerKwh,
});

export const adnOperatorJob: JobDefinition<'adn-operator'> = {
  kind: 'adn-operator',
  usesLp: true,
  lpBackend: 'highs',
  *run(scenario, o, ctx) {
    if (!ctx.lp) throw new Error('adn-operator needs a loaded HiGHS backend in ctx.lp');
    const seed = o.seed ?? ctx.seed;
    const market = DualAscentOptions.parse({ privacy: o.privacy, maxIterations: o.maxIterations, regularisation: o.regularisation });
    const model = new OperatorModel(scenario, { blocks: o.blocks, adderMin: o.adderMin, adderMax: o.adderMax, lossCostPerKw2h: o.lossCostPerKw2h, market }, ctx.lp, seed);
    if (o.policy && o.policy.actor.spec.outputs !== 2 * o.blocks)
      throw new SolverError({ code: 'invalid-options', message: `the saved actor controls ${o.policy.actor.spec.outputs / 2} block(s); this run has ${o.blocks}`, path: 'options.policy.actor.spec', hint: 'set options.blocks to the saved run\'s' });
    if (o.episodes === 0 && !o.policy) throw new SolverError({ code: 'invalid-options', message: 'episodes is 0 and no policy is given: nothing to evaluate', path: 'options.episodes' });

    yield { fraction: 0.01, stage: 'the market at the scenario\'s own tariffs' };
    const baseline = model.evaluate(new Array<number>(o.blocks).fill(0));
    const env = new OperatorEnv(model, baseline.welfare, Math.max(1e-9, o.rewardScale * Math.abs(baseline.welfare)));
    let sac: Sac;
    try {
      sac = new Sac(env, {
        hidden: o.hidden, actorLr: o.actorLr, criticLr: o.criticLr, alphaLr: o.alphaLr, gamma: 0, tau: o.tau, batch: o.batch, buffer: o.buffer, warmup: o.policy ? 1 : o.warmup,
        updatesPerStep: o.updatesPerStep, initialAlpha: o.initialAlpha, targetEntropy: o.targetEntropy ?? null,
      }, seed, o.policy);
    } catch (e) {
      if (e instanceof RangeError) throw new SolverError({ code: 'invalid-options', message: e.message, path: 'options.policy' });
      throw e;
    }
    try {
      const trainShare = o.oraclePoints > 0 ? 0.75 : 0.95;
      const curve: AdnOperatorData['curve'] = [];
      for (let e = 1; e <= o.episodes; e++) {
        sac.trainEpisode();
        const policyAdders = sac.act([1]).map((a) => adderOf(a, model.spec));
        curve.push({ episode: e, adders: env.last!.adders, welfare: env.last!.welfare, policyAdders, alpha: sac.alpha });
        yield { fraction: 0.02 + (trainShare * e) / o.episodes, stage: 'SAC training', metrics: { episode: e, welfare: env.last!.welfare, adder: policyAdders[0]! } };
      }
      yield { fraction: 0.02 + trainShare, stage: 'the learned control re-cleared' };
      const learned = model.evaluate(sac.act([1]).map((a) => adderOf(a, model.spec)));
      let oracle: AdnOperatorData['oracle'] = null;
      let grid: AdnOperatorData['grid'] = [];
      if (o.oraclePoints > 0) {
        if (o.oraclePoints < 2) throw new SolverError({ code: 'invalid-options', message: 'the oracle needs at least 2 points per block', path: 'options.oraclePoints' });
        if (o.oraclePoints ** o.blocks > 2000) throw new SolverError({ code: 'invalid-options', message: `the oracle's grid would clear the market ${o.oraclePoints ** o.blocks} times`, path: 'options.oraclePoints', hint: 'fewer points or blocks (at most 2000 clearings), or 0 to skip the oracle' });
        yield { fraction: 0.8, stage: `grid-search oracle: ${o.oraclePoints ** o.blocks} clearings` };
        const g = gridOracle(model, o.oraclePoints);
        oracle = { ...outcome(g.best), points: g.points, step: g.step };
        grid = g.grid;
      }
      const data: AdnOperatorData = {
        T: model.T, blocks: o.blocks, blockOfPeriod: Array.from({ length: model.T }, (_, t) => blockOf(t, model.T, o.blocks)), adderMin: o.adderMin, adderMax: o.adderMax,
        lossCostPerKw2h: o.lossCostPerKw2h, upstreamPricePerKwh: model.upstreamPricePerKwh, episodes: o.episodes, curve,
        baseline: outcome(baseline), learned: outcome(learned), oracle, grid, policy: sac.policyWeights(), clearings: model.clearings,
      };
      const welfareGap = oracle ? oracle.welfare - learned.welfare : null;
      const gain = oracle ? Math.max(oracle.welfare - baseline.welfare, 1e-9 * Math.abs(baseline.welfare)) : null;
      return {
        data,
        certificate: {
          marketGap: learned.marketGap, marketImbalanceKw: learned.marketImbalanceKw, marketCertified: learned.marketCertified,
          welfareGap, gainGap: welfareGap === null ? null : welfareGap / gain!, oracleGapTolerance: o.oracleGapTolerance,
          scope: 'the learned control re-cleared by the dual-ascent market (its own certificate: gap to the centralised optimum of the pool); welfare against the best of an even grid of adders (not a global optimum between grid points)',
        },
      };
    } finally {
      sac.dispose();
    }
  },
  verdict(c) {
    const gap = c.gainGap ?? 0;
    const failed = !c.marketCertified;
    return atMost('share of the grid-search oracle\'s welfare gain not reached', failed ? Math.max(gap, 1) : gap, c.oracleGapTolerance, () =>
      [gap > c.oracleGapTolerance ? `the learned tariff reaches ${(100 * (1 - gap)).toFixed(1)} % of the oracle's welfare gain` : '', failed ? `the market at the learned tariff is not certified (gap ${c.marketGap.toExponential(2)} to the centralised optimum)` : ''].filter(Boolean).join('; '),
    );
  },
};
