/**
 * Test doubles for the what-if engine: a three-bus feeder and a fast fake
 * power-flow executor whose numbers are simple functions of the scenario, so
 * engine tests run in milliseconds and know the answer.
 */
import type { JobRequest, JobResult, PowerflowData } from '../../../solver/contract.ts';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import { validateScenario, formatIssue } from '../../../solver/scenario/validate.ts';
import { requestHash } from '../../../solver/jobs/requestHash.ts';
import type { Executor } from '../../../solver/whatif/execute.ts';

export const threeBus: ScenarioInput = {
  schemaVersion: 1,
  metadata: { name: 'three-bus test feeder' },
  time: { T: 2, dtHours: 1, start: '2026-07-01T00:00' },
  profiles: [],
  network: {
    baseKv: 12.66,
    substation: { busId: '1' },
    buses: [
      { id: '1', pdKw: 0, qdKvar: 0 },
      { id: '2', pdKw: 100, qdKvar: 50 },
      { id: '3', pdKw: 200, qdKvar: 80 },
    ],
    lines: [
      { id: 'L1', from: '1', to: '2', rOhm: 0.1, xOhm: 0.05, rateKva: 1000 },
      { id: 'L2', from: '2', to: '3', rOhm: 0.2, xOhm: 0.1 },
    ],
  },
};

export const baseRequest: JobRequest<'powerflow'> = { kind: 'powerflow', scenario: threeBus };

/** losses = 10·s², voltage of bus b = 1 − 0.01·b·s·(t+1), loading = 50·s, for load scale s. */
export function fakePowerflow(request: JobRequest): JobResult<'powerflow'> {
  const hash = requestHash(request);
  const common = { job: 'powerflow' as const, warnings: [], timingsMs: { total: 1, validate: 0, solve: 1 }, scenarioHash: hash, version: '0.1.0' };
  const v = validateScenario(request.scenario);
  if (!v.ok) return { ...common, status: 'invalid', message: `the scenario is invalid: ${formatIssue(v.issues[0]!)}`, certificate: null, data: null };
  const s = v.value.network.loadScale;
  const periods = [0, 1].map((t) => {
    const buses = v.value.network.buses.map((b, i) => ({ id: b.id, vmPu: 1 - 0.01 * i * s * (t + 1), vaDeg: 0 }));
    const min = buses[buses.length - 1]!;
    return {
      t, loadKw: 300 * s, loadKvar: 130 * s, substationKw: 300 * s, substationKvar: 130 * s,
      lossesKw: 10 * s * s * (t + 1), lossesKvar: 5 * s * s,
      minVoltage: { bus: min.id, vmPu: min.vmPu }, maxVoltage: { bus: '1', vmPu: 1 }, iterations: 3, buses, lines: [],
    };
  });
  const data: PowerflowData = {
    T: 2,
    dtHours: 1,
    periods,
    summary: {
      energyLossesKwh: 30 * s * s,
      peakLossesKw: { t: 1, kw: 20 * s * s },
      minVoltage: { ...periods[1]!.minVoltage, t: 1 },
      maxLoadingPct: { line: 'L1', pct: 50 * s, t: 1 },
      violations: [],
    },
  };
  const certificate = { maxMismatchKva: 0, lastVoltageChangePu: 0, iterations: 3, iterationsByPeriod: [3, 3], residualHistory: [0], tolerancePu: 1e-8 };
  const verdict = { certified: true, measure: 'last voltage change, p.u.', value: 0, tolerance: 1e-8, reason: null };
  return { ...common, status: 'ok', message: 'solved', certificate, verdict, data };
}

/** The fake as an Executor that counts its calls and yields to the event loop like a worker would. */
export function countingExecutor(): Executor & { calls: number; maxInFlight: number } {
  let inFlight = 0;
  const exec = Object.assign(
    async (request: JobRequest) => {
      exec.calls++;
      inFlight++;
      exec.maxInFlight = Math.max(exec.maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 1));
      inFlight--;
      return fakePowerflow(request);
    },
    { calls: 0, maxInFlight: 0 },
  );
  return exec;
}
