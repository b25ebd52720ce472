/** Shared fixtures of the network tests: where the reference data lives (assets/networks/), and small feeders built by hand. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PowerflowOptions } from '../../../solver/contract.ts';
import type { JobOutput } from '../../../solver/jobs/types.ts';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import { validateScenario, formatIssue } from '../../../solver/scenario/validate.ts';
import { powerflowJob } from '../../../solver/network/powerflowJob.ts';

export const repoRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

/** The MATPOWER feeders shipped with the repository (assets/networks/matpower/README.md). */
export const matpowerDir = path.join(repoRoot, 'assets/networks/matpower');

export const readAsset = (name: string) => readFileSync(path.join(repoRoot, 'assets', name), 'utf8');

export const defaultOptions: PowerflowOptions = { maxIterations: 100, tolerancePu: 1e-8 };

/** Validates a scenario and runs the powerflow job to completion (no runner, no progress). */
export function solvePowerflow(input: ScenarioInput, options: Partial<PowerflowOptions> = {}): JobOutput<'powerflow'> {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(`invalid test scenario: ${v.issues.map(formatIssue).join('; ')}`);
  const gen = powerflowJob.run(v.value, { ...defaultOptions, ...options }, { seed: 1, backend: 'glpk' });
  for (;;) {
    const step = gen.next();
    if (step.done) return step.value;
  }
}

export interface SketchLine {
  id: string;
  from: string;
  to: string;
  rOhm?: number;
  xOhm?: number;
  rateKva?: number;
  inService?: boolean;
}

/** A one-period feeder at 12.66 kV / 10 MVA rooted at bus "1"; every non-root bus draws 100 kW + 50 kvar unless given. */
export function feeder(busIds: string[], lines: SketchLine[], loads: Record<string, [number, number]> = {}): ScenarioInput {
  return {
    schemaVersion: 1,
    metadata: { name: 'test feeder' },
    time: { T: 1, dtHours: 1, start: '2026-01-01T00:00' },
    network: {
      baseKv: 12.66,
      baseMva: 10,
      substation: { busId: '1' },
      buses: busIds.map((id) => {
        const [p, q] = loads[id] ?? (id === '1' ? [0, 0] : [100, 50]);
        return { id, pdKw: p, qdKvar: q };
      }),
      lines: lines.map((l) => ({ rOhm: 0.5, xOhm: 0.3, ...l })),
    },
  };
}
