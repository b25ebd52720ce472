/**
 * The `mg-bargaining` job (MODELS.md §7; docs/models/microgrids.md).
 *
 * Stages: each microgrid alone (disagreement costs C_i⁰) → P1 centralised
 * (social optimum with the trade pairing and the ADN's LinDistFlow limits:
 * the oracle) → P2 payments in closed form → P1 again by ADMM over warm
 * HiGHS sessions, one per agent, messages passing the simulated network of
 * `microgridCoordination.communication`. Certificate: the ADMM social cost
 * within `gapTolerance` of the centralised optimum, every microgrid better
 * off than alone, Σ payments = 0. An ADMM that stops at its iteration limit
 * returns its last iterate, marked not converged, and the answer is
 * uncertified.
 */
import type { JobDefinition, JobGenerator } from '../jobs/types.ts';
import type { MgBargainingCertificate, MgBargainingData, MgBargainingOptions, MgOutcome, MgPair, MgAdmmReport } from '../jobs/kinds/mgBargaining.ts';
import { SolverError } from '../jobs/errors.ts';
import { formatTolerance } from '../jobs/certification.ts';
import type { LpBackend } from '../lp/backend.ts';
import type { Scenario } from '../scenario/schema.ts';
import { MicrogridCoordination } from '../scenario/schema.ts';
import { allMicrogridInputs, type MicrogridInputs } from './inputs.ts';
import { buildP1, solveAlone, solveP1 } from './centralised.ts';
import { nashPayments } from './bargaining.ts';
import { admm, type AdmmResult } from './admm.ts';
import type { MicrogridStepsFactory } from './localSteps.ts';
import { makeSafe } from './networkSafety.ts';

/** The scenario's coordination settings with every default filled in. */
export function coordinationOf(s: Scenario): MicrogridCoordination {
  return s.microgridCoordination ?? MicrogridCoordination.parse({});
}

function microgridsOf(s: Scenario): MicrogridInputs[] {
  if (s.microgrids.length < 2) throw new SolverError({ code: 'invalid-scenario', message: `microgrids: bargaining needs at least two microgrids, the scenario has ${s.microgrids.length}`, path: 'microgrids' });
  return allMicrogridInputs(s);
}

const now = () => performance.now();

