/**
 * The AC power flow (backward/forward sweep, solver/network/powerflow.ts) of
 * the OPF's injections: loads minus the optimal DER dispatch, with the
 * substation as slack. It shows how far the lossless LinDistFlow voltages and
 * flows are from the AC ones, and supplies the losses the carbon flow carries.
 */
import type { PowerflowPeriod } from '../contract.ts';
import type { Scenario } from '../scenario/schema.ts';
import { describePeriod, sweepPeriod } from '../network/powerflowJob.ts';
import type { OpfLp } from './toLp.ts';
import type { PeriodInjections } from './dispatch.ts';

export interface AcPeriod {
  period: PowerflowPeriod;
  maxMismatchKva: number;
}

export function acPeriod(scenario: Scenario, lp: OpfLp, injections: PeriodInjections, t: number, options: { tolerancePu: number; maxIterations: number }): AcPeriod {
  const n = scenario.network.buses.length;
  const pLoad = new Float64Array(n);
  const qLoad = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    pLoad[j] = (lp.data.loadKw[t]![j]! - injections.pKw[j]!) / lp.kvaPerPu;
    qLoad[j] = (lp.data.loadKvar[t]![j]! - injections.qKvar[j]!) / lp.kvaPerPu;
  }
  const solution = sweepPeriod(lp.feeder, pLoad, qLoad, options, t, lp.T);
  return { period: describePeriod(scenario, lp.feeder, solution, pLoad, qLoad, t), maxMismatchKva: solution.maxMismatchPu * lp.kvaPerPu };
}
