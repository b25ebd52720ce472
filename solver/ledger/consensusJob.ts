/**
 * The `consensus` job: the PBFT simulation (pbft.ts) with the options of the
 * kind module, seeded by the request's seed. Its certificate is the pair of
 * verdicts: status `ok` when safety and liveness both hold, `uncertified`
 * (CLI exit 4) when the run exhibits a violation — which it must when more
 * than f validators are faulty and they are silent or equivocate.
 */
import type { JobDefinition } from '../jobs/types.ts';
import { SolverError } from '../jobs/errors.ts';
import { atMost } from '../jobs/certification.ts';
import { simulatePbft } from './pbft.ts';

export const consensusJob: JobDefinition<'consensus'> = {
  kind: 'consensus',
  *run(_scenario, o, ctx) {
    const n = 3 * o.f + 1;
    if (o.faulty > n) throw new SolverError({ code: 'invalid-options', message: `${o.faulty} faulty validators among n = ${n}`, path: 'options.faulty', hint: `at most ${n}; f = ${o.f} gives n = 3f + 1 = ${n}` });
    yield { fraction: 0, stage: `PBFT with ${n} validators, ${o.faulty} faulty (${o.behaviour})` };
    const faulty = Array.from({ length: o.faulty }, (_, i) => (o.faultyPrimary ? i : n - 1 - i));
    const data = simulatePbft({ f: o.f, faulty, behaviour: o.behaviour, blocks: o.blocks, seed: ctx.seed, minDelay: o.minDelay, maxDelay: o.maxDelay, timeoutRounds: o.timeoutRounds, maxTimeoutRounds: o.maxTimeoutRounds, horizonRounds: o.horizonRounds, timelineLimit: o.timelineLimit });
    const violations = (data.safety.holds ? 0 : 1) + (data.liveness.holds ? 0 : 1);
    return {
      data,
      certificate: {
        safety: data.safety.holds,
        liveness: data.liveness.holds,
        violations,
        n,
        f: o.f,
        faulty: o.faulty,
        scope: 'checks, over this seeded run: agreement of every honest validator on every committed block (safety) and that every honest validator committed every block before the horizon (liveness); one run, not a proof for all delays',
      },
      warnings: o.faulty > o.f ? [`${o.faulty} faulty validators exceed f = ${o.f}: PBFT guarantees neither safety nor liveness`] : [],
    };
  },
  verdict: (c) =>
    atMost('safety and liveness violations', c.violations, 0, () => [c.safety ? '' : 'two honest validators committed different blocks at one height', c.liveness ? '' : 'an honest validator did not commit every block before the horizon'].filter(Boolean).join('; ')),
};
