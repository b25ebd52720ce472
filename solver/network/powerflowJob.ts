/**
 * The `powerflow` job: one backward/forward sweep power flow per period of the
 * horizon, reported per bus and per line with the scenario's ids, plus a
 * summary (energy losses, extreme voltages, loading, limit violations) and the
 * certificate (largest power mismatch, sweeps, residual history).
 */
import type { BusVoltage, LimitViolation, LineFlow, PowerflowCertificate, PowerflowData, PowerflowPeriod } from '../contract.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { JobDefinition } from '../jobs/types.ts';
import { SolverError } from '../jobs/errors.ts';
import { atMost } from '../jobs/certification.ts';
import { prepareFeeder, sweep, type Feeder, type SweepOptions, type SweepSolution } from './powerflow.ts';
import { powerflowWarmState, warmVoltages, type PeriodStart } from './warmStart.ts';

/** Voltages and loadings this close to a limit are not reported as violations (numerical noise). */
const LIMIT_SLACK = 1e-9;

/**
 * Load multiplier of each bus in each period: network.loadScale × the bus's
 * load profile value (1 without a profile). Row t, column bus index.
 */
export function loadMultipliers(scenario: Scenario): Float64Array[] {
  const { T } = scenario.time;
  const profiles = new Map(scenario.profiles.map((p) => [p.id, p.values]));
  const scale = scenario.network.loadScale;
  return Array.from({ length: T }, (_, t) =>
    Float64Array.from(scenario.network.buses, (b) => {
      const values = b.loadProfile === undefined ? undefined : profiles.get(b.loadProfile);
      return scale * (values ? values[t]! : 1);
    }),
  );
}

export const powerflowJob: JobDefinition<'powerflow'> = {
  kind: 'powerflow',
  *run(scenario, options, ctx) {
    const net = scenario.network;
    const { T, dtHours } = scenario.time;
    const feeder = prepareFeeder(net);
    const warm = ctx.warmStart === undefined ? undefined : warmVoltages(T, net.buses.length, ctx.warmStart);
    const multipliers = loadMultipliers(scenario);
    const kvaPerPu = feeder.baseMva * 1000;
    const n = net.buses.length;
    const pLoad = new Float64Array(n);
    const qLoad = new Float64Array(n);

    const periods: PowerflowPeriod[] = [];
    const iterationsByPeriod: number[] = [];
    let maxMismatchKva = 0;
    let lastVoltageChangePu = 0;
    let residualHistory: number[] = [];

    for (let t = 0; t < T; t++) {
      const mult = multipliers[t]!;
      net.buses.forEach((b, i) => {
        pLoad[i] = (b.pdKw * mult[i]!) / kvaPerPu;
        qLoad[i] = (b.qdKvar * mult[i]!) / kvaPerPu;
      });
      const solution = sweepPeriod(feeder, pLoad, qLoad, options, t, T, warm?.starts?.[t]);
      const period = describePeriod(scenario, feeder, solution, pLoad, qLoad, t);
      periods.push(period);
      iterationsByPeriod.push(solution.iterations);
      maxMismatchKva = Math.max(maxMismatchKva, solution.maxMismatchPu * kvaPerPu);
      const residual = solution.residualHistory[solution.residualHistory.length - 1]!;
      lastVoltageChangePu = Math.max(lastVoltageChangePu, residual);
      if (solution.residualHistory.length > residualHistory.length) residualHistory = solution.residualHistory;
      yield {
        fraction: (t + 1) / T,
        stage: `period ${t + 1}/${T}`,
        metrics: { period: t, iterations: solution.iterations, residual },
      };
    }

    const data: PowerflowData = { T, dtHours, periods, summary: summarise(scenario, periods) };
    const certificate: PowerflowCertificate = {
      maxMismatchKva,
      lastVoltageChangePu,
      iterations: Math.max(...iterationsByPeriod),
      iterationsByPeriod,
      residualHistory,
      tolerancePu: options.tolerancePu,
    };
    return { data, certificate, ...(warm ? { warmStart: warm.use } : {}) };
  },
  // every period converged or the job threw not-converged; the last sweep's voltage change is the evidence
  verdict: (c) => atMost('last voltage change, p.u.', c.lastVoltageChangePu, c.tolerancePu, () => `the last sweep still changed a voltage by ${c.lastVoltageChangePu.toExponential(2)} p.u. > tolerance ${c.tolerancePu}`),
  warmState: powerflowWarmState,
};

/** One period's sweep; a failure names the period it happened in. */
export function sweepPeriod(feeder: Feeder, pLoad: Float64Array, qLoad: Float64Array, options: SweepOptions, t: number, T: number, start?: PeriodStart): SweepSolution {
  try {
    return sweep(feeder, pLoad, qLoad, options, start);
  } catch (e) {
    if (!(e instanceof SolverError) || T === 1) throw e;
    throw new SolverError({ ...e.error, message: `period ${t + 1}/${T}: ${e.error.message}`, details: { ...e.error.details, period: t } });
  }
}

