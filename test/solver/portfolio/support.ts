/** Running the portfolio jobs' generators to completion in tests. */
import type { JobKind } from '../../../solver/contract.ts';
import { jobOptionSchemas, type JobOptions } from '../../../solver/contract.ts';
import type { JobOutput } from '../../../solver/jobs/types.ts';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import { loadLpBackend, type LpBackendName } from '../../../solver/lp/backend.ts';
import { portfolioJob } from '../../../solver/portfolio/portfolioJob.ts';
import { portfolioEvaluateJob } from '../../../solver/portfolio/evaluateJob.ts';
import { validScenario } from './fixtures.ts';

function drain<K extends JobKind>(gen: Generator<unknown, JobOutput<K>, void>): JobOutput<K> {
  for (;;) {
    const step = gen.next();
    if (step.done) return step.value;
  }
}

export async function optimise(input: ScenarioInput, backend: LpBackendName = 'highs', seed = 1): Promise<JobOutput<'portfolio'>> {
  const lp = await loadLpBackend(backend);
  return drain(portfolioJob.run(validScenario(input), jobOptionSchemas.portfolio.parse({}) as JobOptions<'portfolio'>, { seed, backend, lp }));
}

export function evaluate(input: ScenarioInput, volumesKw: Record<string, number>, seed = 1): JobOutput<'portfolio-evaluate'> {
  return drain(portfolioEvaluateJob.run(validScenario(input), jobOptionSchemas['portfolio-evaluate'].parse({ volumesKw }) as JobOptions<'portfolio-evaluate'>, { seed, backend: 'glpk' }));
}

export const relDiff = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);