function* run(s: Scenario, options: MgBargainingOptions, lp: LpBackend, seed: number, steps?: MicrogridStepsFactory): JobGenerator<'mg-bargaining'> {
  const inputs = microgridsOf(s);
  const T = s.time.T;
  yield { fraction: 0.02, stage: 'each microgrid alone (disagreement point)' };
  const alone = solveAlone(lp, inputs);

  yield { fraction: 0.08, stage: 'P1: social optimum, centralised' };
  const t0 = now();
  const p1 = solveP1(lp, s, inputs, options.network, options.polygonSides);
  const centralisedMs = now() - t0;
  const bargain = nashPayments(alone.map((d) => d.cost), p1.dispatch.map((d) => d.cost));

  let result: AdmmResult | null = null;
  let admmReport: MgAdmmReport | null = null;
  if (options.admm) {
    const coord = coordinationOf(s);
    const t1 = now();
    const iteration = admm(lp, s, inputs, { ...coord.admm, network: options.network, polygonSides: options.polygonSides, links: coord.communication, seed, ...(steps ? { steps } : {}) });
    for (;;) {
      const step = iteration.next();
      if (step.done) {
        result = step.value;
        break;
      }
      const it = step.value;
      if (it.k % 10 === 0) {
        const closeness = Math.log10(Math.max(it.primal / Math.max(it.epsPrimal, 1e-300), 1));
        yield { fraction: 0.1 + 0.85 * Math.min(it.k / coord.admm.maxIterations + 0.5 / (1 + closeness), 1) * 0.99, stage: 'P1 by ADMM', metrics: { iteration: it.k, primal: it.primal, dual: it.dual, rho: it.rho } };
      }
    }
    admmReport = {
      converged: result.converged,
      iterations: result.iterations,
      history: result.history,
      relativeGap: Math.abs(result.socialCost - p1.socialCost) / Math.max(1e-9, Math.abs(p1.socialCost)),
      solves: result.solves,
      workingSetSolves: result.workingSetSolves,
      stepThreads: result.stepThreads,
      solveMs: result.solveMs,
      totalMs: now() - t1,
      lossProbability: coord.communication.lossProbability,
      maxDelayIterations: coord.communication.maxDelayIterations,
      messages: result.messages,
    };
  }

  let safety = null;
  if (options.network && options.networkSafety) {
    yield { fraction: 0.97, stage: 'network safety: AC power flow of the traded injections' };
    safety = makeSafe(lp, s, inputs, p1.dispatch, options.polygonSides);
  }

  const microgrids: MgOutcome[] = inputs.map((mg, i) => ({
    id: mg.id,
    busId: mg.busId,
    costAlone: alone[i]!.cost,
    costOptimum: p1.dispatch[i]!.cost,
    payment: bargain.payments[i]!,
    finalCost: bargain.finalCosts[i]!,
    gain: bargain.gains[i]!,
    costAdmm: result ? result.dispatch[i]!.cost : null,
    alone: alone[i]!,
    optimum: p1.dispatch[i]!,
  }));
  const pairs: MgPair[] = p1.p1.pairs.map(({ a, b }, k) => ({
    a: inputs[a]!.id,
    b: inputs[b]!.id,
    tradeKw: p1.dispatch[a]!.tradesKw[inputs[b]!.id]!.slice(0, T),
    admmTradeKw: result ? result.tradesKw[k]! : null,
    pricePerKwh: result ? result.pricePerKwh[k]! : null,
  }));
  const data: MgBargainingData = {
    T,
    dtHours: s.time.dtHours,
    network: options.network,
    busIds: s.network.buses.map((b) => b.id),
    microgrids,
    pairs,
    socialCost: { alone: alone.reduce((a, d) => a + d.cost, 0), optimum: p1.socialCost, admm: result?.socialCost ?? null },
    totalSaving: bargain.totalSaving,
    admm: admmReport,
    voltagePu: p1.voltagePu,
    dlmp: p1.dlmp,
    safety,
    centralisedMs,
  };
  const certificate: MgBargainingCertificate = {
    centralisedCost: p1.socialCost,
    admmCost: result?.socialCost ?? null,
    relativeGap: admmReport?.relativeGap ?? 0,
    gapTolerance: options.gapTolerance,
    admmConverged: admmReport?.converged ?? null,
    minGain: Math.min(...bargain.gains),
    paymentSum: bargain.paymentSum,
    backend: lp.name,
  };
  const warnings = certificateFailures(certificate);
  if (safety && !safety.safe) warnings.push(`the AC power flow still violates ${safety.rounds.at(-1)!.violations.length} limits after ${safety.rounds.length} rounds of exchange adjustment (the microgrids lack the room to move further)`);
  return { data, certificate, warnings };
}

/** The certificate's failed checks in words (empty when it holds). */
export function certificateFailures(c: MgBargainingCertificate): string[] {
  const out: string[] = [];
  if (c.admmConverged === false) out.push('ADMM stopped at its iteration limit without meeting its stopping rule: the answer is its last iterate');
  if (c.relativeGap > c.gapTolerance) out.push(`the ADMM social cost ${c.admmCost?.toFixed(4)} is ${c.relativeGap.toExponential(2)} (relative) from the centralised optimum ${c.centralisedCost.toFixed(4)}, above ${formatTolerance(c.gapTolerance)}`);
  if (!(c.minGain > 0)) out.push(`not every microgrid is better off than alone (smallest gain ${c.minGain.toFixed(6)}): P2P trading saves nothing to share`);
  const scale = Math.max(1, Math.abs(c.centralisedCost));
  if (Math.abs(c.paymentSum) > 1e-9 * scale) out.push(`the payments do not sum to zero (${c.paymentSum.toExponential(2)})`);
  return out;
}

export const mgBargainingJob: JobDefinition<'mg-bargaining'> = {
  kind: 'mg-bargaining',
  verdict: (c) => {
    const failures = certificateFailures(c);
    return { certified: failures.length === 0, measure: 'ADMM relative cost gap to the centralised optimum (and every microgrid better off, Σ payments = 0)', value: failures.length === 0 || c.relativeGap > c.gapTolerance ? c.relativeGap : Infinity, tolerance: c.gapTolerance, reason: failures.length === 0 ? null : failures.join('; ') };
  },
  usesLp: true,
  lpBackend: 'highs',
  buildLp(s, options) {
    return buildP1(s, microgridsOf(s), options.network, options.polygonSides).model;
  },
  run(s, options, ctx) {
    if (!ctx.lp) throw new Error('mg-bargaining needs a loaded HiGHS backend in ctx.lp');
    return run(s, options, ctx.lp, ctx.seed, ctx.microgridSteps);
  },
};