/** Maps one period's phasors back to the scenario's buses and lines, in kW, kvar, A and degrees. */
export function describePeriod(
  scenario: Scenario,
  feeder: Feeder,
  s: SweepSolution,
  pLoad: Float64Array,
  qLoad: Float64Array,
  t: number,
): PowerflowPeriod {
  const net = scenario.network;
  const { topology, baseMva } = feeder;
  const kvaPerPu = baseMva * 1000;
  const toDeg = 180 / Math.PI;

  const buses: BusVoltage[] = net.buses.map((b, i) => ({
    id: b.id,
    vmPu: Math.hypot(s.vRe[i]!, s.vIm[i]!),
    vaDeg: Math.atan2(s.vIm[i]!, s.vRe[i]!) * toDeg,
  }));

  let lossesKw = 0;
  let lossesKvar = 0;
  const lines: LineFlow[] = net.lines.map((line, k) => {
    const c = topology.fedBus[k]!;
    if (c < 0) return { id: line.id, from: line.from, to: line.to, pKw: 0, qKvar: 0, iA: 0, lossKw: 0, loadingPct: line.rateKva === undefined ? null : 0 };
    const up = topology.parent[c]!;
    const ir = s.iRe[c]!, ii = s.iIm[c]!;
    // power entering at the upstream end, V·conj(I), in the direction of the current
    let pPu = s.vRe[up]! * ir + s.vIm[up]! * ii;
    let qPu = s.vIm[up]! * ir - s.vRe[up]! * ii;
    if (topology.reversed[k]) {
      // the line's `from` end is downstream: power entering there is −V_c·conj(I)
      pPu = -(s.vRe[c]! * ir + s.vIm[c]! * ii);
      qPu = -(s.vIm[c]! * ir - s.vRe[c]! * ii);
    }
    const i2 = ir * ir + ii * ii;
    const lossKw = feeder.zRe[c]! * i2 * kvaPerPu;
    lossesKw += lossKw;
    lossesKvar += feeder.zIm[c]! * i2 * kvaPerPu;
    const baseCurrentA = (baseMva * 1000) / (Math.sqrt(3) * feeder.baseKv[c]!);
    const pKw = pPu * kvaPerPu;
    const qKvar = qPu * kvaPerPu;
    return {
      id: line.id,
      from: line.from,
      to: line.to,
      pKw,
      qKvar,
      iA: Math.sqrt(i2) * baseCurrentA,
      lossKw,
      loadingPct: line.rateKva === undefined ? null : (Math.hypot(pKw, qKvar) / line.rateKva) * 100,
    };
  });

  // substation supply = its own load + what leaves it into its lines
  const root = topology.root;
  let subP = pLoad[root]!;
  let subQ = qLoad[root]!;
  for (const c of topology.children[root]!) {
    subP += s.vRe[root]! * s.iRe[c]! + s.vIm[root]! * s.iIm[c]!;
    subQ += s.vIm[root]! * s.iRe[c]! - s.vRe[root]! * s.iIm[c]!;
  }

  let minI = 0;
  let maxI = 0;
  buses.forEach((b, i) => {
    if (b.vmPu < buses[minI]!.vmPu) minI = i;
    if (b.vmPu > buses[maxI]!.vmPu) maxI = i;
  });
  let loadKw = 0;
  let loadKvar = 0;
  for (let i = 0; i < pLoad.length; i++) {
    loadKw += pLoad[i]! * kvaPerPu;
    loadKvar += qLoad[i]! * kvaPerPu;
  }

  return {
    t,
    loadKw,
    loadKvar,
    substationKw: subP * kvaPerPu,
    substationKvar: subQ * kvaPerPu,
    lossesKw,
    lossesKvar,
    minVoltage: { bus: buses[minI]!.id, vmPu: buses[minI]!.vmPu },
    maxVoltage: { bus: buses[maxI]!.id, vmPu: buses[maxI]!.vmPu },
    iterations: s.iterations,
    buses,
    lines,
  };
}

/** Horizon totals and every limit violation (bus vminPu/vmaxPu, line rateKva). */
function summarise(scenario: Scenario, periods: PowerflowPeriod[]): PowerflowData['summary'] {
  const net = scenario.network;
  const dt = scenario.time.dtHours;
  let energyLossesKwh = 0;
  let peakLossesKw = { t: 0, kw: -Infinity };
  let minVoltage = { bus: '', vmPu: Infinity, t: 0 };
  let maxLoadingPct: { line: string; pct: number; t: number } | null = null;
  const violations: LimitViolation[] = [];

  for (const p of periods) {
    energyLossesKwh += p.lossesKw * dt;
    if (p.lossesKw > peakLossesKw.kw) peakLossesKw = { t: p.t, kw: p.lossesKw };
    if (p.minVoltage.vmPu < minVoltage.vmPu) minVoltage = { ...p.minVoltage, t: p.t };
    p.buses.forEach((b, i) => {
      const { vminPu, vmaxPu } = net.buses[i]!;
      if (b.vmPu < vminPu - LIMIT_SLACK) violations.push({ kind: 'undervoltage', id: b.id, t: p.t, value: b.vmPu, limit: vminPu });
      if (b.vmPu > vmaxPu + LIMIT_SLACK) violations.push({ kind: 'overvoltage', id: b.id, t: p.t, value: b.vmPu, limit: vmaxPu });
    });
    for (const l of p.lines) {
      if (l.loadingPct === null) continue;
      if (maxLoadingPct === null || l.loadingPct > maxLoadingPct.pct) maxLoadingPct = { line: l.id, pct: l.loadingPct, t: p.t };
      if (l.loadingPct > 100 + LIMIT_SLACK) violations.push({ kind: 'overload', id: l.id, t: p.t, value: l.loadingPct, limit: 100 });
    }
  }
  return { energyLossesKwh, peakLossesKw, minVoltage, maxLoadingPct, violations };
}
