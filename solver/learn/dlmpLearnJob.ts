/**
 * The `dlmp-learn` job: the carbon-aware DLMP market of the scenario's
 * feeder (dlmpMarket.ts) priced by the opf job's LP on the run's LP
 * backend, the surrogate and the two MATD3 runs (dlmpLearn.ts). The
 * certificate holds the surrogate's held-out error against its tolerance,
 * the exact re-pricing of the surrogate-trained actions, the outcome gap
 * and the Nash equilibria's exploitability; the verdict asks for the first
 * within tolerance and every equilibrium converged.
 */
import type { JobDefinition } from '../jobs/types.ts';
import { SolverError } from '../jobs/errors.ts';
import { atMost } from '../jobs/certification.ts';
import { ExactOpfPricer, marketLp, type DlmpMarketSpec } from './dlmpMarket.ts';
import { learnDlmpMarket } from './dlmpLearn.ts';
import type { DlmpLearnOptions } from '../jobs/kinds/dlmpLearn.ts';
import type { Scenario } from '../scenario/schema.ts';

export function marketSpecOf(scenario: Scenario, o: DlmpLearnOptions): DlmpMarketSpec {
  const T = scenario.time.T;
  return {
    agents: o.agents,
    periods: o.periods ?? (T >= 24 ? [3, 12, 18] : [0]),
    loadLow: o.loadLow, loadHigh: o.loadHigh, carbonPricePerKg: o.carbonPricePerKg, polygonSides: o.polygonSides, stepsPerEpisode: o.stepsPerEpisode,
  };
}

export const dlmpLearnJob: JobDefinition<'dlmp-learn'> = {
  kind: 'dlmp-learn',
  usesLp: true,
  // the carbon-priced LP of the market's first period (its balances at load level 1 and no injections)
  buildLp: (scenario, o) => marketLp(scenario, marketSpecOf(scenario, o).periods[0]!, o.carbonPricePerKg, o.polygonSides).model,
  *run(scenario, o, ctx) {
    if (!ctx.lp) throw new SolverError({ code: 'internal', message: 'the dlmp-learn job needs an LP backend and none was loaded' });
    const market = marketSpecOf(scenario, o);
    const seed = o.seed ?? ctx.seed;
    const exact = new ExactOpfPricer(scenario, market, ctx.lp);
    try {
      const steps = o.episodes * o.stepsPerEpisode;
      let result;
      try {
        result = yield* learnDlmpMarket(exact, {
          market, samples: o.samples, heldOutShare: o.heldOutShare,
          surrogate: { hidden: o.surrogateHidden, epochs: o.surrogateEpochs, batch: o.surrogateBatch, lr: o.surrogateLr },
          ...(o.surrogate ? { savedSurrogate: o.surrogate } : {}),
          episodes: o.episodes,
          matd3: {
            hidden: o.hidden, actorLr: o.actorLr, criticLr: o.criticLr, gamma: o.gamma, tau: o.tau, batch: o.batch, buffer: o.buffer, warmup: o.warmup,
            noiseFrom: o.noiseFrom, noiseTo: o.noiseTo, noiseDecay: o.noiseDecay ?? Math.max(1, Math.round((2 * steps) / 3)),
          },
          evalLoads: o.evalLoads, bestResponseGrid: o.bestResponseGrid, seed,
        });
      } catch (e) {
        if (e instanceof RangeError) throw new SolverError({ code: 'invalid-options', message: e.message, path: o.surrogate ? 'options.surrogate' : 'options' });
        throw e;
      }
      const h = result.surrogate.heldOut;
      return {
        data: { ...result, episodes: o.episodes, stepsPerEpisode: o.stepsPerEpisode, loadLow: o.loadLow, loadHigh: o.loadHigh },
        certificate: {
          heldOutMae: h.mae, heldOutMaxError: h.maxError, heldOutAgentMae: h.agentMae, surrogateTolerance: o.surrogateTolerance,
          repriceMeanAbs: result.reprice.meanAbs, repriceMax: result.reprice.max,
          profitGap: result.gap.profit, priceGap: result.gap.price, welfareGap: result.gap.welfare,
          nashExploitability: Math.max(0, ...result.evaluation.map((p) => p.nash.exploitability)),
          nashConverged: result.evaluation.every((p) => p.nash.converged),
          opfSolves: result.opfSolves,
          scope: 'the surrogate\'s mean absolute DLMP error at the agents\' buses on held-out exact OPF solves; every evaluated action re-priced by the exact OPF; the Nash equilibria of the evaluated stage games by best-response iteration on the exact OPF (exploitability on a grid of injections plus each piece\'s price-taker point). It does not certify that the traders reach the equilibrium: their exploitability is reported, not bounded.',
        },
      };
    } finally {
      exact.dispose();
    }
  },
  verdict(c, o) {
    const nashOk = c.nashConverged && c.nashExploitability <= o.nashTolerance;
    const value = nashOk ? c.heldOutAgentMae : Math.max(c.heldOutAgentMae, 2 * o.surrogateTolerance);
    return atMost('surrogate held-out mean absolute DLMP error at the agents\' buses (currency/kWh)', value, o.surrogateTolerance, () =>
      [c.heldOutAgentMae > o.surrogateTolerance ? `the surrogate's held-out error ${c.heldOutAgentMae.toFixed(4)} is above ${o.surrogateTolerance}` : '', nashOk ? '' : `the best-response iteration left an exploitability of ${c.nashExploitability.toExponential(2)}${c.nashConverged ? '' : ' (not converged)'}`].filter(Boolean).join('; '),
    );
  },
};
