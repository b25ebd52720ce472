/** Shared fixtures of the OPF tests: running the job with a loaded backend, and a small feeder with binding limits. */
import type { OpfOptions } from '../../../solver/contract.ts';
import type { JobOutput } from '../../../solver/jobs/types.ts';
import type { ScenarioInput, Scenario } from '../../../solver/scenario/schema.ts';
import { validateScenario, formatIssue } from '../../../solver/scenario/validate.ts';
import { OpfOptions as OpfOptionsSchema } from '../../../solver/contract.ts';
import { loadLpBackend, type LpBackendName } from '../../../solver/lp/backend.ts';
import { opfJob } from '../../../solver/opf/opfJob.ts';

export function valid(input: ScenarioInput): Scenario {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(`invalid test scenario: ${v.issues.map(formatIssue).join('; ')}`);
  return v.value;
}

export const opfOptions = (options: Partial<OpfOptions> = {}): OpfOptions => OpfOptionsSchema.parse(options);

/** Runs the opf job's generator to completion with the named backend. */
export async function solveOpf(input: ScenarioInput, backend: LpBackendName = 'glpk', options: Partial<OpfOptions> = {}): Promise<JobOutput<'opf'>> {
  const lp = await loadLpBackend(backend);
  const gen = opfJob.run(valid(input), opfOptions(options), { seed: 1, backend, lp });
  for (;;) {
    const step = gen.next();
    if (step.done) return step.value;
  }
}

/**
 * Five buses in a chain 1–2–3–4–5 over two periods. Line L1 (1–2) is rated
 * below the demand, so it congests and the generator at bus 3 is marginal;
 * bus 5's lower voltage limit binds, so the dearer generator at bus 5 runs
 * too. Both generators end strictly inside their ranges: the duals are unique.
 */
export function congestedFeeder(): ScenarioInput {
  return {
    schemaVersion: 1,
    metadata: { name: 'congested chain' },
    time: { T: 2, dtHours: 1, start: '2026-07-01T18:00' },
    profiles: [{ id: 'evening', kind: 'load', values: [1, 0.9] }],
    network: {
      baseKv: 12.66,
      baseMva: 10,
      substation: { busId: '1', importPricePerKwh: 0.1, exportPricePerKwh: 0.02 },
      buses: [
        { id: '1' },
        { id: '2', pdKw: 200, qdKvar: 80, loadProfile: 'evening' },
        { id: '3', pdKw: 300, qdKvar: 100, loadProfile: 'evening' },
        { id: '4', pdKw: 800, qdKvar: 300, loadProfile: 'evening' },
        { id: '5', pdKw: 700, qdKvar: 300, loadProfile: 'evening', vminPu: 0.985 },
      ],
      lines: [
        { id: 'L1', from: '1', to: '2', rOhm: 0.3, xOhm: 0.2, rateKva: 1200 },
        { id: 'L2', from: '2', to: '3', rOhm: 0.6, xOhm: 0.4 },
        { id: 'L3', from: '3', to: '4', rOhm: 0.8, xOhm: 0.6 },
        { id: 'L4', from: '4', to: '5', rOhm: 1.0, xOhm: 0.7 },
      ],
      der: {
        generators: [
          { id: 'g3', busId: '3', pMaxKw: 1500, costPerKwh: 0.3, carbonKgPerKwh: 0.6 },
          { id: 'g5', busId: '5', pMaxKw: 1500, costPerKwh: 0.5, carbonKgPerKwh: 0.8 },
        ],
      },
    },
  };
}
