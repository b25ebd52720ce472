/** Small road networks with known equilibria, built by hand, and a runner of the traffic job. */
import type { ScenarioInput, Transport } from '../../../solver/scenario/schema.ts';
import { validateScenario, formatIssue } from '../../../solver/scenario/validate.ts';
import { runJob } from '../../../solver/jobs/run.ts';
import type { TrafficOptions } from '../../../solver/contract.ts';

type TransportInput = NonNullable<ScenarioInput['transport']>;

export function trafficScenario(transport: TransportInput): ScenarioInput {
  return {
    schemaVersion: 1,
    metadata: { name: 'test', job: 'traffic' },
    time: { T: 1, dtHours: 1, start: '2026-01-01T00:00' },
    network: { baseKv: 12.47, substation: { busId: 'grid' }, buses: [{ id: 'grid' }] },
    transport,
  };
}

export function validTransport(input: ScenarioInput): Transport {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(`invalid test scenario: ${v.issues.map(formatIssue).join('; ')}`);
  return v.value.transport!;
}

export const node = (id: string, x = 0, y = 0) => ({ id, x, y });

/**
 * Two routes from O to D: route 1 (O→A→D) costs 10 + 0.01·x, route 2 (the direct link O→D) 15 + 0.005·x
 * (BPR with β = 1). Equal costs: x₁ = (5 + 0.005·D) / 0.015 when 0 < x₁ < D.
 */
export function twoRoutes(demand: number): TransportInput {
  return {
    nodes: [node('O', 0, 0), node('A', 1, 1), node('D', 2, 0)],
    links: [
      { id: 'OA', from: 'O', to: 'A', freeFlowMin: 10, capacityVehPerH: 1000, bprAlpha: 1, bprBeta: 1 },
      { id: 'AD', from: 'A', to: 'D', freeFlowMin: 0, capacityVehPerH: 1000 },
      { id: 'OD', from: 'O', to: 'D', freeFlowMin: 15, capacityVehPerH: 3000, bprAlpha: 1, bprBeta: 1 },
    ],
    demand: [{ from: 'O', to: 'D', vehPerH: demand }],
  };
}

/**
 * Braess's network with 4000 vehicles from S to E: S→A and B→E cost 20 + 0.01·x, A→E and S→B a flat 65.
 * Without the bridge A→B both routes carry 2000 at 105 min; with a free bridge everyone takes S→A→B→E at 120 min.
 */
export function braess(withBridge: boolean): TransportInput {
  const congestible = (id: string, from: string, to: string) => ({ id, from, to, freeFlowMin: 20, capacityVehPerH: 2000, bprAlpha: 1, bprBeta: 1 });
  const flat = (id: string, from: string, to: string) => ({ id, from, to, freeFlowMin: 65, capacityVehPerH: 2000, bprAlpha: 0 });
  return {
    nodes: [node('S', 0, 1), node('A', 1, 2), node('B', 1, 0), node('E', 2, 1)],
    links: [
      congestible('SA', 'S', 'A'),
      flat('AE', 'A', 'E'),
      flat('SB', 'S', 'B'),
      congestible('BE', 'B', 'E'),
      ...(withBridge ? [{ id: 'AB', from: 'A', to: 'B', freeFlowMin: 0, capacityVehPerH: 2000 }] : []),
    ],
    demand: [{ from: 'S', to: 'E', vehPerH: 4000 }],
  };
}

export async function solveTrafficJob(input: ScenarioInput, options: Partial<TrafficOptions> = {}) {
  return runJob({ kind: 'traffic', scenario: input, options, seed: 1, backend: 'glpk' });
}
